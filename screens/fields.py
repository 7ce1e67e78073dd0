"""Input widgets for each kind of field; each posts ``FieldBox.Changed`` and ``FieldBox.Left`` up."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import ClassVar, Self, cast

from rich.cells import cell_len
from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.content import Content
from textual.geometry import Offset, Region, Size
from textual.layout import ArrangeResult, WidgetPlacement
from textual.layouts.vertical import VerticalLayout
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from questionnaire.answers import Value
from questionnaire.model import Field

OTHER_LABEL = "Altra formulazione…"
CHOICE_TOOLTIP = "Frecce per scegliere, Invio o Spazio per confermare, Canc per annullare."
#: How an option's line starts, chosen or not: the state reads without colour (NO_COLOR, 16 colours).
CHOSEN_MARK = "●"
MARK_ON = f"({CHOSEN_MARK}) "
MARK_OFF = "( ) "
CHOICE_CURSOR = "choice-list--cursor"
CHOICE_MARK = "choice-list--mark"
OTHER_INPUT_CLASS = "other-input"
HIDDEN_CLASS = "-hidden"
#: A count of the summary annex: laid out with its label beside the number (FieldLayout).
COUNT_CLASS = "count"
#: The component class of a field's label, which its box draws.
FIELD_LABEL = "field--label"
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


class OwnKeysFirst:
    """An editing widget that runs its own key bindings as the key reaches it, in typing order.

    Textual hands a letter to the focused widget at once, but runs the widget's own bindings
    (Ctrl+A, Ctrl+K, Backspace…) only after the key has bubbled up through every parent. While
    the app is busy (a step view being built ahead), a letter typed after Ctrl+K could reach
    the field before Ctrl+K did, and the field would end up with the wrong text.
    """

    _keys_by_class: ClassVar[dict[type, dict[str, list[Binding]]]] = {}

    @classmethod
    def own_keys(cls) -> dict[str, list[Binding]]:
        keys = OwnKeysFirst._keys_by_class.get(cls)
        if keys is None:
            keys = {}
            for base in reversed(cls.__mro__):  # a subclass's binding for a key wins
                keys.update(BindingsMap(base.__dict__.get("BINDINGS", ())).key_to_bindings)
            OwnKeysFirst._keys_by_class[cls] = keys
        return keys

    async def _on_key(self, event: events.Key) -> None:
        bindings = self.own_keys().get(event.key)
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)  # type: ignore[attr-defined]
            return
        await super()._on_key(event)  # type: ignore[misc]


class LaidOutWhenMounted:
    """A widget that skips the restyles and layouts asked for before it is mounted.

    Textual sets an Input's or TextArea's classes one by one right after building it (compact,
    valid…), and while the app runs each change restyles the widget at once, component classes
    included; setting the value asks for a layout, which the widget posts once mounted, so the
    whole screen was laid out once more after its first paint. Both are work thrown away:
    mounting styles the widget in full, and its parent lays it out. Measured at start-up: 16 of
    the 51 restyles, and one of the five layouts of the screen.
    """

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_attached:  # type: ignore[attr-defined]
            super().update_node_styles(animate)  # type: ignore[misc]

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        return super().refresh(  # type: ignore[misc]
            *regions, repaint=repaint, layout=layout and self.is_attached, recompose=recompose  # type: ignore[attr-defined]
        )


#: The pseudo-classes a focus change sets or clears.
FOCUS_PSEUDO_CLASSES = frozenset({"focus", "focus-within"})


def _no_component_classes() -> frozenset[str]:
    return frozenset()


class FocusRestylesTheWidget:
    """A widget whose focus change restyles the widget, not its component classes too.

    On each focus change Textual restyles the widget, and with it re-resolves each of its
    component classes against the whole stylesheet (a TextArea has nine: cursor, selection,
    gutter…). No rule for those depends on the focus, in Textual's CSS or in ours: that half
    of the work gave back the same styles, at every Tab and twice per step change (the field
    left, the field entered), 2–3 ms of a step change's 30. Should a rule ever depend on it
    (``AnswerArea:focus > .text-area--cursor-line``, say), ``components_follow_focus`` sees it
    in the stylesheet and the whole restyle is back.
    """

    def watch_has_focus(self, has_focus: bool) -> None:
        if self.components_follow_focus():
            super().watch_has_focus(has_focus)  # type: ignore[misc]
            return
        # Stylesheet.apply reads the component classes off the widget: none, for this restyle only.
        self._get_component_classes = _no_component_classes
        try:
            super().watch_has_focus(has_focus)  # type: ignore[misc]
        finally:
            del self._get_component_classes

    def components_follow_focus(self) -> bool:
        """Some rule styles one of this widget's component classes by the focus."""
        names = {f".{name}" for name in type(self)._get_component_classes()}  # type: ignore[attr-defined]
        return any(
            rule.pseudo_classes & FOCUS_PSEUDO_CLASSES and rule.selector_names & names
            for rule in self.app.stylesheet.rules  # type: ignore[attr-defined]
        )


class FieldInput(FocusRestylesTheWidget, LaidOutWhenMounted, OwnKeysFirst, Input):
    """The one-line input of a field."""


class FieldLayout(VerticalLayout):
    """How a ``FieldBox`` places its input and the lines under it: below the label the box draws
    itself, or, for a count, the input at the right of the label and the rest below both."""

    name = "field"

    def arrange(self, parent: Widget, children: list[Widget], size: Size, greedy: bool = True) -> ArrangeResult:
        box = cast(FieldBox, parent)
        beside = None
        if box.label_beside:  # the input beside the label; the rest (problem, last year's) goes below
            beside = next((child for child in children if child.has_class("field-input")), None)
        if beside is None:
            box.input_width = 0
            top = len(box.label_lines(size.width))
            return WidgetPlacement.translate(super().arrange(parent, children, size, greedy), Offset(0, top))
        (placed,) = super().arrange(parent, [beside], size, greedy)
        box.input_width = min(size.width, placed.region.width + placed.margin.width)
        placed = placed._replace(region=placed.region.translate(Offset(size.width - box.input_width, 0)))
        top = max(len(box.label_lines(size.width - box.input_width)), placed.region.bottom)
        rest = [child for child in children if child is not beside]
        below = WidgetPlacement.translate(super().arrange(parent, rest, size, greedy), Offset(0, top)) if rest else []
        return [placed, *below]


class FieldBox(Widget):
    """A field: its label, its input and the problem found in it, if any.

    The box draws its label itself, above its input (at its left for a count), rather than
    holding a ``Label``: every widget costs Textual the same to mount, style, lay out and
    paint, and a field was three of them (box, label, input). Measured on the first step at
    start-up: the eight labels were 8% of the instructions of the whole start.
    """

    DEFAULT_CSS = """
    FieldBox {
        width: 1fr;
        height: auto;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {FIELD_LABEL}

    class Changed(Message):
        """The user changed the field at ``address``: its value now (None when emptied)."""

        def __init__(self, address: str, value: Value | None) -> None:
            super().__init__()
            self.address = address
            self.value = value

    class Left(Message):
        """The focus left the field at ``address``."""

        def __init__(self, address: str) -> None:
            super().__init__()
            self.address = address

    class Entered(Message):
        """The focus entered the field at ``address``."""

        def __init__(self, address: str) -> None:
            super().__init__()
            self.address = address

    def __init__(
        self,
        field: Field,
        address: str,
        value: Value | None,
        read_only: bool = False,
        previous: Value | None = None,
    ) -> None:
        super().__init__(classes=f"field field-{field.kind}")
        self._default_layout = FieldLayout()
        self.field = field
        self.address = address
        self.initial = value
        self.read_only = read_only
        #: Last year's answer, for a step carried over from the previous session.
        self.previous = previous
        self._problem_shown: tuple[str | None, str] = (None, "")
        self._wrapped: tuple[int, list[str]] = (-1, [])
        #: How wide the input beside the label is (a count), as last laid out; 0 with the label above.
        self.input_width = 0

    #: Show the field's short label (table columns); the full one is then the tooltip.
    use_short = False
    @property
    def label_beside(self) -> bool:
        """The label at the left of the input, on its line, not above it: the annex's counts."""
        return self.has_class(COUNT_CLASS)

    @property
    def label(self) -> str:
        """The label as shown: the short one in a table, where there is one."""
        return self.field.short if self.use_short and self.field.short else self.field.label

    def label_lines(self, width: int) -> list[str]:
        """The label wrapped at ``width``: one line at least, as a ``Label`` of no text has."""
        if width != self._wrapped[0]:
            lines = [line.plain.rstrip() for line in Content(self.label).wrap(max(1, width))]
            self._wrapped = (width, lines or [""])
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        height = super().get_content_height(container, viewport, width)  # lays out the input: its width is known
        return max(height, len(self.label_lines(width - self.input_width)))

    def render(self) -> Content:
        width = self.content_size.width - self.input_width
        text = Content("\n".join(self.label_lines(width)))
        return text.stylize(self.get_visual_style(FIELD_LABEL, partial=True))

    def compose(self) -> ComposeResult:
        if self.use_short and self.field.short:
            self.tooltip = self.field.label
        if self.previous is not None:
            yield Static(self.previous_summary(self.initial), classes="field-previous", markup=False)
        yield from self.compose_input()

    def compose_input(self) -> ComposeResult:
        raise NotImplementedError

    def previous_summary(self, value: Value | None) -> str:
        """«↻ anno scorso: 3 parole cambiate · Ctrl+F confronta», for a step carried over."""
        from oivtui.wordiff import diff_summary, value_text

        summary = diff_summary(value_text(self.previous or None), value_text(value))
        return f"↻ anno precedente: {summary} · Ctrl+F confronta"

    def refresh_previous(self, value: Value | None) -> None:
        if self.previous is not None:
            self.query_one(".field-previous", Static).update(self.previous_summary(value))

    @property
    def help(self) -> str:
        return self.field.help

    def focus_input(self, scroll_visible: bool = True) -> None:
        for widget in self.query("Input, TextArea, ChoiceList"):
            if widget.focusable:  # at once, not queued: a step change shows its focus in its first paint
                self.screen.set_focus(widget, scroll_visible=scroll_visible)
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


class AnswerArea(FocusRestylesTheWidget, LaidOutWhenMounted, OwnKeysFirst, TextArea):
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
        yield FieldInput(
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


class ChoiceList(FocusRestylesTheWidget, OwnKeysFirst, Widget, can_focus=True):
    """A choice field's options in one widget, one line each (long ones wrap): ``(●)`` marks the chosen one.

    It replaces a RadioSet of RadioButtons: one widget instead of one per option keeps a block's
    layout, paint and focus restyle cheap. The mark reads without colour (NO_COLOR, 16 colours),
    and so does the cursor, reversed, which shows only while the list has the focus.
    """

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {CHOICE_CURSOR, CHOICE_MARK}

    DEFAULT_CSS = f"""
    ChoiceList {{
        width: 1fr;
        height: auto;
        pointer: pointer;
        & > .{CHOICE_MARK} {{
            color: $text-success;
            text-style: bold;
        }}
        & > .{CHOICE_CURSOR} {{
            text-style: reverse;
        }}
    }}
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,left", "cursor_up", "Scelta precedente", id="choice.up", show=False),
        Binding("down,right", "cursor_down", "Scelta successiva", id="choice.down", show=False),
        Binding("home", "cursor_first", "Prima scelta", id="choice.first", show=False),
        Binding("end", "cursor_last", "Ultima scelta", id="choice.last", show=False),
        Binding("enter,space", "pick", "Conferma scelta", id="choice.pick", show=False),
    ]

    #: The index of the chosen option; None when there is none.
    chosen: reactive[int | None] = reactive(None)
    #: The option under the cursor (drawn only while focused).
    cursor: reactive[int] = reactive(0)

    class Picked(Message):
        """The user picked the option at ``index`` (again, possibly)."""

        def __init__(self, choice_list: ChoiceList, index: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.index = index

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        options: Sequence[str],
        chosen: int | None = None,
        *,
        hand_off: int | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(classes=classes, disabled=disabled)
        self.options = tuple(options)
        #: The option after whose pick typing goes on elsewhere («Altra formulazione…»): the keys
        #: that reach the list before the focus has moved are letters for there, space included.
        self.hand_off = hand_off
        self._handing_off = False
        self.set_reactive(ChoiceList.chosen, chosen)
        self._layout_width = -1
        self._layout: list[tuple[int, bool, str]] = []

    def lines(self, width: int) -> list[tuple[int, bool, str]]:
        """(option index, first line of the option?, text) for each line at ``width`` (labels wrap under themselves)."""
        if width != self._layout_width:
            room = max(1, width - len(MARK_OFF))
            self._layout = [
                (index, row == 0, line.plain.rstrip())
                for index, option in enumerate(self.options)
                for row, line in enumerate(Content(option).wrap(room))
            ]
            self._layout_width = width
        return self._layout

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(MARK_OFF) + max((cell_len(option) for option in self.options), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self.lines(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        index, first, text = lines[y]
        on_cursor = self.has_focus and index == self.cursor
        # Rich styles: get_visual_style() drops ``reverse``, which the cursor needs to show without colour.
        style = self.get_component_rich_style(CHOICE_CURSOR) if on_cursor else self.rich_style
        if not first:
            segments = [Segment(" " * len(MARK_OFF) + text, style)]
        elif index == self.chosen:
            mark = style if on_cursor else self.get_component_rich_style(CHOICE_MARK)
            before, after = MARK_ON.split(CHOSEN_MARK)
            segments = [Segment(before, style), Segment(CHOSEN_MARK, mark), Segment(after + text, style)]
        else:
            segments = [Segment(MARK_OFF + text, style)]
        return Strip(segments).adjust_cell_length(width, style)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.options) - 1))

    def on_focus(self) -> None:
        """The cursor starts on the chosen option, or on the first when none is."""
        self._handing_off = False
        self.cursor = self.chosen if self.chosen is not None else 0
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor_up(self) -> None:
        self.cursor = (self.cursor - 1) % len(self.options)  # wraps around, as RadioSet did

    def action_cursor_down(self) -> None:
        self.cursor = (self.cursor + 1) % len(self.options)

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = len(self.options) - 1

    def action_pick(self) -> None:
        self.pick(self.cursor)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        lines = self.lines(self.content_size.width)
        if offset is not None and 0 <= offset.y < len(lines):
            index = lines[offset.y][0]
            self.cursor = index
            self.pick(index)

    def pick(self, index: int) -> None:
        """Choose the option at ``index`` as the user does, and say so (``Picked``)."""
        if self.is_disabled:
            return
        self.chosen = index
        self._handing_off = index == self.hand_off
        self.post_message(self.Picked(self, index))

    @property
    def handing_off(self) -> bool:
        """The hand-off option was just picked: printable keys still reaching the list are not its own."""
        return self._handing_off

    def _on_key(self, event: events.Key) -> None:
        """Textual calls OwnKeysFirst's ``_on_key`` next, unless the key is not for the options."""
        if self._handing_off and event.is_printable:
            event.prevent_default()  # no binding runs (space included): it bubbles on to the box, which hands it over


class ChoiceBox(FieldBox):
    """One option among those the form offers, or the user's own wording where allowed."""

    BINDINGS = [
        Binding("delete", "clear", "Annulla scelta", id="choice.clear", show=False),
    ]

    def compose_input(self) -> ComposeResult:
        value = self.initial if isinstance(self.initial, str) else None
        custom = value is not None and value not in self.field.options
        labels = self.field.options + ((OTHER_LABEL,) if self.field.other else ())
        choices = ChoiceList(
            labels,
            self._index_of(value),
            hand_off=self.other_index,
            classes="field-input",
            disabled=self.read_only,
        )
        choices.tooltip = CHOICE_TOOLTIP
        yield choices
        if custom:
            yield self._other_input(value or "")

    def _other_input(self, value: str) -> FieldInput:
        """The line for the user's own wording: mounted when first needed, as most answers pick an option."""
        return FieldInput(
            value,
            placeholder="La tua formulazione",
            compact=True,
            select_on_focus=False,
            classes=OTHER_INPUT_CLASS,
            disabled=self.read_only,
        )

    def _shown_other(self, value: str | None = None) -> FieldInput:
        """Show the own-wording line, mounting it under the options on first use; ``value`` replaces its text."""
        found = self.query_children(f".{OTHER_INPUT_CLASS}")
        if not found:
            with self.prevent(Input.Changed):  # the value is shown, not typed: no change to report
                other = self._other_input(value or "")
                self.mount(other, after=self.query_one(ChoiceList))
            return other
        other = found.first(FieldInput)
        other.remove_class(HIDDEN_CLASS)
        if value is not None and other.value != value:
            with other.prevent(Input.Changed):
                other.value = value
        return other

    def _hide_other(self) -> None:
        for other in self.query_children(f".{OTHER_INPUT_CLASS}"):
            other.add_class(HIDDEN_CLASS)

    @property
    def other_index(self) -> int | None:
        """Where «Altra formulazione…» is in the list: after the form's options; None if the field has none."""
        return len(self.field.options) if self.field.other else None

    def _index_of(self, value: Value | None) -> int | None:
        """The option showing ``value``: its own, «Altra formulazione…» for any other text, or none."""
        if not isinstance(value, str):
            return None
        if value in self.field.options:
            return self.field.options.index(value)
        return self.other_index

    @on(ChoiceList.Picked)
    def _picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        if event.index == self.other_index:  # «Altra formulazione…»: the user's own wording
            other = self._shown_other()
            other.focus()
            self.emit(other.value.strip() or None)
            return
        self._hide_other()
        self.emit(self.field.options[event.index])

    def on_key(self, event: events.Key) -> None:
        """Letters typed on the options while «Altra formulazione…» is chosen belong to the user's wording.

        Picking it moves the focus to the wording's line, but keys typed right after Invio (a
        paste, a quick typist, an SSH link delivering keys in one packet) reach the options
        first: the options ignore them and they would be lost. They are handed on, in order.
        """
        choices = self.query_one(ChoiceList)
        if not (event.is_printable and choices.handing_off):
            return
        event.stop()
        event.prevent_default()
        self._shown_other().post_message(events.Key(event.key, event.character))  # focused by ``_picked``

    @on(Input.Changed, f".{OTHER_INPUT_CLASS}")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value.strip() or None)

    def action_clear(self) -> None:
        self.set_value(None)
        self.emit(None)

    def set_value(self, value: Value | None) -> None:
        """Show ``value`` (own wording included) without posting ``Changed``."""
        chosen = self._index_of(value)
        self.query_one(ChoiceList).chosen = chosen
        if chosen is not None and chosen == self.other_index:
            self._shown_other(str(value))
        else:
            self._hide_other()


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
