"""oivtui's own PDF read back (issue 17): wrapped lines, line ends, paragraphs and page breaks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from oivtui.files.example import example_session
from oivtui.reports.render import render_markdown, render_pdf
from questionnaire.form.answers import Answers, Value
from questionnaire.importing.document import read_document
from questionnaire.importing.filing import read_filing
from questionnaire.importing.ours import check_fingerprint
from questionnaire.report.provenance import fingerprint
from tests.unit.test_cli import oivtui


def _read_back(pdf: bytes) -> tuple[dict, str]:
    document = read_document(pdf)
    assert document.kind == "PDF" and document.provenance is not None
    session = example_session()
    outcome = read_filing(session.form, document.lines, document.kind, ours=True)
    note = check_fingerprint(outcome, document.provenance.digest, document.joins)
    return outcome.answers.data, note


def test_a_wrapped_line_keeps_the_space_it_was_wrapped_at() -> None:
    session = example_session()
    text = session.answers.get("1.1/example")
    assert isinstance(text, str) and len(text) > 600
    pages = PdfReader(io.BytesIO(render_pdf(session))).pages
    rows = [row for page in pages for row in page.extract_text().split("\n")]
    wrapped = [row for row in rows if row.endswith(" ")]
    assert len(wrapped) > 100
    first = next(at for at, row in enumerate(rows) if row.startswith("La Relazione Previsionale"))
    joined = ""
    for row in rows[first:]:
        joined += row
        if not row.endswith(" "):
            break
    assert joined == text.split("\n")[0]


def test_lines_the_user_ended_and_paragraphs_come_back_as_typed() -> None:
    session = example_session()
    typed = (
        "Prima riga\nseconda riga, a capo.\n\nNuovo paragrafo,\nche va a capo.\n- voce uno\n- voce due\n\n- altra lista"
    )
    session.answers.set("1.1/text", typed)
    answers, note = _read_back(render_pdf(session))
    assert answers["1.1"]["text"] == typed
    assert "identiche" in note


def test_a_line_ended_at_the_foot_of_a_page_is_told_from_a_paragraph_by_the_fingerprint() -> None:
    """At a page break a PDF does not show whether a paragraph or only a line ended: both are
    tried, and the reading with the report's fingerprint is kept."""
    session = example_session()
    typed = "\n".join(f"Riga {n} dell'elenco scritto a capo" for n in range(1, 90))
    session.answers.set("1.1/text", typed)
    pdf = render_pdf(session)
    assert read_document(pdf).joins  # the text crosses a page break on a line the user ended
    answers, note = _read_back(pdf)
    assert answers["1.1"]["text"] == typed
    assert "identiche" in note


def test_import_of_the_exported_pdf_then_verify_passes(tmp_path: Path) -> None:
    """The issue's round trip, as a user types it: example, export to PDF, import, verify."""
    # the session imported back has the name the report gives (a provenance line naming another fails)
    session, pdf, back = tmp_path / "e.toml", tmp_path / "e.pdf", tmp_path / "back" / "e.toml"
    back.parent.mkdir()
    assert oivtui("example", str(session)).returncode == 0
    assert oivtui("export", str(session), "-o", str(pdf)).returncode == 0
    imported = oivtui("import", str(pdf), str(back))
    assert imported.returncode == 0, imported.stderr
    said = " ".join((imported.stdout + imported.stderr).split())
    assert "Risposte identiche a quelle del resoconto" in said
    assert "data di adozione del PIAO compresa" in said  # not printed in the PDF: found by the fingerprint
    verified = oivtui("verify", str(pdf), str(back))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    said = verified.stdout + verified.stderr
    assert "corrisponde esattamente" in said
    assert "la sessione ha 19 passi «da rivedere»" in said and "è stato esportato prima" in said


@pytest.mark.parametrize("suffix", [".md", ".pdf"])
def test_a_draft_imported_back_verifies_against_its_report(tmp_path: Path, suffix: str) -> None:
    """A draft (an answer missing), exported, imported: its session adds the steps to review to the
    draft notice; the report, exported before, still verifies (with a note)."""
    session, report, back = tmp_path / "s.toml", tmp_path / f"s{suffix}", tmp_path / "back" / "s.toml"
    back.parent.mkdir()
    assert oivtui("example", str(session)).returncode == 0
    session.write_text(session.read_text(encoding="utf-8").replace('place = "Brescia"', 'place = ""'), encoding="utf-8")
    assert oivtui("export", str(session), "-o", str(report)).returncode == 0
    assert oivtui("import", str(report), str(back)).returncode == 0
    verified = oivtui("verify", str(report), str(back))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "«da rivedere»" in verified.stdout + verified.stderr


def test_a_draft_whose_notice_was_taken_away_does_not_verify(tmp_path: Path) -> None:
    """The session lacks an answer: every report of it is a draft, so a report without the notice
    was edited, whatever its fingerprint."""
    session, report = tmp_path / "s.toml", tmp_path / "s.md"
    assert oivtui("example", str(session)).returncode == 0
    session.write_text(session.read_text(encoding="utf-8").replace('place = "Brescia"', 'place = ""'), encoding="utf-8")
    assert oivtui("export", str(session), "-o", str(report)).returncode == 0
    lines = report.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[next(i for i, line in enumerate(lines) if not line.startswith(">")) :]).lstrip("\n")
    assert "BOZZA" not in body.split("\n", 3)[0]
    report.write_text(body, encoding="utf-8")
    verified = oivtui("verify", str(report), str(session))
    assert verified.returncode == 1
    assert "testo del resoconto modificato" in verified.stdout + verified.stderr


def test_the_fingerprint_of_the_answers_read_back_is_the_reports() -> None:
    session = example_session()
    answers, _note = _read_back(render_pdf(session))
    assert fingerprint(Answers(answers)) == fingerprint(session.answers)


@pytest.mark.parametrize("render", [render_markdown, render_pdf], ids=["md", "pdf"])
@pytest.mark.parametrize("missing", ["header/place", "header/signature_date"])
def test_a_draft_without_place_or_date_reads_back_whole(render: object, missing: str) -> None:
    """A draft's notice on every page, and «—» where the place or the date is missing: the line
    is still the signature's, not the rest of the table or of the counts above it."""
    session = example_session()
    session.answers.set(missing, None)
    report = render(session)  # type: ignore[operator]
    document = read_document(report.encode("utf-8") if isinstance(report, str) else report)
    assert document.provenance is not None
    outcome = read_filing(session.form, document.lines, document.kind, ours=True)
    note = check_fingerprint(outcome, document.provenance.digest, document.joins)
    assert "identiche" in note
    assert outcome.answers.get(missing) is None
    assert fingerprint(outcome.answers) == fingerprint(session.answers)


# ---------------------------------------------------------------- what a review found (each fails on the first reader)

URL = "https://portale.comune.example.it/amministrazione-trasparente/performance/sistema-di-misurazione-e-valutazione?anno=2024"


def _round_trip(place: str, value: Value) -> object:
    session = example_session()
    if place.endswith("/reasons"):
        session.answers.set(place.rsplit("/", 1)[0] + "/coherent", "No")
    session.answers.set(place, value)
    answers, note = _read_back(render_pdf(session, draft=False))
    assert "identiche" in note, note
    back = Answers(answers)
    assert fingerprint(back) == fingerprint(session.answers)
    return back.get(place)


@pytest.mark.parametrize(
    ("place", "value"),
    [
        ("2.3/systems", [URL]),  # a word longer than a line, in a list item
        ("1.1/choice", "W" * 110 + " fine"),  # … after «Risposta:»
        (
            "1.1/text",
            "https://www.example.com/amministrazione-trasparente/performance\nseconda riga",
        ),  # a long word, then a line end
        ("tab.2/dirigenti_i/reasons", f"Vedi {URL}"),  # a word cut in a narrow table cell
        ("1.1/text", "Elenco:\n• uno\n• due"),  # a user's bullet is text, not a list
        ("1.1/text", "Pagina 3 di 12\nBOZZA"),  # words that look like page furniture
        ("1.1/text", "Prima frase.\n\nSeconda frase."),  # short paragraphs
    ],
    ids=["url-item", "long-choice", "url-line-end", "url-cell", "user-bullet", "furniture-words", "paragraphs"],
)
def test_long_words_bullets_and_furniture_words_come_back_as_written(place: str, value: Value) -> None:
    assert _round_trip(place, value) == value


def test_a_report_of_short_paragraphs_reads_back_whole() -> None:
    """When most answers are short paragraphs, the gap between paragraphs is the most frequent
    distance between lines: it must not be taken for the distance between a paragraph's lines."""
    session = example_session()
    texts = [f"{q.id}/{f.key}" for q in session.form.questions for f in q.fields if f.kind == "text" and not q.rows]
    for address in texts:
        session.answers.set(address, "Prima frase.\n\nSeconda frase, in un altro paragrafo.")
    answers, note = _read_back(render_pdf(session, draft=False))
    assert "identiche" in note
    assert fingerprint(Answers(answers)) == fingerprint(session.answers)


def test_a_table_row_split_over_two_pages_keeps_its_cells() -> None:
    """The header drawn again on the next page is not read into the row."""
    session = example_session()
    question = session.form.question("tab.2")
    for row in question.rows:
        session.answers.set(f"tab.2/{row.key}/coherent", "No")
        session.answers.set(f"tab.2/{row.key}/reasons", " ".join(f"{row.key[:3]}{i}" for i in range(150)))
    answers, note = _read_back(render_pdf(session, draft=False))
    assert "identiche" in note
    for row in question.rows:
        assert Answers(answers).get(f"tab.2/{row.key}/reasons") == session.answers.get(f"tab.2/{row.key}/reasons")


def test_an_empty_session_reads_back_empty() -> None:
    """«(nessuna risposta)» and «—» are what the report prints for no answer, and «—, —» signs a
    draft with neither place nor date: none of them is read as an answer."""
    session = example_session()
    session.answers = Answers({})
    for render in (render_markdown, render_pdf):
        report = render(session)
        document = read_document(report.encode("utf-8") if isinstance(report, str) else report)
        assert document.provenance is not None
        outcome = read_filing(session.form, document.lines, document.kind, ours=True)
        note = check_fingerprint(outcome, document.provenance.digest, document.joins)
        assert "identiche" in note, render
        assert fingerprint(outcome.answers) == fingerprint(session.answers)


def test_a_pdf_of_the_fpdf2_writer_is_read_as_any_pdf() -> None:
    """oivtui 0.1 wrote its PDF with fpdf2, whose wrapped lines keep no space: such a file is read
    with the reader for any PDF, not by the rules of our own writer."""
    from pypdf import PdfWriter

    pdf = render_pdf(example_session())
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Creator": "oivtui", "/Producer": "fpdf2 2.8.9"})  # as oivtui 0.1 wrote it
    out = io.BytesIO()
    writer.write(out)
    from questionnaire.importing.pdf import pdf_pages

    assert pdf_pages(pdf).ours and not pdf_pages(out.getvalue()).ours


def test_a_line_whose_end_the_pdf_cannot_show_is_not_taken_for_a_wrap() -> None:
    """A format character (a left-to-right mark) after a space at a line's end is not printed: the
    space left there would read as a wrapped line."""
    session = example_session()
    session.answers.set("1.1/text", "prima riga \u200e\nseconda")
    answers, _note = _read_back(render_pdf(session, draft=False))
    assert Answers(answers).get("1.1/text") == "prima riga\nseconda"


@pytest.mark.parametrize("render", [render_markdown, render_pdf], ids=["md", "pdf"])
@pytest.mark.parametrize("text", ["x", "Sì, certo", "X Sì", "[x] No"])
def test_a_text_that_looks_like_a_mark_is_text_in_our_own_report(render: object, text: str) -> None:
    """oivtui's report states every short answer after «Risposta:»: a free text that opens with
    an option or a mark is the user's text (1.1 of the example has no short answer)."""
    session = example_session()
    session.answers.set("1.1/text", text)
    report = render(session)  # type: ignore[operator]
    document = read_document(report.encode("utf-8") if isinstance(report, str) else report)
    assert document.provenance is not None
    outcome = read_filing(session.form, document.lines, document.kind, ours=True)
    assert "identiche" in check_fingerprint(outcome, document.provenance.digest, document.joins)
    assert (outcome.answers.get("1.1/choice"), outcome.answers.get("1.1/text")) == (None, text)


def test_a_line_at_the_top_of_both_pages_of_a_two_page_pdf_is_text_not_a_running_head(tmp_path: Path) -> None:
    """Running heads are told by repeating on most pages: two pages are too few to tell (a line that
    opens both is as likely the text's own), so nothing is taken out of a two-page PDF."""
    import typst

    from questionnaire.importing.pdf import pdf_lines
    from questionnaire.report.pdf.faces import FONTS

    source = tmp_path / "due.typ"
    body = "Il Comune ha adottato il piano nei termini previsti e ne ha dato conto. " * 8
    source.write_text(
        f'#set page(height: 12cm)\n#set text(font: "DejaVu Sans", lang: "it")\n'
        f"Sintesi del monitoraggio\n\n{body}\n#pagebreak()\nSintesi del monitoraggio\n\n{body}\n",
        "utf-8",
    )
    raw = typst.compile(str(source), font_paths=[str(FONTS)], ignore_system_fonts=True)
    assert len(PdfReader(io.BytesIO(raw)).pages) == 2
    lines, _joins = pdf_lines(raw)
    assert sum("Sintesi del monitoraggio" in line.text for line in lines) == 2
