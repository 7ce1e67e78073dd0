"""The command palette's providers, imported lazily: textual.command is not light, and most
sessions never open the palette (the providers themselves are in oivtui/tui/commands.py)."""

from __future__ import annotations


def actions_provider() -> type:
    """The palette's commands for every action (Italian names), imported when the palette first opens."""
    from oivtui.tui.commands import Actions

    return Actions


def goto_provider() -> type:
    """The «Vai a …» palette provider, imported when the palette first opens (textual.command is not light)."""
    from oivtui.tui.commands import GotoStep

    return GotoStep
