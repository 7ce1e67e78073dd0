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


LONG_NAME = "Amministrazione comunale di Ancona, Settore Risorse Umane e Organizzazione"


@pytest.mark.parametrize(
    ("keys", "address", "typed"),
    [
        # The PIAO date, with text wider than its box (the issue's «omune di Ancona»).
        (["tab", "tab", *"Comune di Ancona", "tab"], "header/piao_date", "Comune di Ancona"),
        (["tab", "tab", *"ventisei febbraio duemilaventicinque", "tab"], "header/piao_date", "ventisei febbraio"),
        (["tab", "shift+tab", *LONG_NAME, "tab"], "header/administration", LONG_NAME[:40]),
        (["tab", "tab", "tab", *"Ancona, sede legale del Comune, Piazza XXIV Maggio", "tab"], "header/place", "Ancona"),
        # Several fields in one burst, each left with its text wider than its box.
        (["tab", *"2026-2028 e poi del testo", "tab", *"Comune di Ancona", "tab"], "header/triennium", "2026-2028"),
    ],
    ids=["date", "date-words", "administration", "place", "two-fields"],
)
async def test_a_field_left_within_a_burst_shows_the_start_of_its_text(
    tmp_path: Path, keys: list[str], address: str, typed: str
) -> None:
    """Keys that arrive together (over SSH) are all handled before the screen is laid out again:
    the field left in the burst must still be painted from its first character, as when typed
    one key at a time."""
    from tests.tui.test_bursts import burst

    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, *keys)
        await pilot.pause()
        field_input = box(app, address).query_one(Input)
        assert not field_input.has_focus
        assert field_input.value.startswith(typed)
        assert shown_lines(app, field_input)[0].startswith(typed[: field_input.region.width])


async def test_a_field_entered_again_within_a_burst_shows_its_cursor_and_left_again_its_start(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        from tests.tui.test_bursts import burst

        await pilot.pause()
        await burst(pilot, "tab", "tab", *"Comune di Ancona", "tab", "shift+tab", *"XY")
        field_input = box(app, "header/piao_date").query_one(Input)
        assert field_input.has_focus and field_input.value == "Comune di AnconaXY"
        assert shown_lines(app, field_input)[0].rstrip().endswith("AnconaXY")  # the cursor's end in sight
        await burst(pilot, "tab")
        assert shown_lines(app, field_input)[0].startswith("Comune di Anc")


async def test_the_own_wording_of_a_choice_left_within_a_burst_shows_its_start(tmp_path: Path) -> None:
    """«Altra formulazione…»'s line is a one-line field too (the signatory's role)."""
    from tests.tui.test_bursts import burst

    wording = "Nucleo di valutazione in composizione monocratica, per la Regione"
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        role = box(app, "header/signatory_role")
        role.focus_input()
        await pilot.pause()
        await burst(pilot, "home", "down", "down", "enter", *wording, "tab")
        other = role.query_one(Input)
        assert other.value == wording and not other.has_focus
        assert shown_lines(app, other)[0].startswith(wording[: other.region.width])


@pytest.mark.parametrize("one_burst", [True, False], ids=["burst", "key-by-key"])
async def test_a_long_answer_left_shows_its_start_and_entered_again_its_cursor(tmp_path: Path, one_burst: bool) -> None:
    """A long answer is taller than its area (12 lines at most): left, the area shows the answer's
    first line, not the last ones typed; back in it, the cursor's line is in sight again."""
    from textual.widgets import TextArea

    from tests.tui.helpers import goto
    from tests.tui.test_bursts import burst

    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = await goto(pilot, "b16")
        area = view.query(TextArea).first()
        area.focus()
        await pilot.pause()
        words = " ".join(f"parola{number}" for number in range(80))
        if one_burst:
            await burst(pilot, *words, "enter", *"ultima riga", "tab")
        else:  # the long text put in at once (600 keys one by one took 50 s), its last line typed
            area.insert(words + "\n")
            await pilot.pause()
            await pilot.press(*"ultima riga", "tab")
            await pilot.pause()
        assert not area.has_focus and area.virtual_size.height > area.size.height  # taller than its area
        assert area.scroll_offset.y == 0
        area.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert shown_lines(app, area)[0].strip().startswith("parola0")
        await pilot.press("shift+tab")
        await pilot.pause()
        assert area.has_focus  # before any key: where typing will go is in sight
        assert any(line.rstrip().endswith("ultima riga") for line in shown_lines(app, area))
        await pilot.press("X")
        await pilot.pause()
        assert area.text.endswith("ultima rigaX")
        assert any(line.rstrip().endswith("ultima rigaX") for line in shown_lines(app, area))
