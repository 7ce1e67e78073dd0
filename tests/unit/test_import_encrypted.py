"""``import`` of an encrypted PDF: a password, or a cipher this installation cannot read, gets exit 2
and «il PDF è protetto», never a traceback; a PDF that opens without a password (AES, only its
permissions restricted, as Word and Acrobat do) is read (issue 26)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfWriter

from oivtui.files.example import example_session
from oivtui.reports.render import render_pdf
from tests.unit.test_cli import oivtui

#: ``import`` run where the optional ``cryptography`` is missing (pypdf then cannot decrypt AES).
_WITHOUT_CRYPTOGRAPHY = """
import sys
sys.modules["cryptography"] = None  # import cryptography now fails, as where it is not installed
from oivtui.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def encrypted(user: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf(example_session())))
    writer.encrypt(user_password=user, owner_password="proprietario", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def run_import(source: Path, target: Path, with_cryptography: bool) -> subprocess.CompletedProcess[str]:
    if with_cryptography:
        return oivtui("import", source, target)
    command = [sys.executable, "-c", _WITHOUT_CRYPTOGRAPHY, "import", str(source), str(target)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("with_cryptography", [True, False], ids=["with cryptography", "without"])
@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_a_pdf_that_needs_a_password_is_refused(tmp_path: Path, algorithm: str, with_cryptography: bool) -> None:
    source = tmp_path / "cifrato.pdf"
    source.write_bytes(encrypted("segreta", algorithm))
    done = run_import(source, tmp_path / "s.toml", with_cryptography)
    assert done.returncode == 2, done.stderr
    assert f"oivtui: {source}: il PDF è protetto" in done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
    assert not (tmp_path / "s.toml").exists()


def test_an_aes_pdf_that_opens_without_a_password_is_imported(tmp_path: Path) -> None:
    source = tmp_path / "permessi.pdf"
    source.write_bytes(encrypted("", "AES-256"))
    done = oivtui("import", source, tmp_path / "s.toml")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.toml").exists()


def test_an_aes_pdf_without_cryptography_installed_is_refused_in_italian(tmp_path: Path) -> None:
    """pypdf raised DependencyError («cryptography>=3.1 is required»): a traceback."""
    source = tmp_path / "permessi.pdf"
    source.write_bytes(encrypted("", "AES-256"))
    done = run_import(source, tmp_path / "s.toml", with_cryptography=False)
    assert done.returncode == 2, done.stderr
    assert f"oivtui: {source}: il PDF è protetto con una cifratura (AES) che questa installazione non sa leggere" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr and "is required" not in done.stderr
    assert not (tmp_path / "s.toml").exists()
