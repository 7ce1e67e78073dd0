"""``oivtui import DOCUMENT [SESSION] [--anno-successivo]``: a new session from a filed document
(the work: oivtui/files/importing.py), and what the command prints."""

from __future__ import annotations

import shlex
from pathlib import Path

from oivtui.files import storage
from oivtui.files.importing import Imported, ImportFailed, build, create, read, read_bytes

__all__ = ["ImportFailed", "Imported", "build", "create", "read", "read_bytes", "run"]


def run(source: Path, path: Path | None, next_year: bool, form_id: str | None = None) -> tuple[int, list[str]]:
    """The command: (exit code, lines to print). 0 written, 2 nothing written."""
    try:
        done = create(source, path, storage.data_dir(), next_year, form_id)
    except ImportFailed as exc:
        return 2, [f"oivtui: {exc}"]
    target = shlex.quote(str(done.session.path))
    lines = [f"Nuova sessione {done.session.path} dal documento {source}."] + done.lines
    lines += [f"Per rivederla:          oivtui open {target}", f"A righe semplici:       oivtui ask {target}"]
    return 0, lines
