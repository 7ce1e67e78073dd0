"""Small dialogs: ask for a path, say something, choose how to open a locked session, preview."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from screens.buttons import PressButton

CLOSE = Binding("escape", "dismiss_none", "Chiudi", id="modal.close")


class Dialog(ModalScreen):
    """Esc closes with ``None``: never destructive (Esc is ambiguous over slow links)."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;

        & .dialog-box {
            width: 90%;
            max-width: 76;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }

        &.preview .dialog-box {
            width: 100%;
            max-width: 100%;
            height: 100%;
            max-height: 100%;
        }

        & .dialog-title {
            text-style: bold;
            width: 1fr;
            margin-bottom: 1;
        }

        /* At most 45% of the screen: the title, an intro and the buttons keep the rest, so the
           buttons stay in view at 80×24 however long the text (it scrolls). */
        & .dialog-text {
            height: auto;
            max-height: 45vh;
        }

        & .dialog-buttons {
            height: auto;
            margin-top: 1;
            align-horizontal: right;
        }

        & .dialog-buttons Button {
            margin-left: 1;
        }
    }
    """

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


class Notice(Dialog):
    """A message and one or more buttons; dismisses with the id of the button pressed."""

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
