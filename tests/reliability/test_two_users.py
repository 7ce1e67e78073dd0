"""Two people, one session file: the second is told who has it and may read; a dead holder's lock
is taken over; the lock itself never lets two writers in, however the processes interleave.

``OIVTUI_FAULT_RUNS`` scales the lock races (default 150 holds per process).
"""

from __future__ import annotations

import datetime as dt
import getpass
import multiprocessing
import os
import socket
import time
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.lock import LockedError, SessionLock, lock_path, read_holder
from tests.reliability.faults import FaultApp, scaled, screen_text
from tests.tui.helpers import session_of, wait_for

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals and flock are POSIX")

READY = b"Amministrazione"
ENTER = b"\r"


def opened(path: Path) -> FaultApp:
    app = FaultApp("open", str(path), cols=110, rows=30)
    assert app.wait_for(READY, 30) or b"gi\xc3\xa0 aperto" in app.output, screen_text(app.output)[-400:]
    app.read(0.3)
    return app


def administration(path: Path) -> object:
    return storage.load(path).answers.get("header/administration")


def typed_and_saved(app: FaultApp, path: Path, text: str) -> None:
    app.key(b"\x01\x0b")  # clear the field
    app.type(text, delay=0.02)
    deadline = time.monotonic() + 3
    while administration(path) != text and time.monotonic() < deadline:
        app.read(0.1)
    assert administration(path) == text


def test_the_second_user_is_told_who_holds_the_session_and_may_read_it(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    storage.save(example_session(), path)
    first = opened(path)
    second = third = None
    try:
        typed_and_saved(first, path, "Comune di Prima")
        second = FaultApp("open", str(path), cols=110, rows=30)
        assert second.wait_for("già aperto".encode(), 30), screen_text(second.output)[-400:]
        second.read(0.5)
        shown = " ".join(screen_text(second.output).split())
        for detail in (getpass.getuser(), socket.gethostname(), str(first.proc.pid), f"{dt.date.today():%d/%m/%Y}"):
            assert detail in shown, f"the dialog does not say {detail!r}"
        assert "Apri in sola lettura" in shown
        second.key(ENTER)  # the first button: read-only
        assert second.wait_for(b"SOLA LETTURA", 10)
        before = path.read_bytes()
        second.key(b"\x01\x0b")
        second.type("scritto dal secondo", delay=0.02)
        second.read(1.0)
        assert path.read_bytes() == before  # the reader never writes
        typed_and_saved(first, path, "Comune di Prima, ancora")  # the holder goes on saving

        first.kill9()  # the holder dies: its lock file stays, its flock is gone
        assert read_holder(path).pid == first.proc.pid  # type: ignore[union-attr]
        third = opened(path)
        assert "già aperto" not in screen_text(third.output)
        assert read_holder(path).pid == third.proc.pid  # type: ignore[union-attr]
        typed_and_saved(third, path, "Comune di Terza")

        second.key(b"\x11")  # the reader quits: the writer's lock must stay
        assert second.wait_exit_cpu(5)[0] is not None
        assert read_holder(path).pid == third.proc.pid  # type: ignore[union-attr]
        third.key(b"\x11")
        assert third.wait_exit_cpu(5)[0] == 0
        assert not lock_path(path).exists()
        assert administration(path) == "Comune di Terza"
    finally:
        for app in (first, second, third):
            if app is not None:
                app.close()


# ---------------------------------------------------------------- the lock alone, many processes


def _grab(path: str, start: float, result: multiprocessing.Queue) -> None:
    while time.time() < start:
        time.sleep(0.001)
    try:
        lock = SessionLock(Path(path)).acquire()
    except LockedError as exc:
        result.put(("locked", exc.holder.pid if exc.holder else None))
        return
    result.put(("holder", os.getpid()))
    time.sleep(1.0)
    lock.release()


def test_of_many_processes_starting_at_once_exactly_one_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    context = multiprocessing.get_context("fork")
    result = context.Queue()
    start = time.time() + 0.5
    procs = [context.Process(target=_grab, args=(str(path), start, result)) for _ in range(8)]
    for proc in procs:
        proc.start()
    outcomes = [result.get(timeout=20) for _ in procs]
    for proc in procs:
        proc.join(10)
    holders = [pid for kind, pid in outcomes if kind == "holder"]
    assert len(holders) == 1
    told = [pid for kind, pid in outcomes if kind == "locked"]
    assert told == [holders[0]] * 7, "every other process is told who holds the session"


def _churn(path: str, log: str, rounds: int) -> None:
    """Take and release the lock in a tight loop, logging when this process holds it."""
    held, deadline = 0, time.monotonic() + 5 + rounds / 50
    while held < rounds and time.monotonic() < deadline:
        try:
            lock = SessionLock(Path(path)).acquire()
        except LockedError:
            continue
        held += 1
        with open(log, "a") as out:
            out.write(f"+{os.getpid()}\n")
            out.flush()
            time.sleep(0.0005)
            out.write(f"-{os.getpid()}\n")
        lock.release()


def test_taking_and_releasing_in_a_tight_loop_never_lets_two_in(tmp_path: Path) -> None:
    """release() removes the lock file: a process that opened the old file must not lock it too."""
    path, log = tmp_path / "s.toml", tmp_path / "log"
    rounds = scaled(150, 3)
    context = multiprocessing.get_context("fork")
    procs = [context.Process(target=_churn, args=(str(path), str(log), rounds)) for _ in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    entries = log.read_text().split()
    inside = 0
    for entry in entries:
        inside += 1 if entry.startswith("+") else -1
        assert inside in (0, 1), "two processes held the lock at once"
    assert len(entries) >= 2 * 3 * rounds  # every process held it ``rounds`` times


# ---------------------------------------------------------------- read before the lock, saved after


async def test_a_session_read_before_the_lock_never_overwrites_what_the_holder_saved_meanwhile(
    tmp_path: Path,
) -> None:
    """B reads the file while A holds it; A saves and quits; B takes the lock: B must not write
    back what it read before A's last save (``oivtui open`` reads, then locks)."""
    from oivtui.tui.app import OivApp

    path = tmp_path / "s.toml"
    session = example_session()
    storage.save(session, path)
    holder = SessionLock(path).acquire()  # A
    stale = storage.load(path)  # B reads
    session.answers.set("header/administration", "Salvato da A all'uscita")
    storage.save(session, path)  # A's last save…
    holder.release()  # …and A is gone
    app = OivApp(stale)
    async with app.run_test(size=(100, 30)) as pilot:
        # Once it holds the lock the app reads the file again: B sees A's last save.
        await wait_for(pilot, lambda: app.lock is not None and app.wizard is not None, what="the session open")
        assert session_of(app).answers.get("header/administration") == "Salvato da A all'uscita"
        assert not app.save_status.startswith("✗")
        await pilot.press("ctrl+q")
    assert storage.load(path).answers.get("header/administration") == "Salvato da A all'uscita"


async def test_a_file_edited_by_hand_while_open_is_not_overwritten(tmp_path: Path) -> None:
    from oivtui.tui.app import OivApp

    path = tmp_path / "s.toml"
    storage.save(example_session(), path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.lock is not None and app.wizard is not None, what="the session open")
        edited = path.read_text("utf-8").replace("Brescia", "Bergamo")
        path.write_text(edited, "utf-8")  # an editor, in place, while the app is open
        await pilot.press("x")
        await wait_for(pilot, lambda: "Copia di emergenza" in app.save_status, what="the save refused")
        assert "modificato da un altro programma" in app.save_status
        rescue = storage.rescue_path(path)
        assert f"Copia di emergenza delle risposte: {rescue}" in app.save_status
        typed = session_of(app).answers.get("header/administration")
    assert path.read_text("utf-8") == edited
    assert storage.load(rescue).answers.get("header/administration") == typed
