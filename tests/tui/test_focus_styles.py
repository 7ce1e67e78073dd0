"""Entering and leaving a field restyles it by the stylesheet, whatever the stylesheet says about focus.

The tests add a rule that styles a part of a field's input (cursor line, placeholder, cursor) by
the focus, as a future Textual or a theme might, and read what is drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.geometry import Region
from textual.widget import Widget

from oivtui.files.session import Session
from oivtui.tui import app as app_module
from oivtui.tui.app import OivApp
from screens.widgets.fields import AnswerArea, ChoiceList, FieldInput
from tests.tui.helpers import box

SIZE = (80, 24)
RED = RichColor.parse("#ff0000")

#: A rule per input kind that styles a component class by the focus, and the field to try it on.
FOCUS_RULES: dict[str, tuple[str, str, type[Widget]]] = {
    "text": ("AnswerArea:focus .text-area--cursor-line { background: #ff0000; }", "header/signatories", AnswerArea),
    "line": ("FieldInput:focus > .input--placeholder { color: #ff0000; }", "header/piao_date", FieldInput),
    "choice": ("ChoiceList:focus > .choice-list--cursor { color: #ff0000; }", "header/signatory_role", ChoiceList),
}


def styled_app(path: Path, css: str) -> OivApp:
    class Styled(OivApp):
        CSS_PATH = str(Path(app_module.__file__).with_name("oivtui.tcss"))  # the app's own, read from its folder
        CSS = css

    return Styled(Session(path=path))


def red_cells(widget: Widget) -> str:
    """The cells drawn in red (text or background) in ``widget``, as the compositor gets its lines."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "".join(
        segment.text
        for strip in strips
        for segment in strip
        if segment.style is not None and RED in (segment.style.color, segment.style.bgcolor)
    )


@pytest.mark.parametrize("kind", sorted(FOCUS_RULES))
async def test_a_rule_on_a_focused_fields_parts_shows_on_entering_and_goes_when_leaving(
    tmp_path: Path, kind: str
) -> None:
    css, address, widget_class = FOCUS_RULES[kind]
    app = styled_app(tmp_path / "s.toml", css)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = box(app, address)
        widget = field.query_one(widget_class)
        assert isinstance(widget, widget_class)
        app.screen.set_focus(None)
        await pilot.pause()
        assert red_cells(widget) == ""
        field.focus_input()
        await pilot.pause()
        assert widget.has_focus
        assert red_cells(widget) != ""
        await pilot.press("tab")
        await pilot.pause()
        assert not widget.has_focus
        assert red_cells(widget) == ""
