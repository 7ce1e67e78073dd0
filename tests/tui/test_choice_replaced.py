"""No answer replaced by a single key without a word; a digit chooses and stays on the list (issue 25, §4, §8)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.notifications import Notify
from textual.widgets import Input

from screens.widgets.fields import ChoiceList
from tests.tui.helpers import current, goto, new_app, session_of
from tests.tui.ptyrun import PtyApp

SIZE = (80, 24)
TAB, F6, CTRL_Q = "\t", "\x1b[17~", "\x11"


def notices(seen: list[object]) -> list[str]:
    return [str(message.notification.message) for message in seen if isinstance(message, Notify)]


async def on_15_1(pilot) -> ChoiceList:
    view = await goto(pilot, "b15")
    view.focus_first()
    await pilot.pause()
    assert isinstance(pilot.app.focused, ChoiceList)
    return pilot.app.focused


async def test_a_letter_that_replaces_a_given_answer_is_named_and_ctrl_z_brings_it_back(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await on_15_1(pilot)
        await pilot.press("1")  # «Sì»: a first answer, nothing replaced
        assert session_of(app).answers.get("15.1/choice") == "Sì"
        assert not [n for n in notices(seen) if "sostituita" in n]
        await pilot.press("B")
        await pilot.pause()
        assert session_of(app).answers.get("15.1/choice") == "B"
        assert "15.1: «Sì» sostituita da «B». Ctrl+Z la ripristina." in notices(seen)
        await pilot.press(*"uona parte")  # typing on in the own wording: no more notices
        assert session_of(app).answers.get("15.1/choice") == "Buona parte"
        assert len([n for n in notices(seen) if "sostituita" in n]) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session_of(app).answers.get("15.1/choice") == "Sì"
        assert isinstance(app.focused, ChoiceList) and app.focused.chosen == 0
        assert "15.1: ripristinata «Sì»." in notices(seen)


async def test_starting_the_own_wording_on_an_answered_question_says_the_answer_went(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await on_15_1(pilot)
        await pilot.press("1", "end", "enter")  # «Sì», then «Altra formulazione…» with Invio
        await pilot.pause()
        assert session_of(app).answers.get("15.1/choice") is None
        assert "15.1: «Sì» sostituita da «Altra formulazione…» (da scrivere). Ctrl+Z la ripristina." in notices(seen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session_of(app).answers.get("15.1/choice") == "Sì"


async def test_the_digit_of_another_option_names_the_change_and_a_letter_only_moves_the_cursor(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        choices = await on_15_1(pilot)
        await pilot.press("1", "n")  # «n»: the cursor to «No», the answer stays
        assert session_of(app).answers.get("15.1/choice") == "Sì" and choices.cursor == 1
        assert not [n for n in notices(seen) if "sostituita" in n]
        await pilot.press("2")
        assert session_of(app).answers.get("15.1/choice") == "No"
        assert "15.1: «Sì» sostituita da «No». Ctrl+Z la ripristina." in notices(seen)


async def test_the_digit_of_altra_formulazione_chooses_it_and_stays_on_the_list(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        choices = await on_15_1(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert app.focused is choices and choices.chosen == 2
        await pilot.press("tab")
        assert isinstance(app.focused, Input) and app.focused.has_class("other-input")
        assert current(app).boxes()["15.1/choice"] is not None


def typed(tmp_path: Path, keys: str, one_write: bool) -> dict:
    path = tmp_path / "s.toml"
    app = PtyApp("new", str(path), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.read(0.3)
        app.key(keys.encode()) if one_write else app.type(keys, delay=0.05)
        app.settle()
        app.key(CTRL_Q.encode())
        assert app.wait_exit(15) == 0, app.output[-2000:]
    finally:
        app.kill()
    with path.open("rb") as f:
        return tomllib.load(f)


@pytest.mark.parametrize("one_write", [True, False], ids=["burst", "key-by-key"])
def test_digit_of_altra_formulazione_then_tab_types_the_own_wording(tmp_path: Path, one_write: bool) -> None:
    keys = F6 * 6 + "3" + TAB + "Solo in parte" + TAB + "Risposta 5.1"
    answers = typed(tmp_path, keys, one_write)["answers"]["5.1"]
    assert answers["choice"] == "Solo in parte"
    assert answers["text"] == "Risposta 5.1"
    assert "example" not in answers


@pytest.mark.parametrize("one_write", [True, False], ids=["burst", "key-by-key"])
def test_a_letter_on_an_answered_list_then_ctrl_z_keeps_the_answer(tmp_path: Path, one_write: bool) -> None:
    keys = F6 * 6 + "1" + "B" + "\x1a"  # «Sì», a stray «B», Ctrl+Z
    assert typed(tmp_path, keys, one_write)["answers"]["5.1"]["choice"] == "Sì"
