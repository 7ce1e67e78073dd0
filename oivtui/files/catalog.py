"""The saved sessions of the data folder, listed cheaply and summarised one at a time."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from oivtui.files import storage


@dataclass(frozen=True)
class Entry:
    path: Path
    modified: dt.datetime


@dataclass(frozen=True)
class Summary:
    administration: str
    triennium: str
    done: int
    total: int
    error: str = ""

    @property
    def completeness(self) -> str:
        return f"{round(100 * self.done / self.total) if self.total else 0}%"


def list_sessions(folder: Path) -> list[Entry]:
    """Session files in ``folder``, newest first: one directory scan, no file is opened."""
    entries = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                if item.name.endswith(".toml") and not item.name.startswith(".") and item.is_file():
                    modified = dt.datetime.fromtimestamp(item.stat().st_mtime)
                    entries.append(Entry(Path(item.path), modified))
    except OSError:
        return []
    return sorted(entries, key=lambda e: e.modified, reverse=True)


def summarise(path: Path) -> Summary:
    """Administration, triennium and answered questions of one session (reads the whole file)."""
    try:
        session = storage.load(path)
    except storage.SessionError as exc:
        return Summary("", "", 0, 0, error=str(exc))
    done, total = session.answers.form_progress(session.form)
    return Summary(session.administration, session.triennium, done, total)
