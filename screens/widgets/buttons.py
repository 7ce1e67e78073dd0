"""The app's button: Space presses it as well as Enter and a click, ←/→ move along its row."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button


class PressButton(Button):
    """Textual's ``Button`` answers Enter only; Space, the usual key for a button, did nothing.

    Left and Right move to the previous or next button of the same row (its parent's buttons), no
    further than the first or the last, as in a desktop dialog: in dialogs, on the start screen
    and on the review step alike. Tab still goes through everything that takes the focus."""

    BINDINGS = [
        Binding("enter,space", "press", "Premi", id="button.press", show=False),
        Binding("left", "neighbour(-1)", "Pulsante precedente", id="button.left", show=False),
        Binding("right", "neighbour(1)", "Pulsante successivo", id="button.right", show=False),
    ]

    def action_neighbour(self, step: int) -> None:
        """Focus the button ``step`` places along this one's row, stopping at either end."""
        row = [button for button in self.parent.query_children(Button) if button.display] if self.parent else []
        if self in row:
            at = max(0, min(row.index(self) + step, len(row) - 1))
            row[at].focus()
