"""Small dialogs: ask for a path, say something, choose how to open a locked session, preview."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

CLOSE = Binding("escape", "dismiss_none", "Chiudi", id="modal.close")


class Dialog(ModalScreen):
    """Esc closes with ``None``: never destructive (Esc is ambiguous over slow links)."""

    BINDINGS = [CLOSE]

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


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
            yield Input(self.value, id="path", placeholder="percorso del file")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Annulla", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        self.dismiss(text or None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class Notice(Dialog):
    """A message and one or more buttons; dismisses with the id of the button pressed."""

    def __init__(self, title: str, text: str, buttons: tuple[tuple[str, str], ...] = (("ok", "OK"),)) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.buttons = buttons

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-text"):
                yield Static(self.text, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, (button_id, label) in enumerate(self.buttons):
                    yield Button(label, id=button_id, variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class Preview(Dialog):
    """The report as it will read, rendered by Textual's Markdown widget."""

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog preview")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # ~70 ms of imports: only when a preview is asked for

        with Vertical(classes="dialog-box"):
            yield Label("Anteprima del rapporto (Esc per chiudere)", classes="dialog-title")
            with VerticalScroll(id="preview-scroll"):
                yield Markdown(self.markdown, open_links=False)

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()


class Help(Dialog):
    """F1: what the focused field wants, and the keys."""

    def __init__(self, topic: str, text: str) -> None:
        super().__init__(classes="dialog")
        self.topic = topic
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.topic, classes="dialog-title")
            with VerticalScroll(classes="dialog-text"):
                yield Static(self.text, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Chiudi", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)


DIFF_STYLES = {"equal": "", "delete": "strike red", "insert": "bold green"}
DIFF_MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}


class Compare(Dialog):
    """Last year's answer against this year's, word by word (marks readable without colour)."""

    def __init__(self, title: str, chunks: list[tuple[str, str]], summary: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.chunks = chunks
        self.summary = summary

    def compose(self) -> ComposeResult:
        from rich.text import Text

        text = Text()
        for op, chunk in self.chunks:
            left, right = DIFF_MARKS[op]
            text.append(f"{left}{chunk}{right}", style=DIFF_STYLES[op])
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(
                f"Rispetto all'anno precedente: {self.summary}. [-tolto-] {{+aggiunto+}}", classes="step-help"
            )
            with VerticalScroll(classes="dialog-text"):
                yield Static(text)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Chiudi", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)
