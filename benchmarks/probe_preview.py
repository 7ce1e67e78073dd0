"""The preview (Alt+A) timed inside the app: ``probe_preview.py FILE ROUNDS`` prints one JSON line.

The app opens FILE as ``oivtui open FILE`` does; once its first step is painted and the screen
has settled, Alt+A is posted as the driver posts a key, and the clock stops at the first
compositor paint that shows the preview with the report's text on it (its first lines laid out
on screen). Esc closes it, the screen settles, and it starts again: ``first`` is the first
preview of the process (what a user waits for the first time), ``again`` the ones after it.

The baseline, in the same rounds and alternating with it: the help (Ctrl+G, a dialog of plain
text, the lightest the app has), key to the first paint that shows it: ``help``.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from probe_start import Paints, session_app, shown_step, until_painted
from probe_steps import MountWatch
from textual import events

LIMIT = 20.0
SETTLE = 0.5


def preview_shown(app: Any) -> bool:
    """The preview is the screen, and the report's first words are laid out on it."""
    screen = app.screen
    if type(screen).__name__ != "Preview":
        return False
    from textual.widgets import Markdown

    document = screen.query(Markdown)
    if not document:
        return False
    blocks = document.first().children
    return bool(blocks) and blocks[0].region.area > 0


async def post_key(app: Any, name: str) -> None:
    key = events.Key(name, None)
    key.set_sender(app)
    app.post_message(key)


def help_shown(app: Any) -> bool:
    return type(app.screen).__name__ == "Notice" and app.screen.query(".dialog-text").first().region.area > 0


async def one_dialog(
    app: Any, paints: Paints, key: str, shown_now: Callable[[], bool], watch: MountWatch
) -> tuple[float, float]:
    """Seconds from ``key`` posted to the first paint after which ``shown_now()``, and to the paint
    after which the dialog is complete (the preview: every part of the report); then Esc closes it."""
    paints.expect(shown_now)
    start = time.perf_counter()
    await post_key(app, key)
    painted = await until_painted(app, shown_now, paints, LIMIT)
    shown = paints.first if paints.first > start else painted
    paints.expect(None)
    whole = await until_painted(app, lambda: getattr(app.screen, "complete", True), paints, LIMIT)
    await watch.settle(SETTLE)
    await post_key(app, "escape")
    await until_painted(app, lambda: not shown_now(), paints, LIMIT)
    await watch.settle(SETTLE)
    return shown - start, whole - start


async def main(path: Path, rounds: int) -> None:
    watch = MountWatch()
    app = session_app(path)
    paints = Paints(app)
    times: dict[str, list[tuple[float, float]]] = {"preview": [], "help": []}
    async with app.run_test(size=(80, 24), message_hook=watch):
        await until_painted(app, lambda: shown_step(app) == app.session.position.step, paints)
        await watch.settle(SETTLE)
        pair = [("preview", "alt+a", lambda: preview_shown(app)), ("help", "ctrl+g", lambda: help_shown(app))]
        for n in range(rounds):
            for name, key, shown_now in pair if n % 2 == 0 else reversed(pair):
                times[name].append(await one_dialog(app, paints, key, shown_now, watch))
        preview = times["preview"]
        result = {
            "first": preview[0][0],
            "again": [shown for shown, _ in preview[1:]],
            "whole": [whole for _, whole in preview[1:]],
            "help": [shown for shown, _ in times["help"]],
        }
        print(json.dumps(result), flush=True)
        os._exit(0)  # the teardown is not measured


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
