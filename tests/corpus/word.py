"""The template's blocks (:mod:`tests.corpus.template`) written as Word writes a filled template,
with python-docx and into the XML where python-docx has no API: automatic numbering (``w:numPr``)
for the staff questions, real tables (a header cell merged over two columns), check boxes as
Wingdings symbols (``w:sym`` F0FE/F0A8), legacy form fields (FORMCHECKBOX with ``w:checked``) or
content controls (``w14:checkbox``), Shift+Enter breaks (``w:br``) in the 7A/7B lines and the
signature, and the form's «_ _ _ _» blanks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.corpus.template import Block, Hand, _shown

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _sym(run: Any, ticked: bool) -> None:
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), "F0FE" if ticked else "F0A8")
    run._r.append(sym)


def _formfield(paragraph: Any, ticked: bool) -> None:
    """A legacy check box: fldChar begin with ffData/checkBox, instrText FORMCHECKBOX, end."""
    begin = paragraph.add_run()._r
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "begin")
    data = OxmlElement("w:ffData")
    box = OxmlElement("w:checkBox")
    box.append(OxmlElement("w:sizeAuto"))
    default = OxmlElement("w:default")
    default.set(qn("w:val"), "0")
    box.append(default)
    if ticked:
        checked = OxmlElement("w:checked")
        box.append(checked)
    data.append(box)
    char.append(data)
    begin.append(char)
    instr = paragraph.add_run()._r
    text = OxmlElement("w:instrText")
    text.text = " FORMCHECKBOX "
    instr.append(text)
    end = paragraph.add_run()._r
    stop = OxmlElement("w:fldChar")
    stop.set(qn("w:fldCharType"), "end")
    end.append(stop)


def _control(paragraph: Any, ticked: bool) -> None:
    """A check box content control: w:sdt with w14:checkbox, showing ☒ or ☐ (MS Gothic)."""
    from lxml import etree  # type: ignore[import-untyped]

    sdt = OxmlElement("w:sdt")
    props = OxmlElement("w:sdtPr")
    box = etree.SubElement(props, f"{{{W14}}}checkbox")
    state = etree.SubElement(box, f"{{{W14}}}checked")
    state.set(f"{{{W14}}}val", "1" if ticked else "0")
    sdt.append(props)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "☒" if ticked else "☐"
    run.append(text)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)


def _box(paragraph: Any, ticked: bool, style: str) -> None:
    if style == "sym":
        _sym(paragraph.add_run(), ticked)
    elif style == "formfield":
        _formfield(paragraph, ticked)
    else:
        _control(paragraph, ticked)


def _numbered(document: Any, paragraph: Any) -> None:
    """Word's automatic numbering: the «List Number» list, its numId on the paragraph itself."""
    style = document.styles["List Number"]
    num_id = style.element.pPr.numPr.numId.val
    props = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), str(num_id))
    numbering.append(level)
    numbering.append(ident)
    props.append(numbering)


def _merge_header(table: Any) -> None:
    """A first header row «Coerente con il Sistema» merged over the Sì and No columns."""
    row = table.rows[0]
    row.cells[1].merge(row.cells[2])
    row.cells[1].text = "Coerente con il Sistema"


def write(items: list[Block], hand: Hand, path: Path, boxes: str) -> None:
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    for b in items:
        if b.kind in ("letterhead", "title", "label"):
            document.add_paragraph().add_run(b.text).bold = True
        elif b.kind == "para":
            document.add_paragraph(b.text)
        elif b.kind == "question" and b.level == 1:
            paragraph = document.add_paragraph(style="Normal")
            paragraph.add_run(b.text).bold = True
            _numbered(document, paragraph)
        elif b.kind == "question":
            document.add_paragraph().add_run(f"{b.number} - {b.text}").bold = True
        elif b.kind == "heading":
            document.add_heading(b.text, level=b.level)
        elif b.kind == "options":
            paragraph = document.add_paragraph()
            for option in b.options:
                _box(paragraph, option == b.chosen, boxes)
                paragraph.add_run(f" {_shown(option, hand)}    ")
        elif b.kind == "table":
            _table(document, b, hand, boxes)
        elif b.kind in ("signature", "count"):
            paragraph = document.add_paragraph()
            for at, line in enumerate(b.lines):
                run = paragraph.add_run(line)
                if at < len(b.lines) - 1:
                    run.add_break()  # Shift+Enter: <w:br/>
    document.save(str(path))


def _table(document: Any, block: Block, hand: Hand, boxes: str) -> None:
    two = block.header[1] == "Si"
    extra = 1 if two else 0
    table = document.add_table(rows=len(block.rows) + 1 + extra, cols=len(block.header))
    table.style = "Table Grid"
    if two:
        _merge_header(table)
        table.rows[0].cells[3].text = block.header[3]
    header = table.rows[extra]
    for at, text in enumerate(block.header):
        if not (two and at == 3):
            header.cells[at].text = text
    for r, row in enumerate(block.rows):
        cells = table.rows[r + 1 + extra].cells
        for c, text in enumerate(row):
            cell = cells[c].paragraphs[0]
            if two and c in (1, 2):
                _box(cell, text == "X", boxes)
            elif "☒" in text or "☐" in text:
                for part in text.replace("☐", "\0☐").replace("☒", "\0☒").split("\0")[1:]:
                    _box(cell, part.startswith("☒"), boxes)
                    cell.add_run(f" {part[1:].strip()}  ")
            else:
                cell.add_run(text)
