"""A Word document (.docx, the official template filled in Word or LibreOffice) as lines, read
with python-docx: paragraphs in order with their bold runs and list styles, and tables row by row
(a table of one column is read as paragraphs). Word's checkbox symbols (``<w:sym>``, Wingdings)
become ☒ / ☐; a checkbox content control shows its ☒ / ☐ as text already."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from questionnaire.importing.errors import DocumentError
from questionnaire.importing.lines import TICKED, UNTICKED, Line, split_lines, tidy
from questionnaire.importing.numbering import WordNumbering

if TYPE_CHECKING:
    from docx.oxml.table import CT_Tc
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table
    from docx.text.paragraph import Paragraph

#: The most a .docx may unpack to (a zip bomb is refused before it is unpacked).
MAX_UNPACKED = 200 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Wingdings (and similar) checkbox glyphs of ``<w:sym>``: ticked and empty boxes.
_SYMBOLS = {"F0FE": TICKED, "F078": TICKED, "F0FD": TICKED, "F06F": UNTICKED, "F0A8": UNTICKED, "F071": UNTICKED}
#: The same boxes typed as text in a Wingdings run (Word's Insert > Symbol writes them so too).
_GLYPHS = {chr(int(code, 16) - 0xF000): mark for code, mark in _SYMBOLS.items()}
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


# ---------------------------------------------------------------- python-docx's private names


def paragraph_xml(paragraph: Paragraph) -> CT_P:
    """The paragraph's ``w:p`` element. python-docx keeps it under a private name (``_p``) and has
    no public accessor: this and :func:`cell_xml` are the one place that reads such names, and
    tests/unit/test_import_structure.py fails if python-docx renames them."""
    return paragraph._p


def cell_xml(cell: Any) -> CT_Tc:  # python-docx's _Cell, a private class too
    """The table cell's ``w:tc`` element (python-docx's private ``_tc``), which a merged cell shares
    across the columns it spans."""
    element: CT_Tc = cell._tc
    return element


def docx_lines(data: bytes) -> list[Line]:
    """The lines of a .docx; DocumentError when it is damaged or not a Word document."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    damaged = (
        PackageNotFoundError,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        ValueError,
        XMLSyntaxError,
        EOFError,
        zlib.error,
        RecursionError,
    )
    try:
        _check_size(data)
        return list(_body(Document(io.BytesIO(data))))
    except damaged as exc:
        raise DocumentError(f"il file .docx è danneggiato o non è un documento Word ({type(exc).__name__}).") from None


def _check_size(data: bytes) -> None:
    """A .docx is a zip: one that would unpack to more than :data:`MAX_UNPACKED` is refused unread."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise DocumentError("il file .docx è troppo grande una volta decompresso (oltre 200 MB).")


def _body(document: Any) -> Iterator[Line]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Context(document)
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield from _paragraph(Paragraph(child, document), numbering)
        elif child.tag == f"{_W}tbl":
            yield from _table(Table(child, document), numbering)
        elif child.tag == f"{_W}sdt":  # a content control around paragraphs (a block of the template)
            content = child.find(f"{_W}sdtContent")
            for inner in content if content is not None else ():
                if inner.tag == f"{_W}p":
                    yield from _paragraph(Paragraph(inner, document), numbering)
                elif inner.tag == f"{_W}tbl":
                    yield from _table(Table(inner, document), numbering)


def _numbering_element(part: Any) -> Any | None:
    try:
        return part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _paragraph(paragraph: Paragraph, numbering: _Context) -> list[Line]:
    style_id = numbering.style_id(paragraph)
    text, bold, plain_text = _runs(paragraph, numbering.bold(style_id))
    style = numbering.styles.get(style_id, _NO_STYLE)[0]
    number = _number(paragraph, numbering, style_id)
    if not text.strip():
        return []
    heading = style.lower().startswith(("heading", "titolo", "title"))
    item = number is not None or "list" in style.lower() or "elenco" in style.lower()
    strong = heading or (bool(bold) and not plain_text)
    kind = "heading" if heading else "item" if item else "para"
    if number:  # the number Word shows before the text: «1.», «2.3», «a)»
        text = f"{number} {text.lstrip()}"
    elif item and not text.lstrip().startswith(("- ", "• ")):
        text = "- " + text.lstrip()
    return split_lines(text, kind, strong, tuple(tidy(b) for b in bold if b.strip()))  # type: ignore[arg-type]


def _number(paragraph: Paragraph, numbering: _Context, style_id: str) -> str | None:
    """The list number Word shows before the paragraph ("" for a bullet), None outside a list: from
    the paragraph's ``w:numPr`` or, without one, its style's (a «List Number» style)."""
    props = paragraph_xml(paragraph).pPr
    found = props.find(f"{_W}numPr") if props is not None else None
    depth = 0
    while found is None and style_id in numbering.styles and depth < 10:
        _name, _bold, found, style_id = numbering.styles[style_id]
        depth += 1
    if found is None:
        return None
    num_id = found.find(f"{_W}numId")
    level = found.find(f"{_W}ilvl")
    ident = num_id.get(f"{_W}val") if num_id is not None else None
    if not ident or ident == "0":
        return None
    try:
        depth = int(level.get(f"{_W}val") or 0) if level is not None else 0
    except ValueError:
        depth = 0
    return numbering.numbers.label(ident, depth)


class _Reader:
    """A paragraph's text as Word shows it: runs, Shift+Enter breaks, tabs, and every kind of check
    box — Wingdings symbols (``w:sym``, or the glyph typed in a Wingdings run), legacy form fields
    (FORMCHECKBOX with ``w:checked``), content controls (``w14:checkbox``) — as ☒ / ☐."""

    def __init__(self, style_bold: bool) -> None:
        self.style_bold = style_bold
        self.text: list[str] = []
        self.bold: list[str] = []
        self.plain_text = False

    def walk(self, node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}t":
                self._text(child)
            elif tag in (f"{_W}br", f"{_W}cr"):
                if child.get(f"{_W}type") not in ("page", "column"):
                    self.text.append("\n")
            elif tag == f"{_W}tab":
                self.text.append("\t")
            elif tag == f"{_W}sym":
                code = (child.get(f"{_W}char") or "").upper()
                self.text.append(_SYMBOLS.get(f"F0{code[-2:]}", "") if len(code) >= 2 else "")
            elif tag == f"{_W}fldChar":
                self.text.append(_form_checkbox(child))
            elif tag == f"{_W}sdt":
                box = _control_checkbox(child)
                if box is not None:
                    self.text.append(box)
                else:
                    self.walk(child)
            elif tag in (f"{_W}del", f"{_W}rPr", f"{_W}pPr", f"{_W}instrText", f"{_W}sdtPr"):
                continue
            else:
                self.walk(child)

    def _text(self, node: Any) -> None:
        run = node.getparent()
        value = node.text or ""
        if _wingdings(run):
            value = "".join(_GLYPHS.get(c, c) for c in value)
        self.text.append(value)
        if _is_bold(run, self.style_bold):
            self.bold.append(value)
        elif value.strip():
            self.plain_text = True


def _runs(paragraph: Paragraph, style_bold: bool) -> tuple[str, list[str], bool]:
    """(text, bold parts, some text not bold), check boxes of every kind included."""
    reader = _Reader(style_bold)
    reader.walk(paragraph_xml(paragraph))
    return "".join(reader.text), reader.bold, reader.plain_text


def _form_checkbox(node: Any) -> str:
    """☒ / ☐ for the start of a FORMCHECKBOX field (its ``w:checked``, else its ``w:default``)."""
    if node.get(f"{_W}fldCharType") != "begin":
        return ""
    box = node.find(f"{_W}ffData/{_W}checkBox")
    if box is None:
        return ""
    for name in ("checked", "default"):
        flag = box.find(f"{_W}{name}")
        if flag is not None:
            return UNTICKED if flag.get(f"{_W}val") in ("0", "false", "off") else TICKED
    return UNTICKED


def _control_checkbox(node: Any) -> str | None:
    """☒ / ☐ for a check box content control (its ``w14:checked``), None for another control."""
    props = node.find(f"{_W}sdtPr")
    box = props.find(f"{_W14}checkbox") if props is not None else None
    if box is None:
        return None
    flag = box.find(f"{_W14}checked")
    return TICKED if flag is not None and flag.get(f"{_W14}val") in ("1", "true", "on") else UNTICKED


def _wingdings(run: Any) -> bool:
    props = run.find(f"{_W}rPr") if run is not None else None
    fonts = props.find(f"{_W}rFonts") if props is not None else None
    return fonts is not None and "wingdings" in (fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or "").lower()


def _is_bold(run: Any, style_bold: bool) -> bool:
    props = run.find(f"{_W}rPr") if run is not None else None
    if props is not None:
        flag = props.find(f"{_W}b")
        if flag is not None:
            return flag.get(f"{_W}val") not in ("0", "false")
    return style_bold


_NO_STYLE: tuple[str, bool | None, Any, str] = ("", None, None, "")


class _Context:
    """What every paragraph of one document is read with: its styles, read once (python-docx
    looks a style up by scanning them all, for every paragraph), and its list numbers."""

    def __init__(self, document: Any) -> None:
        self.numbers = WordNumbering(_numbering_element(document.part))
        #: style id → (name, bold or None when the style does not say, numPr, the style it is based on)
        self.styles: dict[str, tuple[str, bool | None, Any, str]] = {}
        self.default = ""
        try:
            root = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in root.iter(f"{_W}style"):
            ident = style.get(f"{_W}styleId") or ""
            name = style.find(f"{_W}name")
            based = style.find(f"{_W}basedOn")
            flag = style.find(f"{_W}rPr/{_W}b")
            bold = None if flag is None else flag.get(f"{_W}val") not in ("0", "false")
            num = style.find(f"{_W}pPr/{_W}numPr")
            shown = name.get(f"{_W}val") if name is not None else ident
            self.styles[ident] = (shown or "", bold, num, based.get(f"{_W}val") if based is not None else "")
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default = ident

    def style_id(self, paragraph: Paragraph) -> str:
        props = paragraph_xml(paragraph).pPr
        named = props.find(f"{_W}pStyle") if props is not None else None
        return (named.get(f"{_W}val") if named is not None else None) or self.default

    def bold(self, style_id: str) -> bool:
        depth = 0
        while style_id in self.styles and depth < 10:
            _name, bold, _num, based = self.styles[style_id]
            if bold is not None:
                return bold
            style_id, depth = based, depth + 1
        return False


def _table(table: Table, numbering: _Context) -> Iterator[Line]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell_xml(cell)) in seen:  # a merged cell comes once per column it spans
                continue
            seen.add(id(cell_xml(cell)))
            cells.append(cell)
        if len(cells) == 1:
            for paragraph in cells[0].paragraphs:
                yield from _paragraph(paragraph, numbering)
            continue
        texts = tuple(_cell_text(cell) for cell in cells)
        if any(texts):
            yield Line("\t".join(texts), "row", False, (), texts, True)


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs as one text: its lines and tabs are spaces (a cell wraps, it has no rows)."""
    text = " ".join(_runs(p, False)[0] for p in cell.paragraphs)
    return tidy(" ".join(text.replace("\t", " ").replace("\n", " ").split(" ")))
