"""Reports print counts with the Italian thousands separator (1.250), and import reads them back."""

from __future__ import annotations

import pytest

from oivtui.files.example import example_session
from oivtui.reports.render import render_html, render_markdown, render_pdf
from questionnaire.form.kinds import thousands
from questionnaire.importing.document import read_document
from questionnaire.importing.filing import read_filing
from questionnaire.importing.ours import check_fingerprint
from questionnaire.report.provenance import fingerprint


def _large() -> object:
    session = example_session()
    session.answers.set("tab.1/non_dirigenti/in_service", 1250)
    session.answers.set("tab.1/non_dirigenti/assigned", 12000)
    session.answers.set("7A/indicators", 1234567)
    session.answers.set("7B/objectives", 2140)
    session.answers.set("7B/objectives_agency", 1003)
    return session


def test_counts_are_written_with_a_dot_every_three_digits() -> None:
    assert [thousands(n) for n in (0, 999, 1000, 1250, 1234567)] == ["0", "999", "1.000", "1.250", "1.234.567"]
    report = render_markdown(_large())  # type: ignore[arg-type]
    assert "Numero indicatori totali: 1.234.567" in report
    assert "2.140 dell'amministrazione e 1.003 dell'Azienda Speciale" in report
    assert "1.250" in report and "12.000" in report


@pytest.mark.parametrize(
    "render",
    [render_markdown, render_html, render_pdf],
    ids=["md", "html", "pdf"],
)
def test_import_reads_the_dotted_counts_back(render: object) -> None:
    """In the PDF too (it was a bug): the hyphen Typst adds to break a word in the draft's list of
    problems came first, so its ToUnicode map gave every hyphen of the report as a soft one (U+00AD),
    so «economico-finanziarie» and every typed «2024-2026» changed and the 7A/7B counts after the
    first line were lost; the ActualText Typst writes around the typed hyphens says what they are."""
    session = _large()
    report = render(session)  # type: ignore[operator]
    document = read_document(report.encode("utf-8") if isinstance(report, str) else report)
    assert document.provenance is not None
    outcome = read_filing(session.form, document.lines, document.kind, ours=True)  # type: ignore[attr-defined]
    for address in (
        "tab.1/non_dirigenti/in_service",
        "tab.1/non_dirigenti/assigned",
        "7A/indicators",
        "7B/objectives",
        "7B/objectives_agency",
    ):
        assert outcome.answers.get(address) == session.answers.get(address), address  # type: ignore[attr-defined]
    check_fingerprint(outcome, document.provenance.digest, document.joins)
    assert fingerprint(outcome.answers) == fingerprint(session.answers)  # type: ignore[attr-defined]
