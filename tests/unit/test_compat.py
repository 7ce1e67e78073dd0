"""Each private Textual name in screens/compat.py still means what it meant when it was chosen."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Static

from screens.compat import has_pending_messages


class Slow(Message):
    """Handled slowly, so that others queue up behind it."""


class Probe(Static):
    def __init__(self) -> None:
        super().__init__()
        self.handled = 0
        self.release = asyncio.Event()

    async def on_slow(self, message: Slow) -> None:
        await self.release.wait()
        self.handled += 1


class ProbeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Probe()


async def test_a_message_queued_behind_a_busy_handler_is_pending_until_handled() -> None:
    app = ProbeApp()
    async with app.run_test() as pilot:
        probe = app.query_one(Probe)
        await pilot.pause()
        assert not has_pending_messages(probe)
        probe.post_message(Slow())
        probe.post_message(Slow())
        await asyncio.sleep(0.05)  # the first is being handled, the second waits in the queue
        assert has_pending_messages(probe)
        probe.release.set()
        for _ in range(100):
            if probe.handled == 2:
                break
            await asyncio.sleep(0.01)
        assert probe.handled == 2
        assert not has_pending_messages(probe)


async def test_a_message_posted_from_a_callback_is_pending_for_the_app() -> None:
    app = ProbeApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        seen: list[bool] = []

        def look() -> None:
            app.call_later(lambda: None)
            seen.append(has_pending_messages(app))

        app.call_later(look)
        await pilot.pause()
        assert seen == [True]
        assert not has_pending_messages(app)
