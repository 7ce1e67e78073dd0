"""oivtui's own PDF read back by where its lines stand, not by guesses about their length.

The report's writer (questionnaire/report/pdf/layout.py) leaves at the end of a wrapped line the space
it was wrapped at, so a line that ends with a space goes on in the next one. A line filled to the
text's right edge with no space at its end is a word cut where it overflowed (a word longer than a
line), and goes on in the next one with nothing between. A paragraph, a list item, a heading stand
apart from what comes before them: a larger gap, another font size, a bullet in its own column.
What is left, a line that follows at the usual distance, is a line the user ended. One place stays
open: the last line of a page, if not wrapped, may end a paragraph or a line; it is read as a
paragraph's end and offered to the fingerprint check the other way
(:func:`questionnaire.importing.ours.check_fingerprint`).

The page's furniture is told by its place and size, never by its words alone (an answer may say
«Pagina 3 di 12»): the page number (8 pt), the draft's line at the top (9 pt, bold) and its mark
across the page (90 pt); so is a table's header repeated at the top of a page.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from questionnaire.importing.lines import Line
from questionnaire.importing.recognise import opens_block
from questionnaire.report.pdf.layout import DRAFT_LINE, FOOT_SIZE, TABLE_SIZE


class Row(NamedTuple):
    """One line of a page as pypdf reads it, with where its first text was drawn."""

    text: str
    page: int
    #: Baseline height and left edge, in points from the page's bottom left corner.
    y: float
    x: float
    #: Font size in points.
    size: float
    #: The first text is in the bold face.
    bold: bool = False
    #: Where the last text ends (points from the left edge); 0 when not measured.
    end: float = 0.0


#: (the text before, the text after) a page break that ended a paragraph or only a line.
Join = tuple[str, str]

BULLET = "•"
#: The draft's mark across the page is drawn in 90 points, rotated: pypdf gives its size scaled
#: by the rotation (≈ 52); nothing else in the report comes near this.
MARK_SIZE = 30.0
_PAGE_NUMBER = re.compile(r"^Pagina \d+ di \d+$")
#: How far from the usual distance between the lines of a paragraph a line may stand (points).
_SLACK = 1.0
#: How close to the text's right edge a cut line ends (points): the writer cuts where the next
#: character would overflow, so a cut line ends within one character of the edge.
_EDGE = 1.0


def _furniture(row: Row, top: float) -> bool:
    text = row.text.strip()
    if row.size >= MARK_SIZE and text == "BOZZA":
        return True
    if row.size == FOOT_SIZE and _PAGE_NUMBER.match(text):
        return True
    return row.bold and row.size == TABLE_SIZE and row.y > top - 60 and text == DRAFT_LINE


def _pitches(rows: list[Row]) -> dict[float, float]:
    """For each font size, the distance between two lines of a paragraph: the smallest distance
    seen twice or more (a paragraph's gap is larger, and may be the most frequent in a report of
    short answers)."""
    seen: dict[float, Counter[float]] = {}
    for above, below in zip(rows, rows[1:], strict=False):
        if above.page == below.page and above.size == below.size and 0 < above.y - below.y < 3 * above.size:
            seen.setdefault(above.size, Counter())[round(above.y - below.y, 1)] += 1
    pitches = {}
    for size, counts in seen.items():
        often = [distance for distance, count in counts.items() if count >= 2]
        pitches[size] = min(often or counts)
    return pitches


class _Page(NamedTuple):
    """What the reading needs to know of the page's layout."""

    pitches: dict[float, float]
    left: float
    right: float


def _is_bullet(row: Row, page: _Page) -> bool:
    """A list item: a bullet in a column of its own, right of the text's left edge (a user's line
    that starts with «•» starts at the edge)."""
    return row.text.lstrip().startswith(BULLET) and row.x > page.left + 2


def _in_table(row: Row, page: _Page) -> bool:
    """A table cell's line: table size, inside a cell's padding."""
    return row.size == TABLE_SIZE and row.x > page.left + 2


def _at_pitch(above: Row, below: Row, page: _Page) -> bool:
    """``below`` stands right under ``above``, on the same page, at the usual distance of its size."""
    pitch = page.pitches.get(above.size)
    return above.page == below.page and pitch is not None and abs(above.y - below.y - pitch) <= _SLACK


def _follows(above: Row, below: Row, page: _Page) -> bool:
    """``below`` is the next line of ``above``'s paragraph (a line the user ended, or a cut word)."""
    return above.size == below.size and not _is_bullet(below, page) and _at_pitch(above, below, page)


def _cut(above: Row, below: Row, page: _Page) -> bool:
    """``above`` ends inside a word that goes on in ``below``: a table cell's lines hold no line
    ends of the user's, and elsewhere a cut line reaches the right edge."""
    if _in_table(above, page):
        return True
    return above.end > 0 and above.end >= page.right - _EDGE - above.size


def ours_lines(rows: list[Row]) -> tuple[list[Line], tuple[Join, ...]]:
    """The lines of a PDF oivtui wrote: paragraphs whole, the user's line ends kept."""
    top = max((row.y for row in rows), default=0.0)
    body = [row for row in rows if row.text.strip() and not _furniture(row, top)]
    body = _without_repeated_headers(body)
    text_rows = [row for row in body if row.size > TABLE_SIZE and row.end]
    page = _Page(
        _pitches(body),
        min((row.x for row in body), default=0.0),
        max((row.end for row in text_rows), default=0.0),
    )
    out: list[Line] = []
    joins: list[Join] = []
    paragraph: list[str] = [""]  # the paragraph's lines, the last one being built
    group = 0  # lists one after the other are told apart by the gap between them
    first: Row | None = None  # the paragraph's first row
    for number, row in enumerate(body):
        above = body[number - 1] if number else None
        if above is None or first is None:
            paragraph, first = [row.text], row
        elif above.text.endswith(" "):  # wrapped: the space it was wrapped at is there
            paragraph[-1] += row.text
        elif _follows(above, row, page):
            if _cut(above, row, page):
                paragraph[-1] += row.text
            else:
                paragraph.append(row.text)
        else:
            if above.page != row.page and not opens_block(row.text.strip()) and not _is_bullet(row, page):
                joins.append((above.text.strip(), row.text.strip()))
            _flush(out, paragraph, group, _is_bullet(first, page))
            if not (out and out[-1].kind == "item" and _next_item(above, row, page)):
                group += 1
            paragraph, first = [row.text], row
    if first is not None:
        _flush(out, paragraph, group, _is_bullet(first, page))
    return out, tuple(joins)


def _without_repeated_headers(rows: list[Row]) -> list[Row]:
    """A table's header row, drawn again at the top of the page a long row goes on in, left out:
    a bold table line at the top of a page that an earlier page already had."""
    seen: set[str] = set()
    out: list[Row] = []
    first_of_page = -1
    for row in rows:
        header = row.bold and row.size == TABLE_SIZE
        if row.page != first_of_page:
            first_of_page, at_top = row.page, True
        if header and at_top and row.text in seen:
            continue
        at_top = at_top and header
        if header:
            seen.add(row.text)
        out.append(row)
    return out


def _next_item(above: Row, below: Row, page: _Page) -> bool:
    """``below`` is the next item of the list ``above`` ends (a new list stands after a gap)."""
    return _is_bullet(below, page) and (above.page != below.page or _at_pitch(above, below, page))


def _flush(out: list[Line], paragraph: list[str], group: int, item: bool) -> None:
    lines = [line.strip(" ") for line in paragraph]
    if not any(lines):
        return
    if item:  # an item is one line of the user's: its text, whatever the page did with it
        text = " ".join(line for line in lines if line)
        out.append(Line("- " + text.lstrip()[len(BULLET) :].strip(), "item", group=group))
        return
    out.extend(Line(text, "para", first=not at) for at, text in enumerate(lines) if text or not at)
