"""A PDF of oivtui's own former writer (before Typst typeset the report: Creator «oivtui», Producer
«oivtui-pdf 1») read back by where its lines stand, not by guesses about their length. Such a PDF
may be last year's report, imported to carry its answers over.

That writer left at the end of a wrapped line the space
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

#: Font sizes (points) of table cells (oivtui's former writer, Typst's template) and of the page's
#: furniture (the page number; with Typst the running header and the draft's line too), and the
#: draft's line over each page of the former writer (9 pt, bold).
TABLE_SIZES, FOOT_SIZE, FORMER_DRAFT_SIZE = (9.0, 8.5), 8.0, 9.0
DRAFT_LINE = "BOZZA — documento non definitivo, da non firmare né pubblicare così"


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
    #: Each word and where it starts (points from the left edge), when PDFium read the line.
    words: tuple[tuple[str, float], ...] = ()


#: (the text before, the text after) a page break that ended a paragraph or only a line.
Join = tuple[str, str]

BULLET = "•"
#: What a row of a Typst report ends with where Typst broke a word with a hyphen (the hyphen's
#: ActualText, read by questionnaire/importing/pdf.py): the word goes on in the next row.
SOFT_HYPHEN = "\u00ad"
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
    if row.size == FOOT_SIZE and (_PAGE_NUMBER.match(text) or row.y > top - 60):
        return True  # the page number, or (Typst) the running header or the draft's line
    return row.bold and row.size == FORMER_DRAFT_SIZE and row.y > top - 60 and text == DRAFT_LINE


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
    #: Typeset by Typst, which also breaks a line after «/» or «-» with no space (and a long word
    #: anywhere): such a line goes on in the next one with nothing between.
    typst: bool = False


#: An item typed with its own marker («a. …», «1 - …»), which the Typst report draws in place of a
#: bullet (questionnaire/report/pdf/typeset.py).
_OWN_MARKER = re.compile(r"^(?:[a-zA-Z]|\d{1,3})(?:\s*[-–]|[.)])\s")


#: A long line of a Typst report that ends inside a word, after «/» or «-» (where Typst may break
#: a line with no space): the word goes on in the next line. A short one is a line the user ended.
_BROKEN_AFTER = re.compile(r"^.{50,}\w[/-]$")


def _is_bullet(row: Row, page: _Page) -> bool:
    """A list item: a bullet (or the item's own marker) in a column of its own, right of the text's
    left edge (a user's line that starts with «•» starts at the edge)."""
    text = row.text.lstrip()
    return (text.startswith(BULLET) or bool(_OWN_MARKER.match(text))) and row.x > page.left + 2


def _in_table(row: Row, page: _Page) -> bool:
    """A table cell's line: table size, inside a cell's padding."""
    return row.size in TABLE_SIZES and row.x > page.left + 2


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
    if page.typst and _BROKEN_AFTER.search(above.text):
        return True
    return above.end > 0 and above.end >= page.right - _EDGE - above.size


def ours_lines(rows: list[Row], typst: bool = False) -> tuple[list[Line], tuple[Join, ...]]:
    """The lines of a PDF oivtui wrote: paragraphs whole, the user's line ends kept."""
    top = max((row.y for row in rows), default=0.0)
    body = [row for row in rows if row.text.strip() and not _furniture(row, top)]
    body = _without_repeated_headers(body)
    text_rows = [row for row in body if row.size > max(TABLE_SIZES) and row.end]
    page = _Page(
        _pitches(body),
        min((row.x for row in body), default=0.0),
        max((row.end for row in text_rows), default=0.0),
        typst,
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
        elif above.text.endswith(SOFT_HYPHEN):  # a word broken with a hyphen
            paragraph[-1] = paragraph[-1].removesuffix(SOFT_HYPHEN) + row.text
        elif _follows(above, row, page):
            if _cut(above, row, page):
                paragraph[-1] += row.text
            else:
                paragraph.append(row.text)
        else:
            if above.page != row.page and not opens_block(row.text.strip()) and not _is_bullet(row, page):
                joins.append((above.text.strip(), row.text.strip()))
            _flush(out, paragraph, group, _is_bullet(first, page), typst)
            if not (out and out[-1].kind == "item" and _next_item(above, row, page)):
                group += 1
            paragraph, first = [row.text], row
    if first is not None:
        _flush(out, paragraph, group, _is_bullet(first, page), typst)
    return out, tuple(joins)


def _without_repeated_headers(rows: list[Row]) -> list[Row]:
    """A table's header row, drawn again at the top of the page a long row goes on in, left out:
    a bold table line at the top of a page that an earlier page already had."""
    seen: set[str] = set()
    out: list[Row] = []
    first_of_page = -1
    for row in rows:
        header = row.bold and row.size in TABLE_SIZES
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


def _flush(out: list[Line], paragraph: list[str], group: int, item: bool, typst: bool = False) -> None:
    lines = [line.strip(" ") for line in paragraph]
    if not any(lines):
        return
    if item:  # an item is one line of the user's: its text, whatever the page did with it
        # (Typst: a line that did not end at a space is a long word broken anywhere)
        text = ("" if typst else " ").join(line for line in lines if line)
        text = text.lstrip()
        out.append(Line("- " + (text[len(BULLET) :] if text.startswith(BULLET) else text).strip(), "item", group=group))
        return
    out.extend(Line(text, "para", first=not at) for at, text in enumerate(lines) if text or not at)
