"""A PDF's line read in the order its words stand on the page, not in the order they were drawn
(LibreOffice draws a table cell's check boxes, in another font, after the cell's words): so a box
stays before the option it ticks. Only a line on one baseline is reordered."""

from __future__ import annotations

from questionnaire.importing.pdf import pdf_pages


def pdf_drawing(*texts: tuple[float, float, str]) -> bytes:
    """A one-page PDF drawing each (x, y, text) in Helvetica, in the order given (its cross-reference
    table left for the reader to rebuild, as PDF readers do)."""
    shown = b" ".join(b"BT /F1 12 Tf %d %d Td (%s) Tj ET" % (x, y, text.encode("latin-1")) for x, y, text in texts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(shown), shown),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, obj) for n, obj in enumerate(objects, 1))
    return b"%PDF-1.7\n" + body + b"trailer\n<< /Root 1 0 R /Size 6 >>\n%%EOF\n"


def rows(data: bytes) -> list[str]:
    return [row.text.strip() for row in pdf_pages(data).rows if row.text.strip()]


def test_marks_drawn_after_the_words_of_their_line_stand_where_they_are_printed() -> None:
    """Two boxes drawn in one piece of text after the options, the second moved right across them
    (as LibreOffice draws them): PDFium gives «☐ ☒ 50% - 100% 1% - 49%»."""
    boxes = "[(X) -8000 (Y)] TJ ("  # X before the first option, Y before the second
    data = pdf_drawing((100, 700, "50% - 100%"), (200, 700, "1% - 49%"), (85, 700, f") Tj {boxes}"))
    assert rows(data) == ["X 50% - 100% Y 1% - 49%"]


def test_lines_drawn_in_order_and_lines_on_two_baselines_are_left_as_drawn() -> None:
    assert rows(pdf_drawing((85, 700, "X"), (100, 700, "50% - 100%"))) == ["X 50% - 100%"]
    assert rows(pdf_drawing((100, 700, "Testo in alto"), (85, 688, "sotto"))) == ["Testo in alto", "sotto"]
