"""Input widgets for each kind of field; each posts ``FieldBox.Changed`` and ``FieldBox.Left`` up."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from questionnaire.answers import Value
from questionnaire.model import Field

OTHER_LABEL = "Altra formulazione…"
ERROR_CLASS = "-error"
WARNING_CLASS = "-warning"
_DATE_PATTERNS = (
    re.compile(r"^\s*(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})\s*$"),
    re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s*$"),
)


def parse_date(text: str) -> dt.date | str | None:
    """A date from 26/02/2024 or 2024-02-26; the text itself when it is not one (validation says so)."""
    if not text.strip():
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return text
    return text


def format_value(field: Field, value: Value | None) -> str:
    """How a stored value reads inside its input widget."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


class FieldBox(Vertical):
    """A field: its label, its input and the problem found in it, if any."""

    @dataclass
    class Changed(Message):
        address: str
        value: Value | None

    @dataclass
    class Left(Message):
        address: str

    @dataclass
    class Entered(Message):
        address: str

    def __init__(
        self,
        field: Field,
        address: str,
        value: Value | None,
        read_only: bool = False,
        previous: Value | None = None,
    ) -> None:
        super().__init__(classes=f"field field-{field.kind}")
        self.field = field
        self.address = address
        self.initial = value
        self.read_only = read_only
        #: Last year's answer, for a step carried over from the previous session.
        self.previous = previous
        self._problem_shown: tuple[str | None, str] = (None, "")

    #: Show the field's short label (table columns); the full one is then the tooltip.
    use_short = False

    def compose(self) -> ComposeResult:
        label = Label(self.field.label, classes="field-label")
        if self.use_short and self.field.short:
            label = Label(self.field.short, classes="field-label")
            label.tooltip = self.field.label
        yield label
        if self.previous is not None:
            yield Static(self.previous_summary(self.initial), classes="field-previous")
        yield from self.compose_input()

    def compose_input(self) -> ComposeResult:
        raise NotImplementedError

    def previous_summary(self, value: Value | None) -> str:
        """«↻ anno scorso: 3 parole cambiate · F3 confronta», for a step carried over."""
        from oivtui.wordiff import diff_summary, value_text

        summary = diff_summary(value_text(self.previous or None), value_text(value))
        return f"↻ anno precedente: {summary} · F3 confronta"

    def refresh_previous(self, value: Value | None) -> None:
        if self.previous is not None:
            self.query_one(".field-previous", Static).update(self.previous_summary(value))

    @property
    def help(self) -> str:
        return self.field.help

    def focus_input(self, scroll_visible: bool = True) -> None:
        for widget in self.query("Input, TextArea, RadioSet"):
            if widget.focusable:
                widget.focus(scroll_visible=scroll_visible)
                return

    @property
    def showing_problem(self) -> bool:
        return self.has_class(ERROR_CLASS) or self.has_class(WARNING_CLASS)

    def show_problem(self, level: str | None, message: str) -> None:
        if (level, message) == self._problem_shown:
            return  # an update would re-layout the step for nothing (this runs on every keystroke)
        self._problem_shown = (level, message)
        found = self.query(".field-problem")
        if found:
            found.first(Static).update(message)
        else:  # most fields never have a problem: the line is mounted on first need
            self.mount(Static(message, classes="field-problem", markup=False))
        self.set_class(level == "error", ERROR_CLASS)
        self.set_class(level == "warning", WARNING_CLASS)

    def emit(self, value: Value | None) -> None:
        if not self.read_only:
            self.post_message(self.Changed(self.address, value))

    def on_descendant_blur(self) -> None:
        self.post_message(self.Left(self.address))

    def on_descendant_focus(self) -> None:
        self.post_message(self.Entered(self.address))

    def set_value(self, value: Value | None) -> None:
        """Replace what the input shows (after an external editor, a reset…)."""
        raise NotImplementedError


class AnswerArea(TextArea):
    """A TextArea that does not re-wrap its whole text when shown again at the same width.

    Textual re-wraps on every Resize; a view switched back into sight gets one, and re-wrapping
    every long answer of a block was most of the cost of showing it again (20 KB answers: ~0.5 s).
    """

    _wrapped_for: tuple[int, int] | None = None

    def _on_resize(self) -> None:
        key = (self.wrap_width, self.indent_width)
        if key != self._wrapped_for:
            self._wrapped_for = key
            super()._on_resize()

    def _watch_soft_wrap(self) -> None:
        self._wrapped_for = None
        super()._watch_soft_wrap()


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

    def read_text(self, text: str) -> Value | None:
        if self.field.kind == "lines":
            items = [line.strip() for line in text.splitlines()]
            return [item for item in items if item] or None
        return text or None

    def set_value(self, value: Value | None) -> None:
        self.query_one(TextArea).load_text(format_value(self.field, value))

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text


class LineBox(FieldBox):
    """One line of text: names, places, dates, the triennium, whole numbers."""

    def compose_input(self) -> ComposeResult:
        kind = self.field.kind
        yield Input(
            format_value(self.field, self.initial),
            placeholder={"date": "GG/MM/AAAA", "triennium": "es. 2024-2026", "integer": "0"}.get(kind, ""),
            restrict=r"[0-9]*" if kind == "integer" else None,
            max_length=9 if kind == "integer" else 0,
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
        if self.field.kind == "integer":
            return int(text) if text.isdigit() else None
        if self.field.kind == "date":
            return parse_date(text)
        return text.strip() or None

    def set_value(self, value: Value | None) -> None:
        self.query_one(Input).value = format_value(self.field, value)


class ChoiceButton(RadioButton):
    """A radio button whose state reads without colour (NO_COLOR, 16 colours): ● on, blank off."""

    @property
    def _button(self):  # type: ignore[override]
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class ChoiceBox(FieldBox):
    """One option among those the form offers, or the user's own wording where allowed."""

    BINDINGS = [
        Binding("delete", "clear", "Annulla scelta", id="choice.clear", show=False),
    ]

    def compose_input(self) -> ComposeResult:
        value = self.initial if isinstance(self.initial, str) else None
        custom = value is not None and value not in self.field.options
        with RadioSet(classes="field-input", disabled=self.read_only, compact=True) as radio:
            radio.tooltip = "Frecce per scegliere, Invio o Spazio per confermare, Canc per annullare."
            for option in self.field.options:
                yield ChoiceButton(option, value=option == value)
            if self.field.other:
                yield ChoiceButton(OTHER_LABEL, value=custom, classes="other")
        if self.field.other:
            yield Input(
                value if custom else "",
                placeholder="La tua formulazione",
                compact=True,
                select_on_focus=False,
                classes="other-input" + ("" if custom else " -hidden"),
                disabled=self.read_only,
            )

    def on_mount(self) -> None:
        self.call_after_refresh(self._place_cursor)

    def _place_cursor(self) -> None:
        """Start the cursor on the chosen option, not on the first (RadioSet has no API for it)."""
        radio = self.query_one(RadioSet)
        pressed = [i for i, b in enumerate(radio.query(RadioButton)) if b.value]
        if pressed:
            radio._selected = pressed[0]

    @on(RadioSet.Changed)
    def _picked(self, event: RadioSet.Changed) -> None:
        event.stop()
        label = str(event.pressed.label)
        if event.pressed.has_class("other"):
            other = self.query_one(".other-input", Input)
            other.remove_class("-hidden")
            other.focus()
            self.emit(other.value.strip() or None)
            return
        if self.field.other:
            self.query_one(".other-input", Input).add_class("-hidden")
        self.emit(label)

    @on(Input.Changed, ".other-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value.strip() or None)

    def action_clear(self) -> None:
        self.set_value(None)
        self.emit(None)

    def set_value(self, value: Value | None) -> None:
        radio = self.query_one(RadioSet)
        with radio.prevent(RadioButton.Changed, RadioSet.Changed):
            for button in radio.query(RadioButton):
                label = str(button.label)
                button.value = (label == value) or (
                    button.has_class("other") and value is not None and value not in self.field.options
                )
            radio._pressed_button = next((b for b in radio.query(RadioButton) if b.value), None)


def field_box(
    field: Field, address: str, value: Value | None, read_only: bool = False, previous: Value | None = None
) -> FieldBox:
    """The widget that fits ``field``'s kind."""
    if field.kind == "choice":
        return ChoiceBox(field, address, value, read_only, previous)
    if field.kind in ("text", "lines"):
        return TextBox(field, address, value, read_only, previous)
    return LineBox(field, address, value, read_only, previous)


def focused_box(focused: Widget | None) -> FieldBox | None:
    """The field whose input has the focus, if any."""
    node = focused
    while node is not None and not isinstance(node, FieldBox):
        node = node.parent  # type: ignore[assignment]
    return node
