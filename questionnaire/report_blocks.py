"""Both monitoring documents as a list of plain-text blocks, for layouts that are not Markdown (the PDF).

The walk, the wording and the order are those of :func:`questionnaire.report.render_markdown`;
tests/unit/test_report_pdf.py checks that every block of the Markdown report comes out of the PDF,
in the same order. Text here is never markup: it is what the reader sees, character for character.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal, NamedTuple

from questionnaire.answers import Answers, is_empty
from questionnaire.model import Document, Field, Form, Question, Section, Step, join_address
from questionnaire.provenance import MARKER, fingerprint
from questionnaire.report import (
    DASH,
    ITEM_MARK,
    OPTION_COLUMNS,
    TICKED,
    UNTICKED,
    ReportData,
    clean,
    is_draft,
    is_item,
    pending_review,
)
from questionnaire.report import _place as place
from questionnaire.rules import Problem, format_triennium, italian_date, parse_triennium

NO_ANSWER = "(nessuna risposta)"
Style = Literal["", "B", "I"]


class Letterhead(NamedTuple):
    """The lines that open each document (the form's ``letterhead``)."""

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


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: One of "L", "C", "R" per column.
    align: tuple[str, ...]


class Signature(NamedTuple):
    """Place and date, then the signatory role and names: kept together on one page."""

    lines: tuple[str, ...]


class Notice(NamedTuple):
    """The draft notice: a boxed list of what is missing."""

    lines: tuple[str, ...]


class NewDocument(NamedTuple):
    """The second document starts on a new page."""


class Provenance(NamedTuple):
    text: str


Block = Letterhead | Heading | Para | Bullets | Table | Signature | Notice | NewDocument | Provenance


def one_line(text: str) -> str:
    """User text for a one-line place: line ends as spaces, trimmed."""
    return " ".join(clean(text).split("\n")).strip()


def paragraphs(text: str) -> list[Para | Bullets]:
    """Free text as paragraphs and lists, as :func:`questionnaire.report.paragraphs` makes them: a
    blank line separates paragraphs, a newline is a line break, lines typed «- voce» make a list."""
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
        Bullets(tuple(line[len(ITEM_MARK) :].strip() for line in lines)) if item else Para("\n".join(lines))
        for item, lines in runs
    ]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _line(value: object) -> str:
    if isinstance(value, list):
        value = ", ".join(v for v in value if isinstance(v, str) and v.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return italian_date(value)
    return one_line(value) if isinstance(value, str) and value.strip() else DASH


def triennium(form: Form, answers: Answers) -> str:
    raw = answers.text_of_role(form, "triennium")
    years = parse_triennium(raw)
    if years:
        return format_triennium(years[0])
    return one_line(raw) if raw.strip() else DASH


# ---------------------------------------------------------------- draft notice and provenance


def _notice(form: Form, problems: list[Problem], pending: list[str]) -> Notice:
    lines = ["BOZZA — documento non definitivo, da non firmare né pubblicare così."]
    if problems:
        lines += ["Da completare o correggere:"] + [f"• {place(form, p)}: {one_line(p.message)}" for p in problems]
    if pending:
        lines += ["Da rivedere (risposte riprese dall'anno scorso o da un documento, non ancora confermate):"]
        lines += [f"• {one_line(name)}" for name in pending]
    return Notice(tuple(lines))


def provenance_text(data: ReportData) -> str:
    """The provenance line of :func:`questionnaire.report.provenance_line`, as plain text."""
    form = data.form
    return (
        f"Generato da oivtui {one_line(data.source)} · modulo {form.id} {form.version} · "
        f"{MARKER} {fingerprint(data.answers)}"
    )


# ---------------------------------------------------------------- documents


def _title_block(form: Form, document: Document, answers: Answers) -> Iterator[Block]:
    administration = one_line(answers.text_of_role(form, "administration"))
    yield Para(administration or DASH, "B")
    yield Heading(1, f"{document.title} triennio {triennium(form, answers)}")
    if document.subtitle:
        yield Para(document.subtitle)
    if document.deadline:
        yield Para(document.deadline, "I")


def _contents(form: Form, document: Document) -> Iterator[Block]:
    numbered = [form.section(s) for s in document.sections if form.section(s).number]
    if numbered:
        yield Para("\n".join(f"{s.number}. {s.title}" for s in numbered))


def _signature(form: Form, answers: Answers) -> Signature:
    first = f"{_line(answers.of_role(form, 'place'))}, {_line(answers.of_role(form, 'signature_date'))}"
    names = answers.of_role(form, "signatories")
    names = [n for n in names if isinstance(n, str) and n.strip()] if isinstance(names, list) else []
    signed = [f"F.to {one_line(n)}" for n in names] or [f"F.to {DASH}"]
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
        # A section that is one numbered step (7, the summary annex): one heading, as in the seed.
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
        if step.kind == "counts":
            title = f"{title} {triennium(form, answers)}"
        yield Heading(level, title)
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
            yield from paragraphs(value)


def _joined(fields: Iterator[tuple[Field, list[Block]]]) -> Iterator[Block]:
    """A question's blocks; a short answer followed by a text that goes on in lower case is one
    sentence: «Risposta: Sì, prima della…» (as :func:`questionnaire.report._joined`)."""
    short: Para | None = None
    for field, blocks in fields:
        first = blocks[0] if blocks else None
        if short and isinstance(first, Para) and first.text[:1].islower():
            blocks = [short._replace(text=f"{short.text}, {first.text}"), *blocks[1:]]
        elif short:
            yield short
        short = first if isinstance(first, Para) and not field.is_long else None
        yield from blocks[1:] if short else blocks
    if short:
        yield short


def _field(field: Field, value: object, level: int) -> Iterator[Block]:
    if field.kind == "lines":
        yield Heading(level, field.label)
        items = [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
        yield Bullets(tuple(one_line(item) for item in items)) if items else Para(DASH)
    elif field.kind == "text":
        yield from paragraphs(_text(value))
    elif not is_empty(value):
        yield Para(_line(value), label="Risposta: ")


# ---------------------------------------------------------------- tables and counts


def _column_labels(field: Field) -> list[str]:
    if field.kind == "choice" and len(field.options) <= OPTION_COLUMNS:
        return list(field.options)
    return [field.label]


def _marks(field: Field, value: object) -> list[str]:
    marks = [TICKED if value == option else UNTICKED for option in field.options]
    if isinstance(value, str) and value.strip() and value not in field.options:
        marks[-1] += f" (altro: {one_line(value)})"
    return marks


def _cells(field: Field, value: object) -> list[str]:
    if field.kind == "choice" and len(field.options) <= OPTION_COLUMNS:
        return _marks(field, value)
    if field.kind == "choice":
        marks = _marks(field, value)
        # A no-break space ties each mark to its option: a line never ends with a lone ☐.
        return ["  ".join(f"{mark}\u00a0{option}" for mark, option in zip(marks, field.options, strict=True))]
    if field.kind == "text":
        return [one_line(_text(value))]
    return [_line(value)]


def _alignment(field: Field) -> list[str]:
    if field.kind == "integer":
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
    value = _line(answers.get(f"{question.id}/{field.key}"))
    share = next((f for f in question.fields if f.agency_share_of == field.key), None)
    agency = answers.get(f"{question.id}/{share.key}") if share else None
    if not isinstance(agency, int):
        return value
    name = one_line(answers.text_of_role(form, "special_agency"))
    return f"{value} dell'amministrazione e {agency} dell'Azienda Speciale" + (f" {name}" if name else "")


def _counts(form: Form, question: Question, answers: Answers) -> Bullets:
    fields = [f for f in question.fields if not f.agency_share_of and answers.relevant(question, "", f)]
    return Bullets(tuple(f"{f.label}: {_count(form, question, answers, f)}" for f in fields))


# ---------------------------------------------------------------- public API


def report_blocks(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> tuple[bool, list[Block]]:
    """Whether the report is a draft, and its blocks in the order of the Markdown report (with no
    provenance line in a copy for publication)."""
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
