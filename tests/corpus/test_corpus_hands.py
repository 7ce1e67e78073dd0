"""What the corpus's other hands must give: the Comune's «SI'»/«NO», «1.250», its letterhead in
capitals with the province and its «Nucleo di valutazione»; a scanned PDF refused with a word on
OCR, nothing written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from oivtui.cli import main as cli
from tests.corpus.measure import DOCUMENTS, import_outcome, known

COMUNE = ["comune-pandoc.docx", "comune-libreoffice.odt", "comune-cms.html", "comune-cms-chromium.pdf"]


@pytest.mark.parametrize("name", COMUNE)
def test_the_comune_in_another_hand_is_read(name: str) -> None:
    outcome = import_outcome(DOCUMENTS / name, "civit-23-2013")
    answers = outcome.answers
    assert (
        answers.get("header/administration") == "Comune di Montichiari"
    )  # «COMUNE DI MONTICHIARI (Provincia di Brescia)»
    assert answers.get("2.4/choice") == "Sì"  # «SI'.»
    assert answers.get("1.4/choice") == "No"  # «NO.»
    assert answers.get("2.4/text") is None  # «SI'» is the short answer, not left in the prose
    assert answers.get("tab.1/non_dirigenti/in_service") == 1250  # «1.250»
    assert answers.get("7A/indicators") == 1250
    assert answers.get("10.1/text") == "Non applicabile"


ASL = ["asl-word-symbols.docx", "asl-word-symbols.pdf", "asl-libreoffice.pdf"]


@pytest.mark.parametrize("name", ASL)
def test_the_held_out_asl_in_another_hand_is_read(name: str) -> None:
    """A document made after the readers were written: the region in brackets after a name in
    capitals, «SI'»/«NO», thousands with a dot, «Non applicabile», the signatory on one line."""
    answers = import_outcome(DOCUMENTS / name, "civit-23-2013").answers
    assert answers.get("header/administration") == "Azienda Sanitaria Locale Roma 1"  # «… (Regione Lazio)»
    assert answers.get("1.2/choice") == "No" and answers.get("16.1/choice") == "No"  # «NO.»
    assert answers.get("12.2/choice") == "Sì" and answers.get("2.2/choice") == "Sì"  # «SI'.»
    assert not str(answers.get("2.1/text")).startswith(("SI", "Sì"))  # «SI'» is the short answer, not prose
    assert answers.get("tab.1/dirigenti_ii/in_service") == 1204  # «1.204»
    assert answers.get("7B/objectives") == 2310 and answers.get("7B/no_formula") == 1021
    assert answers.get("12.1/text") == "Non applicabile"
    assert answers.get("header/signatories") == ["Dott. Franco Ambra"]


def test_each_signatory_of_a_printed_page_is_read_on_its_own_line() -> None:
    """Chromium prints the last page's «F.to» lines as wide as the page's other lines: each is still
    one signatory, not three joined into one."""
    answers = import_outcome(DOCUMENTS / "ministero-cms-chromium.pdf", "civit-23-2013").answers
    assert answers.get("header/signatories") == ["Prof. Giorgio Azzurri", "Dott.ssa Carla Viola", "Avv. Paolo Grigi"]


def test_a_scanned_pdf_is_refused_with_a_word_on_ocr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a page with no text layer, as a scanner makes it
    scan = tmp_path / "scansione.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    scan.write_bytes(buffer.getvalue())
    target = tmp_path / "s.toml"
    assert cli.main(["import", str(scan), str(target)]) == 2
    err = capsys.readouterr().err
    assert "non ha un livello di testo" in err and "OCR" in err and "ocrmypdf" in err
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["scansione.pdf"]


@pytest.mark.parametrize("name", ["regione-word-formfields.pdf", "ministero-word-formfields.pdf"])
def test_check_boxes_a_pdf_draws_are_read_as_ticked_or_not(name: str) -> None:
    """LibreOffice prints Word's legacy check boxes as drawings (a square, two strokes across it when
    ticked): every short answer and every tick of the staff table comes back, none another way."""
    expected = known(DOCUMENTS / name)
    answers = import_outcome(DOCUMENTS / name, "civit-23-2013").answers
    choices = [a for q in expected.form.questions for a in q.addresses() if a.endswith("/choice")]
    staff = [
        a
        for q in expected.form.step("staff").questions
        for a in q.addresses()
        if a.endswith(("/coherent", "/interview_share"))
    ]
    for address in choices + staff:
        assert answers.get(address) == expected.answers.get(address), address


def test_the_province_in_its_own_bracket_on_its_own_line_is_not_the_administration() -> None:
    """Chromium prints the fresh Università's letterhead «UNIVERSITÀ … GASTRONOMICHE (Prov. di Cuneo)»
    over two lines, the bracket alone on the second: the name is the line above, without it."""
    answers = import_outcome(DOCUMENTS / "ateneo-pandoc-chromium.pdf", "civit-23-2013").answers
    assert answers.get("header/administration") == "Università degli Studi di Scienze Gastronomiche"
