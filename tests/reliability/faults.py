"""Shared helpers of the fault suite: run counts, folder snapshots, a pty app that reports its CPU."""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from tests.tui.ptyrun import PtyApp, cpu_seconds

#: What the next start must never say after a crash: the user would think something is wrong.
ALARMS = ("già aperto", "NON SALVATO", "non riuscit", "Traceback", "rror", "Impossibile", "SOLA LETTURA")

_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


def runs(variable: str, default: int) -> int:
    """How many times to repeat a loop: ``$variable`` (the long mode) or the CI-friendly default."""
    value = os.environ.get(variable, "")
    return int(value) if value.strip() else default


def fault_runs(default: int) -> int:
    """``OIVTUI_FAULT_RUNS`` scales every loop of the suite; ``default`` is the kill -9 count in CI."""
    return runs("OIVTUI_FAULT_RUNS", default)


def scaled(ci_count: int, per_run: float) -> int:
    """A loop that runs ``ci_count`` times in CI and grows with OIVTUI_FAULT_RUNS in long mode."""
    wanted = os.environ.get("OIVTUI_FAULT_RUNS", "").strip()
    return max(ci_count, round(int(wanted) * per_run)) if wanted else ci_count


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry under ``folder`` (links not followed): size, mtime and a digest of regular files."""
    out = {}
    for entry in sorted(folder.rglob("*")):
        info = entry.lstat()
        digest = ""
        if entry.is_file() and not entry.is_symlink() and info.st_mode & 0o444 and info.st_size < 64 << 20:
            try:
                digest = hashlib.sha256(entry.read_bytes()).hexdigest()
            except OSError:
                digest = "unreadable"
        out[str(entry.relative_to(folder))] = (info.st_size, info.st_mtime_ns, digest)
    return out


def screen_text(output: bytes) -> str:
    """The characters a terminal showed, escape sequences removed (positions are lost)."""
    return _ESCAPES.sub(b"", output).decode("utf-8", "replace")


class FaultApp(PtyApp):
    """A ``PtyApp`` that can be waited for with its CPU time, and killed without being asked."""

    def kill9(self) -> None:
        os.kill(self.proc.pid, 9)
        self.proc.wait(10)

    def cpu(self) -> float:
        return cpu_seconds(self.proc.pid)

    def wait_exit_cpu(self, seconds: float) -> tuple[int | None, float]:
        """(exit code or None, CPU seconds used over the whole life); keeps draining the pty."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.02)
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                return self.proc.returncode, usage.ru_utime + usage.ru_stime
            if self.master < 0:
                time.sleep(0.02)
        return None, self.cpu()

    def close(self) -> None:
        """Kill if still running and close the master side (idempotent)."""
        self.kill()
