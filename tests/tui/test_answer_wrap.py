"""A long answer is wrapped again only when its width changes, not each time its view is shown."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical

from screens.widgets.fields import AnswerArea

#: About 20 KB, as the large session's answers: wrapping it costs milliseconds each time.
LONG = ("Il piano della performance assegna obiettivi misurabili a ciascun dirigente. " * 4 + "\n") * 65


class OneAnswer(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical(id="view"):
            yield AnswerArea(LONG, soft_wrap=True, compact=True)


def count_wraps(area: AnswerArea) -> list[int]:
    """The widths the area's text is wrapped at from now on."""
    widths: list[int] = []
    document = area.wrapped_document
    wrap = document.wrap

    def counted(width: int, *args: Any, **kwargs: Any) -> None:
        widths.append(width)
        wrap(width, *args, **kwargs)

    document.wrap = counted  # type: ignore[method-assign]
    return widths


async def test_a_view_shown_again_at_the_same_width_keeps_its_wrapping() -> None:
    app = OneAnswer()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = app.query_one(AnswerArea)
        lines = area.wrapped_document.height
        assert lines > 65  # soft-wrapped: more lines on screen than in the text
        widths = count_wraps(area)
        view = app.query_one("#view")
        for _ in range(3):
            view.display = False
            await pilot.pause()
            view.display = True
            await pilot.pause()
        assert widths == []
        assert area.wrapped_document.height == lines


async def test_a_narrower_screen_wraps_the_answer_again() -> None:
    app = OneAnswer()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = app.query_one(AnswerArea)
        lines = area.wrapped_document.height
        widths = count_wraps(area)
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert widths == [area.wrap_width] and area.wrap_width < 79
        assert area.wrapped_document.height > lines
        assert "performance" in area.text  # the text itself is untouched
