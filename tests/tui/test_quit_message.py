"""Quitting says where the session is: the path a user needs for ``oivtui export``."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from oivtui.tui.launch import say_where_saved
from tests.tui.helpers import answer, new_app, wait_for
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


async def test_quitting_when_the_last_save_failed_does_not_say_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file made read-only meanwhile: the last answers went to the emergency copy, not to the file."""
    path = tmp_path / "pavia.toml"
    app = new_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer(pilot, "header/administration", "Comune di Pavia")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: path.is_file() and "Pavia" in path.read_text("utf-8"), "the first save")
        path.chmod(0o444)
        await answer(pilot, "header/place", "Pavia")
    say_where_saved(app)
    err = capsys.readouterr().err
    assert app.saver is not None and app.saver.rescued is not None
    assert "sessione salvata" not in err
    assert f"oivtui: le ultime risposte NON sono salvate in {path}" in err
    assert f"copia di emergenza: {app.saver.rescued}" in err
