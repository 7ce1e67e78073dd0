"""Ask for a file path (export to a file of the user's choosing)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from screens.dialogs.base import Dialog
from screens.widgets.buttons import PressButton


class AskPath(Dialog):
    """Ask for a file path; dismisses with the text typed, or None."""

    def __init__(self, title: str, prompt: str, value: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.prompt = prompt
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.prompt)
            path = Input(self.value, id="path", placeholder="percorso del file")
            path.cursor_blink = False  # steady, as the fields': nothing sent while the dialog waits
            yield path
            with Horizontal(classes="dialog-buttons"):
                yield PressButton("OK", id="ok", variant="primary")
                yield PressButton("Annulla", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        self.dismiss(text or None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
