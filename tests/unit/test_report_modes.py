"""Reports are written with the user's umask, as other tools write files (colleagues and the web
server read them); the session file stays private (0600). Issue 28."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.reports.export import export_next_to_session


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_an_exported_report_gets_the_users_umask_and_the_session_stays_private(
    tmp_path: Path, umask_022: None, fmt: str
) -> None:
    session = tmp_path / "s.toml"
    assert cli.main(["example", str(session)]) == 0
    assert mode(session) == 0o600
    report = tmp_path / f"r.{fmt}"
    assert cli.main(["export", str(session), "-o", str(report), "--format", fmt]) == 0
    assert mode(report) == 0o644


def test_the_report_written_beside_the_session_gets_the_users_umask(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "s.toml"
    assert cli.main(["example", str(path)]) == 0
    said = export_next_to_session(storage.load(path), "md")
    assert said == f"Resoconto esportato in {tmp_path / 's.md'}"
    assert mode(tmp_path / "s.md") == 0o644
    assert mode(path) == 0o600


def test_a_stricter_umask_is_followed_and_an_existing_reports_mode_kept(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    assert cli.main(["example", str(session)]) == 0
    old = os.umask(0o027)
    try:
        assert cli.main(["export", str(session), "-o", str(tmp_path / "r.md")]) == 0
        assert mode(tmp_path / "r.md") == 0o640
        (tmp_path / "r.md").chmod(0o600)
        assert cli.main(["export", str(session), "-o", str(tmp_path / "r.md")]) == 0
        assert mode(tmp_path / "r.md") == 0o600
    finally:
        os.umask(old)
