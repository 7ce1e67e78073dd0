"""The staff step while it is filled: ◐ until question 2 is reached, ✗ only for a contradiction."""

from __future__ import annotations

from pathlib import Path

from screens.widgets.index import StepIndex
from tests.tui.helpers import answer, box, goto, new_app, session_of

SIZE = (80, 24)


async def test_the_staff_step_is_partial_not_wrong_while_question_2_is_still_ahead(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        index = app.screen.query_one(StepIndex)
        await answer(pilot, "tab.1/dirigenti_i/in_service", 3)
        await answer(pilot, "tab.1/dirigenti_i/assigned", 2)
        await pilot.press("tab")  # on to the share, not yet chosen
        await pilot.pause()
        assert index.prompt("staff").plain.startswith("◐")
        await pilot.press("tab")  # the share left empty: a hint, not an error
        await pilot.pause()
        shown = box(app, "tab.1/dirigenti_i/interview_share")
        assert not shown.has_class("-error")
        assert index.prompt("staff").plain.startswith("◐")
        await answer(pilot, "tab.1/dirigenti_i/assigned", 9)  # typed after the 2: 29, above in service
        assert session_of(app).answers.get("tab.1/dirigenti_i/assigned") == 29
        await pilot.press("tab")
        await pilot.pause()
        assert index.prompt("staff").plain.startswith("✗")
