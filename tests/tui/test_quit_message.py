"""Quitting says where the session is: the path a user needs for ``oivtui export``."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from tests.tui.ptyrun import PtyApp


def _quit(*args: str) -> bytes:
    run = PtyApp(*args)
    try:
        assert run.wait_for(b"Dati generali", 20), run.output[-2000:]
        run.settle()
        run.key(b"\x11")  # Ctrl+Q
        assert run.wait_exit(10) == 0
        run.read(0.3)
        return run.output
    finally:
        if run.proc.poll() is None:
            os.killpg(run.proc.pid, signal.SIGKILL)


def test_quitting_a_new_session_made_without_a_file_prints_its_whole_path(private_home: Path) -> None:
    output = _quit("new")
    folder = private_home / ".local" / "share" / "oivtui" / "sessioni"
    (saved,) = folder.glob("*.toml")
    assert f"oivtui: sessione salvata in {saved}".encode() in output


def test_quitting_a_session_opened_by_name_prints_its_whole_path(tmp_path: Path) -> None:
    path = tmp_path / "pavia.toml"
    output = _quit("new", str(path))
    assert path.is_file()
    assert f"oivtui: sessione salvata in {path}".encode() in output
