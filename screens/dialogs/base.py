"""The base of every dialog: a box in the middle of the screen, Esc closes it with ``None``."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

CLOSE = Binding("escape", "dismiss_none", "Chiudi", id="modal.close")
#: The line a dialog shows above its buttons about the dialog itself (``Dialog.show_note``).
NOTE_CLASS = "dialog-note"


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

        & .dialog-note {
            height: auto;
            margin-top: 1;
            color: $text-warning;
        }
    }
    """

    BINDINGS = [CLOSE]

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def show_note(self, text: str) -> bool:
        """Say ``text`` in the dialog, above its buttons (a notice would cover them); False when the
        dialog has no row of buttons to put it above."""
        rows = self.query(".dialog-buttons")
        if not rows:
            return False
        found = self.query(f".{NOTE_CLASS}")
        if found:
            found.first(Static).update(text)
        else:
            rows.first().parent.mount(Static(text, classes=NOTE_CLASS, markup=False), before=rows.first())  # type: ignore[union-attr]
        return True
