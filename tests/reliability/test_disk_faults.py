"""A disk that fails: every step of a save, every usual errno, in storage and in the running app.

Each fault is injected in-process (``os.write``, ``os.fsync``, ``os.replace``… raise) for the
session's folder only, as a full or broken disk would; a read-only folder and a file-size limit
are real kernel refusals, in a subprocess. Every time: an Italian message, the old file exactly
as it was, no temp file left, the answers still in memory, and the next save works once the fault
is gone. When the user quits while the fault is still there, an emergency copy holds the answers.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Static

from oivtui.files import storage
from oivtui.files.autosave import Autosaver
from oivtui.files.session import Session
from oivtui.tui.app import OivApp
from tests.reliability.faults import snapshot
from tests.tui.helpers import session_of, wait_for

STEPS = ("mkstemp", "write", "fchmod", "fsync", "replace")
ERRNOS = {
    errno.ENOSPC: "il disco è pieno",
    errno.EDQUOT: "quota disco",
    errno.EIO: "errore di lettura/scrittura del disco",
    errno.EACCES: "permesso negato",
    errno.EROFS: "sola lettura",
    errno.EFBIG: "dimensione massima",
    errno.ESTALE: "disco di rete",
    errno.ENOTSUP: "errore del sistema (ENOTSUP",  # no hint of its own: named, not in English alone
}
ENGLISH = ("No space", "Input/output error", "Permission denied", "Read-only", "File too large", "Disk quota")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """The session's folder (HOME, with the emergency copies, is tmp_path itself)."""
    folder = tmp_path / "lavoro"
    folder.mkdir()
    return folder


def session_with(text: str) -> Session:
    session = Session()
    session.answers.set("header/administration", "Comune di Prova")
    session.answers.set("1.1/text", text)
    return session


@contextmanager
def failing(step: str, code: int, folder: Path) -> Iterator[list[str]]:
    """Make ``step`` of a save into ``folder`` raise ``OSError(code)``; yields the calls it refused."""
    refused: list[str] = []
    real = {
        "mkstemp": tempfile.mkstemp,
        "write": os.write,
        "fchmod": os.fchmod,
        "fsync": os.fsync,
        "replace": os.replace,
    }

    def in_folder(where: str | os.PathLike[str]) -> bool:
        return Path(os.fspath(where)).resolve().parent == folder.resolve()

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if step == "mkstemp" and in_folder(Path(str(kwargs.get("dir"))) / "x"):
            refused.append(step)
            raise OSError(code, os.strerror(code))
        return real["mkstemp"](*args, **kwargs)  # type: ignore[operator]

    def on_fd(name: str) -> Callable[..., object]:
        def call(fd: int, *args: object) -> object:
            if step == name and in_folder(os.readlink(f"/proc/self/fd/{fd}")):
                refused.append(step)
                raise OSError(code, os.strerror(code))
            return real[name](fd, *args)  # type: ignore[operator]

        return call

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if step == "replace" and in_folder(dst):
            refused.append(step)
            raise OSError(code, os.strerror(code))
        real["replace"](src, dst)  # type: ignore[operator]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", mkstemp)
        for name in ("write", "fchmod", "fsync"):
            patch.setattr(os, name, on_fd(name))
        patch.setattr(os, "replace", replace)
        yield refused


def assert_italian_save_error(message: str, said: str) -> None:
    assert message.startswith("Salvataggio di ") and "non riuscito" in message
    assert said in message
    assert "Le risposte restano in memoria" in message and "intatto" in message
    assert not any(word in message for word in ENGLISH), message


@pytest.mark.parametrize("code", list(ERRNOS), ids=[errno.errorcode[c] for c in ERRNOS])
@pytest.mark.parametrize("step", STEPS)
def test_a_failing_step_keeps_the_old_file_and_the_next_save_works(work: Path, step: str, code: int) -> None:
    path = storage.save(session_with("versione salvata"), work / "s.toml")
    before = snapshot(work)
    saver = Autosaver(session_with("modifica in memoria"))
    saver.session.path = path
    saver.changed()
    with failing(step, code, work) as refused:
        assert saver.save() is False
    assert refused == [step]
    assert_italian_save_error(saver.last_error, ERRNOS[code])
    assert saver.status.startswith("✗ NON SALVATO: ")
    assert snapshot(work) == before  # old bytes, same mtime, no temp file
    assert saver.session.answers.get("1.1/text") == "modifica in memoria"
    assert saver.dirty
    assert saver.save() is True  # the fault is gone: the very next save works
    assert storage.load(path).answers.get("1.1/text") == "modifica in memoria"
    assert [p.name for p in work.iterdir()] == ["s.toml"]


def test_short_writes_still_write_the_whole_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:7])))
    path = storage.save(session_with("una risposta abbastanza lunga " * 50), work / "s.toml")
    monkeypatch.undo()
    assert storage.load(path).answers.get("1.1/text") == "una risposta abbastanza lunga " * 50


def test_a_write_that_makes_no_progress_is_an_error_not_a_hang(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = storage.save(session_with("prima"), work / "s.toml")
    before = snapshot(work)
    monkeypatch.setattr(os, "write", lambda fd, data: 0)
    with pytest.raises(storage.SaveError, match="errore di lettura/scrittura"):
        storage.save(session_with("dopo"), path)
    monkeypatch.undo()
    assert snapshot(work) == before


def test_the_durable_steps_come_in_order(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write, fsync the temp file, rename over the old one, fsync the folder: nothing else is atomic."""
    path = storage.save(session_with("prima"), work / "s.toml")
    calls: list[str] = []
    real = {name: getattr(os, name) for name in ("write", "fsync", "replace", "close")}
    for name in real:

        def spy(*args: object, __name: str = name) -> object:
            calls.append(__name)
            return real[__name](*args)

        monkeypatch.setattr(os, name, spy)
    storage.save(session_with("dopo"), path)
    monkeypatch.undo()
    order = [c for i, c in enumerate(calls) if i == 0 or c != calls[i - 1]]
    assert order == ["write", "fsync", "close", "replace", "fsync", "close"]


def test_a_failing_fsync_of_the_folder_does_not_fail_a_save_already_renamed(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = storage.save(session_with("prima"), work / "s.toml")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EINVAL, "folders cannot be synced here")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    storage.save(session_with("dopo"), path)
    monkeypatch.undo()
    assert storage.load(path).answers.get("1.1/text") == "dopo"


# ---------------------------------------------------------------- real refusals, in a subprocess

SAVE_SCRIPT = (
    "import sys; from pathlib import Path; from oivtui.files import storage\n"
    "s = storage.load(Path(sys.argv[1])); s.answers.set('1.1/text', sys.argv[2])\n"
    "try:\n    storage.save(s)\nexcept storage.SaveError as e:\n    print(e); sys.exit(3)\n"
)


def test_a_read_only_folder_is_refused_in_italian(tmp_path: Path, unprivileged: list[str]) -> None:
    folder = tmp_path / "sola-lettura"
    folder.mkdir()
    path = storage.save(session_with("prima"), folder / "s.toml")
    before = snapshot(folder)
    folder.chmod(0o500)
    try:
        done = subprocess.run(
            [*unprivileged, sys.executable, "-c", SAVE_SCRIPT, str(path), "dopo"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        export = subprocess.run(
            [*unprivileged, sys.executable, "-m", "oivtui", "export", str(path), "-o", str(folder / "r.md")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        folder.chmod(0o700)
    assert done.returncode == 3, done.stderr
    assert_italian_save_error(done.stdout.strip(), "permesso negato")
    assert export.returncode == 2, export.stderr
    assert "scrittura non riuscita (permesso negato" in export.stderr
    assert "Traceback" not in done.stderr + export.stderr
    assert snapshot(folder) == before


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so that write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_real_file_size_limit_is_refused_in_italian(work: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the write half-way: a real short write, then EFBIG."""
    path = storage.save(session_with("prima"), work / "s.toml")
    before = snapshot(work)
    limit = path.stat().st_size + 100
    done = subprocess.run(
        [sys.executable, "-c", SAVE_SCRIPT, str(path), "x" * 5000],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_file_size_limit(limit),
    )
    export = subprocess.run(
        [sys.executable, "-m", "oivtui", "export", str(path), "-o", str(work / "r.md")],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_file_size_limit(200),
    )
    assert done.returncode == 3, done.stderr
    assert_italian_save_error(done.stdout.strip(), "dimensione massima")
    assert export.returncode == 2 and "scrittura non riuscita (il file supera" in export.stderr
    assert "Traceback" not in done.stderr + export.stderr
    assert snapshot(work) == before


# ---------------------------------------------------------------- the running app (Pilot)

SIZE = (100, 30)


def shown_texts(app: OivApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def on_disk(path: Path) -> object:
    """The administration the session file holds (None when there is no file yet)."""
    return storage.load(path).answers.get("header/administration") if path.exists() else None


class Notifications(list[tuple[str, str, str]]):
    """The notifications the app shows, as (title, message, severity): a ``message_hook`` for ``run_test``."""

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            shown = message.notification
            self.append((shown.title, str(shown.message), shown.severity))


async def type_keys(pilot: object, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("step", "code"), [("replace", errno.ENOSPC), ("fsync", errno.EIO)], ids=["replace-ENOSPC", "fsync-EIO"]
)
async def test_the_app_says_not_saved_keeps_the_answer_and_saves_once_the_disk_is_back(
    work: Path, step: str, code: int
) -> None:
    path = work / "s.toml"
    app = OivApp(Session(path=path))
    notifications = Notifications()
    async with app.run_test(size=SIZE, message_hook=notifications) as pilot:
        await pilot.pause()
        await type_keys(pilot, "Lecco")
        await wait_for(pilot, lambda: on_disk(path) == "Lecco", what="«Lecco» saved")
        before = snapshot(work)
        with failing(step, code, work) as refused:
            await type_keys(pilot, " 2")
            await wait_for(pilot, lambda: app.save_status.startswith("✗"), what="the save refused")
            assert refused, "no save was attempted"
            assert app.save_status.startswith("✗ NON SALVATO")
            assert "NON SALVATO" in shown_texts(app)  # the status line shows it
            title, message, severity = notifications[-1]
            assert (title, severity) == ("Salvataggio non riuscito", "error")
            assert_italian_save_error(message, ERRNOS[code])
            assert session_of(app).answers.get("header/administration") == "Lecco 2"
            assert snapshot(work) == before
        await type_keys(pilot, "!")  # the next change, with the disk back
        await wait_for(pilot, lambda: on_disk(path) == "Lecco 2!", what="«Lecco 2!» saved")
        assert storage.load(path).answers.get("header/administration") == "Lecco 2!"
        assert app.save_status.startswith("Salvato alle")


async def test_quitting_while_the_disk_still_fails_leaves_an_emergency_copy(work: Path) -> None:
    path = work / "s.toml"
    storage.save(Session(path=path), path)  # the session file exists before the disk fills up
    app = OivApp(Session(path=path))
    rescue = storage.rescue_path(path)
    notifications = Notifications()
    with failing("write", errno.ENOSPC, work):  # still failing when the app has ended
        async with app.run_test(size=SIZE, message_hook=notifications) as pilot:
            await pilot.pause()
            await type_keys(pilot, "Lecco")
            await wait_for(pilot, lambda: notifications, what="the failed save said")
            assert f"Copia di emergenza delle risposte: {rescue}" in notifications[-1][1]
            await type_keys(pilot, "!")
            await pilot.press("ctrl+q")  # run_test ends once the app has (saved and) exited
    assert storage.load(path).answers.get("header/administration") is None  # the disk never took it
    assert storage.load(rescue).answers.get("header/administration") == "Lecco!"
    assert oct(rescue.stat().st_mode & 0o777) == "0o600"


async def test_the_emergency_copy_goes_once_the_session_file_is_saved(work: Path) -> None:
    path = work / "s.toml"
    app = OivApp(Session(path=path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with failing("replace", errno.EIO, work):
            await type_keys(pilot, "Comune")
            await wait_for(pilot, storage.rescue_path(path).exists, what="the emergency copy")
            assert storage.rescue_path(path).exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not storage.rescue_path(path).exists()
        assert storage.load(path).answers.get("header/administration") == "Comune"
