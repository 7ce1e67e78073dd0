"""Which session to open: the one the command line names, a new one, last year's carried over, the example."""

from __future__ import annotations

from pathlib import Path

from oivtui.files import storage
from oivtui.files.newsession import new_session, new_session_path
from oivtui.files.session import Session
from questionnaire.form.loader import DEFAULT_FORM


def open_session(path: Path, command: str | None = "open") -> tuple[Session | None, str]:
    """The session at ``path``, or the error; ``command`` None in the app (no command line to suggest)."""
    try:
        return storage.load(path), ""
    except storage.SessionError as exc:
        from oivtui.files.pathhints import explained

        return None, explained(str(exc), command, str(path))


def prepare_session(
    path: Path | None,
    new: bool,
    from_previous: Path | None = None,
    folder: Path | None = None,
    form_id: str | None = None,
) -> tuple[Session | None, str]:
    """The session the command line asks for (None for the start screen) and an error, if any;
    ``form_id`` is the form of a new one (the default form without it)."""
    folder = folder or storage.data_dir()
    if from_previous is not None:
        from oivtui.files.carryover import start_from_previous

        return start_from_previous(from_previous, path, folder)
    if new:
        return new_session(path, folder, form_id or DEFAULT_FORM)
    if path is None:
        return None, ""
    return open_session(path)


def example_session_file(folder: Path) -> Path:
    from oivtui.files.example import example_text

    target = new_session_path(folder, "esempio-brescia-2024")
    storage.write_atomic(target, example_text().encode("utf-8"))
    return target
