"""``export -o`` writes only over a regular file or where nothing exists: a device, a FIFO, a socket
or a folder is refused with exit 2, root included; a report without write permission is refused as
a session is; temp files live beside the target under a recognisable name, and the leftovers of a
killed run are removed by the next export to the same place (issue 26)."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_text
from tests.unit.test_cli import oivtui


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    return path


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "resoconto.md")
    return folder / "resoconto.md"


def _socket(folder: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "resoconto.md"))
    server.close()  # the socket file stays
    return folder / "resoconto.md"


def _device(folder: Path) -> Path:
    """A character device in the user's folder: a symlink to /dev/null (mknod needs privileges)."""
    (folder / "resoconto.md").symlink_to("/dev/null")
    return folder / "resoconto.md"


@pytest.mark.parametrize(
    ("make", "kind"),
    [(_fifo, "una FIFO (pipe con nome)"), (_socket, "un socket"), (_device, "un dispositivo")],
    ids=["fifo", "socket", "device"],
)
def test_export_never_replaces_what_is_not_a_regular_file(
    session: Path, tmp_path: Path, make: object, kind: str
) -> None:
    folder = tmp_path / "uscita"
    folder.mkdir()
    target = make(folder)  # type: ignore[operator]
    before = os.stat(target)
    done = oivtui("export", session, "-o", target)
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"oivtui: {target}: è {kind}, non un file: il resoconto si scrive solo in un file normale o con "
        "un nome nuovo. Per averlo sullo schermo o in una pipe, togli -o.\n"
    )
    after = os.stat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert sorted(p.name for p in folder.iterdir()) == ["resoconto.md"]  # no temp file left either


def test_export_to_dev_null_leaves_the_device_alone(session: Path) -> None:
    """As root, the old export replaced /dev/null with a 0666 regular file holding the report."""
    before = os.stat("/dev/null")
    done = oivtui("export", session, "-o", "/dev/null")
    assert done.returncode == 2
    assert "/dev/null: è un dispositivo, non un file" in done.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev


def test_export_to_a_folder_is_refused(session: Path, tmp_path: Path) -> None:
    done = oivtui("export", session, "-o", tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"oivtui: {tmp_path}: è una cartella; indica il nome del file del resoconto.\n"


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_an_existing_report_without_write_permission_is_refused(session: Path, tmp_path: Path, fmt: str) -> None:
    """Even for root, who could write it: the owner said «do not change it», as for a session."""
    target = tmp_path / f"resoconto.{fmt}"
    target.write_bytes(b"la versione firmata")
    target.chmod(0o444)
    done = oivtui("export", session, "-o", target)
    assert done.returncode == 2, done.stderr
    assert f"oivtui: {target} è in sola lettura (permessi -r--r--r--): oivtui non lo sovrascrive." in done.stderr
    assert f"Per sostituirlo, rendilo scrivibile (chmod u+w resoconto.{fmt}) o scegli un altro nome." in done.stderr
    assert target.read_bytes() == b"la versione firmata"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["esempio.toml", f"resoconto.{fmt}"]


def test_a_device_put_there_while_the_report_is_written_is_not_replaced(tmp_path: Path) -> None:
    """The check is made again right before the rename: the write in between takes time."""
    target = tmp_path / "resoconto.md"
    real_fsync = os.fsync

    def swap(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.symlink_to("/dev/null")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", swap)
        with pytest.raises(storage.NotAFile, match="è un dispositivo, non un file"):
            storage.write_atomic(target, b"resoconto")
    assert target.is_symlink() and [p.name for p in tmp_path.iterdir()] == ["resoconto.md"]


def test_temp_files_are_beside_the_target_under_a_recognisable_name(tmp_path: Path) -> None:
    target = tmp_path / "resoconto.md"
    seen: list[str] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())
        real_fsync(fd)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", look)
        storage.write_atomic(target, b"resoconto")
    temps = [name for name in seen if name != "resoconto.md"]
    assert len(temps) == 1
    assert temps[0].startswith(f".resoconto.md.oivtui-{os.getpid()}-") and temps[0].endswith(".tmp")


_KILLED_EXPORT = """
import os, sys, time
os.fsync = lambda fd: time.sleep(120)  # the write hangs here, its temp file already written
from oivtui.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_leftovers_of_a_killed_export_are_removed_by_the_next_one(session: Path, tmp_path: Path) -> None:
    target = tmp_path / "resoconto.pdf"
    killed = subprocess.Popen(
        [sys.executable, "-c", _KILLED_EXPORT, "export", str(session), "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not storage.leftover_temps(target) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    left = storage.leftover_temps(target)
    assert [p.name.startswith(f".resoconto.pdf.oivtui-{killed.pid}-") for p in left] == [True]
    older = tmp_path / ".resoconto.pdf.x7k2m9.tmp"  # named by an oivtui before the pid was in the name
    older.write_bytes(b"%PDF- a killed save")
    running = tmp_path / f".resoconto.pdf.oivtui-{os.getpid()}-abcd.tmp"  # a live export's: not touched
    running.write_bytes(b"%PDF- being written")
    done = oivtui("export", session, "-o", target)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["esempio.toml", "resoconto.pdf", running.name])
