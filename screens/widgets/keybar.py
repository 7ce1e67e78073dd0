"""A one-line key bar: the footer's job, redrawn only when the keys shown actually change.

Textual's ``Footer`` recomposes a widget per key on every focus change; moving through a form
changes focus constantly, and that recompose was a large share of each step change's cost.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

#: Shown at the right end whatever else fits: leaving, saving, help, and the palette that holds
#: every action (an imported session's «Rivisto» and «Confronta» pushed Esci and Salva out at 80
#: columns).
ALWAYS = ("quit", "save", "app.help", "command_palette")


def key_text(key: str) -> str:
    """«ctrl+n» → «^N», «alt+a» → «Alt+A», «f1» → «F1», «n» → «n»: as terminal programs write keys."""
    *modifiers, name = key.split("+")
    if (modifiers and len(name) == 1) or (name[:1] == "f" and name[1:].isdigit()):
        name = name.upper()
    if modifiers == ["ctrl"]:
        return f"^{name}"
    return "+".join([*(m.capitalize() for m in modifiers), name])


class KeyBar(Static):
    """Shows ``key Description`` for each binding of the focused chain that asks to be shown.

    Only what fits the width: never a key cut in half. Esci, Salva, help and the palette (Ctrl+P)
    always show; the keys left out are in the last two.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="keybar", markup=False)
        self.shown: tuple[tuple[str, str, str], ...] = ()
        self.shown_width = 0

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def keys(self, screen: Screen) -> tuple[tuple[str, str, str], ...]:
        """(action, key, description) of each key to show, in the focused chain's order."""
        seen: dict[str, tuple[str, str, str]] = {}
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not (binding.show and enabled):
                continue
            # The Ctrl or Alt key of an action rather than its F-key, whichever the chain lists first
            # (a text area's own F6 puts the wizard's F6 ahead of its Ctrl+N).
            if binding.action not in seen or ("+" in binding.key and "+" not in seen[binding.action][1]):
                seen[binding.action] = (binding.action, binding.key, binding.description)
        seen = {action: (action, key_text(key), text) for action, (_a, key, text) in seen.items()}
        if self.app.ENABLE_COMMAND_PALETTE:  # Textual keeps its palette key out of the bindings shown
            palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Comandi")
            seen.setdefault("command_palette", ("command_palette", key_text(palette.key), "Comandi"))
        return tuple(seen.values())

    def fitting(self, keys: tuple[tuple[str, str, str], ...], width: int) -> list[tuple[str, str, str]]:
        """The keys that fit ``width`` in order, those of ``ALWAYS`` kept and put last, in its order."""
        last = sorted((k for k in keys if k[0] in ALWAYS), key=lambda k: ALWAYS.index(k[0]))
        room = width - sum(entry_width(k) for k in last)
        chosen = []
        for entry in keys:
            if entry in last:
                continue
            if entry_width(entry) <= room:
                chosen.append(entry)
                room -= entry_width(entry)
        return chosen + last

    def bindings_changed(self, screen: Screen) -> None:
        keys = self.keys(screen)
        width = self.size.width or self.app.size.width
        if (keys, width) == (self.shown, self.shown_width):
            return
        self.shown, self.shown_width = keys, width
        text = Text()
        for _action, key, description in self.fitting(keys, width):
            text.append(key, style="bold reverse")
            text.append(f" {description} ")
        self.update(text, layout=False)  # one docked line: its size never changes

    def on_resize(self, event: events.Resize) -> None:
        self.bindings_changed(self.screen)


def entry_width(entry: tuple[str, str, str]) -> int:
    _action, key, description = entry
    return len(key) + len(description) + 2
