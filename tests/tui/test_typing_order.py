"""Keys reach a field in the order they were typed, even while the app is busy building a view."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.widgets import ContentSwitcher

from oivtui.example import example_text
from tests.tui.helpers import box, current, new_app

SIZE = (80, 24)


def post_keys(app, *keys: str) -> None:
    """As the terminal driver does: each key is posted to the app, nobody waits in between."""
    for key in keys:
        character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


@pytest.mark.parametrize("address", ["header/administration", "header/signatories"])
async def test_editing_keys_are_not_overtaken_by_letters_while_a_parent_is_busy(
    tmp_path: Path, address: str
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(example_text(), "utf-8")
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current(app).step_id == "header"
        field = box(app, address)
        field.focus_input()
        await pilot.pause()
        switcher = app.screen.query_one(ContentSwitcher)
        busy = asyncio.Event()

        async def block_the_switcher() -> None:  # as Textual does while a view is mounted in it
            busy.set()
            await asyncio.sleep(0.3)

        switcher.call_later(block_the_switcher)
        await busy.wait()
        # Ctrl+A: start of the line; Ctrl+K: delete to its end (both fields start with one line).
        post_keys(app, "ctrl+a", "ctrl+k", "N", "u", "o", "v", "o")
        await pilot.pause(0.5)
        await pilot.pause()
        value = app.session.answers.get(address)
        text = value[0] if isinstance(value, list) else value
        assert text == "Nuovo"
