"""``oivtui``, ``oivtui new``, ``oivtui open``: the TUI started (without a terminal, the file made)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui.ask.lines import printable
from oivtui.cli.output import say
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    from oivtui.files.lock import SessionLock
    from oivtui.files.session import Session


def cmd_tui(args: argparse.Namespace) -> int:
    """``oivtui``, ``oivtui new [FILE]``, ``oivtui open FILE``: check what we can, then start the app."""
    from oivtui.tui import collector

    collector.hold()  # until the app's first paint: the start makes objects to keep, not garbage
    try:
        return _start_tui(args)
    finally:
        collector.release(keep=False)  # the app never painted (a file that failed, no terminal): resumed


def _start_tui(args: argparse.Namespace) -> int:
    path = Path(args.path) if getattr(args, "path", None) else None
    new = args.command == "new"
    if new and path is not None and os.path.lexists(path):
        say(f"oivtui: {path}: esiste già. Per riprenderla: oivtui open {shlex.quote(str(path))}")
        return EXIT_BAD_INPUT
    session: Session | None = None
    lock: SessionLock | None = None
    if args.command == "open":
        from oivtui.files.opening import lock_and_load

        # Locked, then read, once for the whole start: a broken file fails here (SessionError),
        # before the screen is taken over. Held by someone else: read unlocked, and the app asks.
        lock, session = lock_and_load(path)  # type: ignore[arg-type]
    from_previous = Path(args.from_previous) if getattr(args, "from_previous", None) else None
    form_id = getattr(args, "form_id", None)
    if form_id is not None and from_previous is not None:
        say(
            "oivtui: --modulo e --from non vanno insieme: la sessione dell'anno scorso porta già il suo modulo "
            "(la riga form = del file)."
        )
        return EXIT_BAD_INPUT
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        if from_previous is not None and not interactive:
            return carry_over_headless(from_previous, path)
        if form_id is not None and not interactive:
            return new_on_form_headless(form_id, path)
        if not interactive:
            say(
                "oivtui: l'interfaccia ha bisogno di un terminale interattivo (via ssh: ssh -t server oivtui). "
                "Senza terminale si possono usare validate, export e ask."
            )
            return EXIT_BAD_INPUT
        # Deferred: Textual is most of the start's imports, and validate/export must not load it at all.
        from oivtui.tui.launch import run_app

        result = run_app(path=path, new=new, from_previous=from_previous, session=session, lock=lock, form_id=form_id)
        return result if isinstance(result, int) else EXIT_OK
    finally:
        if lock is not None:
            lock.release()  # a no-op once the app has released it; needed when it never started


def carry_over_headless(last: Path, path: Path | None) -> int:
    """``oivtui new --from LAST [FILE]`` without a terminal: create the file and say what to do next."""
    from oivtui.files.carryover import create
    from oivtui.files.storage import data_dir

    done, message = create(last, path, data_dir())
    if done is None:
        say(f"oivtui: {message}")
        return EXIT_BAD_INPUT
    return _created(done.session.path, f"dalla sessione dell'anno scorso {last}", done.notes)


def new_on_form_headless(form_id: str, path: Path | None) -> int:
    """``oivtui new --modulo MODULO [FILE]`` without a terminal: create the file on that form (``oivtui
    ask`` would start the default one) and say what to do next."""
    from oivtui.files import storage
    from oivtui.files.errors import errno_hint
    from oivtui.files.newsession import new_session

    folder = storage.data_dir()
    made: Path | None = None
    try:
        session, message = new_session(path, folder, form_id)  # makes the data folder the first time
        if session is not None and session.path is not None:
            storage.save(session)
            made = session.path
    except (storage.SaveError, OSError) as exc:
        cause = exc if isinstance(exc, OSError) else exc.__context__  # what save_error() translated
        where = path or folder
        hint = errno_hint(cause, where) if isinstance(cause, OSError) else str(exc)
        message = f"impossibile creare {where}: {hint}."
    if made is None:
        say(f"oivtui: {message}")
        return EXIT_BAD_INPUT
    return _created(made, f"sul modulo {form_id}")


def _created(path: Path | None, origin: str, notes: Sequence[str] = ()) -> int:
    """What a ``new`` without a terminal says once it has made the file: where, from what, and how
    to fill it in."""
    target = shlex.quote(str(path))
    print(printable(f"Nuova sessione {path} {origin}."))
    for note in notes:
        print(printable(note))
    print(f"Per compilarla:         oivtui open {target}")
    print(f"A righe semplici:       oivtui ask {target}")
    return EXIT_OK
