"""The base of every dialog: a box in the middle of the screen, Esc closes it with ``None``."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen

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
