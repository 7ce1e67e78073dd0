"""What a refused opener is told about the holder of a session: whole times, never cut."""

from __future__ import annotations

from pathlib import Path

from oivtui.lock import Holder, LockedError, SessionLock


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
