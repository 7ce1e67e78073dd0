"""``oivtui export --format pdf`` and ``oivtui verify`` on a PDF, run as a user runs them."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_cli import oivtui, snapshot


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example session and its PDF, written once for the module's tests."""
    folder = tmp_path_factory.mktemp("pdf")
    assert oivtui("example", folder / "esempio.toml").returncode == 0
    done = oivtui("export", folder / "esempio.toml", "-o", folder / "esempio.pdf")
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"Resoconto scritto in {folder / 'esempio.pdf'}.\n"
    return folder


def export_bytes(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "oivtui", "export", *map(str, args)]
    return subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL, timeout=60)


def test_format_pdf_to_a_pipe_gives_the_same_bytes_as_the_file(folder: Path) -> None:
    """Two processes, the same bytes: what `ssh host oivtui export s.toml --format pdf > s.pdf` gets."""
    done = export_bytes(folder / "esempio.toml", "--format", "pdf")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (folder / "esempio.pdf").read_bytes()
    assert done.stdout.startswith(b"%PDF-1.7") and done.stdout.rstrip().endswith(b"%%EOF")


def test_pdf_is_refused_on_a_terminal(folder: Path) -> None:
    main, other = pty.openpty()
    try:
        command = [sys.executable, "-m", "oivtui", "export", str(folder / "esempio.toml"), "--format", "pdf"]
        done = subprocess.run(command, stdout=other, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60)
        os.close(other)
        written = b""
        try:
            while chunk := os.read(main, 4096):
                written += chunk
        except OSError:
            pass  # the terminal's other end is closed: all it got has been read
    finally:
        os.close(main)
    assert done.returncode == 2
    assert "il PDF non si scrive sul terminale" in done.stderr.decode("utf-8")
    assert b"%PDF" not in written


def test_a_session_that_does_not_load_writes_no_pdf(tmp_path: Path) -> None:
    broken = tmp_path / "rotta.toml"
    broken.write_text("format = 1\nform = [", "utf-8")
    before = snapshot(tmp_path)
    done = oivtui("export", broken, "-o", tmp_path / "r.pdf")
    assert done.returncode == 2
    assert str(broken) in done.stderr and "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


def test_an_unwritable_output_is_an_italian_message_and_leaves_no_file(
    folder: Path, tmp_path: Path, unprivileged: list[str]
) -> None:
    closed = tmp_path / "chiusa"
    closed.mkdir()
    (closed / "r.pdf").write_bytes(b"il mio file")
    closed.chmod(0o555)
    try:
        done = oivtui("export", folder / "esempio.toml", "-o", closed / "r.pdf", prefix=unprivileged)
        assert done.returncode == 2
        assert f"{closed / 'r.pdf'}: scrittura non riuscita" in done.stderr
        assert "Nessun file è stato modificato" in done.stderr and "Traceback" not in done.stderr
        assert sorted(p.name for p in closed.iterdir()) == ["r.pdf"]
        assert (closed / "r.pdf").read_bytes() == b"il mio file"
    finally:
        closed.chmod(0o755)


def test_verify_passes_then_fails_after_a_one_character_change(folder: Path, tmp_path: Path) -> None:
    report = folder / "esempio.pdf"
    done = oivtui("verify", report, folder / "esempio.toml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "corrisponde esattamente" in done.stdout
    changed = tmp_path / "esempio.toml"
    text = (folder / "esempio.toml").read_text("utf-8")
    assert text.count("Prof. Cristian Carini") == 1
    changed.write_text(text.replace("Prof. Cristian Carini", "Prof. Cristian Carino"), "utf-8")
    done = oivtui("verify", report, changed)
    assert done.returncode == 1
    assert "impronta diversa" in done.stdout


def test_verify_finds_a_changed_byte(folder: Path, tmp_path: Path) -> None:
    raw = (folder / "esempio.pdf").read_bytes()
    edited = tmp_path / "ritoccato.pdf"
    at = raw.index(b"stream\n", 20_000) + 10
    edited.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1 :])
    done = oivtui("verify", edited, folder / "esempio.toml")
    assert done.returncode == 1
    said = " ".join(done.stdout.split())
    assert "modificato" in said and (f"posizione {at}" in said or f"byte {at}" in said), said


def test_verify_of_a_renamed_session_passes(folder: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "altro-nome.toml"
    renamed.write_text((folder / "esempio.toml").read_text("utf-8"), "utf-8")
    done = oivtui("verify", folder / "esempio.pdf", renamed)
    assert done.returncode == 0, done.stdout
    assert b"esempio.toml" not in (folder / "esempio.pdf").read_bytes()


def _as_written_by(raw: bytes, version: bytes) -> bytes:
    """The PDF as another version of Typst would name itself in it (same length: offsets hold)."""
    import typst

    ours = f"Typst {typst.__version__}".encode()  # type: ignore[attr-defined]  # the binding's version; the compiler's is in the file
    found = re.findall(rb"Typst \d+\.\d+\.\d+", raw)
    assert found, ours
    return raw.replace(found[0], b"Typst " + version)


def test_verify_of_a_pdf_from_another_typst_version_compares_the_text(folder: Path, tmp_path: Path) -> None:
    """Another patch version of Typst may write other bytes: the text of the pages decides."""
    raw = (folder / "esempio.pdf").read_bytes()
    older = tmp_path / "vecchio.pdf"
    older.write_bytes(_as_written_by(raw, b"0.14.9"))
    done = oivtui("verify", older, folder / "esempio.toml")
    assert done.returncode == 0, done.stdout
    said = " ".join(done.stdout.split())
    assert "il PDF è stato scritto con Typst 0.14.9" in said and "il testo di ogni pagina coincide" in said


def test_verify_of_a_changed_text_from_another_typst_version_says_so(folder: Path, tmp_path: Path) -> None:
    from oivtui.files import storage
    from questionnaire.report.provenance import fingerprint

    changed = tmp_path / "cambiato.toml"
    text = (folder / "esempio.toml").read_text("utf-8")
    changed.write_text(text.replace("Prof. Cristian Carini", "Prof. Cristian Carino"), "utf-8")
    assert oivtui("export", changed, "-o", tmp_path / "c.pdf").returncode == 0
    raw = (tmp_path / "c.pdf").read_bytes()
    digest = fingerprint(storage.load(folder / "esempio.toml").answers)
    forged = re.sub(rb"delle risposte: [0-9a-f]{64}", b"delle risposte: " + digest.encode(), raw)
    (tmp_path / "c.pdf").write_bytes(_as_written_by(forged, b"0.14.9"))
    done = oivtui("verify", tmp_path / "c.pdf", folder / "esempio.toml")
    assert done.returncode == 1
    said = " ".join(done.stdout.split())
    assert "testo del resoconto modificato" in said and "un'altra versione può impaginare" in said


def test_verify_of_a_pdf_not_made_by_oivtui_says_so(folder: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    other = PdfWriter()
    other.add_blank_page(595, 842)
    foreign = tmp_path / "altro.pdf"
    with foreign.open("wb") as out:
        other.write(out)  # an ID of 16 bytes, as most PDF writers give
    done = oivtui("verify", foreign, folder / "esempio.toml")
    assert done.returncode == 1
    assert "il PDF non porta l'impronta delle risposte" in done.stdout


def test_a_copy_for_publication_has_no_provenance_and_verify_says_so(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pubblica.pdf"
    done = oivtui("export", folder / "esempio.toml", "-o", copy, "--senza-impronta")
    assert done.returncode == 0, done.stderr
    raw = copy.read_bytes()
    assert raw != (folder / "esempio.pdf").read_bytes()
    assert b"esempio.toml" not in raw  # no session file name in the metadata (dc:source)
    done = oivtui("verify", copy, folder / "esempio.toml")
    assert done.returncode == 1
    assert "copia senza impronta" in done.stdout and "Il PDF coincide" in done.stdout
