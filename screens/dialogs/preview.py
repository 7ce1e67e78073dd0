"""The report as it will read, before it is exported."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label

from screens.dialogs.base import Dialog

#: The first part of the report shown: its opening lines, up to its first heading after them.
#: Each later part, at least this many lines, is laid out after the one before has been painted.
#: Measured (benchmarks/probe_preview.py): the example's 477 lines took 1.2 s to appear as one
#: document (Textual's Markdown makes a widget of each paragraph, list item and table cell).
FIRST_LINES = 8
PART_LINES = 100_000


def split_report(markdown: str, first_lines: int = FIRST_LINES, part_lines: int = PART_LINES) -> list[str]:
    """``markdown`` cut before headings into parts: the first at least ``first_lines`` long, the
    others at least ``part_lines``; joined, they are ``markdown``.

    A heading at the start of a line after a blank line, outside a fenced block, always begins a
    block of its own (the report escapes a «#» that starts a line of the user's text): the parts,
    rendered one under the other, read as the whole."""
    lines = markdown.splitlines(keepends=True)
    parts: list[str] = []
    start, fenced = 0, False
    for number, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        least = first_lines if not parts else part_lines
        if number - start >= least and not fenced and line.startswith("#") and not lines[number - 1].strip():
            parts.append("".join(lines[start:number]))
            start = number
    parts.append("".join(lines[start:]))
    return parts


class Preview(Dialog):
    """The report as it will read, rendered by Textual's Markdown widget: its opening at once,
    the rest part by part, each after the one before has been painted."""

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog preview")
        self.markdown = markdown
        self.parts = split_report(markdown)
        self._shown = 1  # parts composed or mounted

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # heavy imports: only when a preview is asked for

        with Vertical(classes="dialog-box"):
            yield Label("Anteprima del resoconto (Esc per chiudere)", classes="dialog-title")
            with VerticalScroll(id="preview-scroll"):
                yield Markdown(self.parts[0], open_links=False, classes="preview-part")

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()
        self.call_after_refresh(self._show_next)

    async def _show_next(self) -> None:
        """Lay out the next part under the others; the one after waits for the next paint."""
        from textual.widgets import Markdown

        if self._shown >= len(self.parts) or not self.is_attached:
            return
        part = Markdown(self.parts[self._shown], open_links=False, classes="preview-part")
        self._shown += 1
        await self.query_one("#preview-scroll").mount(part)
        self.call_after_refresh(self._show_next)

    @property
    def complete(self) -> bool:
        """Every part of the report is on screen (tests, the benchmark)."""
        return self._shown >= len(self.parts)
