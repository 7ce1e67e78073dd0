"""Where a new session goes: a fresh file in the data folder, or a path the user gave (never an existing file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from oivtui.files.errors import errno_hint
from oivtui.files.session import Session
from questionnaire.form.loader import DEFAULT_FORM


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


def new_session(path: Path | None, folder: Path, form_id: str = DEFAULT_FORM) -> tuple[Session | None, str]:
    """A new session on the form ``form_id``, in ``path`` or a fresh file of ``folder``; or why not."""
    if path is None:
        try:
            return Session(path=new_session_path(folder), form_id=form_id), ""
        except OSError as exc:
            return None, (
                f"Impossibile creare la cartella delle sessioni {folder}: {errno_hint(exc)}. "
                "Indica un file: oivtui new FILE."
            )
    if path.exists() or path.is_symlink():
        return None, f"{path} esiste già: per riprenderlo usa «oivtui open {path}»."
    if not path.parent.is_dir():
        return None, f"{path}: la cartella {path.parent} non esiste. Creala o scegli un altro percorso."
    return Session(path=path, form_id=form_id), ""
