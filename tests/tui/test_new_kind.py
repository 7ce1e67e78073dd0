"""The app's field for a kind registered by a test (tests/unit/test_new_kind.py's «email»): the widget of
its shape with its placeholder, a right address kept as typed, a wrong one kept and said under the
field with the kind's own message, the file holding what was typed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from oivtui.files.session import Session
from oivtui.tui.app import OivApp
from screens.widgets.fields import NARROW_CLASS, LineBox
from tests.tui.helpers import box, goto, session_of, type_text
from tests.unit.test_new_kind import ADDRESS, email, form  # noqa: F401 (the kind registered, its form)

SIZE = (80, 24)


def problem_under(app: OivApp, address: str) -> str:
    target = box(app, address)
    return str(target.query_one(".field-problem").render()) if target.showing_problem else ""


async def retype(pilot, text: str) -> None:
    """Empty the focused field, type ``text`` key by key, then Tab out of it."""
    box(pilot.app, ADDRESS).focus_input()
    await pilot.pause()
    await pilot.press("ctrl+u")  # Input: delete everything left of the cursor (it is at the end)
    await type_text(pilot, text)
    await pilot.press("tab")
    await pilot.pause()


@pytest.mark.usefixtures("form")
async def test_the_field_of_the_new_kind_takes_a_right_address_and_says_a_wrong_one(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = OivApp(Session(path=path))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b17")
        field = box(app, ADDRESS)
        assert isinstance(field, LineBox) and not field.has_class(NARROW_CLASS)
        assert field.query_one(Input).placeholder == "nome@ente.it"
        await retype(pilot, "referente.comune.it")
        assert (
            problem_under(app, ADDRESS)
            == "✗ «referente.comune.it» non è un indirizzo email: scrivilo come nome@ente.it."
        )
        assert session_of(app).answers.get(ADDRESS) == "referente.comune.it"  # kept as typed
        await retype(pilot, "referente@comune.it")
        assert problem_under(app, ADDRESS) == ""
        assert session_of(app).answers.get(ADDRESS) == "referente@comune.it"
        await pilot.press("ctrl+q")
    assert tomllib.loads(path.read_text("utf-8"))["answers"]["17.1"] == {"contact": "referente@comune.it"}
