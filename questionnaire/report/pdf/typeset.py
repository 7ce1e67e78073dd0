"""Both monitoring documents as one A4 PDF, PDF/A-2a and PDF/UA-1 (tagged: headings, lists, tables
with header cells, the language Italian), typeset by Typst (the ``typst`` package, which ships the
compiler) from the report's typed blocks (:func:`questionnaire.report.blocks.report_blocks`).

The layout is ``report.typ``, beside this module. It receives the blocks as JSON through
``sys.inputs``: every answer reaches the page as a Typst string, never as markup. Typst uses only
the fonts shipped in ``fonts/`` (DejaVu Sans), never the machine's, and the dates are the
signature date, never the clock: the same answers give the same bytes with the same Typst. What is
checked about PDF/A and PDF/UA is in docs/pdf.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questionnaire.report.blocks import (
    NOTICE_ITEM,
    Block,
    Bullets,
    Contents,
    Heading,
    Letterhead,
    NewDocument,
    Notice,
    Para,
    Provenance,
    Signature,
    Table,
    one_line,
    report_blocks,
)
from questionnaire.report.data import ReportData
from questionnaire.report.pdf.faces import FONTS, printable
from questionnaire.report.pdf.metadata import author, keywords, signature_datetime, subject, title

if TYPE_CHECKING:
    from typst import PDFStandard

TEMPLATE = Path(__file__).parent / "report.typ"
#: The PDF standards every report claims (and Typst checks while it writes the file).
STANDARDS: list[PDFStandard] = ["a-2a", "ua-1"]
#: An item that starts with its own marker («a. …», «1 - …», «2) …»): that marker is the item's,
#: not a bullet before it (one marker per item).
_OWN_MARKER = re.compile(r"^(?P<mark>[a-zA-Z]|\d{1,3})(?P<sep>\s*[-–]|[.)])\s+(?=\S)")


#: A run of this many characters with no space may be broken (Typst would let a word longer than a
#: line run off the page): a zero-width space, which Typst draws as nothing, every ``STEP``
#: characters. Text extraction may show it (U+200B): ``oivtui import`` and ``verify`` drop it.
LONG_WORD, STEP = 40, 8
_LONG = re.compile(rf"\S{{{LONG_WORD},}}")


def _breakable(match: re.Match[str]) -> str:
    word = match[0]
    return "\u200b".join(word[at : at + STEP] for at in range(0, len(word), STEP))


_LINE_END_SPACES = re.compile(r" +(?=\n|$)")


def shown(text: str) -> str:
    """``text`` as the template gets it: :func:`printable`, long words breakable, and no space at
    a line's end (``oivtui import`` reads a line that ends with a space as a wrapped one)."""
    return _LONG.sub(_breakable, _LINE_END_SPACES.sub("", printable(text)))


def _items(items: tuple[str, ...]) -> dict[str, Any]:
    """A list's items and their markers: each item's own when every item has one, else none (bullets)."""
    found = [_OWN_MARKER.match(item) for item in items]
    if items and all(found):
        marks = [m[0].strip() for m in found if m]
        bodies = [shown(item[m.end() :]) for item, m in zip(items, found, strict=True) if m]
        return {"items": bodies, "marks": marks}
    return {"items": [shown(item) for item in items], "marks": [""] * len(items)}


def _notice(block: Notice) -> dict[str, Any]:
    """The draft notice: its first line, then each heading with its items (the «• » marks as list markers)."""
    groups: list[dict[str, Any]] = []
    for line in block.lines[1:]:
        if line.startswith(NOTICE_ITEM) and groups:
            groups[-1]["items"].append(shown(line[len(NOTICE_ITEM) :]))
        else:
            groups.append({"title": shown(line), "items": []})
    return {"kind": "notice", "lines": [shown(block.lines[0])], "groups": groups}


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Letterhead):
        return {"kind": "letterhead", "lines": [shown(line) for line in block.lines]}
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": shown(block.text)}
    if isinstance(block, Para):
        return {"kind": "para", "text": shown(block.text), "style": block.style, "label": printable(block.label)}
    if isinstance(block, Contents):
        return {"kind": "contents", "lines": [shown(line) for line in block.lines]}
    if isinstance(block, Bullets):
        return {"kind": "bullets", **_items(block.items)}
    if isinstance(block, Table):
        rows = [[shown(cell) for cell in row] for row in block.rows]
        return {"kind": "table", "header": [shown(h) for h in block.header], "rows": rows, "align": block.align}
    if isinstance(block, Signature):
        return {"kind": "signature", "lines": [shown(line) for line in block.lines]}
    if isinstance(block, Notice):
        return _notice(block)
    assert isinstance(block, Provenance)
    return {"kind": "provenance", "text": printable(block.text)}  # the fingerprint kept whole


def report_json(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> str:
    """What the template receives: the metadata, the running header's words and each document's blocks."""
    marked, blocks = report_blocks(data, draft=draft, provenance=provenance)
    body: list[list[dict[str, Any]]] = [[]]
    for block in blocks:
        if isinstance(block, NewDocument):
            body.append([])
        else:
            body[-1].append(_block(block))
    when = signature_datetime(data)
    administration = one_line(data.answers.text_of_role(data.form, "administration")) or "—"
    report = {
        "title": title(data, marked),
        "author": author(data),
        "subject": subject(data),
        "keywords": keywords(data, provenance),
        "date": [when.year, when.month, when.day],
        "draft": marked,
        "administration": shown(administration),
        "documents": [shown(d.running_title) for d in data.form.documents],
        "body": body,
    }
    return json.dumps(report, ensure_ascii=False)


def render_pdf(data: ReportData, *, draft: bool | None = None, provenance: bool = True) -> bytes:
    """Both documents as one A4 PDF: the same blocks as the Markdown report, the same bytes each time.

    A copy for publication (``provenance=False``) has no provenance line and no fingerprint in its
    metadata."""
    import typst

    pdf = typst.compile(
        TEMPLATE,
        font_paths=[FONTS],
        ignore_system_fonts=True,
        sys_inputs={"report": report_json(data, draft=draft, provenance=provenance)},
        pdf_standards=STANDARDS,
        timestamp=int(signature_datetime(data).timestamp()),
    )
    assert isinstance(pdf, bytes)
    return pdf
