"""Check boxes a PDF draws rather than writes: in a ruled table's cells (with pdfplumber) and on
the lines PDFium reads (a short answer's «☐ SÌ ☒ No»).

LibreOffice prints Word's legacy check boxes (FORMCHECKBOX) as drawings: a small square, and for
a ticked one two strokes across it. No character says ☒ or ☐. A small square (as wide as high, a
character's size) is a box; one with a slanting stroke inside it is ticked (a cross or a check
mark: a box's own sides are level or upright, never slanting); a square holding a character is a
small cell, not a box. A cell holding such boxes is read
with them as ☒ and ☐ where they stand among its words, line by line, as a template shows them;
a line of text, with each box before the word it stands before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from questionnaire.importing.lines import TICKED, UNTICKED
from questionnaire.importing.pdf_ours import Row

if TYPE_CHECKING:
    from pypdfium2 import PdfPage, PdfTextPage

#: A box is a square this size (points): a character's size.
_SMALLEST, _LARGEST = 5.0, 16.0
#: How far a stroke may stand outside its box (points), and how far a box's side may differ from the other.
_SLACK = 1.0


#: A drawing's bounds: left, then top or bottom, right, then bottom or top.
Bounds = tuple[float, float, float, float]


class Box(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    ticked: bool


def drawn_boxes(page: Any) -> list[Box]:
    """The page's drawn check boxes (pdfplumber's rectangles, lines and curves; its top-down places)."""
    slanting: list[Bounds] = [
        (float(stroke["x0"]), float(stroke["top"]), float(stroke["x1"]), float(stroke["bottom"]))
        for stroke in (*page.lines, *page.curves)
        if slants([(float(x), float(y)) for x, y in stroke.get("pts") or ()])
    ]
    squares: list[Bounds] = []
    for rect in page.rects:
        width, height = float(rect["width"]), float(rect["height"])
        if not (_SMALLEST <= width <= _LARGEST and abs(width - height) <= _SLACK):
            continue
        x0, top, x1, bottom = (float(rect[key]) for key in ("x0", "top", "x1", "bottom"))
        if any(_centred(char, (x0, top, x1, bottom)) for char in page.chars):
            continue  # a small cell holding a character («X»): text, read as text
        squares.append((x0, top, x1, bottom))
    return [Box(*square, ticked=_ticked(square, slanting)) for square in _distinct(squares)]


def slants(points: list[tuple[float, float]]) -> bool:
    """Whether a drawing has a slanting stroke: a cross's or a check mark's (a box's own sides are
    level or upright, never slanting). The one rule of both readers, pdfplumber's and PDFium's."""
    return any(
        abs(bx - ax) > _SLACK and abs(by - ay) > _SLACK for (ax, ay), (bx, by) in zip(points, points[1:], strict=False)
    )


def _ticked(square: Bounds, slanting: list[Bounds]) -> bool:
    """Whether a slanting stroke stands inside the square (either way up) and spans a third of it."""
    x0, y0, x1, y1 = square
    low, high, size = min(y0, y1), max(y0, y1), x1 - x0
    return any(
        sx0 >= x0 - _SLACK
        and sx1 <= x1 + _SLACK
        and min(sy0, sy1) >= low - _SLACK
        and max(sy0, sy1) <= high + _SLACK
        and sx1 - sx0 > size / 3
        and abs(sy1 - sy0) > size / 3
        for sx0, sy0, sx1, sy1 in slanting
    )


def _distinct(squares: list[Bounds]) -> list[Bounds]:
    """One of each square: a box drawn twice at the same place (its fill, then its border) is one box."""
    out: list[Bounds] = []
    for square in squares:
        if not any(all(abs(a - b) <= _SLACK for a, b in zip(square, kept, strict=True)) for kept in out):
            out.append(square)
    return out


def without_boxes(page: Any, boxes: list[Box]) -> Any:
    """The page without its drawn boxes and their strokes: a box's sides are no table's rules (they
    would split the box's cell in three)."""
    return page.filter(lambda thing: not is_box_or_stroke(thing, boxes))


def is_box_or_stroke(thing: dict[str, Any], boxes: list[Box]) -> bool:
    """A drawing that is one of ``boxes`` or a stroke inside one (left out when looking for rules)."""
    if thing.get("object_type") not in ("rect", "line", "curve"):
        return False
    x0, top, x1, bottom = (float(thing[key]) for key in ("x0", "top", "x1", "bottom"))
    return any(
        x0 >= b.x0 - _SLACK and x1 <= b.x1 + _SLACK and top >= b.top - _SLACK and bottom <= b.bottom + _SLACK
        for b in boxes
    )


def cell_text(page: Any, bbox: tuple[float, float, float, float], boxes: list[Box]) -> str | None:
    """The cell's words with its drawn boxes as ☒/☐ where they stand, line by line; None when the
    cell holds no drawn box (its text is then pdfplumber's, as it is)."""
    x0, top, x1, bottom = bbox
    inside = [b for b in boxes if x0 <= (b.x0 + b.x1) / 2 <= x1 and top <= (b.top + b.bottom) / 2 <= bottom]
    if not inside:
        return None
    words = page.filter(lambda thing: _centred(thing, bbox)).extract_words()
    tokens = [((float(w["top"]) + float(w["bottom"])) / 2, float(w["x0"]), str(w["text"])) for w in words]
    tokens += [((b.top + b.bottom) / 2, b.x0, TICKED if b.ticked else UNTICKED) for b in inside]
    tokens.sort()
    lines: list[list[tuple[float, str]]] = []
    middle = None
    for centre, left, text in tokens:
        if middle is None or centre - middle > _LINE:
            lines.append([])
            middle = centre
        lines[-1].append((left, text))
    return " ".join(text for line in lines for _left, text in sorted(line))


def _centred(thing: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    """A character whose middle is inside the cell (its neighbours' may overlap the cell's edge)."""
    if thing.get("object_type") != "char":
        return False
    x0, top, x1, bottom = bbox
    centre_x = (float(thing["x0"]) + float(thing["x1"])) / 2
    centre_y = (float(thing["top"]) + float(thing["bottom"])) / 2
    return x0 <= centre_x <= x1 and top <= centre_y <= bottom


#: Two tokens whose middles stand further apart than this (points) are on two lines.
_LINE = 4.0


# ---------------------------------------------------------------- outside tables: PDFium's rows


def boxed_rows(page: PdfPage, textpage: PdfTextPage, rows: list[Row]) -> list[Row]:
    """The page's rows with the boxes it draws written as ☒/☐ before the word they stand before
    (a short answer's «☐ SÌ ☒ No»). Only rows whose words PDFium placed; a box that stands on no
    such row, or that holds a character, is left out."""
    boxes = _pdfium_boxes(page, textpage)
    if not boxes:
        return rows
    out = list(rows)
    for box in boxes:
        size = box.x1 - box.x0
        middle = (box.top + box.bottom) / 2  # bottom-up here: top > bottom
        near = [at for at, row in enumerate(out) if row.words and box.bottom - size / 2 <= row.y <= middle]
        if len(near) != 1:
            continue
        row = out[near[0]]
        mark = (TICKED if box.ticked else UNTICKED, box.x0)
        words = sorted((*row.words, mark), key=lambda word: word[1])
        out[near[0]] = row._replace(text=" ".join(word for word, _left in words), words=tuple(words))
    return out


def _pdfium_boxes(page: PdfPage, textpage: PdfTextPage) -> list[Box]:
    """The page's drawn boxes, in PDF's bottom-up places (``top`` above ``bottom``). PDFium gives a
    drawing inside a form XObject its bounds in the form's space (pypdfium2 issue #277): they are
    moved by the form's matrix onto the page. A form inside a form, or one turned or slanted, is
    not looked into: its boxes are left unread, never put on another line."""
    import pypdfium2.raw as pdfium_c

    squares: list[Bounds] = []
    slanting: list[Bounds] = []
    matrix: tuple[float, ...] | None = None  # the matrix of the form whose drawings follow
    for drawing in page.get_objects(max_depth=2):
        if drawing.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            if drawing.level == 0:
                a, b, c, d, e, f = drawing.get_matrix().get()
                matrix = (a, d, e, f) if b == 0 and c == 0 and a and d else None
            continue
        if drawing.type != pdfium_c.FPDF_PAGEOBJ_PATH or (drawing.level and matrix is None):
            continue
        left, bottom, right, top = _on_page(drawing.get_bounds(), matrix if drawing.level else None)
        if right - left > _LARGEST + _SLACK or top - bottom > _LARGEST + _SLACK:
            continue  # neither a box nor a stroke inside one (a table's rule, a background)
        if slants(_points(drawing)):
            slanting.append((left, bottom, right, top))
        elif _SMALLEST <= right - left <= _LARGEST and abs((right - left) - (top - bottom)) <= _SLACK:
            if not textpage.get_text_bounded(left, bottom, right, top).strip():
                squares.append((left, bottom, right, top))
    # (left, bottom, right, top) -> Box(x0, top, x1, bottom)
    return [Box(sq[0], sq[3], sq[2], sq[1], _ticked(sq, slanting)) for sq in _distinct(squares)]


def _on_page(bounds: Bounds, matrix: tuple[float, ...] | None) -> Bounds:
    """Bounds in a form's space moved onto the page by the form's matrix (scaled and moved only)."""
    if matrix is None:
        return bounds
    a, d, e, f = matrix
    left, bottom, right, top = bounds
    xs, ys = (a * left + e, a * right + e), (d * bottom + f, d * top + f)
    return min(xs), min(ys), max(xs), max(ys)


def _points(drawing: Any) -> list[tuple[float, float]]:
    """The points of a path's segments (at most 64)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for index in range(min(pdfium_c.FPDFPath_CountSegments(drawing.raw), 64)):
        segment = pdfium_c.FPDFPath_GetPathSegment(drawing.raw, index)
        if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            points.append((x.value, y.value))
    return points
