"""Every corpus document imported and scored against the answers it was made from (README.md):
no value may be read wrong; the questions found and the staff-table and annex values exact may
not fall below what each document gives today (docs/import.md says why some give less)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.measure import documents, score, wrong

#: Documents whose structure hides values: the exact values they give (of all the table's and
#: annex's), the rest left empty and listed. Every other document gives every value (the
#: LibreOffice PDFs of a rule-less table and of Word's drawn check boxes included).
SHORT: dict[str, int] = {
    # Chromium centres the header's «Si»/«No» over their columns and starts each row's «X» at the
    # column's left edge: no mark stands under one option and far from the other, so the three
    # «coerente» ticks are left empty and listed (pdf_marks.py places only a mark that does).
    "ateneo-pandoc-chromium.pdf": 22,
}
#: Documents that leave a block out: the questions they hold.
LEFT_OUT = {"comune": 49, "asl": 49}


@pytest.mark.parametrize("document", documents(), ids=lambda p: p.name)
def test_no_value_is_read_wrong(document: Path) -> None:
    result = score(document)
    if result.wrong:
        address, want, got, source = result.wrong[0]
        pytest.fail(f"{document.name}: {address} letto «{got}» invece di «{want}» (dal testo: {source[:200]!r})")
    assert result.found == LEFT_OUT.get(document.name.split("-")[0], result.questions), result.found
    assert result.exact >= SHORT.get(document.name, result.values), (result.exact, result.values)


def test_the_corpus_has_every_kind_of_document() -> None:
    names = {p.name for p in documents()}
    suffixes = {p.suffix for p in documents()}
    assert suffixes == {".docx", ".odt", ".pdf", ".html"}
    assert {"seed-pandoc.docx", "seed-libreoffice.odt", "seed-chromium.pdf", "seed-pandoc.html"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize(
    ("kind", "want", "got"),
    [
        ("integer", 1250, 1),
        ("choice", "Sì", "No"),
        ("line", "Pro Brixia", "Pro Brixia Numero"),
        ("text", None, "Si No"),
    ],
)
def test_a_value_read_wrong_is_caught(kind: str, want: object, got: object) -> None:
    """The score counts as wrong a different number, option or name, and a text where there is none
    (a table's header stored as a row's reasons)."""
    assert wrong(kind, want, got)
    assert not wrong(kind, got, got) if want is not None else True
