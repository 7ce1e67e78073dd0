"""The report as it will read, before it is exported."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label

from screens.dialogs.base import Dialog


class Preview(Dialog):
    """The report as it will read, rendered by Textual's Markdown widget."""

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog preview")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # heavy imports: only when a preview is asked for

        with Vertical(classes="dialog-box"):
            yield Label("Anteprima del resoconto (Esc per chiudere)", classes="dialog-title")
            with VerticalScroll(id="preview-scroll"):
                yield Markdown(self.markdown, open_links=False)

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()
