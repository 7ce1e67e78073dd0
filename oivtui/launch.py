"""Starting the TUI from the command line: lock the session, read it as locked, run the app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui import storage
from oivtui.lock import LockedError, SessionLock
from oivtui.session import Session

if TYPE_CHECKING:
    from oivtui.app import OivApp


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


def run_app(
    path: Path | None = None,
    new: bool = False,
    from_previous: Path | None = None,
    session: Session | None = None,
    lock: SessionLock | None = None,
) -> int:
    """Run the TUI; returns the process exit code. Load errors are printed before the UI starts.

    ``session`` is the one ``oivtui open`` read already (``lock_and_load``), with ``lock`` when it
    could lock its file; without it the app tries the lock again itself.
    """
    if session is None:
        from oivtui.starting import prepare_session

        session, message = prepare_session(path, new, from_previous)
        if not message and session is not None and session.path is not None:
            try:
                lock, session, message = lock_and_read(session)
            except (LockedError, OSError):
                pass  # the app tries again and says it in Italian: held by someone (read-only?) or no lock
        if message:
            print(message, file=sys.stderr)
            return 2
    from oivtui.app import OivApp  # Textual: only once the session is known to be usable

    app = OivApp(session)
    app.lock = lock
    code = app.run()
    app.release()
    keep_unsaved_beside(app)
    return code if isinstance(code, int) else app.exit_code


def keep_unsaved_beside(app: OivApp) -> None:
    """Quit while the file, changed by another program, was still not written over (the user chose
    neither version): the user's answers go beside it, where they will be looked for, and it is said."""
    saver, session = app.saver, app.session
    if saver is None or session is None or session.path is None or not saver.changed_on_disk:
        return
    from oivtui.diskchange import save_mine_beside

    try:
        said = f"le tue risposte sono in {save_mine_beside(session)}"
    except storage.SaveError:
        said = f"le tue risposte sono nella copia di emergenza {storage.rescue_path(session.path)}"
    try:
        print(f"oivtui: {session.path} è stato modificato da un altro programma e oivtui non l'ha "
              f"sovrascritto: {said}.", file=sys.stderr)
    except OSError:
        pass  # the terminal is gone (a hang-up): the copy is written all the same
