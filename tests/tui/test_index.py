"""The step index as the user sees it: one painted line per step, marks, cursor, jumps, scrolling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.segment import Segment
from rich.style import Style

from oivtui.files.example import example_text
from screens.widgets.index import StepIndex
from tests.tui.helpers import answer, current, focus_index, goto, new_app, session_of


def style(segment: Segment) -> Style:
    """A drawn segment's style, which each of these carries."""
    assert segment.style is not None
    return segment.style


SIZE = (80, 24)


def painted(index: StepIndex) -> list[str]:
    """The index's lines as they are painted now (what the terminal shows in its column)."""
    return [index.render_line(y).text for y in range(index.scrollable_content_region.height)]


def line_of(index: StepIndex, step_id: str) -> str:
    return painted(index)[index.ids.index(step_id) - index.scroll_offset.y]


async def test_each_step_has_a_line_with_its_state_and_the_current_step_is_marked(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        index = app.screen.query_one(StepIndex)
        lines = painted(index)
        assert lines[0].startswith("○ Intestazione") or lines[0].startswith("○ ")
        assert any(line.startswith("○ 1 ") for line in lines)
        assert lines[len(index.ids) - 1].startswith("» Revisione")
        assert all(len(line) == index.scrollable_content_region.width for line in lines)
        # The line of the step on screen is drawn with the cursor's style, the others are not.
        header = index.render_line(0)
        other = index.render_line(3)
        assert {style(s).bgcolor for s in header if s.text.strip()} != {
            style(s).bgcolor for s in other if s.text.strip()
        }
        assert all(style(s).bold for s in header if s.text.strip())

        await pilot.press("f6")
        await pilot.pause()
        assert index.cursor == 1 and index.current == current(app).step_id
        assert all(style(s).bold for s in index.render_line(1) if s.text.strip())
        assert not any(style(s).bold for s in index.render_line(0) if s.text.strip() and s.text.strip() != "○")


async def test_a_state_change_is_painted_on_the_steps_line(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, "b3")
        index = app.screen.query_one(StepIndex)
        assert line_of(index, "b3").startswith("○ 3 ")
        await answer(pilot, "3.1/text", "Sì, in parte.")
        await pilot.pause()
        assert line_of(index, "b3").startswith("◐ 3 ")


async def test_arrows_enter_and_a_click_jump_to_a_step(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        index = await focus_index(pilot)
        await pilot.press("end", "up", "enter")
        await pilot.pause()
        assert current(app).step_id == index.ids[-2]
        await pilot.click(StepIndex, offset=(2, index.ids.index("b2") - index.scroll_offset.y))
        await pilot.pause()
        assert current(app).step_id == "b2"


async def test_a_short_terminal_scrolls_the_index_to_the_current_step(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(example_text(), encoding="utf-8")
    app = new_app(path)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        index = app.screen.query_one(StepIndex)
        assert index.scrollable_content_region.height < len(index.ids)
        await app.goto("b16")
        await pilot.pause()
        assert "16 " in line_of(index, "b16")  # scrolled so that the current step shows
        assert any("16 " in line for line in painted(index))


async def test_a_narrow_index_cuts_long_labels_with_an_ellipsis(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        index = app.screen.query_one(StepIndex)
        lines = painted(index)
        assert any(line.rstrip().endswith("…") for line in lines)
        assert all(len(line) == index.scrollable_content_region.width for line in lines)


async def test_text_typed_on_the_index_is_quoted_whole_and_goes_nowhere_by_itself(tmp_path: Path) -> None:
    """Tab from the last field leads to the index: a word typed there went nowhere, silently."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        index = await focus_index(pilot)
        before = index.cursor
        await pilot.press(*"Roma")
        await pilot.pause()
        line = str(app.screen.query_one("#stray").render())
        assert line.startswith("Non è andato in nessun campo: «Roma» (4 caratteri). Invio lo mette in «")
        assert index.has_focus and index.cursor == before
        assert session_of(app).answers.data == {}


@pytest.mark.parametrize("size", [(80, 24), (64, 24)])
async def test_index_labels_read_apart_beyond_their_numbers(size: tuple[int, int], tmp_path: Path) -> None:
    """Steps 3 and 7 («Target associati agli indicatori degli obiettivi strategici / operativi»),
    2/6, 4/8 and 1/5 were cut to the same words: their last words show instead, at 80 columns and
    on a narrow screen."""
    from screens.compat import screen_strips

    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        index = app.screen.query_one(StepIndex)
        x, y, width, height = index.region
        lines = [strip.text[x : x + width].rstrip("▕ ") for strip in screen_strips(app.screen)[y : y + height]]
        labels = [re.sub(r"^\S+ (\d+ )?", "", line) for line in lines[: len(index.ids)]]
        assert len(set(labels)) == len(labels), labels
        assert "…strategici" in lines[index.ids.index("b3")] and "…operativi" in lines[index.ids.index("b7")]
        assert lines[0].endswith("Dati generali")  # a label that fits is not cut
