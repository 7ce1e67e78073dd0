"""Check boxes a PDF draws: one rule for both readers (pdfplumber's in a ruled table's cells,
PDFium's on lines of text): a square is ticked by a slanting stroke across it, never by a level or
upright one; a square drawn twice at one place is one box; a box drawn inside a form XObject stands
where the form puts it on the page, or is left unread — never on another line."""

from __future__ import annotations

import io

import pytest

from questionnaire.importing.pdf import pdf_pages
from questionnaire.importing.pdf_boxes import Box, drawn_boxes

#: Two lines of text, «Si» at 700 and «No» at 600 (points from the bottom).
_TEXT = b"BT /F1 12 Tf 100 700 Td (Si) Tj ET BT /F1 12 Tf 100 600 Td (No) Tj ET "
_CROSS = b"-130 698 10 10 re S -130 698 m -120 708 l S -130 708 m -120 698 l S"


def pdf(content: bytes, *forms: bytes) -> bytes:
    """A one-page PDF with Helvetica and the form XObjects /Fm1, /Fm2… (each a full dictionary's
    inside and its stream, given as b"DICT|STREAM")."""
    names = b" ".join(b"/Fm%d %d 0 R" % (n, 6 + n - 1) for n in range(1, len(forms) + 1))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << " + names + b" >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for form in forms:
        head, stream = form.split(b"|", 1)
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [-1000 -1000 1000 1000] /Resources << /XObject << "
            + names
            + b" >> >> %s /Length %d >>\nstream\n%s\nendstream" % (head, len(stream), stream)
        )
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, obj) for n, obj in enumerate(objects, 1))
    return b"%PDF-1.7\n" + body + b"trailer\n<< /Root 1 0 R /Size %d >>\n%%%%EOF\n" % (len(objects) + 1)


def lines(data: bytes) -> list[str]:
    return [row.text.strip() for row in pdf_pages(data).rows if row.text.strip()]


@pytest.mark.parametrize(
    ("cm", "matrix"),
    [
        (b"1 0 0 1 200 -100", b""),  # the form placed by the page (pypdfium2 issue #277)
        (b"1 0 0 1 100 -50", b"/Matrix [1 0 0 1 100 -50]"),  # by both the page and the form
        (b"1 0 0 1 0 0", b"/Matrix [1 0 0 1 200 -100]"),  # by the form's own /Matrix
        (b"2 0 0 2 0 0", b"/Matrix [0.5 0 0 0.5 100 -50]"),  # scaled twice
    ],
)
def test_a_box_drawn_in_a_form_xobject_stands_where_the_form_puts_it(cm: bytes, matrix: bytes) -> None:
    """The ticked box is drawn at (-130, 698) in the form's space and placed by the form before
    «No» at (70, 598): it ticks «No», not «Si», whose line stands where the form's space has it."""
    assert lines(pdf(_TEXT + b"q " + cm + b" cm /Fm1 Do Q", matrix + b"|" + _CROSS)) == ["Si", "☒ No"]


@pytest.mark.parametrize(
    ("content", "forms"),
    [
        # a form inside a form: not looked into
        (b"q 1 0 0 1 200 -100 cm /Fm1 Do Q", (b"|q 1 0 0 1 0 0 cm /Fm2 Do Q", b"|" + _CROSS)),
        # a form turned a quarter: not looked into
        (b"q 0 1 -1 0 200 -100 cm /Fm1 Do Q", (b"|" + _CROSS,)),
    ],
)
def test_a_box_in_a_form_it_cannot_place_is_left_unread(content: bytes, forms: tuple[bytes, ...]) -> None:
    assert lines(pdf(_TEXT + content, *forms)) == ["Si", "No"]


def test_a_square_drawn_twice_is_one_box_on_a_line() -> None:
    """Its fill, then its border, at the same place: «☐ No», not «☐ ☐ No»."""
    square = b"0.9 g 70 598 10 10 re f 0 g 70 598 10 10 re S"
    assert lines(pdf(_TEXT + square)) == ["Si", "☐ No"]


def test_a_level_or_upright_stroke_across_a_square_does_not_tick_it_on_a_line() -> None:
    """A box drawn with its own sides again (level and upright strokes) is not ticked; a tiny
    slant in a corner neither; a cross is."""
    unticked = b"70 598 10 10 re S 70 598 m 80 598 l 80 608 l S 70 598 m 71 599 l S"
    ticked = b"70 698 10 10 re S 70 698 m 80 708 l S 70 708 m 80 698 l S"
    assert lines(pdf(_TEXT + unticked + b" " + ticked)) == ["☒ Si", "☐ No"]


def _plumber_boxes(content: bytes) -> list[Box]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf(_TEXT + content))) as document:
        return drawn_boxes(document.pages[0])


def test_the_table_reader_ticks_by_the_same_rule() -> None:
    """pdfplumber's boxes: a level-and-upright stroke across a square does not tick it (it spans
    the square as a cross does); a cross does; a square drawn twice is one box."""
    boxes = _plumber_boxes(
        b"300 598 10 10 re S 300 598 m 310 598 l 310 608 l S"  # an upright and a level stroke
        b" 0.9 g 300 698 10 10 re f 0 g 300 698 10 10 re S 300 698 m 310 708 l S 300 708 m 310 698 l S"
    )
    assert sorted((round(b.top), b.ticked) for b in boxes) == [(134, True), (234, False)]
