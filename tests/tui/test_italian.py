"""Textual's own words, where the user reads them, in Italian: the palette's search and its
«nothing found» (Textual says «Search for commands…», «No matches found»)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput

from oivtui.tui.app import OivApp
from oivtui.tui.dialogs import NO_COMMAND_FOUND
from screens.compat import screen_strips
from tests.tui import effects as fx
from tests.tui.helpers import palette_open, type_text, wait_for


def shown(app: OivApp) -> str:
    return "\n".join(strip.text for strip in screen_strips(app.screen))


async def nothing_found(pilot, app: OivApp) -> None:
    """Ctrl+P, a word no command has: the palette says so, in Italian, and Esc closes it."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: palette_open(app), "the palette")
    await pilot.pause()
    assert app.screen.query_one(CommandInput).placeholder == "Cerca un comando…"
    assert "Cerca un comando…" in shown(app) and "Search" not in shown(app)
    await type_text(pilot, "qqqq")  # the fuzzy search: no title has four q
    await wait_for(pilot, lambda: NO_COMMAND_FOUND[:40] in shown(app), "the Italian «nothing found»")
    assert "No matches" not in shown(app)
    await pilot.press("escape")
    await wait_for(pilot, lambda: not palette_open(app), "the palette closed")


async def test_the_wizards_palette_says_in_italian_that_nothing_matches(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        await nothing_found(pilot, app)


async def test_the_start_screens_palette_says_it_too(tmp_path: Path) -> None:
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        await nothing_found(pilot, app)
