"""A one-line key bar: the footer's job, redrawn only when the keys shown actually change.

Textual's ``Footer`` recomposes a widget per key on every focus change; moving through a form
changes focus constantly, and that recompose was a large share of each step change's cost.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shows ``key Description`` for each binding of the focused chain that asks to be shown."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="keybar", markup=False)
        self.shown: tuple[tuple[str, str], ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def keys(self, screen: Screen) -> tuple[tuple[str, str], ...]:
        seen: dict[str, tuple[str, str]] = {}
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.show and enabled and binding.action not in seen:
                seen[binding.action] = (self.app.get_key_display(binding), binding.description)
        if self.app.ENABLE_COMMAND_PALETTE:  # Textual keeps its palette key out of the bindings shown
            palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Comandi")
            seen.setdefault("command_palette", (self.app.get_key_display(palette), "Comandi"))
        return tuple(seen.values())

    def bindings_changed(self, screen: Screen) -> None:
        keys = self.keys(screen)
        if keys == self.shown:
            return
        self.shown = keys
        text = Text()
        for key, description in keys:  # compact: nine keys fit in 80 columns
            text.append(key, style="bold reverse")
            text.append(f" {description} ")
        self.update(text, layout=False)  # one docked line: its size never changes
