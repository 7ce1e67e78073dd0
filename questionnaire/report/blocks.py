"""Both monitoring documents as typed blocks of plain text: the one walk of the form and its answers,
which every layout renders (the Markdown in questionnaire/report/markdown.py, and from it the HTML page of
questionnaire/report/html.py; the PDF in questionnaire/report/pdf/typeset.py).

Text here is never markup: it is what the reader sees, character for character. A text that holds
words the user typed is a :class:`Text`, which knows those parts: the Markdown escapes them alone
and writes the form's and oivtui's own words as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

from questionnaire.form.answers import Answers, is_empty
from questionnaire.form.kinds import Kind, kind_of, requires, thousands
from questionnaire.form.model import Document, Field, Form, Question, Section, Step, join_address
from questionnaire.form.rules import Problem, format_triennium, italian_date, parse_triennium
from questionnaire.report.data import ReportData, is_draft, pending_review, problem_place
from questionnaire.report.provenance import MARKER, fingerprint

DASH = "—"
NO_ANSWER = "(nessuna risposta)"
#: What labels a short answer (a choice, a one-line value of a block question).
SHORT_ANSWER = "Risposta: "
TICKED, UNTICKED = "☒", "☐"
#: Choices with this many options or fewer get one table column per option (Sì | No).
OPTION_COLUMNS = 2
#: In a table cell that lists a choice's options: what ties each mark to its option (a line never
#: ends with a lone ☐), and what sets one option apart from the next.
TIE, GAP = "\u00a0", "  "
#: What starts each item of the draft notice's lists.
NOTICE_ITEM = "• "
#: What starts a line typed as a list item: «- voce» (the seed's lists, as users type them).
ITEM_MARK = "- "
Style = Literal["", "B", "I"]


# ---------------------------------------------------------------- plain text

#: Control characters a file edited by hand may hold (validation flags them): shown as their
#: Unicode pictures (␇ for BEL), never sent raw to a terminal, a browser or a printer. NUL and the
#: C1 controls, which have no picture, become U+FFFD as markdown-it would make NUL.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(1, 0x20) if chr(code) not in "\t\n"}
_CONTROL_PICTURES |= {0: "\ufffd", 0x7F: "\u2421"} | {code: "\ufffd" for code in range(0x80, 0xA0)}
#: The bidirectional controls, which would reorder what a reader sees, as a visible mark naming each.
_CONTROL_PICTURES |= {code: f"\u2039U+{code:04X}\u203a" for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


_CONTROL = re.compile("[" + "".join(sorted(map(chr, _CONTROL_PICTURES))).replace("\\", "\\\\") + "]")


def _picture(match: re.Match[str]) -> str:
    return _CONTROL_PICTURES[ord(match[0])]


def clean(text: str) -> str:
    """Line ends as ``\\n``; other control characters visible (``_CONTROL_PICTURES``; a bidi control
    as ``‹U+202E›``).

    A regular expression, not ``str.translate``: answers hold none or a few, and translate walks
    every character in Python's slow path (a large session's export took twice as long)."""
    return _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """User text for a one-line place: line ends as spaces, trimmed."""
    return " ".join(clean(text).split("\n")).strip()


class Text(str):
    """Plain text that knows which of its parts the user typed. It is a str, read as one by a layout
    that need not know (as markupsafe's ``Markup`` is a str that knows it is safe to print); the
    Markdown escapes each typed part on its own (questionnaire/report/markdown.py).

    ``Text(*parts)`` joins ``parts`` in order: a Text keeps its own parts, a plain str is the form's
    or oivtui's words. :meth:`typed` makes one part typed by the user."""

    parts: tuple[tuple[str, bool], ...]  # (words, typed by the user?), none empty

    def __new__(cls, *parts: str) -> Text:
        flat = tuple(p for part in parts for p in text_parts(part) if p[0])
        made = super().__new__(cls, "".join(words for words, _typed in flat))
        made.parts = flat
        return made

    @classmethod
    def typed(cls, words: str) -> Text:
        """``words`` as the user typed them (cleaned: :func:`one_line` or :func:`text_blocks`)."""
        made = str.__new__(cls, words)
        made.parts = ((words, True),) if words else ()
        return made


def text_parts(text: str) -> tuple[tuple[str, bool], ...]:
    """The parts of ``text`` and whether the user typed each (a plain str is one part, not typed)."""
    return text.parts if isinstance(text, Text) else ((text, False),)


def typed_line(text: str) -> Text:
    """What the user typed, for a one-line place (:func:`one_line`)."""
    return Text.typed(one_line(text))


# ---------------------------------------------------------------- blocks


class Letterhead(NamedTuple):
    """The lines that open each document (the form's ``letterhead``), in bold."""

    lines: tuple[str, ...]


class Heading(NamedTuple):
    level: int
    text: str


class Para(NamedTuple):
    """A paragraph; ``\\n`` in ``text`` is a line break. ``label`` comes first, in bold."""

    text: str
    style: Style = ""
    label: str = ""


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Contents(NamedTuple):
    """The numbered sections a document holds, one a line («1. Titolo»)."""

    lines: tuple[str, ...]


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: One of "L", "C", "R" per column.
    align: tuple[str, ...]


class Signature(NamedTuple):
    """Place and date, then the signatory role and names: kept together on one page."""

    lines: tuple[str, ...]


class Notice(NamedTuple):
    """The draft notice: its first line, then headings each followed by items (``NOTICE_ITEM``)."""

    lines: tuple[str, ...]


class NewDocument(NamedTuple):
    """The second document starts on a new page."""


class Provenance(NamedTuple):
    text: str


Block = Letterhead | Heading | Para | Bullets | Contents | Table | Signature | Notice | NewDocument | Provenance


def is_item(line: str) -> bool:
    """Whether ``line`` is typed as a list item: «- » then some words (spaces before it allowed)."""
    stripped = line.strip()
    return stripped.startswith(ITEM_MARK) and bool(stripped[len(ITEM_MARK) :].strip())


def text_blocks(text: str) -> list[Para | Bullets]:
    """Free text as paragraphs and lists: a blank line separates paragraphs, a newline is a line
    break, and lines typed as «- voce» make a list. Every other character stays as typed."""
    runs: list[tuple[bool, list[str]]] = []  # (list items?, lines); a blank line ends a run
    blank = True
    for line in clean(text).split("\n"):
        if not line.strip():
            blank = True
            continue
        item = is_item(line)
        if blank or runs[-1][0] != item:
            runs.append((item, []))
        runs[-1][1].append(line.strip())
        blank = False
    return [
        Bullets(tuple(Text.typed(line[len(ITEM_MARK) :].strip()) for line in lines))
        if item
        else Para(Text.typed("\n".join(lines)))
        for item, lines in runs
    ]


# ---------------------------------------------------------------- values


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _line(value: object) -> str:
    """A one-line value ready for the page, or the dash when there is none."""
    if isinstance(value, list):
        value = ", ".join(v for v in value if isinstance(v, str) and v.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return thousands(value)
    if isinstance(value, dt.date):
        return italian_date(value)
    return typed_line(value) if isinstance(value, str) and value.strip() else DASH


def _answer_line(field: Field, value: object) -> str:
    """A field's answer on one line of the report: in oivtui's words where its kind has them
    (``Kind.in_report``: a date, a number), else as typed; the dash when there is none."""
    words = kind_of(field).in_report(value)
    return _line(value) if words is None else words


def triennium(form: Form, answers: Answers) -> str:
    raw = answers.text_of_role(form, "triennium")
    years = parse_triennium(raw)
    if years:
        return format_triennium(years[0])
    return typed_line(raw) if raw.strip() else DASH


# ---------------------------------------------------------------- draft notice and provenance


def _notice(form: Form, problems: list[Problem], pending: list[str]) -> Notice:
    lines: list[str] = ["BOZZA — documento non definitivo, da non firmare né pubblicare così."]
    if problems:
        lines.append("Da completare o correggere:")
        lines += [Text(f"{NOTICE_ITEM}{problem_place(form, p)}: ", typed_line(p.message)) for p in problems]
    if pending:
        lines.append("Da rivedere (risposte riprese dall'anno scorso o da un documento, non ancora confermate):")
        lines += [Text(NOTICE_ITEM, typed_line(name)) for name in pending]
    return Notice(tuple(lines))


def provenance_text(data: ReportData) -> Text:
    """The report's last line: which form, the fingerprint of the answers. No clock time, and no
    session file name (a private name would end up in a published document)."""
    form = data.form
    return Text(f"Generato da oivtui · modulo {form.id} {form.version} · {MARKER} {fingerprint(data.answers)}")


# ---------------------------------------------------------------- documents


def _title_block(form: Form, document: Document, answers: Answers) -> Iterator[Block]:
    administration = answers.text_of_role(form, "administration").strip()
    yield Para(typed_line(administration), "B") if administration else Para(DASH)
    yield Heading(1, Text(f"{document.title} triennio ", triennium(form, answers)))
    if document.subtitle:
        yield Para(document.subtitle)
    if document.deadline:
        yield Para(document.deadline, "I")


def _contents(form: Form, document: Document) -> Iterator[Block]:
    numbered = [form.section(s) for s in document.sections if form.section(s).number]
    if numbered:
        yield Contents(tuple(f"{s.number}. {s.title}" for s in numbered))


def _signature(form: Form, answers: Answers) -> Signature:
    first = Text(_line(answers.of_role(form, "place")), ", ", _line(answers.of_role(form, "signature_date")))
    names = answers.of_role(form, "signatories")
    names = [n for n in names if isinstance(n, str) and n.strip()] if isinstance(names, list) else []
    signed: list[str] = [Text("F.to ", typed_line(n)) for n in names] or [f"F.to {DASH}"]
    return Signature((first, _line(answers.of_role(form, "signatory_role")), *signed))


def _document(form: Form, answers: Answers, document: Document) -> Iterator[Block]:
    if form.letterhead:
        yield Letterhead(form.letterhead)
    yield from _title_block(form, document, answers)
    yield from _contents(form, document)
    for section_id in document.sections:
        yield from _section(form, answers, form.section(section_id), 1)
    yield _signature(form, answers)


def _section(form: Form, answers: Answers, section: Section, level: int) -> Iterator[Block]:
    steps = [form.step(step_id) for step_id in section.steps]
    if section.number and len(steps) == 1 and steps[0].number == section.number:
        # A section that is one numbered step (7, the summary annex) gets one heading, as in the seed:
        # the step's title at the section's level («7 Allegato di sintesi…»).
        yield from _step(form, answers, steps[0], level, label=f"{section.number} {steps[0].title}")
        return
    if section.number:
        level += 1
        yield Heading(level, section.label)
    for step in steps:
        yield from _step(form, answers, step, level)


def _step(form: Form, answers: Answers, step: Step, level: int, label: str = "") -> Iterator[Block]:
    if step.number:
        level += 1
        title = label or step.label
        yield Heading(level, Text(f"{title} ", triennium(form, answers)) if step.kind == "counts" else title)
    for question in step.questions:
        yield from _question(form, answers, step, question, level + 1)


def _question(form: Form, answers: Answers, step: Step, question: Question, level: int) -> Iterator[Block]:
    title = question.title if question.number else question.text
    if title != step.title:
        yield Heading(level, title)
    if step.kind == "table":
        yield _table(question, answers)
    elif step.kind == "counts":
        yield _counts(form, question, answers)
    else:
        yield from _answer(question, answers, level + 1)


# ---------------------------------------------------------------- block questions


def _answer(question: Question, answers: Answers, level: int) -> Iterator[Block]:
    if not answers.question_answered(question):
        yield Para(NO_ANSWER, "I") if question.required else Para(DASH)
    else:
        fields = [f for f in question.fields if not f.annotation and answers.relevant(question, "", f)]
        yield from _joined((f, list(_field(f, answers.get(f"{question.id}/{f.key}"), level))) for f in fields)
    for field in question.fields:
        value = _text(answers.get(f"{question.id}/{field.key}"))
        if field.annotation and value.strip():
            yield Heading(level, field.label)
            yield from text_blocks(value)


def _goes_on(block: Block | None) -> bool:
    """Whether ``block`` is a paragraph that goes on from a short answer: it starts in lower case."""
    return isinstance(block, Para) and not block.label and not block.style and block.text[:1].islower()


def _joined(fields: Iterator[tuple[Field, list[Block]]]) -> Iterator[Block]:
    """The blocks of a question's fields in order; a short answer followed by a text that goes on
    in lower case is one sentence: «Risposta: Sì, prima della…»."""
    short: Para | None = None
    for field, blocks in fields:
        first = blocks[0] if blocks else None
        if short and isinstance(first, Para) and _goes_on(first):
            blocks = [short._replace(text=Text(short.text, ", ", first.text)), *blocks[1:]]
        elif short:
            yield short
        short = first if isinstance(first, Para) and not field.is_long else None
        yield from blocks[1:] if short else blocks
    if short:
        yield short


#: How the report writes each shape of answer (``kinds.SHAPES``) in a block and in a table's cell.
WRITTEN = {
    "line": "«Risposta: …»; a cell of one line",
    "text": "paragraphs; a cell of one line",
    "list": "its label and a bulleted list; a cell of one line",
    "options": "«Risposta: …»; a ticked box per option (a column each when there are two)",
}


def _needs(kind: Kind) -> str:
    """What the report needs of every kind: a way to write its shape."""
    return "" if kind.shape in WRITTEN else f"no way to write the shape {kind.shape!r} (WRITTEN in {__name__})"


requires("questionnaire.report.blocks", _needs)


def _field(field: Field, value: object, level: int) -> Iterator[Block]:
    shape = kind_of(field).shape
    if shape == "list":
        yield Heading(level, field.label)
        items = [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
        yield Bullets(tuple(typed_line(item) for item in items)) if items else Para(DASH)
    elif shape == "text":
        yield from text_blocks(_text(value))
    elif not is_empty(value):
        yield Para(_answer_line(field, value), label=SHORT_ANSWER)


# ---------------------------------------------------------------- tables and counts


def _ticked(field: Field) -> bool:
    """A choice of few options (Sì | No): one table column per option, ticked or not."""
    return kind_of(field).shape == "options" and len(field.options) <= OPTION_COLUMNS


def _column_labels(field: Field) -> list[str]:
    if _ticked(field):
        return list(field.options)
    return [field.label]


def _marks(field: Field, value: object) -> list[str]:
    marks = [TICKED if value == option else UNTICKED for option in field.options]
    if isinstance(value, str) and value.strip() and value not in field.options:
        marks[-1] = Text(marks[-1], " (altro: ", typed_line(value), ")")
    return marks


def _cells(field: Field, value: object) -> list[str]:
    shape = kind_of(field).shape
    if _ticked(field):
        return _marks(field, value)
    if shape == "options":
        pairs = zip(_marks(field, value), field.options, strict=True)
        return [Text(*(part for n, (mark, option) in enumerate(pairs) for part in (GAP * bool(n), mark, TIE, option)))]
    if shape == "text":
        return [typed_line(_text(value))]
    return [_answer_line(field, value)]


def _alignment(field: Field) -> list[str]:
    if kind_of(field).numeric:
        return ["R"]
    return ["C"] * len(field.options) if len(_column_labels(field)) > 1 else ["L"]


def _table(question: Question, answers: Answers) -> Table:
    fields = question.fields
    header = ("", *(label for f in fields for label in _column_labels(f)))
    rows = []
    for row in question.rows:
        values = [answers.get(join_address(question.id, row.key, f.key)) for f in fields]
        rows.append((row.label, *(c for f, v in zip(fields, values, strict=True) for c in _cells(f, v))))
    return Table(header, tuple(rows), ("L", *(a for f in fields for a in _alignment(f))))


def _count(form: Form, question: Question, answers: Answers, field: Field) -> str:
    value = _answer_line(field, answers.get(f"{question.id}/{field.key}"))
    share = next((f for f in question.fields if f.agency_share_of == field.key), None)
    agency = answers.get(f"{question.id}/{share.key}") if share else None
    if not isinstance(agency, int):
        return value
    name = answers.text_of_role(form, "special_agency").strip()
    named = (" ", typed_line(name)) if name else ()
    return Text(value, f" dell'amministrazione e {thousands(agency)} dell'Azienda Speciale", *named)


def _counts(form: Form, question: Question, answers: Answers) -> Bullets:
    """One item per count; the special agency's share of a count (``agency_share_of`` in the
    form) is written with it, not on a line of its own."""
    fields = [f for f in question.fields if not f.agency_share_of and answers.relevant(question, "", f)]
    return Bullets(tuple(Text(f"{f.label}: ", _count(form, question, answers, f)) for f in fields))


# ---------------------------------------------------------------- public API


def report_blocks(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> tuple[bool, list[Block]]:
    """Whether the report is a draft, and its blocks: a draft's notice, each document (the second
    after a :class:`NewDocument`), and the provenance line (none in a copy for publication)."""
    form, answers = data.form, data.answers
    marked, problems = is_draft(data, draft)
    blocks: list[Block] = [_notice(form, problems, pending_review(data))] if marked else []
    relevant = answers.relevant_only(form)  # answers set aside by a relevance condition: not printed
    for number, document in enumerate(form.documents):
        if number:
            blocks.append(NewDocument())
        blocks.extend(_document(form, relevant, document))
    if provenance:
        blocks.append(Provenance(provenance_text(data)))
    return marked, blocks
