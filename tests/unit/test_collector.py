"""The garbage collector during the TUI's start: off from the command until the first paint, then on."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.files.session import Session
from oivtui.tui import collector


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    collector.release(keep=False)
    gc.unfreeze()  # what a test froze goes back to the collector of the test run
    gc.enable()


def test_the_collector_is_off_while_the_app_starts_and_on_after_its_first_paint(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(example_text(), "utf-8")
    collector.hold()  # as cli.cmd_tui
    from oivtui.files.opening import lock_and_load

    lock, session = lock_and_load(path)
    assert not gc.isenabled()
    from oivtui.tui.app import OivApp

    app = OivApp(session)
    app.lock = lock

    async def first_screen() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.focused is not None  # painted, ready for input
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what the start built is kept out of the later passes

    asyncio.run(first_screen())


def test_an_open_that_fails_before_the_app_held_the_collector_and_turns_it_back_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rotta.toml"
    path.write_text('format = 1\nform = "civit-23-2013"\n[answers\n', "utf-8")
    seen: list[bool] = []
    load = storage.load

    def reading(file: Path) -> Session:
        seen.append(gc.isenabled())
        return load(file)

    monkeypatch.setattr(storage, "load", reading)
    for stream in (sys.stdin, sys.stdout):
        monkeypatch.setattr(stream, "isatty", lambda: True)
    assert cli.main(["open", str(path)]) == 2  # the file is broken: no app
    assert seen == [False]  # the file was read with the collector off, as the start goes on
    assert gc.isenabled() and gc.get_freeze_count() == 0  # back on, nothing frozen: the app never painted
