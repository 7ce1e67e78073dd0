"""``export -o`` against what must never be clobbered, and killed half-way.

Targets that are not regular files (a FIFO, a socket, a device reached through a symlink, a
symlink to a FIFO, a folder) and reports without write permission (0444, 0400, in a folder the
user may write), in the three formats, as root: each is refused with exit 2 and an Italian line,
and left exactly as it was (inode, mode, contents), with no temp file beside it. Then exports
killed with ``kill -9`` at a random moment over an existing report: the report is always either
the old one or the whole new one, and the next export to the same place removes what the killed
one left. Half the kills are aimed at the write itself: the moment its temp file appears.

``OIVTUI_FAULT_RUNS`` scales the killed exports (4 in CI, 20 with OIVTUI_FAULT_RUNS=200).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_text
from tests.reliability.faults import scaled

KILLS = scaled(4, 0.1)
SEED = int(os.environ.get("OIVTUI_FAULT_SEED") or random.randrange(1 << 30))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _device(path: Path) -> None:
    path.symlink_to("/dev/null")


def _link_to_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("la-pipe"))
    path.symlink_to("la-pipe")


def _folder(path: Path) -> None:
    path.mkdir()


def _read_only(mode: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(b"la copia firmata")
        path.chmod(mode)

    return make


TARGETS: dict[str, tuple[Callable[[Path], None], str]] = {
    "FIFO": (_fifo, "è una FIFO (pipe con nome), non un file"),
    "socket": (_socket, "è un socket, non un file"),
    "symlink to /dev/null": (_device, "è un dispositivo, non un file"),
    "symlink to a FIFO": (_link_to_fifo, "è una FIFO (pipe con nome), non un file"),
    "folder": (_folder, "è una cartella"),
    "report 0444": (_read_only(0o444), "è in sola lettura (permessi -r--r--r--)"),
    "report 0400": (_read_only(0o400), "è in sola lettura (permessi -r--------)"),
}


def state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    out = {}
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        data = entry.read_bytes() if entry.is_file() and not entry.is_symlink() else b""
        out[entry.name] = (info.st_ino, info.st_mode, data)
    return out


def export(session: Path, target: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "oivtui", "export", str(session), "-o", str(target)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
@pytest.mark.parametrize("name", list(TARGETS))
def test_export_never_clobbers(session: Path, tmp_path: Path, name: str, fmt: str) -> None:
    folder = tmp_path / "uscita"
    folder.mkdir()
    target = folder / f"resoconto.{fmt}"
    make, said = TARGETS[name]
    make(target)
    before = state(folder)
    done = export(session, target)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"oivtui: {target}") and said in done.stderr
    assert "Traceback" not in done.stderr
    assert state(folder) == before


def test_a_killed_export_leaves_the_old_report_or_the_new_one_and_the_next_cleans_up(
    session: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    target = tmp_path / "resoconto.pdf"
    assert export(session, target).returncode == 0
    new = target.read_bytes()
    old = b"%PDF-1.7 la versione di prima"
    outcomes: dict[str, int] = {"old": 0, "new": 0, "temp left": 0}
    for run in range(KILLS):
        target.write_bytes(old)
        killed = subprocess.Popen(
            [sys.executable, "-m", "oivtui", "export", str(session), "-o", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if run % 2:  # aimed: killed the moment its temp file appears, while it writes
            deadline = time.monotonic() + 30
            while not storage.leftover_temps(target) and killed.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
        else:
            time.sleep(rng.uniform(0.05, 1.2))
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        now = target.read_bytes()
        assert now in (old, new), f"run {run} (seed {SEED}): a partial report"
        outcomes["old" if now == old else "new"] += 1
        outcomes["temp left"] += bool(storage.leftover_temps(target))
        assert export(session, target).returncode == 0
        assert target.read_bytes() == new and not storage.leftover_temps(target), f"run {run} (seed {SEED})"
    print(f"\nclobber (seed {SEED}): {KILLS} exports killed: {outcomes}")
