"""A session carried over from last year: steps to review, word diff, confirmation."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

from textual.widgets import Static

from oivtui.files.example import example_session
from oivtui.tui.app import OivApp
from questionnaire.form.answers import Answers
from screens.dialogs.notice import Notice
from screens.widgets.index import StepIndex
from tests.tui.helpers import box, current, goto, session_of

SIZE = (80, 24)


def carried_over(tmp_path: Path) -> OivApp:
    session = example_session()
    session.path = tmp_path / "2025.toml"
    session.previous = Answers(copy.deepcopy(session.answers.data))
    session.answers.set("1.4/text", "No, salvo l'Area Promozione.")
    before = session.answers.get("1.3/text")
    assert isinstance(before, str)
    session.answers.set("1.3/text", before + " Confermato per il 2025.")
    session.to_review = ["b1", "annex"]
    return OivApp(session)


async def test_steps_to_review_are_marked_until_confirmed_with_f9(tmp_path: Path) -> None:
    app = carried_over(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await goto(pilot, "b1")
        index = app.screen.query_one(StepIndex)
        assert index.prompt("b1").plain.startswith("↻")
        banner = view.query_one(".review-banner", Static)
        assert banner.display
        await pilot.press("f9")
        await pilot.pause()
        assert not banner.display
        assert not index.prompt("b1").plain.startswith("↻")
        assert app.session.to_review == ["annex"]
    saved = tomllib.loads((tmp_path / "2025.toml").read_text("utf-8"))
    assert saved["review"]["pending"] == ["annex"]


async def test_a_step_only_pending_once_its_view_is_built_gets_the_banner_under_its_heading(tmp_path: Path) -> None:
    """Steps not to review have no banner widget at all; one that becomes pending gets it when shown."""
    app = carried_over(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await goto(pilot, "b2")
        assert not view.query(".review-banner")
        await goto(pilot, "b1")
        session_of(app).to_review.append("b2")
        view = await goto(pilot, "b2")
        banner = view.query_one(".review-banner", Static)
        assert banner.display and view.children.index(banner) == 1
        assert "conferma il passo con Ctrl+R (o F9)" in str(banner.render())


async def test_f3_shows_last_years_text_beside_this_years_word_by_word(tmp_path: Path) -> None:
    app = carried_over(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")

        def summary(address: str) -> str:
            return str(box(app, address).query_one(".field-previous", Static).render())

        assert "4 parole cambiate" in summary("1.3/text")
        assert "invariato" in summary("1.1/text")
        assert "nuovo" in summary("1.4/text")
        box(app, "1.3/text").focus_input()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, Notice)
        shown = str(app.screen.query_one(".dialog-text Static").render())
        assert shown.endswith("Pro Brixia.{+ Confermato per il 2025.+}")
        assert "[-" not in shown  # nothing of last year's text was removed
        await pilot.press("escape")
        await pilot.pause()
        assert current(app).step_id == "b1"


async def test_new_from_last_year_opens_with_what_was_carried_over(tmp_path: Path) -> None:
    from oivtui.files import storage
    from oivtui.files.example import example_text
    from oivtui.tui.starting import prepare_session

    last = tmp_path / "2024.toml"
    last.write_text(example_text(), "utf-8")
    session, message = prepare_session(tmp_path / "2025.toml", True, last, tmp_path)
    assert message == "" and session is not None
    app = OivApp(storage.load(tmp_path / "2025.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notice = str(app.screen.query_one(".dialog-text Static").render())
        assert "2025" in notice
        await pilot.press("enter")
        await pilot.pause()
        assert "PIAO 2025-2027" in str(app.screen.query_one("#topbar").render())
        index = app.screen.query_one(StepIndex)
        assert index.prompt("b5").plain.startswith("↻")
