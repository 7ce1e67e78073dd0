"""Ask for a file path (export to a file of the user's choosing, a document to import), with Tab
completing folders and files as the shell does."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from screens.dialogs.base import Dialog
from screens.widgets.buttons import PressButton

#: The most names listed under the field when Tab finds several.
MAX_SHOWN = 8


def complete(text: str) -> tuple[str, list[str]]:
    """Tab in a path, as the shell does it: (the text completed as far as every match agrees, the
    names matching when there are several). A folder completed alone gets its «/»; «~» is the home."""
    folder_text, _slash, start = text.rpartition("/")
    shown_folder = f"{folder_text}/" if _slash else ""
    folder = Path(os.path.expanduser(folder_text or ("/" if text.startswith("/") else "."))) if _slash else Path(".")
    if _slash and not folder_text:
        folder = Path("/")
    try:
        names = sorted(
            entry.name + ("/" if entry.is_dir() else "")
            for entry in os.scandir(folder)
            if entry.name.startswith(start) and (start.startswith(".") or not entry.name.startswith("."))
        )
    except OSError:
        return text, []
    if not names:
        return text, []
    common = os.path.commonprefix(names)
    return shown_folder + common, names if len(names) > 1 else []


class PathInput(Input):
    """An Input where Tab completes the path (and Tab with nothing to complete moves on)."""

    BINDINGS = [Binding("tab", "complete", "Completa", show=False)]

    def action_complete(self) -> None:
        value, names = complete(self.value)
        if value == self.value and not names:
            self.screen.focus_next()
            return
        self.value = value
        self.cursor_position = len(value)
        hint = self.screen.query_one("#path-hint", Static)
        if names:
            more = f" … e altri {len(names) - MAX_SHOWN}" if len(names) > MAX_SHOWN else ""
            hint.update("  ".join(names[:MAX_SHOWN]) + more)
        else:
            hint.update("")


class AskPath(Dialog):
    """Ask for a file path; dismisses with the text typed, or None. ``completion``: Tab completes
    folders and files as the shell does."""

    def __init__(self, title: str, prompt: str, value: str = "", completion: bool = False) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.completion = completion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.prompt)
            if self.completion:
                path: Input = PathInput(self.value, id="path", placeholder="percorso del file (Tab completa)")
            else:
                path = Input(self.value, id="path", placeholder="percorso del file")
            path.cursor_blink = False  # steady, as the fields': nothing sent while the dialog waits
            yield path
            if self.completion:
                yield Static("", id="path-hint", markup=False)
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
