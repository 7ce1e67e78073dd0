"""``oivtui verify`` of a PDF judges what a reader sees: the last revision, with every appended
update applied. A real PAdES signature passes; an update that changes a number, a word, the
fingerprint or a font fails, signed or not (issue 26)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from questionnaire.report.pdf.revisions import appended, first_revision_end
from tests.pdftamper import TAMPERS, append_content, sign
from tests.unit.test_cli import oivtui

#: What each tampering makes a reader see, to prove the update really changes the page.
SHOWN = {
    "un numero": "Numero indicatori totali: 58",
    "una parola": "Bergamo",
    "una parola, a mano": "Bergamo",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tampered")
    assert oivtui("example", folder / "esempio.toml").returncode == 0
    assert oivtui("export", folder / "esempio.toml", "-o", folder / "esempio.pdf").returncode == 0
    return folder


def shown(raw: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


def verify(folder: Path, raw: bytes, name: str) -> tuple[int, str]:
    report = folder / name
    report.write_bytes(raw)
    done = oivtui("verify", report, folder / "esempio.toml")
    return done.returncode, done.stdout + done.stderr


def test_a_real_pades_signature_passes(folder: Path) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    signed = sign(raw)
    assert signed.startswith(raw) and len(signed) > len(raw) + 1000
    code, said = verify(folder, signed, "firmato.pdf")
    assert code == 0, said
    assert "corrisponde esattamente" in said
    assert "un aggiornamento incrementale che aggiunge solo una firma digitale (PAdES); il resoconto è intatto" in said


def test_two_signatures_pass(folder: Path) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    code, said = verify(folder, sign(sign(raw), field="Controfirma"), "firmato-due-volte.pdf")
    assert code == 0, said
    assert "2 aggiornamenti incrementali che aggiungono solo 2 firme digitali" in said


@pytest.mark.parametrize("what", list(TAMPERS))
def test_an_update_that_changes_what_is_shown_fails(folder: Path, what: str) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    tampered = TAMPERS[what](raw)
    assert tampered.startswith(raw)  # the exported bytes are all there, untouched
    if what in SHOWN:
        assert SHOWN[what] not in shown(raw) and SHOWN[what] in shown(tampered)
    code, said = verify(folder, tampered, "ritoccato.pdf")
    assert code == 1, said
    assert "il PDF è stato modificato dopo l'esportazione" in said
    assert "intatto" not in said


@pytest.mark.parametrize("what", ["un numero", "l'impronta", "un carattere"])
def test_an_update_after_a_signature_fails(folder: Path, what: str) -> None:
    raw = sign((folder / "esempio.pdf").read_bytes())
    code, said = verify(folder, TAMPERS[what](raw), "firmato-poi-ritoccato.pdf")
    assert code == 1, said
    assert "il PDF è stato modificato dopo l'esportazione" in said


def test_the_page_and_part_changed_are_named(folder: Path) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    _, said = verify(folder, TAMPERS["una parola"](raw), "parola.pdf")
    assert "l'aggiornamento cambia la pagina 1 (il testo e i disegni)" in said
    _, said = verify(folder, TAMPERS["un carattere"](raw), "carattere.pdf")
    assert "l'aggiornamento cambia la pagina 1 (i caratteri o le immagini)" in said


def test_a_visible_signature_box_fails(folder: Path) -> None:
    """A visible signature's appearance is drawn over the page: it could cover «57» with «58»."""
    code, said = verify(folder, sign((folder / "esempio.pdf").read_bytes(), visible=True), "visibile.pdf")
    assert code == 1, said
    assert "la firma aggiunta ha un riquadro visibile sulla pagina 1" in said


def test_bytes_after_the_end_that_are_no_update_fail(folder: Path) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    code, said = verify(folder, raw + b"\n1 0 obj\n<< /Type /Sig >>\nendobj\n%%EOF\n", "coda.pdf")
    assert code == 1, said
    assert "il PDF è stato modificato dopo l'esportazione" in said


def test_an_update_that_changes_nothing_shown_passes_with_a_note(folder: Path) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    same = append_content(raw, 0, lambda data: data)
    code, said = verify(folder, same, "uguale.pdf")
    assert code == 0, said
    assert "un aggiornamento incrementale che non cambia nulla di ciò che mostra" in said


def test_the_revision_check_stands_apart_from_how_the_first_revision_is_compared(folder: Path) -> None:
    """Any writer's first revision (bytes or extracted text compared) composes with it."""
    raw = (folder / "esempio.pdf").read_bytes()
    assert first_revision_end(raw) == len(raw)
    signed = sign(raw)
    assert first_revision_end(signed) == len(raw)
    assert appended(signed, len(raw)).signatures == 1 and not appended(signed, len(raw)).problems
    tampered = TAMPERS["un numero"](signed)
    assert appended(tampered, len(raw)).problems
    assert appended(raw, len(raw)).revisions == 0
