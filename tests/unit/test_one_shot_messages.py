"""A command that ends when it fails (``import``, ``new --from``) says what it did: nothing written,
and why; never the autosave's «Le risposte restano in memoria… oivtui riproverà» (issue 26)."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.files.example import example_text
from tests.unit.test_cli import oivtui


@pytest.fixture
def closed(tmp_path: Path) -> Path:
    folder = tmp_path / "chiusa"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def test_import_into_a_read_only_folder_says_nothing_was_written(
    tmp_path: Path, closed: Path, unprivileged: list[str]
) -> None:
    session = tmp_path / "esempio.toml"
    session.write_text(example_text(), "utf-8")
    report = tmp_path / "resoconto.md"
    assert oivtui("export", session, "-o", report).returncode == 0
    done = oivtui("import", report, closed / "nuova.toml", prefix=unprivileged)
    assert done.returncode == 2
    assert done.stderr == (
        f"oivtui: {closed / 'nuova.toml'}: scrittura non riuscita (permesso negato: controlla i permessi della "
        "cartella). Nessun file è stato scritto.\n"
    )
    assert list(closed.iterdir()) == []


def test_new_from_last_year_into_a_read_only_folder_says_nothing_was_written(
    tmp_path: Path, closed: Path, unprivileged: list[str]
) -> None:
    last = tmp_path / "esempio.toml"
    last.write_text(example_text(), "utf-8")
    done = oivtui("new", "--from", last, closed / "nuova.toml", prefix=unprivileged)
    assert done.returncode == 2
    assert "scrittura non riuscita (permesso negato" in done.stderr
    assert "Nessun file è stato scritto." in done.stderr
    assert "riproverà" not in done.stderr and "in memoria" not in done.stderr


@pytest.mark.parametrize("command", ["export", "ask"])
def test_a_full_disk_behind_the_output_is_said_in_italian(tmp_path: Path, command: str) -> None:
    """/dev/full fails every write with ENOSPC: ``ask`` and ``export`` showed a traceback ending in
    ``No space left on device``."""
    import subprocess
    import sys

    session = tmp_path / "esempio.toml"
    session.write_text(example_text(), "utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "oivtui", command, str(session)],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == "oivtui: impossibile scrivere l'uscita (il disco è pieno: libera spazio).\n"
