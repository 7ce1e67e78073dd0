"""One headless start, in a fresh process: prints when the first screen was ready for input.

``probe_start.py minimal`` starts a bare Textual app (Header, one Input, Footer);
``probe_start.py session FILE`` opens FILE as ``oivtui open FILE`` does;
``probe_start.py start FOLDER`` shows the start screen listing the sessions in FOLDER;
``probe_start.py sorted FOLDER`` the same, ready once every session is read and the list sorted by
urgency (a revision whose start screen does not sort is ready at its first paint, as with ``start``).

It prints one JSON line: ``ready``, the ``time.perf_counter()`` reading (CLOCK_MONOTONIC, the
same clock as the parent's) when the screen was painted and had focus, and ``maxrss_kb``.
The parent subtracts the reading it took just before starting this process.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

POLL = 0.001


def minimal_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Input

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Input(placeholder="Amministrazione")
            yield Footer()

    return Minimal()


def hold_collector() -> None:
    """What ``cli.cmd_tui`` does first: the garbage collector off until the first paint (a revision
    older than oivtui/tui/collector.py has nothing to hold)."""
    try:
        from oivtui.tui import collector
    except ImportError:
        return
    collector.hold()


def session_app(path: Path) -> Any:
    """What ``oivtui open FILE`` builds: ``cli.cmd_tui`` locks and reads the file once (a broken
    file fails there, before the screen is taken over), ``launch.run_app`` hands both to the app.
    ``cmd_tui`` holds the garbage collector off first, until the first paint (oivtui/tui/collector.py)."""
    hold_collector()
    from oivtui.files.opening import lock_and_load

    lock, session = lock_and_load(path)
    from oivtui.tui.app import OivApp  # run_app imports Textual only once the session is known to be usable

    app = OivApp(session)
    app.lock = lock
    return app


def start_app(folder: Path) -> Any:
    hold_collector()
    from oivtui.tui.app import OivApp

    return OivApp(None, folder=folder)


def shown_step(app: Any) -> str:
    """The id of the wizard step on screen: the screen's own, or that of the view it shows."""
    screen = app.screen
    step_id = getattr(screen, "step_id", "")
    if step_id:
        return step_id
    current = getattr(screen, "current", None)  # a screen switching between step views
    return getattr(current, "step_id", "") if current is not None and current.region.area else ""


def ready_check(kind: str, app: Any) -> Callable[[], bool]:
    if kind == "session":
        return lambda: app.focused is not None and shown_step(app) == app.session.position.step
    if kind == "start":
        return lambda: app.screen.id == "start" and app.focused is not None
    if kind == "sorted":
        return lambda: app.screen.id == "start" and app.focused is not None and every_row_read(app.screen)
    return lambda: app.focused is not None


def every_row_read(screen: Any) -> bool:
    """Every session's row read and in its place (no file still being read in the background)."""
    if getattr(screen, "reading", False):
        return False
    summaries = getattr(screen, "summaries", None)
    entries = getattr(screen, "entries", [])
    return summaries is None or all(e.copy_of or e.path in summaries for e in entries)


class Paints:
    """When the app last painted: wraps ``App._display``, which the compositor calls with each
    rendered update, headless too (the headless driver only skips writing it out).

    ``expect(check)`` also notes, in ``first``, when the first paint after which ``check()`` holds ended.
    """

    def __init__(self, app: Any) -> None:
        self.last = 0.0
        self.first = 0.0
        self.check: Callable[[], bool] | None = None
        original = app._display

        def display(*args: Any, **kwargs: Any) -> Any:
            self.last = time.perf_counter()
            result = original(*args, **kwargs)
            if self.check is not None and not self.first and self.check():
                self.first = time.perf_counter()
            return result

        app._display = display

    def expect(self, check: Callable[[], bool] | None) -> None:
        self.check, self.first = check, 0.0


async def until_painted(app: Any, ready: Callable[[], bool], paints: Paints, limit: float = 60.0) -> float:
    """Poll for ``ready``, wait for the screen's next refresh; when that refresh was painted."""
    from textual.app import ScreenStackError
    from textual.css.query import NoMatches

    deadline = time.perf_counter() + limit
    while True:
        try:
            if ready():
                break
        except (NoMatches, ScreenStackError):
            pass  # the app is still composing what the check looks at
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen never got ready")
        await asyncio.sleep(POLL)
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)
    await painted.wait()
    # Work the app queued after the paint (an autosave, say) ran before this callback: not counted.
    return paints.last or time.perf_counter()


async def main(kind: str, arg: str) -> None:
    builders = {
        "minimal": lambda: minimal_app(),
        "session": lambda: session_app(Path(arg)),
        "start": lambda: start_app(Path(arg)),
        "sorted": lambda: start_app(Path(arg)),
    }
    app = builders[kind]()
    paints = Paints(app)
    async with app.run_test(size=(80, 24)):
        # Reading 1,000 files the first time (``sorted`` with nothing kept) takes a minute on a busy machine.
        ready = await until_painted(app, ready_check(kind, app), paints, limit=600.0 if kind == "sorted" else 60.0)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"ready": ready, "maxrss_kb": rss}), flush=True)
        os._exit(0)  # measured: the teardown is no part of the start


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""))
