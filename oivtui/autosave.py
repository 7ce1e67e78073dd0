"""Keeps the session file in step with memory: dirty flag, atomic save, an Italian status line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from oivtui import storage
from oivtui.session import Session

#: An unsaved change is written at most this long after it was made (the issue asks ≤ 1 s).
SAVE_DELAY = 0.4


@dataclass
class Autosaver:
    session: Session
    read_only: bool = False
    dirty: bool = False
    last_saved: dt.datetime | None = None
    last_error: str = ""
    #: The exact text last written: a save that would write the same bytes is skipped.
    last_text: str = ""
    #: The checked text of each part of the file, so that a save re-serialises only what changed.
    parts: storage.TomlParts = field(default_factory=storage.TomlParts, repr=False)

    def changed(self) -> None:
        self.dirty = True

    def save(self, force: bool = False) -> bool:
        """Write the session if it changed; False (and ``last_error`` set) when the save failed."""
        if self.read_only or self.session.path is None or not (self.dirty or force):
            return True
        try:
            text = storage.dumps(self.session, self.parts)
            if text != self.last_text or force:
                storage.write_atomic(self.session.path, text.encode("utf-8"))
                self.last_text = text
        except storage.SaveError as exc:
            self.last_error = str(exc)
            return False
        self.dirty = False
        self.last_error = ""
        self.last_saved = dt.datetime.now()
        return True

    @property
    def status(self) -> str:
        if self.read_only:
            return "Sola lettura: le modifiche non vengono salvate."
        if self.last_error:
            return "✗ NON SALVATO: " + self.last_error
        if self.dirty:
            return "Modifiche in corso di salvataggio…"
        where = self.session.path.name if self.session.path else ""
        if self.last_saved is None:
            return f"File: {where}"
        return f"Salvato alle {self.last_saved:%H:%M:%S} · {where}"
