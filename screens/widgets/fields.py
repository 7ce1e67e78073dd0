"""Input widgets for each kind of field; each posts ``FieldBox.Changed`` and ``FieldBox.Left`` up.

The shared parts are in ``screens.widgets.fieldbase``, the choice list in ``screens.widgets.choice``; their
names are importable from here too.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, TextArea

from questionnaire.form import kinds
from questionnaire.form.answers import Value
from questionnaire.form.kinds import clean, format_value
from questionnaire.form.model import Field
from screens.widgets.choice import (  # noqa: F401 (importable from here)
    CHOICE_CURSOR,
    CHOICE_MARK,
    CHOICE_TOOLTIP,
    CHOSEN_MARK,
    HIDDEN_CLASS,
    MARK_OFF,
    MARK_ON,
    OTHER_INPUT_CLASS,
    OTHER_LABEL,
    ChoiceBox,
    ChoiceList,
)
from screens.widgets.fieldbase import (  # noqa: F401 (importable from here)
    CONTROLS_NOTICE,
    COUNT_CLASS,
    ERROR_CLASS,
    FIELD_LABEL,
    NARROW_CLASS,
    NOTICE_SECONDS,
    WARNING_CLASS,
    FieldBox,
    FieldInput,
    LaidOutWhenMounted,
)


class AnswerArea(LaidOutWhenMounted, TextArea):
    """A TextArea that does not re-wrap its whole text when shown again at the same width.

    Textual re-wraps on every Resize; a view switched back into sight gets one, and re-wrapping
    every long answer of a block was most of the cost of showing it again (see ``on_resize``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "cursor_text_start", "Inizio del testo", id="text.start", show=False),
        Binding("ctrl+end", "cursor_text_end", "Fine del testo", id="text.end", show=False),
    ]

    _wrapped_for: tuple[int, int] | None = None

    #: The cursor was placed on entering the area (at the end of the answer) since its text was loaded.
    _cursor_placed = False

    def on_focus(self) -> None:
        """Entered for the first time: typing goes on after the answer, not in front of it (a resumed
        session, a Tab into it). Later, the cursor stays where the user left it; a click sets it
        afterwards (its event follows the focus). Not before: unfocused, the area shows the answer's start."""
        if not self._cursor_placed:
            self.cursor_to_end()

    def cursor_to_end(self) -> None:
        self._cursor_placed = True
        self.move_cursor(self.document.end)

    def text_loaded(self) -> None:
        """The text was replaced (an external editor…): the next entry puts the cursor at its end again."""
        self._cursor_placed = False
        if self.has_focus:
            self.cursor_to_end()

    def action_cursor_text_start(self) -> None:
        self.move_cursor((0, 0))

    def action_cursor_text_end(self) -> None:
        self.move_cursor(self.document.end)

    def on_paste(self, event: events.Paste) -> None:
        """Escape sequences and control characters of a paste stay out of the answer (tabs and line ends stay)."""
        text = clean(event.text, multiline=True)
        if self.read_only or text == event.text:
            return  # TextArea's own handler inserts it
        event.prevent_default()
        event.stop()
        if text:
            result = self.replace(text, *self.selection)
            self.move_cursor(result.end_location)
        self.app.notify(CONTROLS_NOTICE, timeout=NOTICE_SECONDS, markup=False)

    def reveal_cursor(self) -> None:
        """Scroll the step so the cursor's line shows: an answer growing at the bottom of a step
        (or of a table) would otherwise take its cursor below the screen."""
        if not self.has_focus:
            return
        cursor = self.cursor_screen_offset
        for node in self.ancestors:
            if isinstance(node, Widget) and node.allow_vertical_scroll:
                window = node.scrollable_content_region
                scroll = node.scroll_offset
                spot = Region(cursor.x - window.x + scroll.x, cursor.y - window.y + scroll.y, 1, 1)
                node.scroll_to_region(spot, animate=False, immediate=True)
                return

    def on_resize(self, event: events.Resize) -> None:
        """Same wrap width as at the last Resize: TextArea's own handler (a re-wrap) is skipped.

        ``prevent_default`` stops the handlers of the base classes; of those only TextArea's
        handles a Resize, and all it does is re-wrap the text and recompute its size, which the
        same width leaves as they were. ``wrap_width`` is 0 without soft wrap; a change of
        ``soft_wrap`` or of the indent re-wraps through TextArea's watchers.
        """
        key = (self.wrap_width, self.indent_width)
        if key == self._wrapped_for:
            event.prevent_default()
        else:
            self._wrapped_for = key


class TextBox(FieldBox):
    """Free text over several lines: a paste keeps every line (``Input`` would keep the first)."""

    def compose_input(self) -> ComposeResult:
        area = AnswerArea(
            format_value(self.field, self.initial),
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            read_only=self.read_only,
            compact=True,
            classes="field-input",
        )
        area.tooltip = self.field.help or None
        yield area

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.emit(self.read_text(event.text_area.text))

    @on(TextArea.SelectionChanged)
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        event.stop()
        area = self.query_one(AnswerArea)
        if area.has_focus:
            self.call_after_refresh(area.reveal_cursor)  # once laid out: the area may have grown

    def read_text(self, text: str) -> Value | None:
        """The answer: the text as the kinds registry reads it (control characters out)."""
        return kinds.parse(self.field, text).value

    def set_value(self, value: Value | None) -> None:
        area = self.query_one(AnswerArea)
        area.load_text(format_value(self.field, value))
        area.text_loaded()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text


class LineBox(FieldBox):
    """One line of text: names, places, dates, the triennium, whole numbers."""

    def compose_input(self) -> ComposeResult:
        yield FieldInput(
            format_value(self.field, self.initial),
            placeholder=kinds.kind_of(self.field).placeholder,
            disabled=self.read_only,
            compact=True,
            select_on_focus=False,  # resuming on a field must not let the first key replace the answer
            classes="field-input",
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(self.convert(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def convert(self, text: str) -> Value | None:
        """The value typed; for a number or a date that is not (yet) one, the text itself, so it is
        kept (file included) and validation shows why under the field: never a number not typed."""
        return kinds.to_store(self.field, text)

    def set_value(self, value: Value | None) -> None:
        self.query_one(Input).value = format_value(self.field, value)


#: The widget for each shape of answer (``kinds.SHAPES``): a list to pick from, a text area, a line.
WIDGETS: dict[str, type[FieldBox]] = {"options": ChoiceBox, "text": TextBox, "list": TextBox, "line": LineBox}


def _needs(kind: kinds.Kind) -> str:
    """What the app's fields need of every kind: a widget for its shape."""
    return (
        ""
        if kind.shape in WIDGETS
        else f"no widget for the shape {kind.shape!r} (WIDGETS in screens/widgets/fields.py)"
    )


kinds.requires("screens.widgets.fields", _needs)


def field_box(
    field: Field, address: str, value: Value | None, read_only: bool = False, previous: Value | None = None
) -> FieldBox:
    """The widget that fits ``field``'s kind (its shape)."""
    return WIDGETS[kinds.kind_of(field).shape](field, address, value, read_only, previous)


def focused_box(focused: Widget | None) -> FieldBox | None:
    """The field whose input has the focus, if any."""
    node = focused
    while node is not None and not isinstance(node, FieldBox):
        node = node.parent  # type: ignore[assignment]
    return node
