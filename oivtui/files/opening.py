"""Opening a session file: lock it first, then read it, so that what is read is what the lock guards."""

from __future__ import annotations

from pathlib import Path

from oivtui.files import storage
from oivtui.files.lock import LockedError, SessionLock
from oivtui.files.session import Session


def lock_and_read(session: Session) -> tuple[SessionLock, Session | None, str]:
    """Lock ``session``'s file, clear what a killed save left beside it, and read it again as it is
    now (the last holder may have saved after we first read it); a file that does not exist yet is
    a new session, kept as it is. On a read error the lock is released and the message returned.

    Raises ``LockedError`` when somebody holds the file, ``OSError`` when no lock can be made.
    """
    assert session.path is not None
    lock = SessionLock(session.path).acquire()
    storage.remove_leftover_temps(session.path)
    if not session.path.exists():
        return lock, session, ""
    try:
        return lock, storage.load(session.path), ""
    except storage.SessionError as exc:
        lock.release()
        return lock, None, str(exc)


def lock_and_load(path: Path) -> tuple[SessionLock | None, Session]:
    """``oivtui open FILE``: lock the file, then read it, once (as ``lock_and_read``, read after the
    lock). Held by somebody, or in a folder where no lock can be made, it is read without the lock
    (None): the app tries the lock again and says why in Italian (and offers read-only). A file
    without write permission is read without the lock too: the app opens it read-only.

    Raises ``SessionError`` for a file that cannot be read: the lock is released, nothing written,
    and what a killed save left beside it is left alone.
    """
    if storage.read_only_reason(path):
        return None, storage.load(path)  # the app opens it read-only and says why: no lock to hold
    try:
        lock = SessionLock(path).acquire()
    except (LockedError, OSError):
        return None, storage.load(path)
    try:
        session = storage.load(path)
    except BaseException:
        lock.release()
        raise
    storage.remove_leftover_temps(path)
    return lock, session
