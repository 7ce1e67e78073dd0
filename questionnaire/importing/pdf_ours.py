"""oivtui's own PDF read back by where its lines stand, not by guesses about their length.

The report's writer (questionnaire/report_pdf.py) leaves at the end of a wrapped line the space
it was wrapped at, so a line that ends with a space goes on in the next one, and nowhere else.
A paragraph, a list item, a heading stand apart from what comes before them: a larger gap, another
font size, a bullet. What is left, a line that follows at the usual distance, is a line the user
ended. One place stays open: the last line of a page, if not wrapped, may end a paragraph or a
line; it is read as a paragraph's end and offered to the fingerprint check the other way
(:func:`questionnaire.importing.ours.check_fingerprint`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from questionnaire.importing.lines import Line
from questionnaire.importing.recognise import opens_block


class Row(NamedTuple):
    """One line of a page as pypdf reads it, with where its first text was drawn."""

    text: str
    page: int
    #: Baseline height and left edge, in points from the page's bottom left corner.
    y: float
    x: float
    #: Font size in points.
    size: float


#: (the text before, the text after) a page break that ended a paragraph or only a line.
Join = tuple[str, str]

BULLET = "•"
#: The page's furniture: its number, the draft mark across it and the draft line over it.
_FURNITURE = re.compile(r"^(?:Pagina \d+ di \d+|BOZZA|BOZZA — documento non definitivo.*)$")
#: How far from the usual distance between the lines of a paragraph a line may stand (points).
_SLACK = 1.0
#: A line with no space this long, then a line at the usual distance: one word cut where it
#: overflowed the line (the writer cuts a word longer than a line anywhere).
_CUT = 40


def _pitches(rows: list[Row]) -> dict[float, float]:
    """For each font size, the usual distance between two lines of a paragraph."""
    seen: dict[float, Counter[float]] = {}
    for above, below in zip(rows, rows[1:], strict=False):
        if above.page == below.page and above.size == below.size and 0 < above.y - below.y < 3 * above.size:
            seen.setdefault(above.size, Counter())[round(above.y - below.y, 1)] += 1
    return {size: counts.most_common(1)[0][0] for size, counts in seen.items()}


def _follows(above: Row, below: Row, pitches: dict[float, float]) -> bool:
    """``below`` is the next line of ``above``'s paragraph (a line the user ended)."""
    if above.page != below.page or above.size != below.size or below.text.lstrip().startswith(BULLET):
        return False
    pitch = pitches.get(above.size)
    return pitch is not None and abs(above.y - below.y - pitch) <= _SLACK


def ours_lines(rows: list[Row]) -> tuple[list[Line], tuple[Join, ...]]:
    """The lines of a PDF oivtui wrote: paragraphs whole, the user's line ends kept."""
    body = [row for row in rows if row.text.strip() and not _FURNITURE.match(row.text.strip())]
    pitches = _pitches(body)
    out: list[Line] = []
    joins: list[Join] = []
    paragraph: list[str] = [""]  # the paragraph's lines, the last one being built
    group = 0  # lists one after the other are told apart by the gap between them
    for number, row in enumerate(body):
        above = body[number - 1] if number else None
        if above is None:
            paragraph = [row.text]
        elif above.text.endswith(" "):  # wrapped: the space it was wrapped at is there
            paragraph[-1] += row.text
        elif _follows(above, row, pitches):
            cut = " " not in above.text.strip() and len(above.text.strip()) >= _CUT
            if cut:
                paragraph[-1] += row.text
            else:
                paragraph.append(row.text)
        else:
            if above.page != row.page and not opens_block(row.text.strip()) and not row.text.startswith(BULLET):
                joins.append((above.text.strip(), row.text.strip()))
            _flush(out, paragraph, group)
            if not (out and out[-1].kind == "item" and _next_item(above, row, pitches)):
                group += 1
            paragraph = [row.text]
    _flush(out, paragraph, group)
    return out, tuple(joins)


def _next_item(above: Row, below: Row, pitches: dict[float, float]) -> bool:
    """``below`` is the next item of the list ``above`` ends (a new list stands after a gap)."""
    pitch = pitches.get(above.size)
    same_page = above.page == below.page and pitch is not None and abs(above.y - below.y - pitch) <= _SLACK
    return below.text.lstrip().startswith(BULLET) and (same_page or above.page != below.page)


def _flush(out: list[Line], paragraph: list[str], group: int) -> None:
    lines = [line.strip(" ") for line in paragraph]
    if not any(lines):
        return
    first = lines[0]
    if first.startswith(BULLET):
        out.append(Line("- " + first[len(BULLET) :].strip(), "item", group=group))
        return
    out.extend(Line(text, "para", first=not at) for at, text in enumerate(lines) if text or not at)
