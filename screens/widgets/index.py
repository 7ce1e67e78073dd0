"""The step index: every step of the wizard with its state, to jump anywhere.

One widget drawing one line per step (Textual's line API), not an ``OptionList``: the index
changes on every step change and after answers, and an ``OptionList`` re-renders every option
whenever one prompt changes (measured: about a fifth of a step change). Here a line is drawn
again only when what it shows changes: its mark, whether it is the current step, the cursor.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from questionnaire.form.model import Form

REVIEW_STEP = "review"
STATE_MARKS = {
    "empty": ("○", "dim"),
    "partial": ("◐", "yellow"),
    "complete": ("●", "green"),
    "errors": ("✗", "bold red"),
}
STATE_WORDS = {"empty": "vuoto", "partial": "parziale", "complete": "completo", "errors": "con errori"}
REVIEW_MARK = ("↻", "magenta")
BOLD = Style(bold=True)


def step_labels(form: Form) -> list[tuple[str, str]]:
    """(step id, short label) for each step of the wizard, the review step last."""
    labels = []
    for step in form.steps:
        if step.kind == "block":
            labels.append((step.id, f"{step.number} {step.title}"))
        elif step.kind == "counts":
            labels.append((step.id, f"Allegato {step.number}A/{step.number}B"))
        else:
            labels.append((step.id, step.title))
    labels.append((REVIEW_STEP, "Revisione ed esportazione"))
    return labels


def cut_end(text: str, room: int) -> str:
    """``text`` in ``room`` cells, cut with «…» at the end."""
    if cell_len(text) <= room:
        return text
    return set_cell_size(text, room - 1) + "…" if room > 0 else ""


def cut_middle(text: str, room: int) -> str:
    """``text`` in ``room`` cells keeping its last word: «3 Target ass…strategici». Cut at the end
    when the last word leaves less than four cells of the start."""
    if cell_len(text) <= room:
        return text
    last = text.rsplit(" ", 1)[-1]
    head = room - 1 - cell_len(last)
    if head < 4:
        return cut_end(text, room)
    return set_cell_size(text, head).rstrip() + "…" + last


def fitted_labels(labels: list[str], room: int) -> list[str]:
    """Each label in ``room`` cells, told apart: cut at the end, or, where two would then read the
    same but for their numbers («3 Target associati agli …», «7 Target associati agli …»), cut
    in the middle so that their last words show («3 Target ass…strategici», «7 …operativi»)."""
    ends = [cut_end(label, room) for label in labels]
    words = [re.sub(r"^\s*\d+\s", "", end) for end in ends]
    same = {word for word in words if words.count(word) > 1}
    return [
        cut_middle(label, room) if word in same else end for label, end, word in zip(labels, ends, words, strict=True)
    ]


class StepIndex(ScrollView, can_focus=True):
    """Steps with their state; the step on screen is bold and highlighted; Invio jumps."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Su", show=False),
        Binding("down", "cursor(1)", "Giù", show=False),
        Binding("pageup", "page(-1)", "Pagina su", show=False),
        Binding("pagedown", "page(1)", "Pagina giù", show=False),
        Binding("home", "first", "Primo", show=False),
        Binding("end", "last", "Ultimo", show=False),
        Binding("enter", "jump", "Vai al passo", show=False),
    ]

    COMPONENT_CLASSES = {"step-index--cursor"}

    DEFAULT_CSS = """
    StepIndex {
        overflow-x: hidden;
        background: $surface;
        & > .step-index--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .step-index--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class Jump(Message):
        """Go to ``step`` (picked in the index)."""

        def __init__(self, step: str) -> None:
            super().__init__()
            self.step = step

    def __init__(self, form: Form, current: str, states: dict[str, str], pending: list[str]) -> None:
        super().__init__(id="index")
        self.form = form
        self.labels = step_labels(form)
        self.label_of = dict(self.labels)
        self.ids = [step_id for step_id, _ in self.labels]
        self.current = current
        self.cursor = self.ids.index(current) if current in self.ids else 0
        self.shown: dict[str, tuple[str, bool]] = {
            step_id: (states.get(step_id, "empty"), step_id in pending) for step_id in self.ids
        }
        self._lines: dict[int, Strip] = {}  # y → drawn line, for the width and look in _drawn_for
        self._drawn_for: tuple[object, ...] = ()
        self._fitted_for: tuple[int, list[str]] = (-1, [])
        self.virtual_size = Size(0, len(self.ids))

    # ---------------------------------------------------------------- what a line says

    def mark(self, step_id: str) -> tuple[str, str]:
        """The mark before a step's label, and its style: its state, ↻ to review, » for the review."""
        if step_id == REVIEW_STEP:
            return "»", "bold"
        state, pending = self.shown[step_id]
        return REVIEW_MARK if pending else STATE_MARKS.get(state, STATE_MARKS["empty"])

    def prompt(self, step_id: str) -> Text:
        """The line of ``step_id`` as it reads on screen: state mark, label; bold when current."""
        text = Text.assemble(self.mark(step_id), " ", self.label_of[step_id])
        if step_id == self.current:
            text.stylize("bold")
        return text

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        cursor = self.get_component_rich_style("step-index--cursor")
        look = (width, base, cursor)
        if look != self._drawn_for:
            self._lines.clear()
            self._drawn_for = look
        strip = self._lines.get(index)
        if strip is None:
            strip = self._lines[index] = self._draw(index, width, base, cursor)
        return strip

    def _draw(self, index: int, width: int, base: Style, cursor: Style) -> Strip:
        """The line of step ``index``: what ``prompt`` says, cut with «…» to ``width``, as segments.

        Built directly, not through a Rich ``Text`` and its render, which cost more than the rest of
        the index for the lines drawn at start, and again on every resize.
        """
        if not 0 <= index < len(self.ids) or width <= 0:
            return Strip.blank(width, base)
        step_id = self.ids[index]
        mark, mark_style = self.mark(step_id)
        style = base + cursor if index == self.cursor else base
        if step_id == self.current:
            style += BOLD
        room = width - cell_len(mark)
        if room < 0:
            return Strip([Segment(set_cell_size(mark, width), style + Style.parse(mark_style))])
        rest = " " + self._fitted(room - 1)[index] if room else ""
        segments = [Segment(mark, style + Style.parse(mark_style)), Segment(rest, style)]
        return Strip(segments).extend_cell_length(width, style)

    def _fitted(self, room: int) -> list[str]:
        """The labels as ``fitted_labels`` cuts them to ``room`` cells (kept for the last room)."""
        if self._fitted_for[0] != room:
            self._fitted_for = (room, fitted_labels([label for _, label in self.labels], room))
        return self._fitted_for[1]

    def _redraw(self, *indexes: int) -> None:
        for index in indexes:
            self._lines.pop(index, None)
            self.refresh_line(index)

    # ---------------------------------------------------------------- state from the app

    def set_current(self, step_id: str) -> None:
        """Mark ``step_id`` as the step on screen (bold) and move the cursor to it."""
        if step_id not in self.ids:
            return
        old = self.ids.index(self.current) if self.current in self.ids else self.cursor
        self.current = step_id
        self._move(self.ids.index(step_id), also=old)

    def refresh_states(self, states: dict[str, str], pending: list[str]) -> None:
        """Redraw only the steps whose state changed (this runs after every answer)."""
        for index, step_id in enumerate(self.ids):
            shown = (states.get(step_id, "empty"), step_id in pending)
            if self.shown[step_id] != shown:
                self.shown[step_id] = shown
                self._redraw(index)

    # ---------------------------------------------------------------- the user's keys and clicks

    def _move(self, index: int, also: int | None = None) -> None:
        index = max(0, min(len(self.ids) - 1, index))
        old, self.cursor = self.cursor, index
        self._redraw(*{old, index, also if also is not None else index})
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.ids) - 1)

    def action_jump(self) -> None:
        self.post_message(self.Jump(self.ids[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.ids):
            self._move(index)
            self.post_message(self.Jump(self.ids[index]))

    def on_resize(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)
