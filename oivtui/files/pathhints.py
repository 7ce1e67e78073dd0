"""The message for a session file that could not be used, made more helpful: where the saved
sessions are, or that the file given is a report rather than a session."""

from __future__ import annotations

import shlex
from pathlib import Path

#: Files a user may pass by mistake where the session (.toml) is wanted: reports and documents.
NOT_SESSION_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".doc", ".txt", ".odt"}
#: The errors such a file gives: not TOML, not text, or TOML without a session's first key.
NOT_SESSION_ERRORS = ("il file non è TOML valido", "il file non è testo UTF-8", "manca «format = 1»")


def explained(message: str, command: str | None, given: str) -> str:
    """``message`` (a SessionError's text) with what helps find the right file: the command to
    run again on the command line, none in the app (``command`` None: its start screen lists them).

    A report or document given for the session: its TOML error would only say «correct line 1»,
    so the message says what the file is instead."""
    path = Path(given)
    looks_other = path.suffix.lower() in NOT_SESSION_SUFFIXES and any(e in message for e in NOT_SESSION_ERRORS)
    if looks_other and path.is_file():
        return (
            f"{given}: sembra un resoconto o un documento, non un file di sessione: indica il file di sessione"
            " (.toml); per fare una sessione da un documento già compilato c'è oivtui import."
        )
    return message + _missing_hint(command, path)


def _missing_hint(command: str | None, path: Path) -> str:
    """A sentence (with a leading space) naming the saved session ``path`` may mean, or ``""``."""
    if path.exists():
        return ""
    from oivtui.files.storage import data_dir  # the shell's own module; only when the file is missing

    folder = data_dir()
    for name in (path.name, f"{path.name}.toml"):
        saved = folder / name
        if name and saved.is_file() and saved != path.absolute():
            if command is None:
                return f" Tra le sessioni salvate c'è {saved}: è nell'elenco della schermata iniziale."
            return f" Tra le sessioni salvate c'è {saved}: oivtui {command} {shlex.quote(str(saved))}"
    if folder.is_dir() and any(folder.glob("*.toml")):
        where = "nell'elenco della schermata iniziale" if command is None else "elenco: oivtui senza argomenti"
        return f" Le sessioni create senza indicare un file sono in {folder} ({where})."
    return ""
