"""``TypedAhead.push_screen`` wraps every dialog's callback: it must keep Textual's contract (a
callback, plain or a coroutine, is called with the result; ``wait_for_dismiss`` returns it), and the
text typed ahead goes back only once the callback has run (a reload replaces the session first)."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from oivtui.tui.typedahead import TypedAhead


class Ask(ModalScreen[str]):
    def compose(self) -> ComposeResult:
        yield Static("?")


class Host(TypedAhead, App[None]):
    """Textual's App with the override, and nothing else of oivtui's."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def put_typed_ahead_back(self, closing: bool = False) -> None:
        self.events.append("put back")


def host() -> Host:
    return Host()  # type: ignore[abstract]  # mypy sees the mixin's AppHost; at run time it is object


@pytest.mark.parametrize("kind", ["plain", "coroutine"])
async def test_a_dialogs_callback_is_called_with_its_result_then_the_text_goes_back(kind: str) -> None:
    app = host()

    def plain(result: str | None) -> None:
        app.events.append(f"plain {result}")

    async def coroutine(result: str | None) -> None:
        await asyncio.sleep(0)  # a real await: the text must still wait for the end of it
        app.events.append(f"coroutine {result}")

    async with app.run_test() as pilot:
        screen = Ask()
        await app.push_screen(screen, plain if kind == "plain" else coroutine)
        screen.dismiss("sì")
        await pilot.pause(0.1)
        assert app.events == [f"{kind} sì", "put back"]


async def test_a_dialog_without_a_callback_still_puts_the_text_back() -> None:
    app = host()
    async with app.run_test() as pilot:
        screen = Ask()
        await app.push_screen(screen)
        screen.dismiss("no")
        await pilot.pause(0.1)
        assert app.events == ["put back"]


async def test_wait_for_dismiss_returns_the_result_from_a_worker() -> None:
    app = host()
    got: list[str | None] = []

    async def ask() -> None:
        got.append(await app.push_screen(Ask(), wait_for_dismiss=True))

    async with app.run_test() as pilot:
        worker = app.run_worker(ask())
        await pilot.pause(0.1)
        assert isinstance(app.screen, Ask)
        app.screen.dismiss("forse")
        await worker.wait()
        assert got == ["forse"]
        await pilot.pause(0.1)
        assert app.events == ["put back"]


async def test_a_screen_that_is_not_a_dialog_keeps_its_callback_unwrapped() -> None:
    app = host()
    from textual.screen import Screen

    class Page(Screen[str]):
        def compose(self) -> ComposeResult:
            yield Static("pagina")

    async with app.run_test() as pilot:
        page = Page()
        await app.push_screen(page, lambda result: app.events.append(f"page {result}"))
        page.dismiss("fine")
        await pilot.pause(0.1)
        assert app.events == ["page fine"]
