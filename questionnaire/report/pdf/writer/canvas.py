"""Pages to draw on, in millimetres from the top left corner, with a cursor: lines of text in
cells, rules and boxes, a new page when the text reaches the bottom margin.

The model is the one of FPDF (and fpdf2, which the report used before): ``cell(w, h, text)``
writes one line of text in a box ``h`` high, its baseline at ``0.5 h + 0.3 font size`` under the
box's top, and moves the cursor right (or to the next line); a cell that would cross the bottom
margin starts a new page first. Each line of text is one text object at an absolute position, so
that a text extractor reads the lines in order, one per visual line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from questionnaire.report.pdf.writer.fonts import Face
from questionnaire.report.pdf.writer.objects import number

K = 72 / 25.4  # points in a millimetre
A4 = (595.28, 841.89)  # points
Colour = tuple[int, int, int]


def _colour(colour: Colour, stroke: bool) -> str:
    """The operator setting a 0–255 colour: ``r g b rg``, or ``gray g`` for a grey (upper case
    for the stroke colour)."""
    red, green, blue = (round(c / 255, 4) for c in colour)
    operator = "G" if red == green == blue else "RG"
    values = [red] if red == green == blue else [red, green, blue]
    return " ".join([*map(number, values), operator if stroke else operator.lower()])


class Page:
    """One page's content operators, and the colours they have set."""

    def __init__(self) -> None:
        self.ops: list[str] = ["2 J", "0.57 w"]
        self.fill: Colour = (0, 0, 0)
        self.stroke: Colour = (0, 0, 0)

    def content(self) -> bytes:
        return ("\n".join(self.ops) + "\n").encode("ascii")


class Canvas:
    """A document being drawn: its pages, the cursor, the current face, size and colours."""

    def __init__(self, faces: dict[str, Face], size: tuple[float, float] = A4) -> None:
        self.faces = faces
        self.w, self.h = size[0] / K, size[1] / K
        self.l_margin = self.t_margin = self.r_margin = 20.0
        self.b_margin = 22.0
        self.x, self.y = self.l_margin, self.t_margin
        self.pages: list[Page] = []
        self.page = Page()
        self._started = False
        self.style, self.size = "", 10.0
        self.text_colour: Colour = (0, 0, 0)
        self.draw_colour: Colour = (0, 0, 0)
        #: Drawn at the top of each new page (the draft mark); the font and colours come back after.
        self.header: Callable[[], None] | None = None
        #: A cell crossing the bottom margin starts a new page (not while drawing the footers).
        self.auto_break = True

    # ------------------------------------------------------------ geometry

    @property
    def page_break_trigger(self) -> float:
        return self.h - self.b_margin

    @property
    def epw(self) -> float:
        return self.w - self.l_margin - self.r_margin

    @property
    def eph(self) -> float:
        return self.h - self.t_margin - self.b_margin

    def set_font(self, style: str, size: float) -> None:
        self.style, self.size = style, size

    @property
    def face(self) -> Face:
        return self.faces[self.style]

    def string_width(self, text: str) -> float:
        """``text``'s width in millimetres, in the current face and size."""
        return self.face.width(text) * self.size / 1000 / K

    def set_x(self, x: float) -> None:
        self.x = x if x >= 0 else self.w + x

    def set_y(self, y: float) -> None:
        self.x = self.l_margin
        self.y = y if y >= 0 else self.h + y

    def set_xy(self, x: float, y: float) -> None:
        self.set_y(y)
        self.set_x(x)

    def ln(self, height: float) -> None:
        self.x = self.l_margin
        self.y += height

    def will_page_break(self, height: float) -> bool:
        return self.auto_break and self.y + height > self.page_break_trigger

    # ------------------------------------------------------------ pages

    def add_page(self) -> None:
        """A new page, its header drawn, the cursor at the top left margin."""
        if self._started:
            self.pages.append(self.page)
        self._started = True
        self.page = Page()
        self.x, self.y = self.l_margin, self.t_margin
        if self.header:
            kept = (self.style, self.size, self.text_colour, self.draw_colour)
            self.header()
            self.style, self.size, self.text_colour, self.draw_colour = kept

    def finish(self) -> list[Page]:
        """Every page, the last one included."""
        return [*self.pages, self.page]

    # ------------------------------------------------------------ drawing

    def _fill(self) -> None:
        if self.page.fill != self.text_colour:
            self.page.fill = self.text_colour
            self.page.ops.append(_colour(self.text_colour, stroke=False))

    def _stroke(self) -> None:
        if self.page.stroke != self.draw_colour:
            self.page.stroke = self.draw_colour
            self.page.ops.append(_colour(self.draw_colour, stroke=True))

    def text(self, x: float, y: float, text: str) -> None:
        """``text`` with its baseline's start at ``(x, y)``; the cursor does not move."""
        if not text:
            return
        self._fill()
        face = self.face
        at = f"{x * K:.2f} {(self.h - y) * K:.2f}"
        self.page.ops.append(f"BT /{face.resource} {number(self.size)} Tf {at} Td {face.encode(text).decode()} Tj ET")

    def cell(self, w: float, h: float, text: str = "", align: str = "L", newline: bool = False) -> None:
        """One line of ``text`` in a box ``w`` wide (0: to the right margin) and ``h`` high at the
        cursor, after a new page if the box would cross the bottom margin; then the cursor goes
        right of the box, or to the left margin under it (``newline``)."""
        if self.will_page_break(h):
            x = self.x
            self.add_page()
            self.x = x
        if w == 0:
            w = self.w - self.r_margin - self.x
        if text:
            shift = 0.0 if align == "L" else w - self.string_width(text)
            self.text(self.x + (shift / 2 if align == "C" else shift), self.y + 0.5 * h + 0.3 * self.size / K, text)
        if newline:
            self.ln(h)
        else:
            self.x += w

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._stroke()
        h = self.h
        self.page.ops.append(f"{x1 * K:.2f} {(h - y1) * K:.2f} m {x2 * K:.2f} {(h - y2) * K:.2f} l S")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self._stroke()
        self.page.ops.append(f"{x * K:.2f} {(self.h - y) * K:.2f} {w * K:.2f} {-h * K:.2f} re S")

    @contextmanager
    def rotation(self, angle: float, x: float, y: float) -> Iterator[None]:
        """What is drawn inside turned ``angle`` degrees anticlockwise about ``(x, y)``."""
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        cx, cy = x * K, (self.h - y) * K
        self.page.ops.append(f"q {c:.5f} {s:.5f} {-s:.5f} {c:.5f} {cx:.2f} {cy:.2f} cm 1 0 0 1 {-cx:.2f} {-cy:.2f} cm")
        fill, stroke = self.page.fill, self.page.stroke
        yield
        self.page.ops.append("Q")
        self.page.fill, self.page.stroke = fill, stroke
