"""A copy for publication: ``oivtui export --senza-impronta`` leaves the provenance line out, and
``oivtui verify`` says plainly that such a copy carries no fingerprint."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.files.example import example_text
from tests.unit.test_cli import oivtui

COPY_WORDS = "copia senza impronta: il resoconto non porta l'impronta SHA-256 delle risposte"


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "brescia-2024.toml"
    path.write_text(example_text(), "utf-8")
    return path


def exported(session_file: Path, name: str, *flags: str) -> str:
    out = session_file.with_name(name)
    done = oivtui("export", session_file, "-o", out, *flags)
    assert done.returncode == 0, done.stderr
    return out.read_text("utf-8")


@pytest.mark.parametrize("name", ["pubblica.md", "pubblica.html"])
def test_a_publication_copy_has_no_provenance_line_and_nothing_else_changes(session_file: Path, name: str) -> None:
    full = exported(session_file, "completo" + Path(name).suffix)
    copy = exported(session_file, name, "--senza-impronta")
    assert "Generato da oivtui" in full and "impronta SHA-256" in full
    assert "Generato da oivtui" not in copy and "impronta SHA-256" not in copy
    assert 'class="impronta"' not in copy
    line = next(line for line in full.split("\n") if "Generato da oivtui" in line)
    assert copy.count("F.to Prof. Cristian Carini") == full.count("F.to Prof. Cristian Carini") == 2
    assert len(copy) < len(full) - len(line) + 60  # only the line (and its wrapping) went


@pytest.mark.parametrize("name", ["pubblica.md", "pubblica.html"])
def test_verify_says_a_publication_copy_carries_no_fingerprint(session_file: Path, name: str) -> None:
    copy = session_file.with_name(name)
    exported(session_file, name, "--senza-impronta")
    done = oivtui("verify", copy, session_file)
    assert done.returncode == 1
    assert COPY_WORDS in done.stdout
    assert "oivtui export --senza-impronta" in done.stdout
    assert "Il testo coincide con quello che producono le risposte di «brescia-2024.toml»." in done.stdout
    assert "corrisponde esattamente" not in done.stdout


def test_verify_of_a_retouched_publication_copy_says_both(session_file: Path) -> None:
    copy = session_file.with_name("pubblica.md")
    text = exported(session_file, copy.name, "--senza-impronta")
    copy.write_text(text.replace("26 febbraio 2024", "27 febbraio 2024", 1), "utf-8")
    done = oivtui("verify", copy, session_file)
    assert done.returncode == 1
    assert COPY_WORDS in done.stdout
    line = text[: text.index("26 febbraio 2024")].count("\n") + 1
    assert (
        f"Inoltre il testo non è quello che producono le risposte di «brescia-2024.toml» (prima differenza "
        f"alla riga {line})." in done.stdout
    )
