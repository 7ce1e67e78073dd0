"""Text shortened to a width with «…»: at the end (a name), or in the middle (a file name)."""

from __future__ import annotations


def shorten_middle(text: str, width: int) -> str:
    """``text`` in ``width`` cells, its middle replaced by «…»: the start and the end (where a
    file name's date and number are) stay, so two names that differ stay different."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    tail = width // 2
    return text[: width - 1 - tail] + "…" + text[len(text) - tail :]


def shorten_end(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
