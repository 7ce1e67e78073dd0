"""`oivtui import` of the seed (a PDF converted to text) and of oivtui's own reports."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.session import Session
from oivtui.reports.render import render_html, render_markdown, render_pdf
from questionnaire.form.kinds import one_line
from questionnaire.form.rules import validate
from questionnaire.importing.document import read_document
from questionnaire.importing.filing import read_filing
from questionnaire.importing.ours import check_fingerprint
from questionnaire.importing.recognise import norm
from questionnaire.report.pdf.faces import printable
from questionnaire.report.provenance import fingerprint
from tests.unit.test_markdown_structure import HOSTILE, TEXT_PLACES

SEED = Path(__file__).parent.parent / "data" / "seed_brescia_2024.md"
#: Header fields the seed does not state: the administration's name and the PIAO's date.
NOT_IN_SEED = {"header/administration", "header/piao_date"}


def imported(tmp_path: Path, document: Path, *extra: str) -> Session:
    target = tmp_path / "importata.toml"
    assert cli.main(["import", str(document), str(target), *extra]) == 0
    return storage.load(target)


@pytest.fixture(scope="module")
def seed_session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("seed")
    assert cli.main(["import", str(SEED), str(folder / "s.toml")]) == 0
    return storage.load(folder / "s.toml")


# ---------------------------------------------------------------- the seed


def test_every_option_and_number_of_the_seed_comes_out_exactly(seed_session: Session) -> None:
    """The packaged example is the seed typed in by hand: its options and numbers are the seed's."""
    form, expected = seed_session.form, example_session().answers
    checked = 0
    for question in form.questions:
        for address in question.addresses():
            fld = form.field_at(address)
            if fld.kind in ("choice", "integer", "date", "triennium") and address not in NOT_IN_SEED:
                assert seed_session.answers.get(address) == expected.get(address), address
                checked += 1
    assert checked > 60


def test_the_seed_header_is_read_and_what_it_lacks_is_said(seed_session: Session) -> None:
    header = seed_session.answers.data["header"]
    assert header["triennium"] == "2024-2026"
    assert (header["place"], header["signature_date"]) == ("Brescia", dt.date(2024, 2, 26))
    assert header["signatory_role"] == "Organismo con funzioni analoghe all'OIV"
    assert header["signatories"] == ["Prof. Cristian Carini"]  # «F.to» and the seed's «F.ot» alike
    assert header["special_agency"] == "Pro Brixia"  # from «22 camerali e 3 dell'Azienda speciale Pro Brixia»
    assert seed_session.imported is not None
    assert "non trovati 2 (Amministrazione, Data di adozione del PIAO)" in seed_session.imported.summary[0]


def test_the_seed_validates_with_only_what_it_does_not_state(seed_session: Session) -> None:
    problems = [p for p in validate(seed_session.form, seed_session.answers, final=True) if p.is_error]
    assert {p.address for p in problems} == NOT_IN_SEED


def _phrases(text: str) -> list[str]:
    """The seed's sentences and clauses, Markdown marks, checkboxes and table rows aside."""
    out = []
    for line in text.splitlines():
        if "\t" in line or not line.strip():
            continue
        line = re.sub(r"[*#]|^\s*- ", "", line).strip()
        out += [p.strip() for p in re.split(r"(?<=[.;:?!])\s+(?![^()]*\))", line) if len(p.strip()) > 1]
    return out


def test_the_export_of_the_imported_seed_carries_97_percent_of_its_phrases(seed_session: Session) -> None:
    """Phrases compared word for word, case, accents and punctuation aside: «Sì.» opening an
    answer is the report's «Risposta: Sì», «2 - Indicatori…» its «2 – Indicatori…». What is
    missed: the seed's typos («F.ot», «2021-2023») and its wording of the 7B split and of
    «privi di formula», which the report writes its own way (the numbers are checked exactly
    above)."""
    report = f" {norm(render_markdown(seed_session))} "
    phrases = [norm(p) for p in _phrases(SEED.read_text("utf-8"))]
    missing = [p for p in phrases if p and f" {p} " not in report]
    assert len(phrases) > 250
    assert len(missing) <= 0.03 * len(phrases), missing


def test_the_source_excerpt_of_each_answer_is_kept_in_the_session(seed_session: Session) -> None:
    record = seed_session.imported
    assert record is not None and record.source == SEED.name
    assert record.excerpts["1.2/choice"].startswith("Sì, prima della definizione")
    assert "22 camerali e 3 dell'Azienda speciale" in record.excerpts["7B/objectives_agency"]
    assert record.excerpts["tab.2/dirigenti_i/coherent"].startswith("Dirigenti di I fascia e assimilabili | X")
    assert len(record.summary) == len(seed_session.form.steps)


def test_every_imported_step_is_to_review(seed_session: Session) -> None:
    assert seed_session.to_review == [s.id for s in seed_session.form.steps]


# ---------------------------------------------------------------- round trips of oivtui's reports


def _read_back(report: str | bytes) -> tuple[Session, str]:
    document = read_document(report.encode("utf-8") if isinstance(report, str) else report)
    assert document.provenance is not None
    session = example_session()
    outcome = read_filing(session.form, document.lines, document.kind, ours=True)
    note = check_fingerprint(outcome, document.provenance.digest, document.joins)
    session.answers = outcome.answers
    return session, note


@pytest.mark.parametrize("render", [render_markdown, render_html, render_pdf], ids=["md", "html", "pdf"])
def test_the_example_report_reads_back_with_the_same_fingerprint(render: object) -> None:
    original = example_session()
    back, note = _read_back(render(original))  # type: ignore[operator]
    assert fingerprint(back.answers) == fingerprint(original.answers)
    assert "identiche" in note


def faithful(text: str) -> bool:
    """Texts a report writes as they are: a space at a line's edge, \\r, NUL, a bidi control or a run
    of blank lines are written otherwise by the report itself (see questionnaire/report/markdown.py), so no reading
    of the report can give them back."""
    lines = text.split("\n")
    bidi = any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text)  # shown as ‹U+202E› (issue 26)
    written_otherwise = bidi or "\r" in text or "\0" in text or "\n\n\n" in text
    return not (written_otherwise or any(ln != ln.strip() for ln in lines)) and all(lines)


FAITHFUL = [t for t in HOSTILE if faithful(t)]
LINE_PLACES = ("1.1/choice", "tab.2/dirigenti_i/reasons", "header/administration", "header/signatory_role")


def hostile_session(text: str) -> Session:
    session = example_session()
    session.answers.set("tab.2/dirigenti_i/coherent", "No")  # the reasons apply (and are printed) after a No
    for place in TEXT_PLACES:
        session.answers.set(place, text)
    for place in LINE_PLACES + ("header/special_agency",):
        session.answers.set(place, one_line(text))
    for place in ("2.3/systems", "header/signatories"):
        session.answers.set(place, [one_line(text)])
    return session


def test_most_hostile_answers_are_written_faithfully() -> None:
    assert len(FAITHFUL) >= 45


@pytest.mark.parametrize("render", [render_markdown, render_html, render_pdf], ids=["md", "html", "pdf"])
@pytest.mark.parametrize("text", FAITHFUL, ids=range(len(FAITHFUL)))
def test_hostile_answers_read_back_from_a_report_as_the_same_text(render: object, text: str) -> None:
    if render is render_pdf and printable(text) != text:
        pytest.skip("a character the PDF's font has no glyph for is printed as U+FFFD (docs/pdf.md)")
    original = hostile_session(text)
    back, note = _read_back(render(original))  # type: ignore[operator]
    assert back.answers.data == original.answers.data
    assert fingerprint(back.answers) == fingerprint(original.answers), note


def test_a_report_changed_after_export_is_said_so(tmp_path: Path) -> None:
    report = render_markdown(example_session()).replace("Medio alto", "Medio")
    back, note = _read_back(report)
    assert "non hanno l'impronta" in note
    assert back.answers.get("13.1/choice") == "Medio"


def test_a_short_answer_joined_to_its_sentence_is_cut_where_the_fingerprint_says() -> None:
    """A report may write «**Risposta:** In parte, secondo…» (the short answer and the text it
    begins, issue 15): with own wording, only the fingerprint tells where the short answer ends."""
    original = example_session()
    original.answers.set("1.1/choice", "In parte, con riserva")
    original.answers.set("1.1/text", "secondo il piano, e non solo.\n\nAltro paragrafo.")
    report = render_markdown(original)
    joined = "**Risposta:** In parte, con riserva, secondo il piano, e non solo."
    report = report.replace("**Risposta:** In parte, con riserva\n\nsecondo il piano, e non solo.", joined)
    assert joined in report
    back, note = _read_back(report)
    assert (back.answers.get("1.1/choice"), back.answers.get("1.1/text")) == (
        "In parte, con riserva",
        "secondo il piano, e non solo.\n\nAltro paragrafo.",
    )
    assert "identiche" in note


def test_a_list_right_under_the_lines_of_a_paragraph_is_told_by_the_fingerprint() -> None:
    """A report that writes «- » lines as a real list (issue 15) puts a list and the lines
    around it in blocks of their own: one line end or a blank line, the fingerprint tells."""
    original = example_session()
    original.answers.set("1.1/text", "Ecco:\n- uno\n- due\nFine.")
    report = render_markdown(original).replace("Ecco:\\\n\\- uno\\\n\\- due\\\nFine.", "Ecco:\n\n- uno\n- due\n\nFine.")
    assert "Ecco:\n\n- uno" in report
    back, note = _read_back(report)
    assert back.answers.get("1.1/text") == "Ecco:\n- uno\n- due\nFine."
    assert "identiche" in note
