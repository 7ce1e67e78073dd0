"""A field's message comes into sight with the field typed in, even under the last field of a step
(the last 7B count's error was below the visible area, and only the index's ✗ showed it)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from screens.compat import screen_strips
from tests.tui.effects import SIZE
from tests.tui.helpers import box, current, goto, type_text, wait_for

LAST_7B = "7B/to_agency"


def example(tmp_path: Path) -> OivApp:
    path = tmp_path / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    return OivApp(storage.load(path))


def shown(app: OivApp) -> str:
    return "\n".join(strip.text for strip in screen_strips(app.screen))


async def test_an_error_under_the_last_field_of_a_step_is_scrolled_into_sight(tmp_path: Path) -> None:
    app = example(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "annex")
        field = box(app, LAST_7B)
        field.focus_input()
        await pilot.pause()
        await pilot.press("end", *["backspace"] * 4)
        await type_text(pilot, "999")
        await pilot.press("tab")  # left: the problem is shown (the last field: the index has the focus)
        await wait_for(pilot, lambda: field.showing_problem, "the error shown")
        problem = field.query_one(".field-problem", Static)
        message = str(problem.render())
        assert "999" in message
        await wait_for(pilot, lambda: message[:30] in shown(app), f"«{message[:30]}» on screen")
        view = current(app)
        assert view.scrollable_content_region.contains_region(problem.region)
        assert view.scrollable_content_region.contains_region(field.query_one(Input).region)  # the field too
