"""How a session is chosen: from the command line, or from the start screen's buttons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui import storage
from oivtui.session import Session

if TYPE_CHECKING:
    from oivtui.app import OivApp


def new_session_path(folder: Path, stem: str = "sessione") -> Path:
    """A fresh file name in the data folder (the folder is created, private to the user)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    base = f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}.toml"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{base}-{counter}.toml"
        counter += 1
    return candidate


def new_session(path: Path | None, folder: Path) -> tuple[Session | None, str]:
    if path is None:
        return Session(path=new_session_path(folder)), ""
    if path.exists() or path.is_symlink():
        return None, f"{path} esiste già: per riprenderlo usa «oivtui open {path}»."
    if not path.parent.is_dir():
        return None, f"{path}: la cartella {path.parent} non esiste. Creala o scegli un altro percorso."
    return Session(path=path), ""


def open_session(path: Path) -> tuple[Session | None, str]:
    try:
        return storage.load(path), ""
    except storage.SessionError as exc:
        return None, str(exc)


def prepare_session(
    path: Path | None, new: bool, from_previous: Path | None = None, folder: Path | None = None
) -> tuple[Session | None, str]:
    """The session the command line asks for (None for the start screen) and an error, if any."""
    folder = folder or storage.data_dir()
    if from_previous is not None:
        from oivtui.carryover import start_from_previous

        return start_from_previous(from_previous, path, folder)
    if new:
        return new_session(path, folder)
    if path is None:
        return None, ""
    return open_session(path)


def example_session_file(folder: Path) -> Path:
    from oivtui.example import example_text

    target = new_session_path(folder, "esempio-brescia-2024")
    storage.write_atomic(target, example_text().encode("utf-8"))
    return target


def handle_start(app: OivApp, how: str, path: Path | None) -> None:
    """React to a start-screen choice: open, create, or ask for a path first."""
    from screens.modals import AskPath, Notice

    def begin(result: tuple[Session | None, str]) -> None:
        session, message = result
        if message:
            app.push_screen(Notice("Impossibile aprire la sessione", message))
        elif session is not None:
            app.begin(session)

    if how == "path" and path is not None:
        begin(open_session(path))
    elif how == "new":
        begin(new_session(None, app.folder))
    elif how == "example":
        try:
            begin(open_session(example_session_file(app.folder)))
        except storage.SaveError as exc:
            begin((None, str(exc)))
    elif how == "open":

        def open_typed(text: str | None) -> None:
            if text:
                begin(open_session(Path(text).expanduser()))

        app.push_screen(AskPath("Apri file…", "Percorso del file di sessione (.toml):"), open_typed)
    elif how == "previous":

        def start_from_typed(text: str | None) -> None:
            if text:
                begin(prepare_session(None, True, Path(text).expanduser(), app.folder))

        app.push_screen(
            AskPath("Nuova da sessione precedente", "File della sessione dell'anno scorso (.toml):"),
            start_from_typed,
        )
