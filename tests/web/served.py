"""``oivtui serve`` run for a test, and the tab processes it started, found by their data folder."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

URL = re.compile(r"(http://\S+?)/\?token=(\S+)")


class Served(NamedTuple):
    process: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT
    token: str

    @property
    def url(self) -> str:
        return f"{self.base}/?token={self.token}"


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "oivtui", "serve", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextmanager
def served(*args: str) -> Iterator[Served]:
    """``oivtui serve --port 0``: a free port; stopped with SIGINT (Ctrl+C) on the way out."""
    process = start("--port", "0", *args)
    assert process.stdout is not None
    line = process.stdout.readline()
    found = URL.search(line)
    if found is None:
        process.kill()
        raise AssertionError(f"no URL printed: {line!r} {process.communicate()}")
    try:
        yield Served(process, found.group(1), found.group(2))
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def tab_processes() -> list[int]:
    """The ``oivtui.web.tab`` processes of this test: those whose XDG_DATA_HOME is the test's."""
    mine = f"XDG_DATA_HOME={os.environ['XDG_DATA_HOME']}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"oivtui.web.tab" not in (proc / "cmdline").read_bytes():
                continue
            if mine in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
        except OSError:
            continue  # gone meanwhile
    return found


def wait_until_no_tabs(timeout: float) -> float:
    """Seconds until no tab process is left; AssertionError after ``timeout``."""
    start = time.monotonic()
    while tab_processes():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"tab processes still running after {timeout} s: {tab_processes()}")
        time.sleep(0.05)
    return time.monotonic() - start


def sessions_folder() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "oivtui" / "sessioni"


def lock_files() -> list[Path]:
    folder = sessions_folder()
    return sorted(folder.glob(".*.lock")) if folder.is_dir() else []
