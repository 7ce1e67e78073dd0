"""A session file read: its text checked (size, kind of file, encoding), its TOML parsed, and every
key and value checked against the form, the first thing wrong named by line, in Italian."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from oivtui.files.errors import SessionError, errno_hint
from oivtui.files.session import FORMAT_VERSION, Position, Session
from questionnaire.form.answers import Answers
from questionnaire.form.kinds import kind_of, parse
from questionnaire.form.loader import available_forms, load_form
from questionnaire.form.model import Field, Form, Question

#: Larger files are not session files (the example is ~30 KB; a 20 KB answer everywhere ~1 MB).
MAX_FILE_BYTES = 16 * 1024 * 1024
TOP_KEYS = {"format", "form", "form_version", "position", "header", "answers", "review", "previous", "imported"}


def read_text(path: Path) -> str:
    """The file's text, or a SessionError that says what is wrong with it in Italian."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise SessionError(f"{path}: il file non esiste. Controlla il percorso.") from None
    except OSError as exc:
        raise SessionError(f"{path}: impossibile leggere il file ({errno_hint(exc)}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise SessionError(
            f"{path}: è un collegamento simbolico. Apri direttamente il file a cui punta "
            f"({os.path.realpath(path)}), così il salvataggio non sostituisce il collegamento."
        )
    if stat.S_ISDIR(info.st_mode):
        raise SessionError(f"{path}: è una cartella, non un file di sessione.")
    if not stat.S_ISREG(info.st_mode):
        raise SessionError(f"{path}: non è un file normale (pipe, dispositivo o socket).")
    if info.st_size > MAX_FILE_BYTES:
        raise SessionError(
            f"{path}: il file è troppo grande ({info.st_size // (1024 * 1024)} MB; massimo "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB): non sembra una sessione oivtui."
        )
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise SessionError(f"{path}: permesso di lettura negato. Controlla i permessi del file.") from None
    except OSError as exc:
        raise SessionError(f"{path}: impossibile leggere il file ({errno_hint(exc)}).") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SessionError(
            f"{path}, riga 1: il file inizia con un BOM UTF-8 (aggiunto da alcuni editor). "
            "Salvalo come «UTF-8 senza BOM» e riprova."
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SessionError(
            f"{path}, riga {line}: il file non è testo UTF-8 valido (byte 0x{raw[exc.start]:02x}). "
            "Salvalo con codifica UTF-8."
        ) from None


#: Where tomllib says the error is (as text: ``re`` compiles it only for a file that has one).
_TOML_POS = r"^(?P<what>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"

#: tomllib's messages (Python 3.11–3.13), by how they begin, in Italian: the user reads no English.
TOML_MESSAGES = (
    ("Cannot declare", "una tabella o una chiave dichiarata due volte"),
    ("Cannot mutate immutable namespace", "una chiave già definita come valore, usata come tabella"),
    ("Cannot overwrite a value", "un valore scritto due volte"),
    ("Cannot redefine namespace", "una tabella ridefinita"),
    ("Duplicate inline table key", "una chiave ripetuta fra { }"),
    ("Escaped character is not a Unicode scalar value", "un carattere \\u o \\U che non esiste"),
    ("Expected '=' after a key", "manca «=» dopo il nome della chiave"),
    ("Expected ']]'", "manca «]]» alla fine del nome della tabella"),
    ("Expected ']'", "manca «]» alla fine del nome della tabella"),
    (
        "Expected newline or end of document",
        "dopo il valore la riga deve finire (un testo va tra virgolette; una data si scrive AAAA-MM-GG, "
        "senza virgolette, es. 2024-02-26)",
    ),
    ("Expected", "manca un segno atteso"),
    ("Found invalid character", "un carattere non valido in un numero o in una data"),
    # a one-line text whose closing quote is missing: tomllib meets the end of the line inside it
    ("Illegal character '\\n'", "un testo senza le virgolette di chiusura prima della fine della riga"),
    ("Illegal character", "un carattere non ammesso"),
    ("Invalid date or datetime", "una data che non esiste"),
    ("Invalid hex value", "un codice \\u non valido"),
    ("Invalid initial character for a key part", "un nome di chiave che inizia con un carattere non ammesso"),
    ("Invalid statement", "una riga che non è né «chiave = valore» né [tabella]"),
    ("Invalid value", "un valore mancante o non valido dopo «=»; un testo va tra virgolette"),
    ("Unclosed array", "un elenco [ ] non chiuso"),
    ("Unclosed inline table", "una tabella { } non chiusa"),
    ("Unescaped '\\' in a string", "una «\\» da raddoppiare in un testo"),
    ("Unterminated string", "un testo senza le virgolette di chiusura"),
)


def toml_message(what: str) -> str:
    """tomllib's ``what`` in Italian (its own words never reach the user)."""
    return next((italian for start, italian in TOML_MESSAGES if what.startswith(start)), "sintassi non valida")


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.match(_TOML_POS, str(exc))
        if match and match["line"]:
            where = f", riga {match['line']}, colonna {match['col']}"
        else:
            where = ", alla fine del file" if match else ""
        what = toml_message(match["what"] if match else str(exc))
        raise SessionError(
            f"{path}{where}: il file non è TOML valido: {what}. Correggi quella riga o riapri una copia di riserva."
        ) from None
    except RecursionError:
        raise SessionError(f"{path}: il file contiene strutture annidate troppo in profondità.") from None
    except ValueError:  # tomllib's int() of a number with thousands of digits (CPython's 4300 limit)
        raise SessionError(
            f"{path}: il file contiene un numero con troppe cifre: non sembra una sessione oivtui."
        ) from None


def from_document(doc: dict[str, Any], path: Path, text: str = "") -> Session:
    reader = _Reader(path, text)
    return reader.session(doc)


class _Reader:
    """Checks a parsed document key by key, naming the line of the first thing wrong."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, needle: str, message: str) -> SessionError:
        line = self.line_of(needle)
        where = f", riga {line}" if line else ""
        return SessionError(f"{self.path}{where}: {message}")

    def line_of(self, needle: str) -> int:
        for number, line in enumerate(self.lines, 1):
            if needle and needle in line:
                return number
        return 0

    def session(self, doc: dict[str, Any]) -> Session:
        unknown = sorted(set(doc) - TOP_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"chiave sconosciuta «{_shown(unknown[0])}»: toglila o controlla l'ortografia.")
        version = doc.get("format")
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.fail("format", "manca «format = 1»: non sembra un file di sessione oivtui.")
        if version > FORMAT_VERSION:
            raise self.fail(
                "format",
                f"il file è stato scritto da una versione più recente di oivtui (formato {_shown(version)}, "
                f"questa legge fino al {FORMAT_VERSION}): aggiorna oivtui.",
            )
        form_id = doc.get("form")
        if form_id not in available_forms():
            known = ", ".join(available_forms())
            raise self.fail("form", f"modulo sconosciuto «{_shown(form_id)}» (conosciuti: {known}).")
        form = load_form(str(form_id))
        answers = self.answers(form, doc.get("answers", {}), "answers")
        answers.data.update(self.answers(form, {"header": doc.get("header", {})}, "header").data)
        session = Session(form_id=form.id, answers=answers)
        session.position = self.position(form, doc.get("position", {}))
        session.to_review = self.review(form, doc.get("review", {}))
        if "previous" in doc:
            session.previous = self.answers(form, doc["previous"], "previous", lenient=True)
        if "imported" in doc:
            if not isinstance(doc["imported"], dict):
                raise self.fail("imported", "«imported» deve essere una tabella [imported].")
            # Here, not at the top: most sessions were never imported, and every start reads one.
            from questionnaire.importing.record import ImportRecord

            session.imported = ImportRecord.from_toml(doc["imported"])
        return session

    def position(self, form: Form, raw: Any) -> Position:
        if not isinstance(raw, dict):
            raise self.fail("position", "«position» deve essere una tabella [position].")
        step = raw.get("step", "header")
        field = raw.get("field", "")
        if not isinstance(step, str) or not isinstance(field, str):
            raise self.fail("position", "«position» deve contenere testi (step e field).")
        if step not in {s.id for s in form.steps} and step != "review":
            step, field = "header", ""  # a step of an older form: resume from the start
        return Position(step, field)

    def review(self, form: Form, raw: Any) -> list[str]:
        pending = raw.get("pending", []) if isinstance(raw, dict) else None
        if not isinstance(pending, list) or not all(isinstance(s, str) for s in pending):
            raise self.fail("pending", '«review.pending» deve essere un elenco di passi, es. ["b1"].')
        steps = {s.id for s in form.steps}
        return [s for s in pending if s in steps]

    def answers(self, form: Form, raw: Any, where: str, lenient: bool = False) -> Answers:
        if not isinstance(raw, dict):
            raise self.fail(where, f"«{where}» deve essere una tabella.")
        out = Answers()
        for qid, bucket in raw.items():
            if not form.has_question(qid):
                if lenient:
                    continue
                raise self.fail(
                    f'"{qid}"' if where == "answers" else qid,
                    f"la domanda «{_shown(qid)}» non esiste nel modulo {form.id}: togli quella sezione "
                    "o correggi l'identificativo.",
                )
            question = form.question(qid)
            if not isinstance(bucket, dict):
                raise self.fail(qid, f"{_question_name(question)}: ci si aspetta una tabella di campi.")
            fields = self.bucket(question, bucket, lenient)
            if fields:  # an empty table is no answer: memory holds none, as after editing
                out.data[qid] = fields
        return out

    def bucket(self, question: Question, bucket: dict[str, Any], lenient: bool) -> dict[str, Any]:
        if not question.rows:
            return self.fields(question, bucket, "", lenient)
        rows = {r.key for r in question.rows}
        out = {}
        for row, values in bucket.items():
            if row not in rows or not isinstance(values, dict):
                if lenient:
                    continue
                known = ", ".join(sorted(rows))
                raise self.fail(row, f"{_question_name(question)}: riga sconosciuta «{_shown(row)}» (righe: {known}).")
            fields = self.fields(question, values, row, lenient)
            if fields:
                out[row] = fields
        return out

    def fields(self, question: Question, values: dict[str, Any], row: str, lenient: bool) -> dict[str, Any]:
        out = {}
        keys = {f.key for f in question.fields}
        name = f"{question.id}/{row + '/' if row else ''}"
        for key, value in values.items():
            if key not in keys:
                if lenient:
                    continue
                known = ", ".join(sorted(keys))
                raise self.fail(key, f"{_question_name(question)}: campo sconosciuto «{_shown(key)}» (campi: {known}).")
            field = question.field(key)
            problem = kind_of(field).stored(value)  # the TOML type the field's kind is stored as
            if problem:
                if lenient:
                    continue
                raise self.fail(f"{key} =", f"{name}{key}: {problem}")
            out[key] = _typed_value(field, value)
        return out


def _question_name(question: Question) -> str:
    """«domanda 1.1»; a part without a number by its title, with its name in the file («Dati generali» (header))."""
    return f"domanda {question.id}" if question.number else f"«{question.text}» ({question.id})"


def _typed_value(field: Field, value: Any) -> Any:
    """A text in a number or date field is what was typed (in the app or by hand): read by the
    fields' own parser (``kinds.parse``), it becomes the number or date it says; a text that is
    not one stays as written, and validation says what is wrong with it."""
    if isinstance(value, str) and kind_of(field).typed:
        parsed = parse(field, value)
        if not parsed.error and parsed.value is not None:
            return parsed.value
    return value


def _shown(value: object, limit: int = 60) -> str:
    """``value`` as it goes into a message: one line, at most ``limit`` characters."""
    try:
        text = str(value)
    except ValueError:  # an int too long for str() (CPython's 4300-digit limit)
        return "un numero enorme"
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
