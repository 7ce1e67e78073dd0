"""What every field shares: the box that draws its label and problem, and the editing widgets' habits."""

from __future__ import annotations

import os
from typing import ClassVar, NamedTuple, Self, cast

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Offset, Region, Size
from textual.layout import ArrangeResult, Layout, WidgetPlacement
from textual.layouts.vertical import VerticalLayout
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from questionnaire.form import kinds
from questionnaire.form.answers import Value
from questionnaire.form.kinds import clean, one_line
from questionnaire.form.model import Field

#: How an import's source of a field that was left empty starts (the reason follows).
NOT_IMPORTED = "non importato:"
#: Characters of its source line shown under an imported count, its label and number: one line
#: at 80 columns with the index beside it.
COUNT_SOURCE_WIDTH = 34
#: Characters of a table row's source line, shown once under the row's label (two lines at 80
#: columns: the row's label, cut, and every value read).
ROW_SOURCE_WIDTH = 80

#: A count of the summary annex: laid out with its label beside the number (FieldLayout).
COUNT_CLASS = "count"
#: A field whose kind takes a short input (``Kind.narrow``: a number, a date): the stylesheet sizes it.
NARROW_CLASS = "field-narrow"
#: The component class of a field's label, which its box draws.
FIELD_LABEL = "field--label"
ERROR_CLASS = "-error"
WARNING_CLASS = "-warning"
#: How long a notice about a paste or a key stays on screen (seconds).
NOTICE_SECONDS = 6
CONTROLS_NOTICE = "Tolti dal testo incollato i caratteri di controllo (non stampabili)."


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

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        return super().refresh(  # type: ignore[misc]
            *regions,
            repaint=repaint,
            layout=layout and self.is_attached,  # type: ignore[attr-defined]
            recompose=recompose,
        )


def pasted_line(text: str) -> tuple[str, list[str]]:
    """What a paste puts in a one-line field, and the notices that say what was changed of it.

    Several lines are joined with spaces (a name or an address copied from a document comes in
    lines: keeping only the first would drop the rest without a word); escape sequences and
    control characters are taken out, as they would reach the file and the report.
    """
    spaced = text.replace("\t", " ")
    cleaned = clean(spaced, multiline=True)
    notices = []
    if cleaned != spaced:
        notices.append(CONTROLS_NOTICE)
    parts = [part for part in cleaned.splitlines() if part.strip()]
    if len(parts) > 1:
        notices.append(f"Incollate {len(parts)} righe in un campo di una riga: unite in una, separate da spazi.")
        return one_line(cleaned), notices
    return cleaned.strip("\r\n"), notices


class Painted(NamedTuple):
    """What a ``FieldInput``'s line showed: its text, its cursor, whether a selection, and the rest."""

    value: str
    cursor: int
    no_selection: bool
    view: tuple[object, ...]


class FieldInput(LaidOutWhenMounted, Input):
    """The one-line input of a field: a paste of several lines is joined into one, and says so.

    Left, it shows its text from the start: Textual's Input stays scrolled to where its cursor
    was, and a date typed to the last cell of its box read «6 febbraio 2025» once left.
    """

    def on_blur(self) -> None:
        self.show_start()

    def on_focus(self) -> None:
        """Back in the field: its cursor in view again (the text was shown from its start)."""
        width = self.scrollable_content_region.width
        cursor = cell_len(self.value[: self.cursor_position])
        if width > 0 and cursor >= width:
            self.scroll_to(x=cursor - width + 1, animate=False, immediate=True, force=True)

    def show_start(self) -> None:
        # ``force``: without it Textual scrolls only an Input it has laid out as wider than its
        # box (``allow_horizontal_scroll``), and keys that arrive together (one burst) are all
        # handled before the next layout: the text typed in the burst scrolled the field, and the
        # scroll back on leaving it was refused («omune di Ancona»). Input scrolls to its cursor
        # with ``force`` for the same reason.
        self.scroll_to(x=0, animate=False, immediate=True, force=True)

    #: A steady cursor: a blinking one repaints the field twice a second, bytes on an idle SSH link.
    cursor_blink = reactive(False, init=False)

    #: What the line showed when last drawn (``render_line``).
    painted: Painted | None = None
    #: True while ``replace`` edits the text: the repaints it asks for may be narrowed (``refresh``).
    editing = False

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit of the text (a key, Backspace, a paste) goes through here."""
        self.editing = True
        try:
            super().replace(text, start, end)
        finally:
            self.editing = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """An edit repaints the line up to the last cell it changed, not the padding after it.

        Textual repaints the whole line of an Input at each key: the text, the cursor and the
        padding, each run of cells in its colours (180 B for a 30-character name in 24-bit colour).
        It sends a repainted region from the widget's left edge (Textual 8.2.8 crops its right
        end only), so the text before the change goes again; the padding after the cursor does
        not (60 B a key at 80 columns). Only the repaints asked by an edit are narrowed; a change
        of style, focus, size or scroll repaints the line as Textual does.
        """
        if self.editing and repaint and not regions and not recompose:
            cells = self.changed_cells()
            if cells is not None:
                regions = (cells,)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def paint_state(self) -> Painted:
        view = (self.scroll_x, self.has_focus, self.size)
        return Painted(self.value, self.cursor_position, self.selection.is_empty, view)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            self.painted = self.paint_state()
        return super().render_line(y)

    def changed_cells(self) -> Region | None:
        """The cells from the first one an edit changed to the end of the longer text and the cursor
        after it, or None when a whole repaint is needed (a selection, a scroll, another look)."""
        was, now = self.painted, self.paint_state()
        if was is None or was.view != now.view or not (was.no_selection and now.no_selection):
            return None
        if self.password or self.suggester is not None:  # bullets, or a suggestion after the text
            return None
        same = len(os.path.commonprefix([was.value, now.value]))
        start = cell_len(now.value[: min(same, was.cursor, now.cursor)])
        end = max(cell_len(was.value), cell_len(now.value)) + 1  # the cursor's cell past the end
        scroll = int(self.scroll_x)
        return Region(max(0, start - scroll), 0, max(1, end - max(start, scroll)), 1)

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler keeps the first line only, without a word
        event.stop()
        if self.disabled:
            return
        self.take_paste(event.text)

    def take_paste(self, text: str) -> str:
        """``text`` in at the cursor as a paste is (``pasted_line``: lines joined, controls out, said);
        also for text typed or pasted elsewhere and put back here. Returns what went in."""
        line, notices = pasted_line(text)
        if line:
            if self.selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *self.selection)
        box = box_of(self)
        for notice in notices:
            self.app.notify(about(box, notice), timeout=NOTICE_SECONDS, markup=False)
        return line


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


#: FieldLayout keeps nothing between two calls: one for every box.
FIELD_LAYOUT = FieldLayout()


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
        """The focus entered the field at ``address``, on its ``widget``."""

        def __init__(self, address: str, widget: Widget | None = None) -> None:
            super().__init__()
            self.address = address
            self.widget = widget

    def __init__(
        self,
        field: Field,
        address: str,
        value: Value | None,
        read_only: bool = False,
        previous: Value | None = None,
    ) -> None:
        kind = kinds.kind_of(field)
        super().__init__(classes=f"field field-{field.kind}" + (f" {NARROW_CLASS}" if kind.narrow else ""))
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
    #: Where an imported answer was read (or why it was left empty): the line under the field.
    source = ""
    #: A field a carry-over clears (``questionnaire.carryover.CLEARED_ROLES``: the dates), to be typed anew.
    cleared = False
    #: The line its imported value was read from is shown for its whole row (a table's cells).
    source_in_row = False
    #: The field with its question, for notices («Domanda 1.1 – Risposta breve»): set by its step.
    where = ""

    @property
    def named(self) -> str:
        """How a notice names the field: with its question where the step said it, else its label."""
        return self.where or self.field.label

    @property
    def layout(self) -> Layout:
        """Always ``FieldLayout``: the box places its input beside or below the label it draws."""
        return FIELD_LAYOUT

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
        if self.source and (self.doubted or not self.source_in_row):
            yield Static(self.source_line(), classes="field-source", markup=False)
        yield from self.compose_input()

    def compose_input(self) -> ComposeResult:
        raise NotImplementedError

    def source_line(self) -> str:
        """The line under an imported field: in a table's narrow column only the key (the row's
        line is shown once above the row, ``source_in_row``); under a count, the line's label cut
        in the middle and the number after it."""
        if self.use_short and self.field.short:
            return "⚠ Ctrl+F" if self.doubted else "⤓ Ctrl+F"
        if kinds.kind_of(self.field).numeric:
            return source_summary(self.source, width=COUNT_SOURCE_WIDTH, tail=":")
        return source_summary(self.source)

    @property
    def doubted(self) -> bool:
        """The import left this field empty, and says why in its source."""
        return self.source.startswith(NOT_IMPORTED)

    def previous_summary(self, value: Value | None) -> str:
        """«↻ anno scorso: 3 parole cambiate · Ctrl+F confronta», for a step carried over."""
        from questionnaire.wordiff import diff_summary, value_text

        old, new = value_text(self.previous or None), value_text(value)
        if self.cleared and old and not new.strip():
            # Never carried over (``new --from`` leaves it to be typed): not «cancellato».
            return f"↻ anno precedente: {old} · da inserire per quest'anno"
        return f"↻ anno precedente: {diff_summary(old, new)} · Ctrl+F confronta"

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

    def show_problem(self, level: str | None, message: str, reveal: bool = False) -> None:
        """Show ``message`` under the field (none: ``level`` None); a new one is scrolled into sight
        when the field has the focus, or with ``reveal`` (the field just left)."""
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
        if level and (reveal or self.has_focus_within):  # the last field's too: below it, it was out of sight
            self.call_after_refresh(self.reveal, ".field-problem")

    def reveal(self, selector: str) -> None:
        """Scroll the step the least that brings the line ``selector`` of this box into sight."""
        found = self.query(selector)
        if found and found.first().display:
            found.first().scroll_visible(animate=False, immediate=True)

    def emit(self, value: Value | None) -> None:
        if not self.read_only:
            self.post_message(self.Changed(self.address, value))

    def on_descendant_blur(self) -> None:
        self.post_message(self.Left(self.address))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.post_message(self.Entered(self.address, event.widget))

    def set_value(self, value: Value | None) -> None:
        """Replace what the input shows (after an external editor, a reset…)."""
        raise NotImplementedError


def box_of(widget: Widget | None) -> FieldBox | None:
    """The field ``widget`` belongs to (its input, a list), if any."""
    node = widget
    while node is not None and not isinstance(node, FieldBox):
        node = node.parent  # type: ignore[assignment]
    return node


def about(box: FieldBox | None, notice: str) -> str:
    """A notice about a field, naming it first: «Dati generali – Luogo della firma: …». Its first
    letter goes lower-case only in a word that is not an acronym («PIAO», «7B» stay as they are)."""
    if box is None or not notice:
        return notice if box is None else box.named
    word = notice.split(maxsplit=1)[0]
    first = notice[0].lower() if len(word) == 1 or word[1].islower() else notice[0]
    return f"{box.named}: {first}{notice[1:]}"


def source_summary(note: str, width: int = 30, tail: str = "") -> str:
    """The line under an imported field: the start of what it was read from, Ctrl+F for the rest.
    With ``tail`` («:» for a count, «|» for a table's row), the label before it is cut in the
    middle so that the values after it show too: «Numero obiettivi strategici co…: 8»."""
    first = " ".join(note.split())
    if first.startswith(NOT_IMPORTED):
        return f"⚠ {first.split(' dal documento:', 1)[0]} · Ctrl+F"
    text = first.removeprefix("dal documento: «").removesuffix("»")
    if tail and tail in text and len(text) > width:
        label, rest = text[: text.index(tail)], text[text.index(tail) :]
        label = cut(label, max(width - len(rest), min(len(label), width // 3)))
        text = label + cut(rest, width - len(label))
    return f"⤓ «{cut(text, width)}» · Ctrl+F"


def cut(text: str, width: int) -> str:
    """``text`` in ``width`` characters, its end replaced by «…» if it is longer."""
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"
