"""The tables of a PDF, rebuilt from where their text and their rules stand, with pdfplumber (on
pdfminer.six): each row's cells, a cell wrapped over several lines kept one cell, an empty cell
kept empty. pypdf's text gives a table's cells as lines of words with no column: «Non dirigenti
X Il colloquio…» does not say whether the X is under «Sì» or «No».

pdfplumber is loaded only when a page holds a row label of one of the form's tables and rules
that can close a cell (PDFium counts them), and only that page is read with it (loading pdfplumber
and reading a page costs about 0.15 s)."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, NamedTuple

from questionnaire.importing.lines import Line, tidy
from questionnaire.importing.pdf_boxes import cell_text, drawn_boxes, without_boxes
from questionnaire.importing.recognise import norm

if TYPE_CHECKING:
    from pypdfium2 import PdfPage

#: At most this many pages are read for tables (the staff table fills one or two).
MAX_TABLE_PAGES = 4


class PageTable(NamedTuple):
    """A table of one page: its rows as lines, and the band of the page it fills (points from the
    page's bottom, as pypdf places its text)."""

    top: float
    bottom: float
    lines: list[Line]


def pages_with(texts: list[str], labels: tuple[str, ...]) -> list[int]:
    """The pages whose text holds at least one of the row labels (normalised), in order."""
    wanted = [norm(label) for label in labels if label.strip()]
    found = []
    for number, text in enumerate(texts):
        words = f" {norm(text)} "
        if any(f" {label} " in words for label in wanted):
            found.append(number)
    return found[:MAX_TABLE_PAGES]


def page_tables(data: bytes, pages: list[int], labels: tuple[str, ...]) -> dict[int, list[PageTable]]:
    """The tables of those pages that are the form's: their rows from the first header row above
    a row whose first cell is one of ``labels`` to the last such row (a table the page's layout
    draws around its letterhead, or text below a table, stays pypdf's). {} when pdfplumber cannot
    read them: the text is then read as pypdf gives it, and what it cannot place stays empty."""
    pages = ruled(data, pages)
    if not pages:
        return {}
    import pdfplumber  # pdfminer.six: only when a page holds a table of the form
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    wanted = {_squeezed(label) for label in labels}
    quiet = logging.getLogger("pdfminer")
    level, quiet.level = quiet.level, logging.CRITICAL
    out: dict[int, list[PageTable]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[n + 1 for n in pages]) as pdf:
            for number, page in zip(pages, pdf.pages, strict=False):
                height = float(page.height)
                found = []
                boxes = drawn_boxes(page) if page.rects else []
                if boxes:  # a drawn box's sides are no table rules: they would split its cell in three
                    page = without_boxes(page, boxes)
                for table in page.find_tables():
                    table_rows = table.rows
                    texts = table.extract()
                    labelled = [at for at, cells in enumerate(texts) if cells and _squeezed(cells[0] or "") in wanted]
                    if not labelled or len(table_rows) != len(texts):
                        continue
                    first = labelled[0]
                    while first > 0 and labelled[0] - first < 2 and _header(texts[first - 1]):
                        first -= 1
                    kept = range(first, labelled[-1] + 1)
                    for at in kept if boxes else ():
                        for column, bbox in enumerate(table_rows[at].cells):
                            shown = cell_text(page, bbox, boxes) if bbox else None
                            texts[at][column] = texts[at][column] if shown is None else shown
                    lines = [_row(texts[at]) for at in kept if any(c and c.strip() for c in texts[at])]
                    top = min(float(table_rows[at].bbox[1]) for at in kept)
                    bottom = max(float(table_rows[at].bbox[3]) for at in kept)
                    found.append(PageTable(height - top, height - bottom, lines))
                if found:
                    out[number] = found
    except (
        PDFSyntaxError,
        PdfminerException,  # pdfplumber's wrapping of pdfminer's errors on a damaged object
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
    ):
        return {}
    finally:
        quiet.setLevel(level)
    return out


def ruled(data: bytes, pages: list[int]) -> list[int]:
    """Those of ``pages`` whose drawings can close a table's cell: rules or boxes standing at two
    places across and two down at least, a box that fills the page (a background) aside. pdfplumber
    builds its cells from nothing else, so a page without them has no table for it to find."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return pages  # pdfplumber says what it can
    try:
        return [number for number in pages if _can_close_a_cell(document[number])]
    except pdfium.PdfiumError:
        return []  # a page PDFium cannot load: no table read on it
    finally:
        document.close()


def _can_close_a_cell(page: PdfPage) -> bool:
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    across: set[int] = set()
    down: set[int] = set()
    for drawing in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = drawing.get_bounds()
        if right - left >= 0.9 * width and top - bottom >= 0.9 * height:
            continue  # the page's background
        wide, tall = right - left > _THIN, top - bottom > _THIN
        if wide:  # a box's top and bottom sides, or a rule across
            across.update((round(bottom), round(top)) if tall else (round((bottom + top) / 2),))
        if tall:
            down.update((round(left), round(right)) if wide else (round((left + right) / 2),))
    return len(across) >= 2 and len(down) >= 2


#: A drawing thinner than this (points) is a rule: one line, not a box's two sides.
_THIN = 2.0


def _squeezed(text: str) -> str:
    """A label without spaces: a narrow cell's text may come with spaces inside its words."""
    return norm(text).replace(" ", "")


def _header(cells: list[str | None]) -> bool:
    """A table's header row: two cells or more with text, the first perhaps empty."""
    return sum(1 for cell in cells if cell and cell.strip()) >= 2


def _row(cells: list[str | None]) -> Line:
    texts = tuple(tidy(" ".join((cell or "").split())) for cell in cells)
    return Line("\t".join(texts), "row", False, (), texts, True)
