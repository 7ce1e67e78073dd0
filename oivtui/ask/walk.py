"""``oivtui ask``: the questionnaire in plain lines on stdin/stdout, one field at a time.

For a screen reader, a ``TERM=dumb`` terminal or a script: no full-screen UI, no colours, no
cursor movement, no Textual. The same form, the same validation, the same file (saved after
every answer), the same lock as the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from oivtui.ask.lines import EndOfInput, Hangup, Lines, Quit, printable, signals_raise
from oivtui.files import storage
from oivtui.files.lock import LockedError, SessionLock
from oivtui.files.session import Position, Session
from questionnaire.form import kinds
from questionnaire.form.answers import Value, is_empty
from questionnaire.form.model import Field, Form, Question, Row, Step, join_address
from questionnaire.form.places import place, step_label
from questionnaire.form.rules import Problem, check_question, validate
from questionnaire.wordiff import diff_summary, value_text

HELP, BACK, QUIT, CLEAR = "?", "<", "!", "-"
PARAGRAPH = "."  # a line of only this, inside a long answer, separates two paragraphs
OTHER = "altra formulazione"
YES = {"s", "si", "sì", "y", "yes"}

KEYS = (
    "Tasti: invio su una riga vuota lascia la risposta attuale; ? aiuto; < torna al campo precedente; "
    "- cancella la risposta; ! salva ed esci. Nei testi lunghi: scrivi anche più righe, una riga "
    "vuota termina la risposta, una riga con solo un punto separa i paragrafi."
)
#: How each shape of answer is asked (``kinds.SHAPES``): the options by number, a long answer
#: (free text, one item a line) until a blank line, the rest on one line.
ASKED = {
    "line": "on one line",
    "text": "line by line until a blank one, «.» between paragraphs",
    "list": "one item a line until a blank one",
    "options": "the options numbered, then a number or the own wording",
}


def _needs(kind: kinds.Kind) -> str:
    """What the line mode needs of every kind: a way to ask its shape, and its hint on one line."""
    if kind.shape not in ASKED:
        return f"no way to ask the shape {kind.shape!r} (ASKED in oivtui/ask/walk.py)"
    if not kind.ask_hint.strip() or "\n" in kind.ask_hint:
        return "no ask_hint (one line, under the field's label)"
    return ""


kinds.requires("oivtui ask", _needs)


@dataclass(frozen=True)
class Item:
    """One field to ask, in reading order: header, staff table rows, blocks, annex."""

    step: Step
    question: Question
    row: Row | None
    field: Field

    @property
    def address(self) -> str:
        return join_address(self.question.id, self.row.key if self.row else "", self.field.key)

    @property
    def place(self) -> tuple[str, str, str]:
        return self.step.id, self.question.id, self.row.key if self.row else ""


def items(form: Form) -> list[Item]:
    return list(_items(form))


def _items(form: Form) -> Iterator[Item]:
    for step in form.steps:
        for question in step.questions:
            for row in question.rows or (None,):
                for fld in question.fields:
                    yield Item(step, question, row, fld)


# ---------------------------------------------------------------- parsing what was typed


def parse_choice(fld: Field, text: str) -> tuple[str | None, str]:
    """(value, "") or (None, Italian error); "" as value means "ask for the own wording"."""
    if fld.other and text.strip() == str(len(fld.options) + 1):
        return "", ""
    parsed = kinds.parse(fld, text)
    return parsed.value, parsed.error  # type: ignore[return-value]


def long_value(fld: Field, lines: list[str]) -> Value | None:
    """The lines of a long answer as the field stores them (a line of only "." between paragraphs)."""
    if kinds.kind_of(fld).shape == "list":
        return kinds.parse(fld, "\n".join(lines)).value
    text = "\n".join("" if line.strip() == PARAGRAPH else line.rstrip() for line in lines)
    return kinds.parse(fld, text.strip("\n")).value


def shown(value: object) -> str:
    """A stored value as the line mode prints it."""
    if is_empty(value):
        return ""
    return printable(value_text(value))


# ---------------------------------------------------------------- asking


class Asker:
    """Walks the items from the session's position, saving after every answer."""

    def __init__(self, session: Session, io: Lines) -> None:
        self.session = session
        self.form = session.form
        self.io = io
        self.items = items(self.form)
        self.announced: tuple[str, str, str] = ("", "", "")
        self.save_failed = False

    # -- flow

    def run(self) -> int:
        """0 when the questionnaire is saved (at its end, at ``!`` or at end of input), 1 if a save failed."""
        index = self.start_index()
        self.io.say(KEYS)
        try:
            while index < len(self.items):
                index = self.visit(index)
            self.finish()
        except Quit:
            self.io.say(f"Risposte salvate in {self.session.path}. Per riprendere: oivtui ask {self.session.path}")
        except EndOfInput:
            self.io.say(f"Fine dell'input: risposte salvate in {self.session.path}.")
        self.save()
        return 1 if self.save_failed else 0

    def start_index(self) -> int:
        position = self.session.position
        for number, item in enumerate(self.items):
            if item.address == position.field:
                return number
        for number, item in enumerate(self.items):
            if item.step.id == position.step:
                return number
        if position.step == "review":
            self.io.say("Il questionario era stato percorso fino in fondo: si riparte dall'inizio.")
        return 0

    def applies(self, item: Item) -> bool:
        """Whether the item's field applies as the answers stand (its ``relevant`` in the form)."""
        return self.session.answers.relevant(item.question, item.row.key if item.row else "", item.field)

    def following(self, index: int, step: int) -> int:
        """The next index from ``index`` (included) that applies, going ``step`` (+1 or -1);
        ``len(items)`` past the end, -1 before the start."""
        while 0 <= index < len(self.items) and not self.applies(self.items[index]):
            index += step
        return index

    def visit(self, index: int) -> int:
        """Ask the item at ``index`` (past the fields that do not apply); the index to visit next."""
        index = self.following(index, 1)
        if index >= len(self.items):
            return index
        item = self.items[index]
        self.announce(item)
        step = self.ask(item)
        if step < 0:
            back = self.following(index - 1, -1)
            if back < 0:
                self.io.say("Sei già al primo campo.")
                return index
            return back
        after = self.following(index + 1, 1)
        last_of_step = after == len(self.items) or self.items[after].step.id != item.step.id
        if last_of_step and item.step.id in self.session.to_review and not self.confirm(item.step):
            return index
        self.move_to(after)
        return after

    def move_to(self, index: int) -> None:
        if index < len(self.items):
            item = self.items[index]
            self.session.position = Position(item.step.id, item.address)
        else:
            self.session.position = Position("review", "")
        self.save()

    # -- what is said before a field

    def announce(self, item: Item) -> None:
        step_id, qid, row = item.place
        if step_id != self.announced[0]:
            number = self.form.step_index(step_id) + 1
            self.io.say()
            self.io.say(f"Passo {number} di {len(self.form.steps)}: {step_label(item.step)}")
            if step_id in self.session.to_review:
                origin = "Importato da un documento" if self.session.imported else "Ripreso dall'anno scorso"
                self.io.say(f"{origin}: da rivedere. Alla fine del passo ti chiederò di confermarlo.")
        if (step_id, qid) != self.announced[:2] and item.question.text != item.step.title:
            self.io.say()
            self.io.say(f"Domanda {item.question.title}" if item.question.number else item.question.text)
        if item.row is not None and (step_id, qid, row) != self.announced:
            self.io.say(f"Riga: {item.row.label}")
        self.announced = item.place

    def describe(self, item: Item) -> None:
        fld = item.field
        value = self.session.answers.get(item.address)
        flag = " (obbligatorio)" if fld.required else " (facoltativo)" if fld.annotation else ""
        self.io.say()
        self.io.say(f"{fld.label}{flag}")
        if kinds.kind_of(fld).shape == "options":
            for number, option in enumerate(fld.options, 1):
                self.io.say(f"  {number}. {option}")
            if fld.other:
                self.io.say(f"  {len(fld.options) + 1}. {OTHER}")
            hint = "Scrivi il numero della scelta" + (", o la tua formulazione." if fld.other else ".")
            self.io.say(hint)
        else:
            self.io.say(kinds.kind_of(fld).ask_hint)
        current = shown(value)
        self.io.say(f"[attuale: {current}]" if current else "[nessuna risposta]")
        self.describe_previous(item, value)
        if self.session.imported is not None:
            self.describe_source(item.address, current)

    def describe_source(self, address: str, current: str) -> None:
        """Where an imported answer was read, or why it was left empty (``oivtui import``)."""
        record = self.session.imported
        assert record is not None
        if address not in record.reasons and record.excerpts.get(address) == current:
            self.io.say("[letto così dal documento]")
            return
        for line in record.note(address).splitlines():
            self.io.say(f"[{line}]" if line.strip() else "")

    def describe_previous(self, item: Item, value: object) -> None:
        previous = self.session.previous
        if previous is None:
            return
        old = previous.get(item.address)
        if is_empty(old) and is_empty(value):
            return
        if old == value:
            self.io.say("(come l'anno scorso)")
            return
        if not is_empty(old):
            self.io.say(f"[anno scorso: {shown(old)}]")
        if is_empty(value):
            self.io.say("(quest'anno ancora senza risposta)")
        else:
            self.io.say(f"(rispetto all'anno scorso: {diff_summary(value_text(old), value_text(value))})")

    def help(self, item: Item) -> None:
        for text in (item.field.help, item.question.help, item.step.help):
            if text:
                self.io.say(f"Aiuto: {text}")
        self.io.say(kinds.kind_of(item.field).ask_hint)
        self.io.say(KEYS)

    # -- one field

    def ask(self, item: Item) -> int:
        """+1 once the field is answered (or kept, or cleared), -1 to go back."""
        self.describe(item)
        while True:
            line = self.io.read()
            command = line.strip()
            if command == HELP:
                self.help(item)
            elif command == BACK:
                return -1
            elif command == QUIT:
                raise Quit
            elif command == CLEAR:
                self.store(item, None)
                self.io.say("Risposta cancellata.")
                return 1
            elif not command:
                return 1
            else:
                step = self.answer(item, line)
                if step:
                    return step

    def answer(self, item: Item, first: str) -> int:
        """Parse and store what was typed: +1 stored, 0 (the error said) to ask again, -1 to go back."""
        fld = item.field
        ended = False
        if fld.is_long:
            lines, ended = self.read_long(first)
            value = long_value(fld, lines)
            if value is None:  # only paragraph marks: nothing typed, the answer stays
                if ended:
                    raise EndOfInput
                return 1
        else:
            value = self.parse_short(fld, first)
            if value is None:
                return 0
        message = kinds.check(fld, value)
        if message:
            self.io.say(f"Errore: {printable(message)}")
            if ended:
                raise EndOfInput
            return 0
        step = self.keep_despite_problems(item, value)
        if step > 0:
            self.store(item, value)
        if ended:
            raise EndOfInput
        return step

    def parse_short(self, fld: Field, text: str) -> Value | None:
        """The value of a one-line answer (``kinds.parse``), or None once the error is said."""
        value: Value | None
        picked = kinds.kind_of(fld).shape == "options"
        if picked:
            value, error = parse_choice(fld, text)
            if value == "":
                value = kinds.parse(fld, self.io.read("La tua formulazione (una riga): ")).value
                if value is None:
                    return None
        else:
            parsed = kinds.parse(fld, text)
            value, error = parsed.value, parsed.error
        if error:
            self.io.say(f"Errore: {error}")
            return None
        if picked and value not in fld.options:
            self.io.say(f"Registrata come tua formulazione: «{printable(str(value))}».")
        return value

    def problems_with(self, item: Item, value: Value) -> list[Problem]:
        """The errors the question would have at this field with ``value`` (nothing is changed)."""
        answers = self.session.answers
        old = answers.get(item.address)
        answers.set(item.address, value)
        try:
            return [p for p in check_question(item.question, answers) if p.address == item.address and p.is_error]
        finally:
            answers.set(item.address, old)

    def keep_despite_problems(self, item: Item, value: Value) -> int:
        """An answer at odds with another one (3 assigned, 2 in service) is kept only when the user
        says so: +1 keep it, 0 ask the field again, -1 back to the field before (to fix that one)."""
        errors = self.problems_with(item, value)
        if not errors:
            return 1
        for problem in errors:
            self.io.say(f"Errore: {printable(problem.message)}")
        self.io.say(
            f"Tenere comunque «{shown(value)}»? Scrivi s per tenerla (la correggerai dopo); "
            "invio o un'altra riga per riscriverla; < per tornare al campo precedente."
        )
        answer = self.io.read().strip()
        if answer == QUIT:
            raise Quit
        if answer == BACK:
            return -1
        if kinds.fold(answer) in YES:
            return 1
        self.io.say("Risposta non registrata: riscrivila.")
        return 0

    def read_long(self, first: str) -> tuple[list[str], bool]:
        """The lines of a long answer up to a blank line; True too when input ended first."""
        lines = [first]
        while True:
            try:
                line = self.io.read("> ")
            except EndOfInput:
                return lines, True
            if not line.strip():
                return lines, False
            lines.append(line)

    def store(self, item: Item, value: Value | None) -> None:
        """Keep the answer (saved by the move to the next field, or at the end) and say its problems."""
        self.session.answers.set(item.address, value)
        for problem in check_question(item.question, self.session.answers):
            if problem.address == item.address and not problem.is_error:  # errors: said and confirmed before
                self.io.say(f"Avviso: {printable(problem.message)}")

    def confirm(self, step: Step) -> bool:
        """Ask whether a carried-over step is reviewed; False to stay on its last field."""
        self.io.say()
        origin = "importato dal documento" if self.session.imported else "ripreso dall'anno scorso"
        self.io.say(f"Hai rivisto «{step_label(step)}», {origin}?")
        self.io.say("Scrivi s per confermarlo; invio per lasciarlo da rivedere; < per tornare ai suoi campi.")
        while True:
            answer = self.io.read().strip()
            if answer == QUIT:
                raise Quit
            if answer == BACK:
                return False
            if answer == HELP:
                self.io.say("Confermato, il passo non è più «da rivedere» e il resoconto non lo elenca più.")
                continue
            if kinds.fold(answer) in YES:
                self.session.to_review.remove(step.id)
                self.io.say("Passo confermato.")
            return True

    # -- saving and the end

    def save(self) -> None:
        try:
            storage.save(self.session)
            self.save_failed = False
        except storage.SaveError as exc:
            self.save_failed = True
            self.io.say(f"Errore: {exc}")

    def finish(self) -> None:
        self.io.say()
        self.io.say("Fine del questionario.")
        problems = validate(self.form, self.session.answers, final=True)
        errors = [p for p in problems if p.is_error]
        pending = [step_label(self.form.step(s)) for s in self.session.to_review]
        if errors:
            self.io.say(f"Da completare o correggere ({len(errors)}):")
            for problem in errors:
                self.io.say(f"- {place(self.form, problem.address)}: {printable(problem.message)}")
        if pending:
            self.io.say(f"Da rivedere ({len(pending)}): {'; '.join(pending)}.")
        if not errors and not pending:
            self.io.say(f"Nessun errore e nessuna risposta mancante. Il resoconto: oivtui export {self.session.path}")


# ---------------------------------------------------------------- the command


def open_or_create(path: Path) -> Session:
    """The session in ``path``, or a new one saved there (SessionError when unusable)."""
    if os.path.lexists(path):
        return storage.load(path)
    session = Session(path=path)
    storage.save(session)
    return session


def run(path: Path, stdin: BinaryIO | None = None, stdout: TextIO | None = None) -> int:
    """``oivtui ask PATH``: 0 saved, 1 a save failed, 2 unusable file or held by someone else."""
    stdout = stdout or sys.stdout
    stdin = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        print(f"oivtui: {path}: la cartella {folder} non esiste. Creala o scegli un altro percorso.", file=sys.stderr)
        return 2
    try:
        lock = SessionLock(path).acquire()
    except LockedError as exc:
        print(f"oivtui: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"oivtui: {path}: impossibile bloccare la sessione ({exc.strerror}).", file=sys.stderr)
        return 2
    try:
        storage.remove_leftover_temps(path)
        session = open_or_create(path)
        with signals_raise():
            try:
                return Asker(session, Lines(stdin, stdout)).run()
            except Hangup as hangup:
                storage.save(session)
                return 128 + hangup.signum
    finally:
        lock.release()
