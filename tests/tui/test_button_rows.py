"""Rows of buttons: ←/→ along every row, the first action focused in every dialog, and the review's
row in view while its problem list has the focus (80×24)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, OptionList

from oivtui.tui.app import OivApp
from screens.compat import screen_strips
from screens.dialogs.notice import Notice
from tests.tui.effects import SIZE, fresh, start
from tests.tui.helpers import current, goto, session_of, wait_for

REVIEW_ROW = ["preview", "export-md", "export-html", "export-pdf", "copy"]
START_ROW = ["new", "open", "example", "previous", "import"]


def shown(app: OivApp) -> str:
    return "\n".join(strip.text for strip in screen_strips(app.screen))


async def walk(pilot, row: list[str], key: str) -> list[str]:
    """The focused button's id after each press of ``key``, once more than the row is long."""
    seen = []
    for _ in row:
        await pilot.press(key)
        await pilot.pause()
        seen.append(str(pilot.app.focused.id))
    return seen


async def test_left_and_right_move_along_the_review_steps_buttons(tmp_path: Path) -> None:
    app = fresh(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "review")
        app.screen.query_one("#preview", Button).focus()
        await pilot.pause()
        assert await walk(pilot, REVIEW_ROW, "right") == REVIEW_ROW[1:] + ["copy"]  # and stops at the last
        assert await walk(pilot, REVIEW_ROW, "left") == REVIEW_ROW[-2::-1] + ["preview"]
        await pilot.press("right", "right", "right")  # to «PDF», then Enter exports it
        await pilot.pause()
        assert app.focused is app.screen.query_one("#export-pdf")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "s.pdf").exists(), "the PDF written")


async def test_left_and_right_move_along_the_start_screens_buttons(tmp_path: Path) -> None:
    app = start(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#new", Button).focus()
        await pilot.pause()
        assert await walk(pilot, START_ROW, "right") == START_ROW[1:] + START_ROW[-1:]
        assert await walk(pilot, START_ROW, "left") == START_ROW[-2::-1] + ["new"]


async def test_the_reviews_buttons_stay_in_view_while_the_problem_list_has_the_focus(tmp_path: Path) -> None:
    app = fresh(tmp_path)  # a new session: 63 answers missing, a list far longer than the screen
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2", "end", "enter")  # through the index, as a user goes there
        await wait_for(pilot, lambda: session_of(app).position.step == "review", "the review step")
        await pilot.pause()
        listing = app.screen.query_one("#problems", OptionList)
        assert app.focused is listing
        # The list scrolls inside itself, and the step has nothing to scroll: in a real terminal
        # the step scrolled along with the list's highlight, and the buttons out of sight.
        assert listing.max_scroll_y > 0 and current(app).max_scroll_y == 0
        for _ in range(3):
            for line in ("Anteprima", "Markdown", "Copia"):
                assert line in shown(app), shown(app)
            await pilot.press(*["down"] * 15)
            await pilot.pause()
        assert listing.highlighted == 45
        assert "Revisione ed esportazione" in shown(app).splitlines()[1]  # the step's heading too


async def test_every_dialog_opens_with_the_focus_on_its_first_action(tmp_path: Path) -> None:
    """The help (its only button, «Chiudi»): Enter closes it at once."""
    app = fresh(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice), "the help")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#ok")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, Notice), "the help closed")
