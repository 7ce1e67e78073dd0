"""One more sentence for a session file the command line could not use: where the saved
sessions are, or that the file given is a report rather than a session."""

from __future__ import annotations

import shlex
from pathlib import Path

#: Files a user may pass by mistake where the session (.toml) is wanted: reports and documents.
NOT_SESSION_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".doc", ".txt", ".odt"}


def path_hint(command: str, given: str) -> str:
    """A sentence (with a leading space) that helps find the right file, or ``""``."""
    path = Path(given)
    if path.suffix.lower() in NOT_SESSION_SUFFIXES and path.is_file():
        return (
            f" «{path.name}» sembra un resoconto o un documento, non una sessione: indica il file di sessione"
            " (.toml); per fare una sessione da un documento già compilato c'è oivtui import."
        )
    if path.exists():
        return ""
    from oivtui.storage import data_dir  # the shell's own module; only when the file is missing

    folder = data_dir()
    for name in (path.name, f"{path.name}.toml"):
        saved = folder / name
        if name and saved.is_file() and saved != path.absolute():
            return f" Tra le sessioni salvate c'è {saved}: oivtui {command} {shlex.quote(str(saved))}"
    if folder.is_dir() and any(folder.glob("*.toml")):
        return f" Le sessioni create senza indicare un file sono in {folder} (elenco: oivtui senza argomenti)."
    return ""
