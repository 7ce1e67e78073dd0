"""What a refused opener is told about the holder of a session: whole times, never cut, the live holder."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from oivtui.files.lock import Holder, LockedError, SessionLock, lock_path


def test_the_holder_time_is_whole() -> None:
    holder = Holder("anna", "server", 42, "2026-11-28T05:15:33")
    assert holder.describe() == "anna su server (processo 42, dal 28/11/2026 alle 05:15)"


def test_a_record_without_a_readable_time_is_shown_as_it_is() -> None:
    assert Holder("anna", "server", 42, "ieri").describe().endswith("(processo 42, dal ieri)")
    assert Holder("anna", "server", 42, "").describe().endswith("(processo 42, da un momento non noto)")


def test_the_refusal_names_the_whole_time(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    with SessionLock(path):
        try:
            SessionLock(path).acquire()
        except LockedError as exc:
            message = str(exc)
        else:
            raise AssertionError("the second lock was granted")
    assert ":)" not in message
    assert " alle " in message and message.count(":") >= 1
    time = message.split(" alle ", 1)[1][:5]
    assert time[2] == ":" and time.replace(":", "").isdigit() and message.split(" alle ", 1)[1][5] == ")"


def dead_pid() -> int:
    """The id of a process of this host that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_refused_opener_is_told_the_live_holder_not_the_dead_one_whose_record_is_still_there(
    tmp_path: Path,
) -> None:
    """The lock was just taken over from a dead process: until the new holder writes its record,
    the file still names the dead one. The refused opener waits for the live holder's name."""
    path = tmp_path / "s.toml"
    with SessionLock(path):
        live = lock_path(path).read_text("utf-8")
        dead = json.dumps({"user": "morto", "host": socket.gethostname(), "pid": dead_pid(), "since": "ieri"})
        lock_path(path).write_text(dead, "utf-8")
        threading.Timer(0.2, lock_path(path).write_text, (live, "utf-8")).start()
        with pytest.raises(LockedError) as refused:
            SessionLock(path).acquire()
    assert refused.value.holder is not None
    assert refused.value.holder.pid == os.getpid()
    assert "morto" not in str(refused.value)


def test_taking_over_a_longer_record_leaves_a_record_that_names_the_new_holder(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    long_name = "utente-con-un-nome-molto-lungo-" * 4
    record = {"user": long_name, "host": socket.gethostname(), "pid": dead_pid(), "since": "ieri"}
    lock_path(path).write_text(json.dumps(record), "utf-8")  # a dead holder's lock file stays behind
    with SessionLock(path):
        with pytest.raises(LockedError) as refused:
            SessionLock(path).acquire()
    assert refused.value.holder is not None, "the record is unreadable: the opener is told «un altro processo»"
    assert refused.value.holder.pid == os.getpid()
    assert long_name not in str(refused.value)
