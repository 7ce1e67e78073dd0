"""Terminals that go away: SIGHUP, SIGTERM, a pty closed with no signal, bytes that are not UTF-8.

tests/tui/test_signals.py checks each case once; here each is repeated (``OIVTUI_FAULT_RUNS``
scales the count), timed against its limit, and measured for CPU: an app that spins on a dead
terminal burns a core until somebody kills it. The driver's own guards are also tested in-process.
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import threading
import time
import tomllib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual import events

from oivtui.files import storage
from oivtui.files.lock import lock_path
from oivtui.tui.terminal import InvalidInput, SafeLinuxDriver, TerminalLost, _TolerantOutput
from screens.compat import driver_output
from tests.reliability.faults import FaultApp, scaled, screen_text
from tests.tui.helpers import wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

READY = b"Amministrazione"
F1 = b"\x1bOP"
#: An idle app (cursor blink, clock) stays far below this share of one core.
IDLE_CPU_SHARE = 0.2
#: CPU the save-and-exit itself may use; a spinning app uses a whole core until the deadline.
SHUTDOWN_CPU = 1.0


def started(path: Path, command: str = "new") -> FaultApp:
    app = FaultApp(command, str(path))
    assert app.wait_for(READY, 30), screen_text(app.output)[-500:]
    app.read(0.3)
    return app


def on_screen(app: FaultApp, text: str, since: int, seconds: float = 3.0) -> bool:
    """Wait until ``text`` shows in what the app drew after offset ``since``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if text in screen_text(app.output[since:]):
            return True
        app.read(0.01)
    return False


def administration(path: Path) -> object:
    return tomllib.loads(path.read_text("utf-8")).get("header", {}).get("administration")


def sighup_twice(app: FaultApp) -> None:
    app.signal(signal.SIGHUP)
    app.signal(signal.SIGHUP)


TRIGGERS: dict[str, tuple[Callable[[FaultApp], None], float]] = {
    "SIGHUP": (lambda app: app.signal(signal.SIGHUP), 2.0),
    "SIGTERM": (lambda app: app.signal(signal.SIGTERM), 2.0),
    "SIGHUP twice": (sighup_twice, 2.0),
    "pty closed, no signal": (lambda app: app.close_master(), 5.0),
}


@pytest.mark.parametrize("how", list(TRIGGERS))
def test_dropped_terminal_saves_and_exits_in_time_without_spinning(tmp_path: Path, how: str) -> None:
    trigger, limit = TRIGGERS[how]
    slowest = most_cpu = 0.0
    count = scaled(2, 0.1)
    for run in range(count):
        path = tmp_path / f"s{run}.toml"
        app = started(path)
        try:
            if run == 0:
                before = app.cpu()
                app.read(1.5)
                assert app.cpu() - before < 1.5 * IDLE_CPU_SHARE, "the idle app uses the CPU"
            typed = f"Comune {run} di Prova"
            mark = len(app.output)
            app.type(typed, delay=0.01)
            assert on_screen(app, typed, mark), "the typed text never showed"
            if run % 2:
                app.key(F1)  # a dialog is open when the terminal goes
            cpu_before, began = app.cpu(), time.monotonic()
            trigger(app)  # at once: the autosave delay has not passed yet
            code, cpu_total = app.wait_exit_cpu(limit + 5)
            took = time.monotonic() - began
            assert code is not None, f"{how}: the app did not exit"
            assert took < limit, f"{how}: exit took {took:.2f}s"
            assert cpu_total - cpu_before < SHUTDOWN_CPU, f"{how}: {cpu_total - cpu_before:.2f}s of CPU"
            assert administration(path) == typed
            assert not lock_path(path).exists() and not storage.leftover_temps(path)
            slowest, most_cpu = max(slowest, took), max(most_cpu, cpu_total - cpu_before)
        finally:
            app.close()
    print(f"\n{how}: {count} runs, slowest exit {slowest:.2f}s, most CPU while exiting {most_cpu:.2f}s")


#: Bytes a broken terminal or link may send, each followed by a key that must still arrive.
INVALID = {
    "0xff": b"\xff",
    "0xfe 0xfe": b"\xfe\xfe",
    "lone continuation": b"\x80",
    "overlong slash": b"\xc0\xaf",
    "surrogate": b"\xed\xa0\x80",
    "beyond U+10FFFF": b"\xf4\x90\x80\x80",
    "five-byte form": b"\xf8\x88\x80\x80\x80",
    "cut multibyte": b"\xe2\x82",
    "latin-1 è": b"\xe8",
    "inside a paste": b"\x1b[200~x\xffy\x1b[201~",
}


@pytest.mark.parametrize("run", range(scaled(1, 0.05)))
def test_invalid_utf8_never_kills_the_app_and_every_key_after_it_arrives(tmp_path: Path, run: int) -> None:
    path = tmp_path / "s.toml"
    app = started(path)
    try:
        expected = ""
        for number, (name, data) in enumerate(INVALID.items()):
            os.write(app.master, data)
            app.read(0.15)
            marker = chr(ord("A") + number)
            app.type(marker, delay=0.05)
            expected += ("xy" if name == "inside a paste" else "") + marker
            assert app.proc.poll() is None, f"{name} killed the app"
        app.read(1.0)
        assert administration(path) == expected
        os.write(app.master, b"\xe2\x82")  # half a character, then the terminal goes away
        app.close_master()
        code, _cpu = app.wait_exit_cpu(5)
        assert code is not None
        assert administration(path) == expected
    finally:
        app.close()


# ---------------------------------------------------------------- the driver, in-process


class FakeApp:
    """What the driver's threads talk to: every message they post, in order."""

    def __init__(self) -> None:
        self.messages: list[object] = []

    def post_message(self, message: object) -> bool:
        self.messages.append(message)
        return True

    async def _post_message(self, message: object) -> bool:
        return self.post_message(message)


@pytest.fixture
async def driver() -> AsyncIterator[SafeLinuxDriver]:
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    app = FakeApp()
    made = SafeLinuxDriver(app)  # type: ignore[arg-type]
    made.posted = app.messages  # type: ignore[attr-defined]
    yield made
    for sig, handler in saved.items():
        signal.signal(sig, handler)


async def feed(driver: SafeLinuxDriver, data: bytes, close: bool = True) -> list[object]:
    """Run the input thread on a pipe holding ``data``; end of file when ``close``."""
    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    os.write(write_end, data)
    if close:
        os.close(write_end)
    for _ in range(100 if close else 15):  # without end of file there is nothing to wait for
        await asyncio.sleep(0.02)
        if any(isinstance(m, TerminalLost) for m in driver.posted):  # type: ignore[attr-defined]  # the fixture's
            break
    driver.exit_event.set()
    thread.join(2)
    os.close(read_end)
    if not close:
        os.close(write_end)
    assert not thread.is_alive(), "the input thread did not stop"
    return driver.posted  # type: ignore[attr-defined]


def keys(messages: list[object]) -> str:
    return "".join(m.character or "" for m in messages if isinstance(m, events.Key))


async def test_end_of_file_on_stdin_tells_the_app_once_and_stops_reading(driver: SafeLinuxDriver) -> None:
    messages = await feed(driver, b"abc")
    assert keys(messages) == "abc"
    assert [type(m) for m in messages if isinstance(m, TerminalLost)] == [TerminalLost]


async def test_invalid_bytes_are_dropped_and_said_once_per_read(driver: SafeLinuxDriver) -> None:
    messages = await feed(driver, b"a\xffb\xc0\xafc", close=False)
    assert keys(messages) == "abc"
    assert sum(isinstance(m, InvalidInput) for m in messages) == 1
    assert not any(isinstance(m, TerminalLost) for m in messages)


async def test_a_character_split_across_reads_is_not_invalid(driver: SafeLinuxDriver) -> None:
    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    os.write(write_end, "è".encode()[:1])
    await asyncio.sleep(0.2)  # not a wait for something: the two halves must come in two reads
    os.write(write_end, "è".encode()[1:])
    await wait_until(lambda: keys(driver._app.messages), what="the key read")  # type: ignore[attr-defined]
    driver.exit_event.set()
    thread.join(2)
    os.close(read_end)
    os.close(write_end)
    assert keys(driver.posted) == "è"  # type: ignore[attr-defined]
    assert not any(isinstance(m, InvalidInput) for m in driver.posted)  # type: ignore[attr-defined]


class DeadTerminal:
    """An output stream whose terminal is gone: every write and flush fails with EIO."""

    def __init__(self) -> None:
        self.calls = 0

    def write(self, _text: str) -> int:
        self.calls += 1
        raise OSError(errno.EIO, "Input/output error")

    flush = write  # type: ignore[assignment]

    def fileno(self) -> int:
        return 2

    def isatty(self) -> bool:
        return True


def test_output_to_a_dead_terminal_is_dropped_and_reported_once() -> None:
    lost: list[str] = []
    dead = DeadTerminal()
    out = _TolerantOutput(dead, lost.append)  # type: ignore[arg-type]
    for _ in range(100):  # Textual's writer thread would die on the first one, and the app block
        out.write("\x1b[2J")
        out.flush()
    assert out.broken
    assert dead.calls == 1
    assert lost == ["il terminale è stato chiuso o non risponde più"]


async def test_the_driver_writes_through_the_tolerant_stream(driver: SafeLinuxDriver) -> None:
    assert isinstance(driver_output(driver), _TolerantOutput)


async def test_each_key_is_tagged_with_the_read_it_came_in(driver: SafeLinuxDriver) -> None:
    """``read_of``: «Ancona⏎sede» written at once is one read; «Roma» written later, another."""
    from oivtui.tui.terminal import read_of

    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    os.write(write_end, b"Ancona\rsede")
    await asyncio.sleep(0.3)
    os.write(write_end, b"Roma")
    os.close(write_end)
    for _ in range(100):
        await asyncio.sleep(0.02)
        if any(isinstance(m, TerminalLost) for m in driver.posted):  # type: ignore[attr-defined]  # the fixture's
            break
    driver.exit_event.set()
    thread.join(2)
    os.close(read_end)
    typed = [m for m in driver.posted if isinstance(m, events.Key)]  # type: ignore[attr-defined]
    assert "".join(m.character or "" for m in typed) == "Ancona\rsedeRoma"
    first, second = {read_of(m) for m in typed[:11]}, {read_of(m) for m in typed[11:]}
    assert len(first) == 1 and len(second) == 1 and None not in first | second and first != second
