"""Say something, with one or more buttons: messages, help, choices, the word diff with last year."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from screens.dialogs.base import Dialog
from screens.widgets.buttons import PressButton


class Notice(Dialog):
    """A message and one or more buttons; dismisses with the id of the button pressed.

    Left and Right move between the buttons, as in a dialog of the desktop (Tab goes through the
    text too, which scrolls); on the text they scroll it, as they do anywhere else."""

    BINDINGS = [
        Binding("left", "to_button(-1)", "Pulsante precedente", show=False, id="notice.left"),
        Binding("right", "to_button(1)", "Pulsante successivo", show=False, id="notice.right"),
    ]

    def __init__(
        self,
        title: str,
        text: str | Text,
        buttons: tuple[tuple[str, str], ...] = (("ok", "OK"),),
        intro: str = "",
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.buttons = buttons
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            if self.intro:
                yield Static(self.intro, classes="step-help", markup=False)
            with VerticalScroll(classes="dialog-text"):
                yield Static(self.text, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, (button_id, label) in enumerate(self.buttons):
                    yield PressButton(label, id=button_id, variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_to_button(self, step: int) -> None:
        """The button ``step`` places along from the focused one, no further than the first or the last."""
        buttons = list(self.query(Button))
        if self.focused in buttons:
            at = buttons.index(self.focused) + step  # type: ignore[arg-type]
            buttons[max(0, min(at, len(buttons) - 1))].focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


def help_dialog(topic: str, text: str) -> Notice:
    """F1: what the focused field wants, and the keys."""
    return Notice(topic, text, (("ok", "Chiudi"),))


DIFF_STYLES = {"equal": "", "delete": "strike red", "insert": "bold green"}
DIFF_MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}


def source_dialog(label: str, note: str) -> Notice:
    """Ctrl+F on an imported field: the document's text the answer was read from, whole."""
    return Notice(f"Dal documento importato: {label}", note, (("ok", "Chiudi"),))


def compare_dialog(title: str, chunks: Sequence[tuple[str, str]], summary: str) -> Notice:
    """Last year's answer against this year's, word by word (marks readable without colour)."""
    text = Text()
    for op, chunk in chunks:
        left, right = DIFF_MARKS[op]
        text.append(f"{left}{chunk}{right}", style=DIFF_STYLES[op])
    intro = f"Rispetto all'anno precedente: {summary}. [-tolto-] {{+aggiunto+}}"
    return Notice(title, text, (("ok", "Chiudi"),), intro=intro)
