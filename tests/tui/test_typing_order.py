"""Keys reach a field in the order they were typed, even while the app is busy building a view."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events

from oivtui.files.example import example_text
from tests.tui.helpers import box, current, goto, new_app, session_of, wait_for

SIZE = (80, 24)


def post_keys(app, *keys: str) -> None:
    """As the terminal driver does: each key is posted to the app, nobody waits in between."""
    for key in keys:
        character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


@pytest.mark.parametrize("address", ["header/administration", "header/signatories"])
async def test_editing_keys_are_not_overtaken_by_letters_while_a_parent_is_busy(tmp_path: Path, address: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(example_text(), "utf-8")
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current(app).step_id == "header"
        field = box(app, address)
        field.focus_input()
        await pilot.pause()
        busy = asyncio.Event()

        async def block_the_screen() -> None:  # as Textual does while a view is mounted in it
            busy.set()
            await asyncio.sleep(0.3)

        app.screen.call_later(block_the_screen)
        await busy.wait()
        # Ctrl+A: start of the line; Ctrl+K: delete to its end (both fields start with one line).
        post_keys(app, "ctrl+a", "ctrl+k", "N", "u", "o", "v", "o")

        def typed() -> object:
            value = session_of(app).answers.get(address)
            return value[0] if isinstance(value, list) else value

        await wait_for(pilot, lambda: typed() == "Nuovo", what=f"«Nuovo» in {address} (it has {typed()!r})")
        await pilot.pause()
        assert typed() == "Nuovo"


async def test_words_typed_right_after_picking_other_wording_are_all_kept(tmp_path: Path) -> None:
    """Invio on «Altra formulazione…» and the wording at once (a quick typist, keys in one SSH packet):
    the keys reaching the options before the focus moves go to the wording, space included, in order."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        box(app, "1.1/choice").focus_input()
        await pilot.pause()
        typed = [("end", None), ("enter", "\r")] + [("space" if c == " " else c, c) for c in "In pa"]
        for key, character in typed:  # as the terminal driver posts them: a space carries its character
            event = events.Key(key, character)
            event.set_sender(app)
            app.post_message(event)
        await wait_for(
            pilot,
            lambda: app.focused is not None and "other-input" in app.focused.classes,
            what="the focus on the own wording",
        )
        post_keys(app, "r", "t", "e")  # and after the focus has moved
        await wait_for(pilot, lambda: session_of(app).answers.get("1.1/choice") == "In parte", what="«In parte» kept")
        assert session_of(app).answers.get("1.1/choice") == "In parte"
        assert app.focused is not None and "other-input" in app.focused.classes
