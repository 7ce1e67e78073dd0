"""Text whose wrapped lines keep their indent: the keys of the help, each description in its column."""

from __future__ import annotations

import re
import textwrap

from textual.geometry import Size
from textual.widgets import Static

#: A line of keys: its indent, the keys (one space apart, or two: «Ctrl+N  F6»), then the last gap of
#: two spaces or more before the description.
KEY_COLUMN = re.compile(r"^(\s+\S.*\s{2,})\S")


def hanging_indent(line: str) -> str:
    """The indent a wrapped part of ``line`` takes: the description's column on a line of keys
    («  Ctrl+N  F6   passo successivo»), else the line's own indent."""
    keys = KEY_COLUMN.match(line)
    width = len(keys.group(1)) if keys else len(line) - len(line.lstrip(" "))
    return " " * width


def logical_lines(text: str) -> list[str]:
    """The lines of ``text``, a line already wrapped by hand under the previous one's description
    joined to it (it is wrapped again at the width there is)."""
    lines: list[str] = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if lines and indent and line.strip() and indent == len(hanging_indent(lines[-1])) and lines[-1].strip():
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return lines


def wrap_hanging(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` columns, each wrapped part under the start of its line's text."""
    if width <= 0:
        return text
    lines: list[str] = []
    for line in logical_lines(text):
        indent = hanging_indent(line)
        if len(line) <= width or len(indent) >= width // 2:
            lines.append(line)
            continue
        lines.extend(
            textwrap.wrap(line, width, subsequent_indent=indent, drop_whitespace=True, break_on_hyphens=False) or [""]
        )
    return "\n".join(lines)


class HangingText(Static):
    """A ``Static`` of plain text wrapped by ``wrap_hanging`` at its own width (Textual's wrap goes
    back to column 0, so at 80 columns a key's description ran under the keys)."""

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self.source = text

    def render(self) -> str:
        return wrap_hanging(self.source, self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return wrap_hanging(self.source, width).count("\n") + 1

    def on_resize(self) -> None:
        self.refresh(layout=True)
