"""oivtui's own PDF read back (issue 17): wrapped lines, line ends, paragraphs and page breaks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from oivtui.example import example_session
from oivtui.report import render_markdown, render_pdf
from questionnaire.answers import Answers
from questionnaire.importing.document import read_document
from questionnaire.importing.filing import read_filing
from questionnaire.importing.ours import check_fingerprint
from questionnaire.provenance import fingerprint
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
    session, pdf, back = tmp_path / "e.toml", tmp_path / "e.pdf", tmp_path / "back.toml"
    assert oivtui("example", str(session)).returncode == 0
    assert oivtui("export", str(session), "-o", str(pdf)).returncode == 0
    imported = oivtui("import", str(pdf), str(back))
    assert imported.returncode == 0, imported.stderr
    assert "Risposte identiche a quelle del resoconto" in imported.stdout + imported.stderr
    verified = oivtui("verify", str(pdf), str(back))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    said = verified.stdout + verified.stderr
    assert "corrisponde esattamente" in said
    assert "la sessione ha 19 passi «da rivedere»" in said and "è stato esportato prima" in said


@pytest.mark.parametrize("suffix", [".md", ".pdf"])
def test_a_draft_imported_back_verifies_against_its_report(tmp_path: Path, suffix: str) -> None:
    """A draft (an answer missing), exported, imported: its session adds the steps to review to the
    draft notice; the report, exported before, still verifies (with a note)."""
    session, report, back = tmp_path / "s.toml", tmp_path / f"s{suffix}", tmp_path / "back.toml"
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
