"""A PDF's line read in the order its words stand on the page, not in the order they were drawn
(LibreOffice draws a table cell's check boxes, in another font, after the cell's words): so a box
stays before the option it ticks. Only a line on one baseline is reordered. And a damaged PDF is
refused in one Italian line, whatever PDFium, pdfplumber or pdfminer make of it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from questionnaire.form.loader import load_form
from questionnaire.importing.document import table_options
from questionnaire.importing.errors import DocumentError
from questionnaire.importing.pdf import pdf_lines, pdf_pages
from tests.unit.test_cli import oivtui

CORPUS = Path(__file__).parent.parent / "corpus" / "documents"


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


def test_a_page_pdfium_cannot_load_is_a_damaged_pdf_in_one_italian_line(tmp_path: Path) -> None:
    """One byte changed in the cross-reference table (found by mutating the corpus): PDFium opens the
    PDF but not its page; that was a traceback."""
    data = bytearray((CORPUS / "regione-word-formfields.pdf").read_bytes())
    data[80320] = 244
    source = tmp_path / "rovinato.pdf"
    source.write_bytes(bytes(data))
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 2
    assert done.stderr == f"oivtui: {source}: il PDF è danneggiato o non si legge (una pagina non si apre).\n"
    assert not (tmp_path / "s.toml").exists()


#: Corpus PDFs whose staff table is ruled: pdfplumber (on pdfminer) reads their first page too.
RULED = ("seed-word-symbols.pdf", "universita-word-controls.pdf", "regione-cms-chromium.pdf")


@pytest.mark.parametrize("seed", range(30))
def test_a_corpus_pdf_with_bytes_changed_is_read_or_refused_never_a_traceback(seed: int) -> None:
    """Seeds 0, 17 and 24 damage a dictionary pdfminer reads: pdfplumber raised PdfminerException."""
    rng = random.Random(seed)
    data = bytearray((CORPUS / RULED[seed % len(RULED)]).read_bytes())
    for _ in range(rng.choice((1, 3, 5, 50))):
        data[rng.randrange(len(data))] = rng.randrange(256)
    try:
        pdf_lines(bytes(data), ("Non dirigenti", "Dirigenti di I fascia e assimilabili"))
    except DocumentError:
        pass


LABELS = ("Dirigenti di I fascia e assimilabili", "Non dirigenti")
#: The staff table's options, as the form gives them (``table_options``).
OPTIONS = table_options([load_form("civit-23-2013")])


def test_the_options_a_table_header_may_write_are_the_forms() -> None:
    assert OPTIONS == (("Sì", "No"),)


def _table(yes_mark: float, no_mark: float, options: tuple[str, str] = ("Si", "No")) -> bytes:
    """Question 2's table printed without rules: a header «Si No motivazioni», two rows, each with
    a lone «X» (and the second its reasons), the header's and the cells' text starting at one edge."""
    return pdf_drawing(
        (189, 700, options[0]),
        (306, 700, options[1]),
        (423, 700, "motivazioni"),
        (72, 680, "Dirigenti di I fascia e assimilabili"),
        (yes_mark, 660, "X"),
        (72, 640, "Non dirigenti"),
        (no_mark, 640, "X"),
        (423, 640, "Il colloquio non si e svolto."),
        (72, 600, "Brescia, 26 febbraio 2024"),
    )


def test_a_lone_x_under_si_or_no_in_a_table_without_rules_is_placed_by_where_it_stands() -> None:
    lines, _joins = pdf_lines(_table(189, 306), LABELS, OPTIONS)
    text = "\n".join(line.text for line in lines)
    assert "Dirigenti di I fascia e assimilabili\n☒ ☐" in text
    assert "Non dirigenti ☐ ☒ Il colloquio non si e svolto." in text


def test_a_lone_x_between_the_two_columns_stays_as_it_is() -> None:
    lines, _joins = pdf_lines(_table(240, 260), LABELS, OPTIONS)
    text = "\n".join(line.text for line in lines)
    assert "☒" not in text and "☐" not in text
    assert "Non dirigenti X Il colloquio" in text


def test_a_character_pdfium_keeps_but_leaves_out_of_the_text_shifts_no_word() -> None:
    """A control character drawn in a line (U+0002) is in PDFium's list of characters but not in
    the text it gives: each word still stands where it is drawn (the «X» at 300, not at the place of
    the character before it), so a mark is never put under the wrong option."""
    page = pdf_pages(pdf_drawing((72, 700, "Dirigenti\x02 di I"), (300, 700, "X"), (400, 700, "motivazioni")))
    (row,) = [row for row in page.rows if row.text.strip()]
    lefts = dict(row.words)
    assert round(lefts["X"]) == 300 and round(lefts["motivazioni"]) == 400
    assert round(lefts["Dirigenti"]) == 72


def test_a_lone_x_is_placed_under_another_forms_two_options() -> None:
    """The header's options are the form's, not «Sì»/«No» written in the reader: a table headed
    «Vero Falso» places its marks for a form whose options are those, and not for ours."""
    other = (("Vero", "Falso"),)
    lines, _joins = pdf_lines(_table(189, 306, ("Vero", "Falso")), LABELS, other)
    text = "\n".join(line.text for line in lines)
    assert "Dirigenti di I fascia e assimilabili\n☒ ☐" in text
    assert "Non dirigenti ☐ ☒ Il colloquio non si e svolto." in text
    lines, _joins = pdf_lines(_table(189, 306, ("Vero", "Falso")), LABELS, OPTIONS)
    assert "☒" not in "\n".join(line.text for line in lines)
