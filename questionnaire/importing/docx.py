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

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

#: The most a .docx may unpack to (a zip bomb is refused before it is unpacked).
MAX_UNPACKED = 200 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Wingdings (and similar) checkbox glyphs of ``<w:sym>``: ticked and empty boxes.
_SYMBOLS = {"F0FE": TICKED, "F078": TICKED, "F0FD": TICKED, "F06F": UNTICKED, "F0A8": UNTICKED, "F071": UNTICKED}


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

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield from _paragraph(Paragraph(child, document))
        elif child.tag == f"{_W}tbl":
            yield from _table(Table(child, document))


def _paragraph(paragraph: Paragraph) -> list[Line]:
    text, bold, plain_text = _runs(paragraph)
    if not text.strip():
        return []
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = style.lower().startswith(("heading", "titolo", "title"))
    item = "list" in style.lower() or "elenco" in style.lower() or _numbered(paragraph)
    strong = heading or (bool(bold) and not plain_text)
    kind = "heading" if heading else "item" if item else "para"
    if item and not text.lstrip().startswith(("- ", "• ")):
        text = "- " + text.lstrip()
    return split_lines(text, kind, strong, tuple(tidy(b) for b in bold if b.strip()))  # type: ignore[arg-type]


def _numbered(paragraph: Paragraph) -> bool:
    props = paragraph._p.pPr
    return props is not None and props.find(f"{_W}numPr") is not None


def _runs(paragraph: Paragraph) -> tuple[str, list[str], bool]:
    """(text, bold parts, some text not bold), checkbox symbols and content controls included."""
    text, bold, plain_text = [], [], False
    for node in paragraph._p.iter():
        if node.tag == f"{_W}t":
            run = node.getparent()
            value = node.text or ""
            text.append(value)
            if _is_bold(run, paragraph):
                bold.append(value)
            elif value.strip():
                plain_text = True
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            text.append("\n")
        elif node.tag == f"{_W}tab":
            text.append(" ")
        elif node.tag == f"{_W}sym":
            text.append(_SYMBOLS.get((node.get(f"{_W}char") or "").upper(), ""))
    return "".join(text), bold, plain_text


def _is_bold(run: Any, paragraph: Paragraph) -> bool:
    props = run.find(f"{_W}rPr") if run is not None else None
    if props is not None:
        flag = props.find(f"{_W}b")
        if flag is not None:
            return flag.get(f"{_W}val") not in ("0", "false")
    style = paragraph.style
    return bool(style is not None and style.font is not None and style.font.bold)


def _table(table: Table) -> Iterator[Line]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell comes once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        if len(cells) == 1:
            for paragraph in cells[0].paragraphs:
                yield from _paragraph(paragraph)
            continue
        texts = tuple(tidy(" ".join(_runs(p)[0] for p in cell.paragraphs)) for cell in cells)
        if any(texts):
            yield Line("\t".join(texts), "row", False, (), texts, True)
