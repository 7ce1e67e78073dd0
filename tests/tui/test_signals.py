"""A real oivtui under a pseudo-terminal: hang-ups, kills and dead terminals lose nothing."""

from __future__ import annotations

import os
import signal
import time
import tomllib
from pathlib import Path

import pytest

from tests.tui.ptyrun import PtyApp

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")


def started(path: Path) -> PtyApp:
    app = PtyApp("new", str(path))
    assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
    app.settle()
    return app


def administration(path: Path) -> str | None:
    return tomllib.loads(path.read_text("utf-8")).get("header", {}).get("administration")


def saved_within(path: Path, expected: str, seconds: float) -> bool:
    """Poll the file: the autosave must bring ``expected`` to disk within ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if administration(path) == expected:
            return True
        time.sleep(0.05)
    return administration(path) == expected


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_signal_saves_what_was_typed_and_exits_within_two_seconds(tmp_path: Path, sig: int) -> None:
    path = tmp_path / "s.toml"
    app = started(path)
    try:
        app.type("Comune di Prova")
        app.signal(sig)  # at once: the autosave delay has not passed yet
        began = time.monotonic()
        code = app.wait_exit(5)
        assert code is not None, "the app did not exit"
        assert time.monotonic() - began < 2.0
        assert administration(path) == "Comune di Prova"
        assert not (tmp_path / ".s.toml.lock").exists()
        assert b"\x1b[?1049l" in app.output  # the terminal was given back (alternate screen left)
    finally:
        app.kill()


def test_f4_edits_the_long_answer_in_the_users_editor(tmp_path: Path) -> None:
    """As git commit does: $EDITOR on a temp file, the text comes back into the field."""
    from oivtui.files.example import example_text

    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\nRiga scritta nell\'editor." >> "$1"\n', "utf-8")
    editor.chmod(0o755)
    path = tmp_path / "s.toml"
    path.write_text(example_text().replace('step = "header"\nfield = ""', 'step = "b1"\nfield = "1.3/text"'), "utf-8")
    app = PtyApp("open", str(path), env={"EDITOR": str(editor), "VISUAL": ""})
    try:
        assert app.wait_for("· s.toml".encode(), 20)  # the status line: the session is open
        app.settle()
        app.key(b"\x1bOS")  # F4
        end = time.monotonic() + 8
        text = ""
        while time.monotonic() < end and "Riga scritta" not in text:
            time.sleep(0.1)
            app.read(0.05)
            text = tomllib.loads(path.read_text("utf-8"))["answers"]["1.3"]["text"]
        assert text.endswith("Pro Brixia.\nRiga scritta nell'editor.")
        app.signal(signal.SIGTERM)
        assert app.wait_exit(5) is not None
    finally:
        app.kill()
