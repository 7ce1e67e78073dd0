"""The review's problem list speaks the user's words and is ready for Invio."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from tests.tui.helpers import box, current, goto, new_app, review_with_one_error

SIZE = (80, 24)


def listed(app) -> list[str]:
    problems = app.screen.query_one("#problems", OptionList)
    return [str(problems.get_option_at_index(i).prompt) for i in range(problems.option_count)]


async def test_problems_name_the_step_and_question_not_internal_ids(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await review_with_one_error(pilot)
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


async def test_review_counts_missing_answers_apart_from_errors(tmp_path: Path) -> None:
    """A new session with one contradiction: dozens of answers still to give (○, as the index
    marks an empty step) and one error (✗), not «errori: 41»."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await review_with_one_error(pilot)
        summary = str(app.screen.query_one("#review-summary", Static).render())
        texts = listed(app)
        missing = [t for t in texts if t.startswith("○ ")]
        wrong = [t for t in texts if t.startswith("✗ ")]
        assert len(wrong) == 1 and "supera" in wrong[0]
        assert len(missing) + len(wrong) == len(texts)
        assert f"risposte mancanti: {len(missing)} · errori: 1 · avvisi: 0" in summary
        assert all("Manca la risposta." in t or "è obbligatorio" in t for t in missing)
