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
from screens.widgets.hanging import HangingText


class Notice(Dialog):
    """A message and one or more buttons; dismisses with the id of the button pressed.

    Left and Right move between the buttons (``PressButton``), as in a dialog of the desktop (Tab
    goes through the text too); on the text they scroll it, as they do anywhere else. Page Up and
    Page Down scroll the text wherever the focus is: a long help is read with the focus on «Chiudi»."""

    BINDINGS = [
        Binding("pageup", "scroll_text('page_up')", "Pagina su", show=False, id="notice.page_up"),
        Binding("pagedown", "scroll_text('page_down')", "Pagina giù", show=False, id="notice.page_down"),
    ]

    def __init__(
        self,
        title: str,
        text: str | Text,
        buttons: tuple[tuple[str, str], ...] = (("ok", "OK"),),
        intro: str = "",
        hanging: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.hanging = hanging  # wrapped lines keep their indent (the help's keys)
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
                if self.hanging and isinstance(self.text, str):
                    yield HangingText(self.text)
                else:
                    yield Static(self.text, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, (button_id, label) in enumerate(self.buttons):
                    yield PressButton(label, id=button_id, variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_scroll_text(self, how: str) -> None:
        """Scroll the dialog's text a page up or down (``how``: "page_up" or "page_down")."""
        text = self.query_one(".dialog-text", VerticalScroll)
        if how == "page_up":
            text.scroll_page_up(animate=False)
        else:
            text.scroll_page_down(animate=False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


def help_dialog(topic: str, text: str) -> Notice:
    """F1: what the focused field wants, and the keys."""
    return Notice(topic, text, (("ok", "Chiudi"),), hanging=True)


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
