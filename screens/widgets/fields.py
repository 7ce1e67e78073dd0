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
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from questionnaire.form import kinds
from questionnaire.form.answers import Value
from questionnaire.form.kinds import clean, format_value
from questionnaire.form.model import Field
from questionnaire.form.names import crowded_lines, one_per_line, split_names
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
    about,
    box_of,
)

#: The line under a list that holds several names on one line.
HINT_CLASS = "field-hint"
#: The palette command that puts them one per line (oivtui.tui.commands).
SPLIT_COMMAND = "Dividi i nomi, uno per riga"


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
    cursor_blink = reactive(False, init=False)  # steady, as FieldInput's: nothing sent while idle

    #: The cursor was placed on entering the area (at the end of the answer) since its text was loaded.
    _cursor_placed = False

    def on_focus(self) -> None:
        """Entered for the first time: typing goes on after the answer, not in front of it (a resumed
        session, a Tab into it). Later, the cursor stays where the user left it; a click sets it
        afterwards (its event follows the focus). Not before: unfocused, the area shows the answer's start."""
        if not self._cursor_placed:
            self.cursor_to_end()
        else:  # shown from its start while left: the cursor in sight again
            self.scroll_cursor_visible()

    def on_blur(self) -> None:
        """Left, a long answer (taller than the area) shows its start, as a one-line field does:
        the area stayed scrolled to its cursor, at the end of what was typed. ``force``: keys of a
        burst are all handled before the area is laid out again (see ``FieldInput.show_start``)."""
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)

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
        self.take_paste(event.text)

    def take_paste(self, text: str) -> str:
        """``text`` in at the cursor as a paste is (controls out, said); also for text typed or
        pasted elsewhere and put back here. Returns what went in."""
        cleaned = clean(text, multiline=True)
        if cleaned:
            result = self.replace(cleaned, *self.selection)
            self.move_cursor(result.end_location)
        if cleaned != text:
            self.app.notify(about(box_of(self), CONTROLS_NOTICE), timeout=NOTICE_SECONDS, markup=False)
        return cleaned

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

        if self.field.kind == "lines":  # several names on one line: said, with the way to split them
            hint = Static("", classes=HINT_CLASS, markup=False)
            hint.display = False
            yield hint

    def on_mount(self) -> None:
        self.show_crowded(self.initial)

    @property
    def label(self) -> str:
        """A list's label says how to type it: «Nome dei firmatari (uno per riga)»."""
        label = super().label
        return f"{label} (uno per riga)" if self.field.kind == "lines" else label

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        value = self.read_text(event.text_area.text)
        self.show_crowded(value)
        self.emit(value)

    @property
    def crowded(self) -> list[str]:
        """The lines of a list that hold several names («Prof. Mario Rossi, Dott.ssa Anna Bianchi»)."""
        if self.field.kind != "lines" or not self.query(TextArea):  # (in ``on_mount`` not yet ``is_mounted``)
            return []
        return crowded_lines([line.strip() for line in self.text.splitlines()])

    def show_crowded(self, _value: Value | None = None) -> None:
        """The hint under a list when a line holds several names; hidden otherwise."""
        found = self.query_children(f".{HINT_CLASS}")
        if not found:
            return
        crowded = self.crowded
        hint = found.first(Static)
        if crowded and self.has_focus_within:  # at each change: a line more pushes the hint down
            self.call_after_refresh(self.keep_hint_in_sight)
        hint.display = bool(crowded)
        if crowded:
            names = len(split_names(crowded[0]))
            hint.update(
                f"⚠ «{crowded[0]}»: {names} nomi su una riga, ma va uno per riga. "
                f"Ctrl+P «{SPLIT_COMMAND}» li divide (o Invio dopo ogni nome)."
            )

    def keep_hint_in_sight(self) -> None:
        """The hint under the list in sight, then the cursor (first, when both do not fit): the
        list sits at the bottom of its step, and each line typed pushed the hint below the screen."""
        self.reveal(f".{HINT_CLASS}")
        area = self.query_one(AnswerArea)
        area.reveal_cursor()

    def on_resize(self, event: events.Resize) -> None:
        """The box grew (a line more, the hint shown) while the user is in it: the hint kept in
        sight once laid out, however many refreshes the layout took (a burst on a loaded server)."""
        if self.has_focus_within and self.crowded:
            self.call_after_refresh(self.keep_hint_in_sight)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """(FieldBox's own handler runs too: Textual calls each class's along the MRO.)"""
        if self.crowded:  # entered with the hint shown (a resumed or imported session): in sight too
            self.call_after_refresh(self.keep_hint_in_sight)

    def split_crowded(self) -> bool:
        """Put each name of a crowded line on a line of its own; False when there was none."""
        if not self.crowded:
            return False
        lines = one_per_line([line.strip() for line in self.text.splitlines() if line.strip()])
        area = self.query_one(AnswerArea)
        area.replace("\n".join(lines), area.document.start, area.document.end)  # an edit: Ctrl+Z undoes it
        return True

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

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        """Left: a date or a triennium shows as it is kept («26 febbraio 2025» → 26/02/2025)."""
        event.stop()
        field_input = event.input
        if not kinds.kind_of(self.field).shown_as_kept or not isinstance(field_input, FieldInput):
            return
        parsed = kinds.parse(self.field, field_input.value)
        if parsed.error or parsed.value is None:
            return  # kept as typed: the problem under the field says what is wrong
        shown = format_value(self.field, parsed.value)
        if shown != field_input.value:
            with field_input.prevent(Input.Changed):  # the same value: nothing to save
                field_input.value = shown
                field_input.cursor_position = len(shown)
        field_input.show_start()

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
    return box_of(focused)
