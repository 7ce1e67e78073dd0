"""The tables of a PDF, rebuilt from where their text and their rules stand, with pdfplumber (on
pdfminer.six): each row's cells, a cell wrapped over several lines kept one cell, an empty cell
kept empty. pypdf's text gives a table's cells as lines of words with no column: «Non dirigenti
X Il colloquio…» does not say whether the X is under «Sì» or «No».

pdfplumber is loaded only when a page holds a row label of one of the form's tables, and only
that page is read with it (reading a page costs a few tenths of a second)."""

from __future__ import annotations

import io
import logging
from typing import NamedTuple

from questionnaire.importing.lines import Line, tidy
from questionnaire.importing.recognise import norm

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


def page_tables(data: bytes, pages: list[int]) -> dict[int, list[PageTable]]:
    """The ruled tables of those pages; {} when pdfplumber cannot read them (the text is then read
    as pypdf gives it, and what it cannot place stays empty, never guessed)."""
    if not pages:
        return {}
    import pdfplumber  # pdfminer.six: only when a page holds a table of the form
    from pdfminer.pdfparser import PDFSyntaxError

    quiet = logging.getLogger("pdfminer")
    level, quiet.level = quiet.level, logging.CRITICAL
    out: dict[int, list[PageTable]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[n + 1 for n in pages]) as pdf:
            for number, page in zip(pages, pdf.pages, strict=False):
                height = float(page.height)
                found = []
                for table in page.find_tables():
                    rows = table.extract()
                    lines = [_row(cells) for cells in rows if any(c and c.strip() for c in cells)]
                    if len(lines) >= 2 and max(len(line.cells) for line in lines) >= 2:
                        _x0, top, _x1, bottom = table.bbox
                        found.append(PageTable(height - float(top), height - float(bottom), lines))
                if found:
                    out[number] = found
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError):
        return {}
    finally:
        quiet.setLevel(level)
    return out


def _row(cells: list[str | None]) -> Line:
    texts = tuple(tidy(" ".join((cell or "").split())) for cell in cells)
    return Line("\t".join(texts), "row", False, (), texts, True)
