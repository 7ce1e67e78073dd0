"""Fields show what they hold: a date typed in words reads normalised once left, and no field shows
its text cut at the start when it is not focused (issue 25, §5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.helpers import box, new_app, session_of, shown_lines

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("26 febbraio 2025", "26/02/2025"), ("27 settembre 2025", "27/09/2025"), ("1/3/2025", "01/03/2025")],
)
async def test_a_date_typed_in_words_reads_normalised_once_left(tmp_path: Path, typed: str, shown: str) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *typed, "tab")
        await pilot.pause()
        date_box = box(app, "header/piao_date")
        assert date_box.query_one(Input).value == shown
        assert shown_lines(app, date_box.query_one(Input))[0].strip() == shown
        piao_date = session_of(app).answers.get("header/piao_date")
        assert isinstance(piao_date, dt.date) and piao_date.strftime("%d/%m/%Y") == shown


async def test_a_date_that_is_not_one_stays_as_typed(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"31/02/2025", "tab")
        await pilot.pause()
        assert box(app, "header/piao_date").query_one(Input).value == "31/02/2025"


async def test_a_long_text_in_a_narrow_field_shows_its_start_once_left(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"ventisei febbraio duemilaventicinque", "tab")  # not a date: kept
        await pilot.pause()
        field_input = box(app, "header/piao_date").query_one(Input)
        assert shown_lines(app, field_input)[0].startswith("ventisei")
        await pilot.press("shift+tab", "x")  # back in it, the cursor where it was: at the end
        assert field_input.value == "ventisei febbraio duemilaventicinquex"
        assert shown_lines(app, field_input)[0].rstrip().endswith("cinquex")
