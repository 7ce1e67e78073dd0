"""A choice field: its options in one list, picked with the arrows, a digit or a letter, or own wording."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import AwaitMount, Widget
from textual.widgets import Input

from questionnaire.form.answers import Value
from questionnaire.form.kinds import fold
from screens.widgets.fieldbase import NOTICE_SECONDS, FieldBox, FieldInput

OTHER_LABEL = "Altra formulazione…"
CHOICE_TOOLTIP = (
    "Frecce o iniziale per scegliere, Invio o Spazio per confermare, un numero sceglie subito; "
    "Canc annulla, Ctrl+Z ripristina."
)
#: How an option's line starts, chosen or not: the state reads without colour (NO_COLOR, 16 colours).
CHOSEN_MARK = "●"
MARK_ON = f"({CHOSEN_MARK}) "
MARK_OFF = "( ) "
CHOICE_CURSOR = "choice-list--cursor"
CHOICE_MARK = "choice-list--mark"
OTHER_INPUT_CLASS = "other-input"
HIDDEN_CLASS = "-hidden"
#: Letters typed on a list within this many seconds of each other make one prefix («me» → «Medio»).
TYPE_AHEAD_SECONDS = 1.0
NOT_TYPED: tuple[str, int | None, float] = ("", None, 0.0)


def find_option(options: Sequence[str], prefix: str, cursor: int, after: bool = False) -> int | None:
    """The option starting with ``prefix`` (accents and case aside), looking from ``cursor`` on,
    or from the option after it with ``after`` (a letter typed again goes round those starting
    with it)."""
    wanted = fold(prefix)
    if not wanted or not options:
        return None
    start = cursor + 1 if after else cursor
    for step in range(len(options)):
        index = (start + step) % len(options)
        if fold(options[index]).startswith(wanted):
            return index
    return None


class ChoiceList(Widget, can_focus=True):
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

    class AtOption(Message):
        """Something the user did at the option ``index`` of ``choice_list``."""

        def __init__(self, choice_list: ChoiceList, index: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.index = index

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    class Picked(AtOption):
        """The user picked the option at ``index`` (again, possibly); ``stay``: by its digit, the
        focus stays on the list, even for «Altra formulazione…»."""

        def __init__(self, choice_list: ChoiceList, index: int, stay: bool = False) -> None:
            super().__init__(choice_list, index)
            self.stay = stay

    class LeftUnpicked(AtOption):
        """The focus left the list with the cursor moved to ``index`` (arrows, a letter) and not picked there."""

    #: The user moved the cursor since the list got the focus (``browse``): leaving it unpicked is said.
    browsed = False

    def __init__(
        self,
        options: Sequence[str],
        chosen: int | None = None,
        *,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(classes=classes, disabled=disabled)
        self.options = tuple(options)
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
        self.cursor = self.chosen if self.chosen is not None else 0
        self.browsed = False
        self.refresh()

    def on_blur(self) -> None:
        """Leaving with the cursor moved onto an option not chosen (a letter, then Tab) chose nothing:
        said, as the user may think it did. Not when the terminal only lost the focus."""
        self.refresh()
        if self.browsed and self.cursor != self.chosen and self.app.focused is not self:
            self.post_message(self.LeftUnpicked(self, self.cursor))
        self.browsed = False

    def browse(self, index: int) -> None:
        """Move the cursor to ``index`` as the user does (arrows, a letter), without picking."""
        self.cursor = index
        self.browsed = True

    def action_cursor_up(self) -> None:
        self.browse((self.cursor - 1) % len(self.options))  # wraps around, as RadioSet did

    def action_cursor_down(self) -> None:
        self.browse((self.cursor + 1) % len(self.options))

    def action_cursor_first(self) -> None:
        self.browse(0)

    def action_cursor_last(self) -> None:
        self.browse(len(self.options) - 1)

    def action_pick(self) -> None:
        self.pick(self.cursor)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        lines = self.lines(self.content_size.width)
        if offset is not None and 0 <= offset.y < len(lines):
            index = lines[offset.y][0]
            self.cursor = index
            self.pick(index)

    def pick(self, index: int, stay: bool = False) -> None:
        """Choose the option at ``index`` as the user does, and say so (``Picked``)."""
        if self.is_disabled:
            return
        self.chosen = index
        self.post_message(self.Picked(self, index, stay))


class ChoiceBox(FieldBox):
    """One option among those the form offers, or the user's own wording where allowed."""

    #: The own-wording line while it is being mounted (``_picked`` focuses it once it is there).
    _mounting: AwaitMount | None = None

    BINDINGS = [
        Binding("delete", "clear", "Annulla scelta", id="choice.clear", show=False),
        Binding("ctrl+z", "undo_replace", "Ripristina", id="choice.undo", show=False),
    ]

    #: The answer the last key replaced (``emit``), which Ctrl+Z brings back; NOTHING when none.
    _replaced: tuple[Value | None] | None = None
    #: The answer as last given, once changed here (``answered``).
    _answered: Value | None

    @property
    def answered(self) -> Value | None:
        """The answer as last given (the initial one, then each ``emit``)."""
        return self._answered if hasattr(self, "_answered") else self.initial

    @property
    def question_name(self) -> str:
        """«15.1» for a numbered question, else the field's label (as the user knows it)."""
        qid = self.address.split("/", 1)[0]
        return qid if qid[:1].isdigit() else self.label

    def emit(self, value: Value | None) -> None:
        """Post the change; one that replaces a given answer by another choice is said, with Ctrl+Z.

        Typing on in the own wording changes the answer too, but not the choice: not said.
        """
        old = self.answered
        self._answered = value
        if old is None or value == old or self.read_only:
            super().emit(value)
            return
        if self._index_of(old) != self._index_of(value) or value is None:
            self._replaced = (old,)
            new = f"sostituita da «{value}»" if value is not None else "tolta"
            if value is None and self.query_one(ChoiceList).chosen == self.other_index:
                new = f"sostituita da «{OTHER_LABEL}» (da scrivere)"
            self.app.notify(
                f"{self.question_name}: «{old}» {new}. Ctrl+Z la ripristina.",
                timeout=NOTICE_SECONDS,
                markup=False,
            )
        super().emit(value)

    def action_undo_replace(self) -> None:
        """Ctrl+Z: bring back the answer the last key replaced."""
        if self._replaced is None:
            self.app.notify(f"{self.question_name}: nessuna risposta sostituita da ripristinare.", markup=False)
            return
        (old,), self._replaced = self._replaced, None
        self.set_value(old)
        self._answered = old
        super().emit(old)
        self.query_one(ChoiceList).focus()
        self.app.notify(f"{self.question_name}: ripristinata «{old}».", timeout=NOTICE_SECONDS, markup=False)

    def compose_input(self) -> ComposeResult:
        value = self.initial if isinstance(self.initial, str) else None
        custom = value is not None and value not in self.field.options
        labels = self.field.options + ((OTHER_LABEL,) if self.field.other else ())
        choices = ChoiceList(
            labels,
            self._index_of(value),
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
                self._mounting = self.mount(other, after=self.query_one(ChoiceList))
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
    async def _picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        if event.index == self.other_index:  # «Altra formulazione…»: the user's own wording
            other = self._shown_other()
            if self._mounting is not None:  # focus it once it is there: the keys typed next are its own
                await self._mounting  # (by a digit too: the Tab typed next must find it after the list)
                self._mounting = None
            if not event.stay:
                other.focus()
            self.emit(other.value.strip() or None)
            return
        self._hide_other()
        self.emit(self.field.options[event.index])

    @on(ChoiceList.LeftUnpicked)
    def _left_unpicked(self, event: ChoiceList.LeftUnpicked) -> None:
        event.stop()
        option = event.choice_list.options[event.index]
        self.app.notify(
            f"{self.named}: «{option}» è evidenziata ma non scelta. Per sceglierla torna sul campo e premi "
            f"Invio o Spazio, o il suo numero ({event.index + 1}).",
            timeout=NOTICE_SECONDS,
            markup=False,
        )

    def on_key(self, event: events.Key) -> None:
        """A letter or digit typed on the options does something visible (``typed_on_options``).

        Space is the list's own key (it picks, as Invio does): it goes on to the list's binding.
        Keys typed right after a pick reach the field the pick focused: the app hands keys out
        in order (``screens.ordered_input``).
        """
        choices = self.query_one(ChoiceList)
        if event.is_printable and event.key != "space" and choices.has_focus and event.character:
            event.stop()
            event.prevent_default()
            self.typed_on_options(choices, event.character)

    #: The letters typed on the options so far, the option they led to and when (``typed_on_options``).
    _type_ahead: tuple[str, int | None, float] = NOT_TYPED

    def typed_on_options(self, choices: ChoiceList, char: str) -> None:
        """A key typed on the options does something visible, never nothing.

        A digit picks that option (1 = the first, as ``oivtui ask`` numbers them); a letter moves
        the cursor to the next option starting with it, accents aside («s» finds «Sì»), and the
        letters typed one after another narrow it («me» → «Medio»); the same letter again goes on
        to the next option starting with it. Where own wording is allowed,
        any other key starts it, with the letters typed so far: «Solo in parte» typed on
        Sì / No moves to «Sì», then at «o» starts the own wording «So…». Otherwise a notice says
        which keys work.
        """
        options = self.field.options
        if char.isdigit():
            number = int(char)
            self._type_ahead = NOT_TYPED
            if 1 <= number <= len(choices.options):
                choices.cursor = number - 1
                choices.pick(number - 1, stay=True)  # «Altra formulazione…» too: Tab leads to its line
                return
            return self.own_wording_or_notice(choices, char, f"«{char}» non è il numero di una scelta")
        typed, at, when = self._type_ahead
        fresh = at == choices.cursor and time.monotonic() - when < TYPE_AHEAD_SECONDS
        prefix = (typed if fresh else "") + char
        # A first letter moves on from the chosen option, but on a list with none chosen it may stay
        # on the highlighted one: «o» Invio on a new «OIV / Organismo…» list picks «OIV».
        first = len(prefix) == 1 and choices.chosen is not None
        index = find_option(options, prefix, choices.cursor, after=first)
        if index is None and len(prefix) > 1 and (not self.field.other or len(set(fold(prefix))) == 1):
            # a letter typed again goes round the options starting with it («m», «m»: «Medio alto», «Medio»)
            prefix = char
            index = find_option(options, prefix, choices.cursor, after=True)
        if index is not None:
            choices.browse(index)
            self._type_ahead = (prefix, index, time.monotonic())
            return
        self._type_ahead = NOT_TYPED
        self.own_wording_or_notice(choices, prefix, f"nessuna scelta inizia con «{prefix}»")

    def own_wording_or_notice(self, choices: ChoiceList, text: str, why: str) -> None:
        """Start the own wording with ``text`` where the field allows it; else say which keys work."""
        if self.other_index is None:
            count = len(self.field.options)
            self.app.notify(
                f"{self.named}: {why}. Scegli con le frecce, con l'iniziale o con il numero (da 1 a {count}).",
                timeout=NOTICE_SECONDS,
                markup=False,
            )
            return
        found = self.query_children(f".{OTHER_INPUT_CLASS}")
        before = found.first(FieldInput).value if found and choices.chosen == self.other_index else ""
        other = self._shown_other(before + text)
        other.cursor_position = len(other.value)
        choices.cursor = self.other_index
        choices.pick(self.other_index)  # shows and focuses the wording's line, saves it (``_picked``)

    @on(Input.Changed, f".{OTHER_INPUT_CLASS}")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.emit(event.value.strip() or None)

    def action_clear(self) -> None:
        self.set_value(None)
        self.emit(None)

    def set_value(self, value: Value | None) -> None:
        """Show ``value`` (own wording included) without posting ``Changed``."""
        self._answered = value
        chosen = self._index_of(value)
        self.query_one(ChoiceList).chosen = chosen
        if chosen is not None and chosen == self.other_index:
            self._shown_other(str(value))
        else:
            self._hide_other()
