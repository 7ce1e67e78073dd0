"""The review's problem list speaks the user's words and is ready for Invio."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.tui.helpers import answer, box, current, goto, new_app

SIZE = (80, 24)


def listed(app) -> list[str]:
    problems = app.screen.query_one("#problems", OptionList)
    return [str(problems.get_option_at_index(i).prompt) for i in range(problems.option_count)]


async def test_problems_name_the_step_and_question_not_internal_ids(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "annex")
        await answer(pilot, "7A/objectives", 3)
        await answer(pilot, "7A/with_indicators", 9)
        await goto(pilot, "review")
        lines = listed(app)
        assert lines[0] == "○ Dati generali – Amministrazione\n  «Amministrazione» è obbligatorio."
        assert "○ Blocco 1 – 1.1 Gli obiettivi strategici sono pertinenti con…\n  Manca la risposta." in lines
        assert any(
            line.startswith("✗ Allegato 7A/7B – 7A Obiettivi strategici\n") and "supera" in line for line in lines
        )
        assert not any(word in line for line in lines for word in ("header:", "1.1:", "7A:"))


async def test_the_first_problem_is_highlighted_and_invio_jumps_to_it(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "review")
        problems = app.screen.query_one("#problems", OptionList)
        assert problems.has_focus and problems.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert current(app).step_id == "header"
        assert box(app, "header/administration").has_focus_within
