"""The key gate on its own, in small apps: keys posted together, as the terminal driver posts them."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

import screens.ordered_input as ordered_input
from screens.ordered_input import OrderedInputApp

ROOT = Path(__file__).resolve().parents[2]


def keys(text: str) -> list[events.Key]:
    out = []
    for char in text:
        if char == "\t":
            out.append(events.Key("tab", "\t"))
        else:
            out.append(events.Key("space" if char == " " else char, char))
    return out


def post_all(app: App, events_: Sequence[events.Event]) -> None:
    for event in events_:
        event.set_sender(app)
        app.post_message(event)


class ThreeInputs(OrderedInputApp[None]):
    def compose(self) -> ComposeResult:
        for name in ("a", "b", "c"):
            yield Input(id=name)


class StockThreeInputs(App[None]):
    compose = ThreeInputs.compose


async def wait_until(check, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


def values(app: App) -> list[str]:
    return [app.query_one(f"#{name}", Input).value for name in ("a", "b", "c")]


async def test_keys_posted_together_land_in_the_fields_the_tabs_lead_to() -> None:
    app = ThreeInputs()
    async with app.run_test() as pilot:
        await pilot.pause()
        post_all(app, keys("Comune A\t2026-2028\tRoma"))
        await wait_until(lambda: not app.input_in_flight and values(app)[2] == "Roma")
        await pilot.pause()
        assert values(app) == ["Comune A", "2026-2028", "Roma"]


async def test_textual_alone_misplaces_them_which_is_why_the_gate_exists() -> None:
    """Stock Textual misplaces keys posted together: if this starts passing, Textual fixed it upstream."""
    app = StockThreeInputs()
    async with app.run_test() as pilot:
        await pilot.pause()
        post_all(app, keys("Comune A\t2026-2028\tRoma"))
        await wait_until(lambda: sum(map(len, values(app))) == len("Comune A2026-2028Roma"))  # every key landed
        assert values(app) != ["Comune A", "2026-2028", "Roma"]


async def test_a_paste_between_keys_keeps_its_place() -> None:
    app = ThreeInputs()
    async with app.run_test() as pilot:
        await pilot.pause()
        post_all(app, [*keys("ab"), events.Paste("XY"), *keys("c\td")])
        await wait_until(lambda: not app.input_in_flight and values(app)[1] == "d")
        assert values(app)[:2] == ["abXYc", "d"]


class PlusMovesOn(ThreeInputs):
    """A printable key bound above the inputs (priority): it moves the focus instead of being typed."""

    BINDINGS = [Binding("plus", "app.focus_next", "Campo seguente", priority=True)]


async def test_a_printable_key_bound_to_an_action_waits_like_a_tab_and_the_next_keys_follow_it() -> None:
    app = PlusMovesOn()
    async with app.run_test() as pilot:
        await pilot.pause()
        post_all(app, [*keys("Comune A"), events.Key("plus", "+"), *keys("2026-2028"), events.Key("plus", "+")])
        post_all(app, keys("Roma"))
        await wait_until(lambda: not app.input_in_flight and values(app)[2] == "Roma")
        await pilot.pause()
        assert values(app) == ["Comune A", "2026-2028", "Roma"]


async def test_the_gate_lets_an_unbound_letter_through_at_once_and_holds_a_bound_one() -> None:
    """Which keys go on at once is the gate's one decision: a letter that only types (no binding
    can take it) need not wait for the key before it to settle; a bound one may move the focus."""
    app = PlusMovesOn()
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.query_one("#a", Input)
        assert app._gate_typed_in_place(events.Key("x", "x"), field)
        assert not app._gate_typed_in_place(events.Key("plus", "+"), field)
        assert not app._gate_typed_in_place(events.Key("tab", "\t"), field)


class Stuck(Input):
    """An input whose Tab handler never returns: it holds its queue, as a hung handler would."""

    release: asyncio.Event

    async def key_tab(self) -> None:
        await self.release.wait()


class StuckApp(OrderedInputApp[None]):
    def compose(self) -> ComposeResult:
        yield Stuck(id="a")
        yield Input(id="b")


async def test_a_handler_that_never_returns_does_not_take_the_keyboard_away(monkeypatch) -> None:
    monkeypatch.setattr(ordered_input, "MAX_SETTLE_SECONDS", 0.3)
    app = StuckApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        stuck = app.query_one(Stuck)
        stuck.release = asyncio.Event()
        try:
            post_all(app, keys("x\t"))
            await wait_until(lambda: app.query_one("#a", Input).value == "x")
            app.query_one("#b", Input).focus()  # the user clicks the other field
            # not pilot.pause(): it waits for the stuck field too
            await wait_until(lambda: app.focused is app.query_one("#b", Input))
            post_all(app, keys("z"))
            await wait_until(lambda: app.query_one("#b", Input).value == "z", 3.0)
            assert not app.input_in_flight
        finally:
            stuck.release.set()  # let the app close


async def chase_scenario() -> int:
    """The watchdog goes on while a look waits behind a stuck field; a new wait starts behind the same
    field. Once the field is free: how many looks run in half a second with no key in flight."""
    ordered_input.MAX_SETTLE_SECONDS = 0.3
    looks = 0
    look_again = OrderedInputApp._gate_look_again

    def counted(self: OrderedInputApp, *wait: int) -> None:
        nonlocal looks
        looks += 1
        look_again(self, *wait)

    OrderedInputApp._gate_look_again = counted  # type: ignore[method-assign, assignment]
    app = StuckApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        stuck = app.query_one(Stuck)
        stuck.release = asyncio.Event()
        post_all(app, keys("x\t"))
        await wait_until(lambda: app.query_one("#a", Input).value == "x")
        await asyncio.sleep(0.4)  # the watchdog gives up on the first Tab
        post_all(app, keys("\t"))  # waits behind the stuck field too, after the old look
        await asyncio.sleep(0.1)
        stuck.release.set()
        await wait_until(lambda: not app.input_in_flight, 3.0)
        await asyncio.sleep(0.2)
        before = looks
        await asyncio.sleep(0.5)
        return looks - before


def test_a_wait_given_up_on_ends_its_looks_instead_of_chasing_the_next_one() -> None:
    """Two chains of looks chasing each other's callbacks kept the app busy for ever (the preview
    test hung in CI): a pump whose queue never empties never yields, so no asyncio timeout could
    stop it. Hence a process of its own, with a timeout."""
    code = "import asyncio, tests.tui.test_key_gate as t; print('looks', asyncio.run(t.chase_scenario()))"
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20, cwd=ROOT)
    except subprocess.TimeoutExpired:
        raise AssertionError("the app never went quiet once the stuck field was free") from None
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-2:] == ["looks", "0"], done.stdout
