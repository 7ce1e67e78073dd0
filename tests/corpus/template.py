"""A session's answers laid out as the official template lays out a filing (letterhead, title,
staff table, signature; then the blocks, their questions, short answers ticked among the options,
«Esempio», 7A/7B «label: number»), as a list of neutral blocks; and three ways of writing those
blocks: Markdown for pandoc and LibreOffice, HTML as a CMS publishes it, and a Word file with
Word's own constructs (:mod:`tests.corpus.word`). Used only by tests/corpus/make_corpus.py."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from dataclasses import dataclass, field

from oivtui.files.session import Session
from questionnaire.form.model import Question

MONTHS = "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split()


@dataclass
class Hand:
    """How one writer fills the template in."""

    #: The short answer: "ticks" (☒ Sì ☐ No), "word" (the option opens the answer: «SI'.»), "x" («X Sì   No»).
    choice: str = "ticks"
    #: How «Sì» and «No» are written in a short answer.
    yes: str = "Sì"
    no: str = "No"
    #: Thousands with a dot (1.250).
    dotted: bool = False
    #: The letterhead in capitals with the province: «COMUNE DI MONTICHIARI (Provincia di Brescia)».
    capitals: str = ""
    #: «Nucleo di valutazione» instead of «Organismo indipendente di valutazione».
    nucleo: bool = False
    #: The form's blanks before the staff numbers: «_ _ _ _12».
    blanks: bool = False
    #: Blocks left out of the document entirely.
    left_out: tuple[str, ...] = ()


@dataclass
class Block:
    kind: str  # letterhead, title, para, question, heading, options, table, count, signature, label
    text: str = ""
    level: int = 0
    number: str = ""
    options: tuple[str, ...] = ()
    chosen: str = ""
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def number(value: object, hand: Hand) -> str:
    if not isinstance(value, int):
        return ""
    return f"{value:,}".replace(",", ".") if hand.dotted else str(value)


def date_words(value: object) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if isinstance(value, dt.date) else ""


def _shown(option: str, hand: Hand) -> str:
    return {"Sì": hand.yes, "No": hand.no}.get(option, option)


def blocks(session: Session, hand: Hand) -> list[Block]:
    form, a = session.form, session.answers
    head = a.data.get("header", {})
    triennium = str(head.get("triennium", "")).replace("-", " – ")
    out: list[Block] = []
    body = "Nucleo di valutazione" if hand.nucleo else "Organismo indipendente di valutazione"
    out.append(Block("letterhead", hand.capitals or str(head.get("administration", ""))))
    out.append(Block("para", body))
    first, second = form.documents[0], form.documents[1]
    out.append(Block("title", f"{first.title} triennio {triennium}"))
    out.append(Block("para", first.subtitle))
    for question in form.step("staff").questions:
        out.append(Block("question", question.text, number=question.number, level=1))
        out.append(_table(session, question, hand))
    out += _signature(session)
    out.append(Block("title", f"{second.title} triennio {triennium}"))
    out.append(Block("para", second.subtitle))
    section = ""
    for step in form.steps:
        if step.kind != "block" and step.kind != "counts":
            continue
        if step.id in hand.left_out:
            continue
        owner = next(s for s in form.sections if step.id in s.steps)
        if owner.id != section and step.kind == "block":
            section = owner.id
            out.append(Block("heading", f"{owner.number} {owner.title}", level=1))
        if step.kind == "counts":
            out.append(Block("heading", f"{step.number} – {step.title}", level=1))
            for question in step.questions:
                out.append(Block("heading", f"{question.number} - {question.text}", level=3))
                out.append(Block("count", lines=_counts(session, question, hand)))
            continue
        out.append(Block("heading", f"{step.number} – {step.title}", level=2))
        for question in step.questions:
            out += _question(session, question, hand)
    out += _signature(session)
    return out


def _table(session: Session, question: Question, hand: Hand) -> Block:
    a = session.answers
    rows: list[tuple[str, ...]] = []
    if question.id == "tab.1":
        header = ("", *(f.label for f in question.fields))
        for row in question.rows:
            cells = [row.label]
            for fld in question.fields:
                value = a.get(f"{question.id}/{row.key}/{fld.key}")
                if fld.kind == "integer":
                    shown = number(value, hand)
                    cells.append(f"_ _ _ _{shown}" if hand.blanks else shown)
                else:
                    cells.append(" ".join(f"{'☒' if o == value else '☐'} {o}" for o in fld.options))
            rows.append(tuple(cells))
        return Block("table", header=header, rows=rows)
    header = ("", "Si", "No", "(se no) motivazioni")
    for row in question.rows:
        coherent = a.get(f"{question.id}/{row.key}/coherent")
        reasons = a.get(f"{question.id}/{row.key}/reasons")
        rows.append((row.label, "X" if coherent == "Sì" else "", "X" if coherent == "No" else "", str(reasons or "")))
    return Block("table", header=header, rows=rows)


def _signature(session: Session) -> list[Block]:
    head = session.answers.data.get("header", {})
    lines = [f"{head.get('place', '')}, {date_words(head.get('signature_date'))}", str(head.get("signatory_role", ""))]
    lines += [f"F.to {name}" for name in head.get("signatories", [])]
    return [Block("signature", lines=lines)]


def _question(session: Session, question: Question, hand: Hand) -> list[Block]:
    a = session.answers
    out = [Block("question", question.text, number=question.number, level=3)]
    if not question.number:  # a block's notes, or block 9's open text
        out[0] = Block("label", question.text)
    choice = a.get(f"{question.id}/choice")
    text = a.get(f"{question.id}/text")
    paragraphs = [p for p in str(text or "").split("\n\n") if p.strip()]
    if any(f.key == "choice" for f in question.fields) and choice:
        options = question.field("choice").options
        if hand.choice == "word":
            if paragraphs:
                paragraphs[0] = f"{_shown(str(choice), hand)}. {paragraphs[0]}"
            else:
                paragraphs = [_shown(str(choice), hand)]
        else:
            out.append(Block("options", options=options, chosen=str(choice)))
    out += [Block("para", p) for p in paragraphs]
    systems = a.get(f"{question.id}/systems")
    if systems:
        out.append(Block("label", "Specificare i sistemi informatici di maggior rilevanza ai fini della misurazione"))
        out += [Block("para", s) for s in systems]  # type: ignore[union-attr]
    example = a.get(f"{question.id}/example")
    if example:
        out.append(Block("label", question.field("example").label))
        out += [Block("para", p) for p in str(example).split("\n\n") if p.strip()]
    return out


def _counts(session: Session, question: Question, hand: Hand) -> list[str]:
    a = session.answers
    agency = session.answers.data.get("header", {}).get("special_agency")
    shares = {f.agency_share_of: f for f in question.fields if f.agency_share_of}
    lines = []
    for fld in question.fields:
        if fld.agency_share_of:
            continue
        value = a.get(f"{question.id}/{fld.key}")
        if value is None:
            continue
        shown = number(value, hand)
        share = shares.get(fld.key)
        part = a.get(f"{question.id}/{share.key}") if share else None
        if agency and isinstance(part, int):
            shown = f"{shown} dell'amministrazione e {number(part, hand)} dell'Azienda Speciale {agency}"
        lines.append(f"{fld.label}: {shown}")
    return lines


def _box_line(block: Block, hand: Hand) -> str:
    if hand.choice == "x":
        return "   ".join(f"{'X ' if o == block.chosen else ''}{_shown(o, hand)}" for o in block.options)
    return "   ".join(f"{'☒' if o == block.chosen else '☐'} {_shown(o, hand)}" for o in block.options)


# ---------------------------------------------------------------- Markdown (pandoc's input)


def markdown(items: list[Block], hand: Hand) -> str:
    out: list[str] = []
    for b in items:
        if b.kind in ("letterhead", "title"):
            out.append(f"**{b.text}**")
        elif b.kind == "para":
            out.append(b.text.replace("\n", "  \n"))
        elif b.kind == "question" and b.level == 1:
            out.append(f"{b.number}. {b.text}")  # pandoc makes it a numbered list: Word's automatic numbering
        elif b.kind == "question":
            out.append(f"### {b.number} - {b.text}")
        elif b.kind == "heading":
            out.append(f"{'#' * b.level} {b.text}")
        elif b.kind == "label":
            out.append(f"**{b.text}**")
        elif b.kind == "options":
            out.append(_box_line(b, hand))
        elif b.kind == "table":
            cells = [b.header, *b.rows]
            out.append("\n".join("| " + " | ".join(c or " " for c in row) + " |" for row in cells[:1]))
            out[-1] += "\n|" + "---|" * len(b.header) + "\n"
            out[-1] += "\n".join("| " + " | ".join(c or " " for c in row) + " |" for row in cells[1:])
        elif b.kind in ("signature", "count"):
            out.append("  \n".join(b.lines))  # hard line breaks: one paragraph, as Shift+Enter makes it
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------- HTML as a CMS publishes it


def cms_html(items: list[Block], hand: Hand, width: int = 72) -> str:
    """Source lines wrapped anywhere, <br>, nested <div>s, a <thead>, entities (&egrave;)."""

    def esc(text: str) -> str:
        named = html.escape(text, quote=False)
        for char, entity in (("è", "&egrave;"), ("à", "&agrave;"), ("ì", "&igrave;"), ("ò", "&ograve;")):
            named = named.replace(char, entity)
        return named.replace("ù", "&ugrave;").replace("’", "&rsquo;").replace("«", "&laquo;")

    def wrap(text: str, indent: str = "      ") -> str:
        return "\n".join(textwrap.wrap(esc(text), width, initial_indent=indent, subsequent_indent=indent))

    out = ['<!DOCTYPE html>\n<html lang="it"><head><meta charset="utf-8"><title>Amministrazione trasparente</title>']
    out.append("<style>td,th{border:1px solid #999;padding:2px}</style></head>")
    out.append('<body>\n<div class="page">\n  <div class="content">\n    <div class="field-item">')
    for b in items:
        if b.kind in ("letterhead", "title"):
            out.append(f"    <p>\n      <strong>\n{wrap(b.text)}\n      </strong>\n    </p>")
        elif b.kind == "para":
            out.append(f"    <p>\n{wrap(b.text)}\n    </p>")
        elif b.kind == "question" and b.level == 1:
            out.append(f'    <ol start="{b.number}">\n      <li>\n{wrap(b.text)}</li>\n    </ol>')
        elif b.kind == "question":
            out.append(f"    <h4>\n{wrap(f'{b.number} - {b.text}')}\n    </h4>")
        elif b.kind == "heading":
            out.append(f"    <h{b.level + 1}>{esc(b.text)}</h{b.level + 1}>")
        elif b.kind == "label":
            out.append(f"    <div><p><b>{esc(b.text)}</b></p></div>")
        elif b.kind == "options":
            out.append(f"    <p>{esc(_box_line(b, hand))}</p>")
        elif b.kind == "table":
            head = "".join(f"<th>{esc(c)}</th>" for c in b.header)
            rows = "\n".join(
                "        <tr>" + "".join(f"<td>\n{wrap(c, '          ')}\n        </td>" for c in row) + "</tr>"
                for row in b.rows
            )
            out.append(
                f"    <table>\n      <thead><tr>{head}</tr></thead>\n      <tbody>\n{rows}\n"
                "      </tbody>\n    </table>"
            )
        elif b.kind in ("signature", "count"):
            out.append("    <p>\n" + "<br>\n".join(wrap(line) for line in b.lines) + "\n    </p>")
    out.append("    </div>\n  </div>\n</div>\n</body></html>\n")
    return "\n".join(out)
