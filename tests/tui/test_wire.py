"""Bytes on the wire: an idle screen sends nothing (a steady cursor), as over a slow SSH link.

benchmarks/probe_wire.py measures the rest (a step change, a typed character); here what a
user on a thin link would notice at once: a wizard left alone keeps the line busy.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from screens.dialogs.ask_path import AskPath
from tests.tui.helpers import goto, new_app
from tests.tui.ptyrun import PtyApp

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

IDLE_BUDGET = 30  # bytes per second, as docs/performance.md says


def test_an_idle_wizard_sends_nothing(tmp_path: Path) -> None:
    app = PtyApp("new", str(tmp_path / "s.toml"))
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.settle(quiet=0.6, seconds=30)  # a blinking cursor would never let it settle: it writes every 0.5 s
        before = len(app.output)
        app.read(3.0)
        assert (len(app.output) - before) / 3.0 <= IDLE_BUDGET
    finally:
        app.kill()


async def test_text_areas_and_the_path_dialog_keep_a_steady_cursor(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await goto(pilot, "b1")
        area = view.query(TextArea).first()
        area.focus()
        await pilot.pause()
        assert area.cursor_blink is False
        assert all(field.cursor_blink is False for field in app.screen.query(Input))
        app.push_screen(AskPath("Esporta", "Dove?"))
        await pilot.pause()
        assert app.screen.query_one("#path", Input).cursor_blink is False
