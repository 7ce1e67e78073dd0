"""Starting the TUI from the command line: the session locked and read (oivtui/files/opening.py), the app run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui.files import storage
from oivtui.files.lock import LockedError, SessionLock
from oivtui.files.opening import lock_and_read
from oivtui.files.session import Session

if TYPE_CHECKING:
    from oivtui.tui.app import OivApp


def run_app(
    path: Path | None = None,
    new: bool = False,
    from_previous: Path | None = None,
    session: Session | None = None,
    lock: SessionLock | None = None,
    form_id: str | None = None,
    driver_class: type | None = None,
) -> int:
    """Run the TUI; returns the process exit code. Load errors are printed before the UI starts.

        ``session`` is the one ``oivtui open`` read already (``lock_and_load``), with ``lock`` when it
        could lock its file; without it the app tries the lock again itself. ``form_id``: the form of
        a new session (``oivtui new --modulo``), the default one without it. ``driver_class``: Textual's
    driver (a browser tab's, oivtui/web/tab.py); the terminal's without it.
    """
    if session is None:
        from oivtui.tui.starting import prepare_session

        session, message = prepare_session(path, new, from_previous, form_id=form_id)
        if not message and session is not None and session.path is not None:
            try:
                lock, session, message = lock_and_read(session)
            except (LockedError, OSError):
                pass  # the app tries again and says it in Italian: held by someone (read-only?) or no lock
        if message:
            print(message, file=sys.stderr)
            return 2
    from oivtui.tui.app import OivApp  # Textual: only once the session is known to be usable

    app = OivApp(session, driver_class=driver_class)
    app.lock = lock
    code = app.run()
    app.release()
    keep_unsaved_beside(app)
    say_where_saved(app)
    return code if isinstance(code, int) else app.exit_code


def say_where_saved(app: OivApp) -> None:
    """After the full screen is gone, the session's whole path: a session started from the start
    screen lives in the data folder under a made-up name, and ``oivtui export`` needs that path."""
    saver, session = app.saver, app.session
    if saver is None or session is None or session.path is None or app.read_only or saver.changed_on_disk:
        return
    if not session.path.is_file():
        return
    said = f"oivtui: sessione salvata in {session.path.absolute()}"
    if saver.last_error:  # the last save failed (a read-only file, a full disk): the file is behind
        copy = f": copia di emergenza: {saver.rescued}" if saver.rescued is not None else ""
        said = f"oivtui: le ultime risposte NON sono salvate in {session.path.absolute()}{copy}"
    try:
        print(said, file=sys.stderr)
    except OSError:
        pass  # the terminal is gone (a hang-up): the session is saved all the same


def keep_unsaved_beside(app: OivApp) -> None:
    """Quit while the file, changed by another program, was still not written over (the user chose
    neither version): the user's answers go beside it, where they will be looked for, and it is said."""
    saver, session = app.saver, app.session
    if saver is None or session is None or session.path is None or not saver.changed_on_disk:
        return
    from oivtui.files.diskchange import save_mine_beside

    try:
        said = f"le tue risposte sono in {save_mine_beside(session)}"
    except storage.SaveError:
        said = f"le tue risposte sono nella copia di emergenza {storage.rescue_path(session.path)}"
    try:
        print(
            f"oivtui: {session.path} è stato modificato da un altro programma e oivtui non l'ha sovrascritto: {said}.",
            file=sys.stderr,
        )
    except OSError:
        pass  # the terminal is gone (a hang-up): the copy is written all the same
