"""``oivtui verify`` checks the report before reading it, as ``import`` checks a document: a regular
file, at most 20 MB, readable; refused in Italian with exit 2 otherwise, never read (issue 26)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oivtui.files.example import example_text
from oivtui.files.inputs import InputRefused, read_input


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    return path


def verify(report: Path, session: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run as a user does, with a bound on time and memory: the old reader hung on a FIFO and filled
    the memory on /dev/zero."""
    command = [*(prefix or []), sys.executable, "-m", "oivtui", "verify", str(report), str(session)]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)


def _zero(tmp_path: Path) -> Path:
    link = tmp_path / "resoconto.md"
    link.symlink_to("/dev/zero")
    return link


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "resoconto.pdf"
    os.mkfifo(fifo)
    return fifo


def _huge(tmp_path: Path) -> Path:
    big = tmp_path / "resoconto.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    return big


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "resoconto.md"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_zero, "non è un file normale"),
        (_fifo, "non è un file normale"),
        (_huge, "è troppo grande (200 MB; al massimo 20 MB)"),
        (_folder, "non è un file normale"),
    ],
    ids=["symlink to /dev/zero", "FIFO", "200 MB", "folder"],
)
def test_a_report_that_is_no_regular_file_or_too_large_is_refused(
    tmp_path: Path, session: Path, make: object, said: str
) -> None:
    report = make(tmp_path)  # type: ignore[operator]
    done = verify(report, session)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"oivtui: {report}: {said}.\n"
    assert done.stdout == ""


def test_a_report_without_read_permission_is_refused_in_italian(
    tmp_path: Path, session: Path, unprivileged: list[str]
) -> None:
    report = tmp_path / "resoconto.md"
    report.write_text("testo", "utf-8")
    report.chmod(0)
    done = verify(report, session, unprivileged)
    assert done.returncode == 2
    assert "non si può leggere (permesso negato" in done.stderr
    assert "Permission denied" not in done.stderr


def test_the_check_is_made_on_what_is_read(tmp_path: Path) -> None:
    """A FIFO is opened without blocking and refused: no writer is needed to get the answer."""
    with pytest.raises(InputRefused, match="non è un file normale"):
        read_input(_fifo(tmp_path))
    small = tmp_path / "piccolo.md"
    small.write_bytes(b"x" * 11)
    assert read_input(small) == b"x" * 11
    with pytest.raises(InputRefused, match=r"è troppo grande \(0 MB; al massimo 0 MB\)"):
        read_input(small, limit=10)
