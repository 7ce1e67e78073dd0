"""«Nome dei firmatari»: it says «uno per riga» on screen, and a line of names separated by commas
(«Prof. Mario Rossi, Dott.ssa Anna Bianchi») is pointed out and split on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from oivtui.tui.app import OivApp
from screens.compat import screen_strips
from screens.widgets.fields import HINT_CLASS, SPLIT_COMMAND
from tests.tui import effects as fx
from tests.tui.helpers import box, current, paste, session_of, type_text, wait_for

ADDRESS = "header/signatories"


def shown(app: OivApp) -> str:
    return "\n".join(strip.text for strip in screen_strips(app.screen))


def hint(app: OivApp) -> Static:
    return box(app, ADDRESS).query_one(f".{HINT_CLASS}", Static)


async def type_two_names_on_one_line(pilot, app: OivApp) -> None:
    box(app, ADDRESS).focus_input()
    await pilot.pause()
    await type_text(pilot, "Prof. Mario Rossi, Dott.ssa Anna Bianchi")
    await pilot.pause()


async def test_the_signatories_field_says_one_per_line_on_screen(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        box(app, ADDRESS).focus_input()  # scrolled into view
        await pilot.pause()
        assert "Nome dei firmatari (uno per riga)" in shown(app)


async def test_two_names_on_one_line_are_pointed_out_and_the_palette_splits_them(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        assert not hint(app).display
        await type_two_names_on_one_line(pilot, app)
        assert session_of(app).answers.get(ADDRESS) == ["Prof. Mario Rossi, Dott.ssa Anna Bianchi"]
        assert hint(app).display
        assert "2 nomi su una riga" in str(hint(app).render()) and SPLIT_COMMAND in str(hint(app).render())
        # the last field of the step: its hint is scrolled into sight under it, at 80×24
        await wait_for(pilot, lambda: "nomi su una riga, ma va uno per riga" in shown(app), "the hint on screen")
        await fx.command(pilot, SPLIT_COMMAND)()
        split = ["Prof. Mario Rossi", "Dott.ssa Anna Bianchi"]
        await wait_for(pilot, lambda: session_of(app).answers.get(ADDRESS) == split, "one name per line")
        assert box(app, ADDRESS).query_one(TextArea).text == "Prof. Mario Rossi\nDott.ssa Anna Bianchi"
        assert not hint(app).display
        assert app.focused is box(app, ADDRESS).query_one(TextArea)
        await pilot.press("ctrl+z")  # undone as any edit
        await wait_for(
            pilot, lambda: session_of(app).answers.get(ADDRESS) == ["Prof. Mario Rossi, Dott.ssa Anna Bianchi"]
        )


async def test_a_surname_then_a_name_is_no_list(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        box(app, ADDRESS).focus_input()
        await type_text(pilot, "Rossi, Mario")
        await pilot.pause()
        assert not hint(app).display


async def test_with_no_such_line_the_command_says_so(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE, notifications=True) as pilot:
        await pilot.pause()
        await fx.command(pilot, SPLIT_COMMAND)()
        toasts = lambda: " ".join(str(toast.render()) for toast in app.screen.query("Toast"))  # noqa: E731
        await wait_for(pilot, lambda: "nessuna riga ha più nomi" in toasts(), "the notice")


def in_sight(app: OivApp, widget) -> bool:
    """``widget`` wholly inside the step's visible area (not under the status line or the key bar)."""
    view = current(app)
    return widget.region.height > 0 and view.region.contains_region(widget.region)


@pytest.mark.parametrize("lines", [1, 5])
async def test_the_hint_stays_in_sight_while_names_are_typed_one_key_at_a_time(tmp_path: Path, lines: int) -> None:
    """At 80×24 the list is at the bottom of its step: each line typed pushed the hint down, out
    of sight (seen in tmux after the fourth name)."""
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        box(app, ADDRESS).focus_input()
        await pilot.pause()
        # The lines before the last pasted, the last one typed (short names: fewer keys, as many lines).
        names = ["A. Uno, B. Due", "Tre", "Quattro", "Cinque", "Sei"][:lines]
        if lines > 1:
            await paste(pilot, "\n".join(names[:-1]))
            await pilot.press("enter")
        await type_text(pilot, names[-1])
        await pilot.pause()
        area = box(app, ADDRESS).query_one(TextArea)
        await wait_for(pilot, lambda: in_sight(app, hint(app)), f"the hint in sight: {hint(app).region}")
        cursor = area.cursor_screen_offset
        assert current(app).region.contains(cursor.x, cursor.y)  # and the line being typed


async def test_entering_a_list_that_already_holds_a_crowded_line_shows_the_hint(tmp_path: Path) -> None:
    """A resumed session: the hint is there from the start; Tab into the list brings it in sight."""
    app = fx.fresh(tmp_path)
    session_of(app).answers.set(ADDRESS, ["A. Uno, B. Due", "Tre", "Quattro", "Cinque", "Sei"])  # as saved
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        box(app, "header/administration").focus_input()
        await wait_for(pilot, lambda: not in_sight(app, hint(app)), "the hint out of sight, at the step's top")
        box(app, ADDRESS).focus_input()
        await wait_for(pilot, lambda: in_sight(app, hint(app)), f"the hint in sight: {hint(app).region}")


async def test_the_hint_is_in_sight_after_names_typed_in_one_burst(tmp_path: Path) -> None:
    """Over SSH the names and their Invii arrive together: the hint, laid out only once the burst
    is painted, is brought into sight then (seen in tmux: below the screen)."""
    from tests.tui.test_bursts import burst

    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        box(app, ADDRESS).focus_input()
        await pilot.pause()
        names = ["Prof. Mario Rossi, Dott.ssa Anna Bianchi", "Luigi Verdi", "Anna Neri", "Quarto Nome"]
        keys = [key for name in names for key in ["enter", *name]][1:]
        await burst(pilot, *keys)
        assert box(app, ADDRESS).query_one(TextArea).text == "\n".join(names)
        await wait_for(pilot, lambda: in_sight(app, hint(app)), f"the hint in sight: {hint(app).region}")
