"""One writer per session: a ``flock`` on a sidecar ``.NAME.lock`` file that says who holds it."""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import json
import os
import socket
import time
from pathlib import Path
from typing import NamedTuple


class Holder(NamedTuple):
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        user = self.user or "utente sconosciuto"
        host = self.host or "host sconosciuto"
        return f"{user} su {host} (processo {self.pid}, {self.since_text()})"

    def since_text(self) -> str:
        """«dal 28/11/2026 alle 05:15», or the record's own text when it is not a time we wrote."""
        try:
            when = dt.datetime.fromisoformat(self.since)
        except ValueError:
            return f"dal {self.since}" if self.since.strip() else "da un momento non noto"
        return f"dal {when:%d/%m/%Y} alle {when:%H:%M}"


class LockedError(Exception):
    """Somebody else has the session open; ``holder`` says who."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "un altro processo"
        super().__init__(
            f"{path} è già aperto da {who}. Puoi aprirlo in sola lettura, oppure chiudere l'altra sessione e riprovare."
        )


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def read_holder(path: Path) -> Holder | None:
    """Who the lock file says holds ``path`` (None when there is no readable record)."""
    try:
        data = json.loads(lock_path(path).read_text("utf-8"))
        return Holder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def current_holder(path: Path, patience: float = 0.5) -> Holder | None:
    """The holder of a lock we were just refused: its record may not be written yet (it took the
    lock a moment ago) or still be the dead previous holder's, so read again for a moment."""
    deadline = time.monotonic() + patience
    while True:
        holder = read_holder(path)
        if (holder is not None and _alive(holder)) or time.monotonic() > deadline:
            return holder
        time.sleep(0.01)


def _alive(holder: Holder) -> bool:
    """False only for a process of this host that is gone (another host's cannot be checked)."""
    if holder.host != socket.gethostname():
        return True
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else (EPERM)
    return True


class SessionLock:
    """Held for as long as the app has the session open; the kernel drops it if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.fd: int | None = None

    def acquire(self) -> SessionLock:
        target = lock_path(self.path)
        mode = lock_mode(self.path)
        for _attempt in range(5):
            try:
                fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, mode)
            except PermissionError:
                # A lock file this user may not write (another member's, from an oivtui that made it
                # 0600): who holds it is still worth saying, when the record can be read.
                holder = current_holder(self.path, patience=0)
                if holder is not None and _alive(holder):
                    raise LockedError(self.path, holder) from None
                raise
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise LockedError(self.path, current_holder(self.path)) from None
            if self._same_file(fd, target):
                _share(fd, mode)
                self._record(fd)
                self.fd = fd
                return self
            os.close(fd)  # the previous holder removed the file meanwhile: take the new one
        raise LockedError(self.path, current_holder(self.path))

    @staticmethod
    def _same_file(fd: int, target: Path) -> bool:
        try:
            return os.fstat(fd).st_ino == os.stat(target).st_ino
        except FileNotFoundError:
            return False

    @staticmethod
    def _record(fd: int) -> None:
        holder = {
            "user": _user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        record = json.dumps(holder).encode("utf-8")
        os.pwrite(fd, record, 0)  # write, then cut: a reader sees the old record, or a whole new one,
        os.ftruncate(fd, len(record))  # or a mix that does not parse (and reads again)

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(lock_path(self.path))
        except OSError:
            pass  # already removed (or the folder went read-only): the flock goes with the fd
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def lock_mode(path: Path) -> int:
    """The lock file's permissions: the owner's, and the group's as the session file has them, so
    that whoever may write the session may also read who holds it (and take the lock in turn)."""
    try:
        group = os.stat(path).st_mode & 0o060
    except OSError:
        group = 0  # a new session: private, as its file will be
    return 0o600 | group


def _share(fd: int, mode: int) -> None:
    """Give the lock file ``mode`` whatever the umask (which would take the group's write away)."""
    try:
        info = os.fstat(fd)
        if info.st_uid == os.geteuid() and info.st_mode & 0o777 != mode:
            os.fchmod(fd, mode)
    except OSError:
        pass  # a file system without permissions (FAT, some network shares): the lock works the same


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
