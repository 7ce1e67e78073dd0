"""A lone «X» under «Sì» or «No» in a table printed without rules, placed by where it stands.

pandoc writes the staff table's second question as a table with no rules; printed, its rows are
loose text: «Non dirigenti X Il colloquio…» does not say whether the X is under «Sì» or under
«No». Where it stands does. A word processor starts a cell's text at the cell's left edge, as it
starts the header's: a mark whose left edge is where one of the two options of the header row
starts, and far from where the other starts, is under that one. It is written as the two boxes a
template shows («☒ ☐» under «Sì», «☐ ☒» under «No»), which the table reader places in their
columns. A mark anywhere else stays as it is (and is left empty, listed, by the reader).
"""

from __future__ import annotations

from questionnaire.importing.lines import TICKED, UNTICKED
from questionnaire.importing.pdf_ours import Row
from questionnaire.importing.recognise import norm

#: A lone mark: a letter X.
_MARKS = {"x", "X"}
#: A header row is short: the two options and perhaps «(se no) motivazioni».
_HEADER_WORDS = 6


def placed_marks(rows: list[Row], labels: tuple[str, ...], options: tuple[tuple[str, str], ...]) -> list[Row]:
    """The page's rows, a lone mark under one of the two options of the header row (one of
    ``options``, the form's: «Sì» and «No») written as the boxes of its column; each row of the
    table below the header, up to the first row that starts left of the options with words that
    are no part of a row label."""
    out = list(rows)
    wanted = [norm(label) for label in labels if label.strip()]
    for at, row in enumerate(rows):
        header = _options(row, options)
        if header is None:
            continue
        yes, no = header
        em = row.size or 10.0
        for below in range(at + 1, len(rows)):
            words = rows[below].words
            if not words:
                continue
            label = " ".join(word for word, left in words if left < min(yes, no) - em)
            if label and not any(norm(label) in known for known in wanted):
                break  # the table ended: a line of text at the left margin
            out[below] = _placed(rows[below], label, yes, no, em)
    return out


def _options(row: Row, options: tuple[tuple[str, str], ...]) -> tuple[float, float] | None:
    """Where the header row's two options start («Sì» and «No»), if it is a header row with one of
    each of a pair of ``options`` (accents and case aside: «Si», «SI»)."""
    if not row.words or len(row.words) > _HEADER_WORDS:
        return None
    for first, second in options:
        yes = [left for word, left in row.words if norm(word) == norm(first)]
        no = [left for word, left in row.words if norm(word) == norm(second)]
        if len(yes) == 1 and len(no) == 1:
            return yes[0], no[0]
    return None


def _placed(row: Row, label: str, yes: float, no: float, em: float) -> Row:
    """The row with its mark written as boxes, when it holds one mark right after its label."""
    rest = [(word, left) for word, left in row.words if left >= min(yes, no) - em]
    marks = [at for at, (word, _left) in enumerate(rest) if word in _MARKS]
    if len(marks) != 1 or marks[0] != 0 or any(TICKED in w or UNTICKED in w for w, _x in rest):
        return row
    left = rest[0][1]
    if abs(left - yes) <= em / 2 and abs(left - no) > 2 * em:
        boxes = f"{TICKED} {UNTICKED}"
    elif abs(left - no) <= em / 2 and abs(left - yes) > 2 * em:
        boxes = f"{UNTICKED} {TICKED}"
    else:
        return row
    text = " ".join(part for part in (label, boxes, *(word for word, _x in rest[1:])) if part)
    return row._replace(text=text)
