"""The app's button: Space presses it as well as Enter and a click, as users of any GUI expect."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button


class PressButton(Button):
    """Textual's ``Button`` answers Enter only; Space, the usual key for a button, did nothing."""

    BINDINGS = [Binding("enter,space", "press", "Premi", id="button.press", show=False)]
