"""Starting the TUI from the command line: lock the session, read it as locked, run the app."""

from __future__ import annotations

import sys
from pathlib import Path

from oivtui import storage
from oivtui.lock import LockedError, SessionLock
from oivtui.session import Session


def reload_locked(session: Session) -> tuple[Session | None, str]:
    """The session as its file holds it now that we hold the lock (the last holder may have saved
    after we first read it); a session whose file does not exist yet is new and kept as it is."""
    if session.path is None or not session.path.exists():
        return session, ""
    try:
        return storage.load(session.path), ""
    except storage.SessionError as exc:
        return None, str(exc)


def run_app(
    path: Path | None = None,
    new: bool = False,
    from_previous: Path | None = None,
    session: Session | None = None,
) -> int:
    """Run the TUI; returns the process exit code. Load errors are printed before the UI starts.

    ``session`` is the session already loaded from ``path`` (``oivtui open`` checks the file first).
    """
    message = ""
    if session is None:
        from oivtui.starting import prepare_session

        session, message = prepare_session(path, new, from_previous)
    if message:
        print(message, file=sys.stderr)
        return 2
    lock = None
    if session is not None and session.path is not None:
        try:
            lock = SessionLock(session.path).acquire()
        except LockedError:
            pass  # the app asks whether to open read-only
        else:
            storage.remove_leftover_temps(session.path)
            session, message = reload_locked(session)
            if session is None:
                lock.release()
                print(message, file=sys.stderr)
                return 2
    from oivtui.app import OivApp  # Textual: only once the session is known to be usable

    app = OivApp(session)
    app.lock = lock
    code = app.run()
    app.release()
    return code if isinstance(code, int) else app.exit_code
