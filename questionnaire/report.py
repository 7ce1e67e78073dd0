"""Both monitoring documents as Markdown, from a form and its answers (the printable HTML page of the
same words is questionnaire/report_html.py).

No file is read here: the shell (oivtui/report.py) hands over a session's data as a :class:`ReportData`.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from questionnaire.answers import Answers, is_empty
from questionnaire.carryover import pending_names
from questionnaire.model import Document, Field, Form, Question, Section, Step, join_address
from questionnaire.provenance import MARKER, fingerprint, source_text
from questionnaire.rules import Problem, format_triennium, italian_date, parse_triennium, validate

DASH = "—"
NO_ANSWER = "*(nessuna risposta)*"
#: What a short answer (a choice, a one-line value of a block question) starts with.
SHORT_ANSWER = "**Risposta:** "
TICKED, UNTICKED = "☒", "☐"
#: Choices with this many options or fewer get one table column per option (Sì | No).
OPTION_COLUMNS = 2


@dataclass(frozen=True)
class ReportData:
    """What a report is made from: the form, its answers, the steps carried over from last year and
    not yet confirmed, and the name of the session file (None for a session never saved)."""

    form: Form
    answers: Answers
    to_review: tuple[str, ...] = ()
    name: str | None = None

    @property
    def source(self) -> str:
        return source_text(self.name)


# ---------------------------------------------------------------- escaping user text
# Only characters that could start a Markdown construct are escaped (tests/unit/test_report.py):
# a report full of backslashes is unreadable, one that obeys its user is worse.

_ASCII_PUNCT = frozenset(string.punctuation)
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]|~<&#]")
_ENTITY = re.compile(r"&#?[0-9A-Za-z]+;")
_TAG_START = frozenset(string.ascii_letters + "/!?")
_LINE_START = frozenset("#>-+=~")
_ORDERED_MARKER = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_DELIMITER_ROW = re.compile(r":[-:\s]*")


def _next(text: str, at: int) -> str:
    return text[at + 1 : at + 2]


def _prev(text: str, at: int) -> str:
    return text[at - 1] if at else ""


#: For characters that are inert in some places: True when the one at ``at`` can stay as is.
_INERT: dict[str, Callable[[str, int, bool], bool]] = {
    "\\": lambda t, at, _h: _next(t, at) != "" and _next(t, at) not in _ASCII_PUNCT,
    "<": lambda t, at, _h: _next(t, at) == "" or _next(t, at) not in _TAG_START,
    "&": lambda t, at, _h: not _ENTITY.match(t, at),
    "_": lambda t, at, _h: _prev(t, at).isalnum() and _next(t, at).isalnum(),
    "~": lambda t, at, _h: "~" not in (_prev(t, at), _next(t, at)),
    "#": lambda _t, _at, heading: not heading,
}


#: Control characters a file edited by hand may hold (validation flags them): shown as their
#: Unicode pictures (␇ for BEL), never sent raw to a terminal, a browser or a printer. NUL and the
#: C1 controls, which have no picture, become U+FFFD as markdown-it would make NUL.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(1, 0x20) if chr(code) not in "\t\n"}
_CONTROL_PICTURES |= {0: "\ufffd", 0x7F: "\u2421"} | {code: "\ufffd" for code in range(0x80, 0xA0)}


_CONTROL = re.compile("[" + "".join(sorted(map(chr, _CONTROL_PICTURES))).replace("\\", "\\\\") + "]")


def _picture(match: re.Match[str]) -> str:
    return _CONTROL_PICTURES[ord(match[0])]


def clean(text: str) -> str:
    """Line ends as ``\\n``; other control characters visible (``_CONTROL_PICTURES``).

    A regular expression, not ``str.translate``: answers hold none or a few, and translate walks
    every character in Python's slow path (a large session's export took twice as long)."""
    return _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


def escape_line(text: str, *, heading: bool = False) -> str:
    """One line of user text as inert Markdown: no block or inline construct can start in it."""
    line = " ".join(clean(text).split("\n")).strip()

    def escape(match: re.Match[str]) -> str:
        inert = _INERT.get(match[0])
        return match[0] if inert and inert(line, match.start(), heading) else "\\" + match[0]

    return _escape_line_start(_INLINE_SPECIAL.sub(escape, line))


def _escape_line_start(line: str) -> str:
    if (line and line[0] in _LINE_START) or _DELIMITER_ROW.fullmatch(line):
        return "\\" + line
    return _ORDERED_MARKER.sub(r"\1\\\2", line, count=1) if _ORDERED_MARKER.match(line) else line


#: What starts a line typed as a list item: «- voce» (the seed's lists, as users type them).
ITEM_MARK = "- "
#: Bullets taken in turn by lists that follow one another: the same bullet would join them into one.
_BULLETS = ("-", "*")


def is_item(line: str) -> bool:
    """Whether ``line`` is typed as a list item: «- » then some words (spaces before it allowed)."""
    stripped = line.strip()
    return stripped.startswith(ITEM_MARK) and bool(stripped[len(ITEM_MARK) :].strip())


def paragraphs(text: str) -> list[str]:
    """Free text as Markdown blocks: a blank line separates paragraphs, a newline is a hard break,
    and lines typed as «- voce» make a list. Every other character stays as typed (escaped)."""
    runs: list[tuple[bool, list[str]]] = []  # (list items?, lines); a blank line ends a run
    blank = True
    for line in clean(text).split("\n"):
        if not line.strip():
            blank = True
            continue
        item = is_item(line)
        if blank or runs[-1][0] != item:
            runs.append((item, []))
        runs[-1][1].append(line)
        blank = False
    out: list[str] = []
    bullet = _BULLETS[0]
    for number, (item, lines) in enumerate(runs):
        if not item:
            out.append("\\\n".join(escape_line(line) for line in lines))
            continue
        follows_list = number > 0 and runs[number - 1][0]
        bullet = _BULLETS[1] if follows_list and bullet == _BULLETS[0] else _BULLETS[0]
        out.append("\n".join(f"{bullet} {escape_line(line.strip()[len(ITEM_MARK) :])}" for line in lines))
    return out


# ---------------------------------------------------------------- values


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _line(value: object) -> str:
    """A one-line value ready for the page, or the dash when there is none."""
    if isinstance(value, list):
        value = ", ".join(v for v in value if isinstance(v, str) and v.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return italian_date(value)
    return escape_line(value) if isinstance(value, str) and value.strip() else DASH


def _triennium(form: Form, answers: Answers, *, heading: bool = False) -> str:
    raw = answers.text_of_role(form, "triennium")
    years = parse_triennium(raw)
    if years:
        return format_triennium(years[0])
    return escape_line(raw, heading=heading) if raw.strip() else DASH


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


# ---------------------------------------------------------------- draft notice


def blocking_problems(form: Form, answers: Answers) -> list[Problem]:
    """What keeps the report a draft: missing answers and errors (warnings do not)."""
    return [p for p in validate(form, answers, final=True) if p.is_error]


def _place(form: Form, problem: Problem) -> str:
    question = form.question(problem.question)
    step = form.step(question.step)
    if step.kind == "header":
        return step.title
    if step.kind == "table":
        return f"Assegnazione degli obiettivi, domanda {question.number}"
    if step.kind == "counts":
        return f"Allegato {question.number}"
    return f"Domanda {question.number}" if question.number else f"Blocco {step.number} ({question.text})"


def pending_review(data: ReportData) -> list[str]:
    """The steps carried over from last year and not yet confirmed, named for the user."""
    return pending_names(data.form, data.to_review)


def _draft_notice(form: Form, problems: list[Problem], pending: list[str]) -> str:
    lines = ["> **BOZZA** — documento non definitivo, da non firmare né pubblicare così."]
    if problems:
        lines += [">", "> Da completare o correggere:", ">"]
        lines += [f"> - {_place(form, p)}: {escape_line(p.message)}" for p in problems]
    if pending:
        lines += [
            ">",
            "> Da rivedere (risposte riprese dall'anno scorso o da un documento, non ancora confermate):",
            ">",
        ]
        lines += [f"> - {escape_line(name)}" for name in pending]
    return "\n".join(lines)


def provenance_line(data: ReportData) -> str:
    """The report's last line: which session, which form, the fingerprint of the answers. No clock time."""
    form = data.form
    return (
        f"*Generato da oivtui {escape_line(data.source)} · modulo {form.id} {form.version} · "
        f"{MARKER} {fingerprint(data.answers)}*"
    )


# ---------------------------------------------------------------- documents


def _letterhead(form: Form) -> Iterator[str]:
    """The lines that open each document (the form's ``letterhead``), one block, each line in bold."""
    if form.letterhead:
        yield "\\\n".join(f"**{line}**" for line in form.letterhead)


def _title_block(form: Form, document: Document, answers: Answers) -> Iterator[str]:
    administration = answers.text_of_role(form, "administration").strip()
    yield f"**{escape_line(administration)}**" if administration else DASH
    yield _heading(1, f"{document.title} triennio {_triennium(form, answers, heading=True)}")
    if document.subtitle:
        yield document.subtitle
    if document.deadline:
        yield f"*{document.deadline}*"


def _contents(form: Form, document: Document) -> Iterator[str]:
    numbered = [form.section(s) for s in document.sections if form.section(s).number]
    if numbered:
        yield "\n".join(f"{s.number}. {s.title}" for s in numbered)


def _signature(form: Form, answers: Answers) -> Iterator[str]:
    yield f"{_line(answers.of_role(form, 'place'))}, {_line(answers.of_role(form, 'signature_date'))}"
    names = answers.of_role(form, "signatories")
    names = [n for n in names if isinstance(n, str) and n.strip()] if isinstance(names, list) else []
    lines = [_line(answers.of_role(form, "signatory_role"))]
    lines += [f"F.to {escape_line(n)}" for n in names] or [f"F.to {DASH}"]
    yield "\\\n".join(lines)


class DocumentParts(NamedTuple):
    """One document's Markdown blocks: the letterhead, the body (title to last answer), the signature.

    The HTML page wraps them (``questionnaire/report_html.py``): the letterhead in a header, the
    signature in a block that is never split nor printed apart from the lines above it.
    """

    letterhead: tuple[str, ...]
    body: tuple[str, ...]
    signature: tuple[str, ...]


def _document(form: Form, answers: Answers, document: Document) -> DocumentParts:
    body = [*_title_block(form, document, answers), *_contents(form, document)]
    for section_id in document.sections:
        body.extend(_section(form, answers, form.section(section_id), 1))
    return DocumentParts(tuple(_letterhead(form)), tuple(body), tuple(_signature(form, answers)))


def _section(form: Form, answers: Answers, section: Section, level: int) -> Iterator[str]:
    steps = [form.step(step_id) for step_id in section.steps]
    if section.number and len(steps) == 1 and steps[0].number == section.number:
        # A section that is one numbered step (7, the summary annex) gets one heading, as in the seed:
        # the step's title at the section's level («7 Allegato di sintesi…»).
        yield from _step(form, answers, steps[0], level, label=f"{section.number} {steps[0].title}")
        return
    if section.number:
        level += 1
        yield _heading(level, section.label)
    for step in steps:
        yield from _step(form, answers, step, level)


def _step(form: Form, answers: Answers, step: Step, level: int, label: str = "") -> Iterator[str]:
    if step.number:
        level += 1
        title = label or step.label
        if step.kind == "counts":
            title = f"{title} {_triennium(form, answers, heading=True)}"
        yield _heading(level, title)
    for question in step.questions:
        yield from _question(form, answers, step, question, level + 1)


def _question(form: Form, answers: Answers, step: Step, question: Question, level: int) -> Iterator[str]:
    title = question.title if question.number else question.text
    if title != step.title:
        yield _heading(level, title)
    if step.kind == "table":
        yield _table(question, answers)
    elif step.kind == "counts":
        yield _counts(form, question, answers)
    else:
        yield from _answer(question, answers, level + 1)


# ---------------------------------------------------------------- block questions


def _answer(question: Question, answers: Answers, level: int) -> Iterator[str]:
    if not answers.question_answered(question):
        yield NO_ANSWER if question.required else DASH
    else:
        fields = [f for f in question.fields if not f.annotation and answers.relevant(question, "", f)]
        yield from _joined((f, list(_field(f, answers.get(f"{question.id}/{f.key}"), level))) for f in fields)
    for field in question.fields:
        value = _text(answers.get(f"{question.id}/{field.key}"))
        if field.annotation and value.strip():
            yield _heading(level, field.label)
            yield from paragraphs(value)


def _joined(fields: Iterator[tuple[Field, list[str]]]) -> Iterator[str]:
    """The blocks of a question's fields in order; a short answer followed by a text that goes on
    in lower case is one sentence: «**Risposta:** Sì, prima della…»."""
    short = ""
    for field, blocks in fields:
        if short and blocks and blocks[0][:1].islower():  # escaped text starts as typed when in lower case
            blocks = [f"{short}, {blocks[0]}", *blocks[1:]]
        elif short:
            yield short
        short = blocks[0] if blocks and not field.is_long else ""
        yield from blocks[1:] if short else blocks
    if short:
        yield short


def _field(field: Field, value: object, level: int) -> Iterator[str]:
    if field.kind == "lines":
        yield _heading(level, field.label)
        items = [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
        yield "\n".join(f"- {escape_line(item)}" for item in items) or DASH
    elif field.kind == "text":
        yield from paragraphs(_text(value))
    elif not is_empty(value):
        yield f"{SHORT_ANSWER}{_line(value)}"


# ---------------------------------------------------------------- tables and counts


def _column_labels(field: Field) -> list[str]:
    if field.kind == "choice" and len(field.options) <= OPTION_COLUMNS:
        return list(field.options)
    return [field.label]


def _marks(field: Field, value: object) -> list[str]:
    marks = [TICKED if value == option else UNTICKED for option in field.options]
    if isinstance(value, str) and value.strip() and value not in field.options:
        marks[-1] += f" (altro: {escape_line(value)})"
    return marks


def _cells(field: Field, value: object) -> list[str]:
    if field.kind == "choice" and len(field.options) <= OPTION_COLUMNS:
        return _marks(field, value)
    if field.kind == "choice":
        marks = _marks(field, value)
        return [" ".join(f"{mark} {option}" for mark, option in zip(marks, field.options, strict=True))]
    if field.kind == "text":
        return [escape_line(_text(value))]
    return [_line(value)]


def _alignment(field: Field) -> list[str]:
    if field.kind == "integer":
        return ["--:"]
    return [":-:"] * len(field.options) if len(_column_labels(field)) > 1 else ["---"]


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(question: Question, answers: Answers) -> str:
    fields = question.fields
    lines = [_table_row([""] + [label for f in fields for label in _column_labels(f)])]
    lines.append(_table_row(["---"] + [a for f in fields for a in _alignment(f)]))
    for row in question.rows:
        values = [answers.get(join_address(question.id, row.key, f.key)) for f in fields]
        lines.append(_table_row([row.label] + [c for f, v in zip(fields, values, strict=True) for c in _cells(f, v)]))
    return "\n".join(lines)


def _count(form: Form, question: Question, answers: Answers, field: Field) -> str:
    value = _line(answers.get(f"{question.id}/{field.key}"))
    share = next((f for f in question.fields if f.agency_share_of == field.key), None)
    agency = answers.get(f"{question.id}/{share.key}") if share else None
    if not isinstance(agency, int):
        return value
    name = answers.text_of_role(form, "special_agency").strip()
    return f"{value} dell'amministrazione e {agency} dell'Azienda Speciale" + (f" {escape_line(name)}" if name else "")


def _counts(form: Form, question: Question, answers: Answers) -> str:
    """One line per count; the special agency's share of a count (``agency_share_of`` in the
    form) is written with it, not on a line of its own."""
    fields = [f for f in question.fields if not f.agency_share_of and answers.relevant(question, "", f)]
    return "\n".join(f"- {f.label}: {_count(form, question, answers, f)}" for f in fields)


# ---------------------------------------------------------------- public API


def is_draft(data: ReportData, draft: bool | None = None) -> tuple[bool, list[Problem]]:
    """Whether the report is a draft (``draft`` decides when given) and what blocks it.

    Steps still to review (carried over from last year) make a draft too: :func:`pending_review`.
    """
    if draft is False:
        return False, []
    problems = blocking_problems(data.form, data.answers)
    return (bool(problems or data.to_review) if draft is None else draft), problems


class ReportParts(NamedTuple):
    """The report's Markdown in its parts: a draft's notice ("" when final), the documents, and the
    provenance line ("" in a copy for publication)."""

    notice: str
    documents: tuple[DocumentParts, ...]
    provenance: str


def report_parts(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> ReportParts:
    """What :func:`render_markdown` joins, and the HTML page wraps (``questionnaire/report_html.py``)."""
    form, answers = data.form, data.answers
    marked, problems = is_draft(data, draft)
    notice = _draft_notice(form, problems, pending_review(data)) if marked else ""
    relevant = answers.relevant_only(form)  # answers set aside by a relevance condition: not printed
    documents = tuple(_document(form, relevant, document) for document in form.documents)
    return ReportParts(notice, documents, provenance_line(data) if provenance else "")


def render_markdown(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> str:
    """Both documents as Markdown; a draft starts with a BOZZA notice listing what is missing.

    The last line names the session file, the form and the fingerprint of the answers
    (:func:`provenance_line`), so ``oivtui verify`` can tell where a report came from; a copy meant
    for publication (``provenance=False``) leaves it out.
    """
    parts = report_parts(data, draft=draft, provenance=provenance)
    blocks = [parts.notice] if parts.notice else []
    for number, document in enumerate(parts.documents):
        if number:
            blocks.append("---")  # between documents: a page break in the HTML
        blocks.extend((*document.letterhead, *document.body, *document.signature))
    if parts.provenance:
        blocks.append(parts.provenance)
    return "\n\n".join(blocks) + "\n"
