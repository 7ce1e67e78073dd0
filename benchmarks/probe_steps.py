"""Step changes timed inside the app: ``probe_steps.py FILE PASSES`` prints one JSON line.

Pilot's ``press()`` waits for idle and for animations, which adds tens of milliseconds of its
own; here the key is posted to the app as the driver posts it, and two clocks run:

- ``seconds``: key to the first compositor paint that shows the next step, i.e. a paint made
  once ``app.session.position.step`` is the new step and that step's view has been laid out
  on screen. This is the step change the user waits for.
- ``quiet``: key to the moment the screen has nothing left to paint: the paint above plus
  whatever follows it on its own (the status line saying the autosave that a step change
  triggers, written after the step is painted so that the write never delays it).

With ``--back-to-back`` the fresh app first goes through every step with the keys pressed back
to back (as when F6 is held down): whatever the app builds on first use is built then; those
times are reported on their own. The measured passes follow, waiting between two keys as a
reader would (``READING``, then until nothing has been mounted for ``SETTLE``), so work the app
does ahead of time while the user reads counts as ahead of time.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from probe_start import Paints, session_app, shown_step, until_painted
from textual import events
from textual.message import Message

READING = 0.8
SETTLE = 0.2
NEXT_KEY = "f6"
STEP_LIMIT = 10.0


class MountWatch:
    """Remembers when the app last mounted a widget (a ``message_hook`` for ``run_test``)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def __call__(self, message: Message) -> None:
        if isinstance(message, events.Mount):
            self.last = time.perf_counter()

    async def settle(self, reading: float, limit: float = 30.0) -> None:
        """Wait ``reading`` seconds, then until no widget has been mounted for ``SETTLE``."""
        await asyncio.sleep(reading)
        deadline = time.perf_counter() + limit
        while time.perf_counter() - self.last < SETTLE and time.perf_counter() < deadline:
            await asyncio.sleep(SETTLE / 4)


async def next_step(app: Any, paints: Paints, target: str) -> tuple[float, float]:
    """Post the key, wait until ``target`` is shown and the screen is quiet.

    Returns the seconds to the first paint showing ``target`` and the seconds to the quiet screen.
    """
    key = events.Key(NEXT_KEY, None)
    key.set_sender(app)

    def shown_now() -> bool:
        return app.session.position.step == target and shown_step(app) == target

    paints.expect(shown_now)
    start = time.perf_counter()
    app.post_message(key)
    painted = await until_painted(app, shown_now, paints, STEP_LIMIT)
    quiet = (painted if painted > start else time.perf_counter()) - start
    shown = paints.first - start if paints.first > start else quiet
    paints.expect(None)
    return shown, quiet


async def to_first_step(app: Any, paints: Paints, watch: MountWatch, reading: float) -> list[str]:
    ids: list[str] = list(app.step_ids)
    jump = app.goto(ids[0])
    if inspect.isawaitable(jump):
        await jump
    await until_painted(app, lambda: shown_step(app) == ids[0], paints)
    if reading:
        await watch.settle(reading)
    return ids


async def one_pass(app: Any, paints: Paints, watch: MountWatch, reading: float) -> list[tuple[float, float]]:
    ids = await to_first_step(app, paints, watch, reading)
    times = []
    for target in ids[1:]:
        times.append(await next_step(app, paints, target))
        if reading:
            await watch.settle(reading)
    return times


async def main(path: Path, passes: int, back_to_back: bool) -> None:
    watch = MountWatch()
    app = session_app(path)
    paints = Paints(app)
    async with app.run_test(size=(80, 24), message_hook=watch):
        await until_painted(app, lambda: shown_step(app) == app.session.position.step, paints)
        held = await one_pass(app, paints, watch, 0) if back_to_back else []
        read = [t for _ in range(passes) for t in await one_pass(app, paints, watch, READING)]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            json.dumps(
                {
                    "seconds": [shown for shown, _ in read],
                    "quiet": [quiet for _, quiet in read],
                    "back_to_back": [shown for shown, _ in held],
                    "maxrss_kb": rss,
                }
            ),
            flush=True,
        )
        os._exit(0)  # the teardown is not measured


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), "--back-to-back" in sys.argv))
