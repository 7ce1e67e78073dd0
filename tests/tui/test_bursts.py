"""Keys that arrive together (one write to the terminal, as over SSH) land where they were meant.

Each test writes its keys to a real pseudo-terminal in ONE write, then quits and reads the file.
Pilot cannot show this: it hands the app one key at a time and waits in between.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual import events

from oivtui.files.example import example_text
from tests.tui.helpers import box, current, goto, new_app, session_of
from tests.tui.ptyrun import PtyApp

TAB, ENTER, SHIFT_TAB, DOWN = "\t", "\r", "\x1b[Z", "\x1b[B"
F6, CTRL_Q = "\x1b[17~", "\x11"

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pty")


def run_burst(tmp_path: Path, burst: str, *, before: str = "") -> dict:
    """Open a new session, write ``before`` and then ``burst`` (one write each), quit, read the file."""
    return run_bursts(tmp_path, [before, burst])


def run_bursts(tmp_path: Path, bursts: list[str]) -> dict:
    """Open a new session, write each of ``bursts`` in one write, quit, read the file."""
    path = tmp_path / "s.toml"
    app = PtyApp("new", str(path), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.read(0.3)
        for chunk in bursts:
            if chunk:
                app.key(chunk.encode("utf-8"))  # one os.write: the keys arrive together
        app.key(CTRL_Q.encode())
        assert app.wait_exit(15) == 0, app.output[-2000:]
    finally:
        app.kill()
    with path.open("rb") as f:
        return tomllib.load(f)


def test_tab_moves_on_before_the_next_letters_arrive(tmp_path: Path) -> None:
    data = run_burst(tmp_path, f"Comune A{TAB}2026-2028{TAB}15/03/2026{TAB}")
    header = data["header"]
    assert header["administration"] == "Comune A"
    assert header["triennium"] == "2026-2028"
    assert str(header["piao_date"]) == "2026-03-15"
    assert data["position"]["field"] == "header/place"


def test_enter_ending_a_burst_in_a_one_line_field_moves_on_before_the_next_burst(tmp_path: Path) -> None:
    """An Invio with text behind it in the same burst is a paste, kept in the field
    (test_pasted_newline.py); one that ends its burst moves on, as one typed."""
    data = run_bursts(tmp_path, [f"Comune A{ENTER}", f"2026-2028{ENTER}", f"15/03/2026{ENTER}", "Brescia"])
    header = data["header"]
    assert (header["administration"], header["triennium"]) == ("Comune A", "2026-2028")
    assert str(header["piao_date"]) == "2026-03-15"
    assert header["place"] == "Brescia"


def test_shift_tab_goes_back_before_the_next_letter(tmp_path: Path) -> None:
    data = run_burst(tmp_path, f"Comune{TAB}2026-2028{SHIFT_TAB} A")
    assert data["header"]["administration"] == "Comune A"
    assert data["header"]["triennium"] == "2026-2028"


def test_a_step_change_then_numbers_fill_two_fields(tmp_path: Path) -> None:
    data = run_burst(tmp_path, f"{F6}12{TAB}10")
    row = data["answers"]["tab.1"]["dirigenti_i"]
    assert (row["in_service"], row["assigned"]) == (12, 10)


def test_a_pick_on_a_choice_list_then_numbers_in_the_next_row(tmp_path: Path) -> None:
    data = run_burst(tmp_path, f"{F6}12{TAB}10{TAB}{DOWN}{ENTER}{TAB}4{TAB}4")
    rows = data["answers"]["tab.1"]
    assert rows["dirigenti_i"] == {"in_service": 12, "assigned": 10, "interview_share": "1% - 49%"}
    assert rows["dirigenti_ii"] == {"in_service": 4, "assigned": 4}


def test_own_wording_then_the_next_fields(tmp_path: Path) -> None:
    to_role = TAB * 5
    burst = f"{to_role}{DOWN}{DOWN}{ENTER}Nucleo di valutazione{TAB}Mario Rossi{TAB}Pro Brixia"
    header = run_burst(tmp_path, burst)["header"]
    assert header["signatory_role"] == "Nucleo di valutazione"
    assert header["signatories"] == ["Mario Rossi"]
    assert header["special_agency"] == "Pro Brixia"


def test_a_paste_without_bracketed_paste_keeps_its_lines_in_order(tmp_path: Path) -> None:
    """A terminal with no bracketed paste sends a pasted text as keys: Enter makes a new line."""
    burst = TAB * 6 + f"Riga uno{ENTER}Riga due{ENTER}Riga tre{TAB}Pro Brixia"
    header = run_burst(tmp_path, burst)["header"]
    assert header["signatories"] == ["Riga uno", "Riga due", "Riga tre"]
    assert header["special_agency"] == "Pro Brixia"


def test_five_hundred_keys_in_one_write_all_arrive_in_order(tmp_path: Path) -> None:
    words = " ".join(f"parola{i:03d}" for i in range(50))  # 499 characters
    burst = TAB * 6 + words[:499] + TAB + "Fine"
    header = run_burst(tmp_path, burst)["header"]
    assert header["signatories"] == [words[:499]]
    assert header["special_agency"] == "Fine"


# ---------------------------------------------------------------- in process, as the driver posts keys


async def burst(pilot, *keys: str) -> None:
    """Post ``keys`` to the app all at once, as the terminal driver does with one read; wait them out."""
    app = pilot.app
    for key in keys:
        character = key if len(key) == 1 else ("\t" if key == "tab" else None)
        event = events.Key("space" if key == " " else key, character)
        event.set_sender(app)
        app.post_message(event)
    for _ in range(500):
        await pilot.pause(0.01)
        if not app.input_in_flight:
            break
    await pilot.pause()


async def test_after_a_burst_with_a_step_change_the_focused_field_is_on_screen(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(example_text(), "utf-8")
    app = new_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "b16")
        await burst(pilot, "ctrl+n", *["tab"] * 12)
        view = current(app)
        assert view.step_id == "annex"

        def on_screen() -> bool:
            focused = app.focused
            return focused is not None and focused.region.height > 0 and view.region.contains_region(focused.region)

        for _ in range(300):  # scrolled once the burst's single paint is laid out: a frame or two
            if on_screen():
                break
            await pilot.pause(0.01)
        assert on_screen(), (app.focused, app.focused and app.focused.region, view.region)


async def test_a_field_left_during_a_burst_shows_its_problem(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, *"Comune C", "tab", *"2026-2028", "tab", "x", "x", "tab", *"Roma", "tab")
        date = box(app, "header/piao_date")
        assert session_of(app).answers.get("header/piao_date") == "xx"
        for _ in range(300):
            if date.showing_problem:
                break
            await pilot.pause(0.01)
        assert date.showing_problem
        assert "data" in str(date.query_one(".field-problem").render())


def test_a_bracketed_paste_with_colours_and_a_bell_keeps_its_text_in_order(tmp_path: Path) -> None:
    """A paste copied from a coloured terminal: Textual's parser broke it up at the first ESC, saved
    ``^[31mKJ``, and a BEL in it opened the help and lost the rest."""
    paste = "\x1b[200~Comune \x1b[31mdi\x1b[0m Roma\x07 Capitale\x1b[201~"
    header = run_burst(tmp_path, paste + TAB + "2026-2028")["header"]
    assert header["administration"] == "Comune di Roma Capitale"
    assert header["triennium"] == "2026-2028"


def test_a_digit_typed_right_after_two_step_changes_picks_on_the_list_it_lands_on(tmp_path: Path) -> None:
    """F6 F6 lands on block 1, whose first field is a list: the «2» typed at once picks «No»."""
    data = run_burst(tmp_path, f"{F6}{F6}2")
    assert data["answers"]["1.1"]["choice"] == "No"
