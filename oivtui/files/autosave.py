"""Keeps the session file in step with memory: dirty flag, atomic save, an Italian status line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from oivtui.files import storage
from oivtui.files.session import Session

#: An unsaved change is written at most this long after it was made (the issue asks ≤ 1 s).
SAVE_DELAY = 0.4


class Autosaver:
    """Writes a session when it changed: ``changed()`` after each edit, ``save()`` when it is time."""

    def __init__(self, session: Session, read_only: bool = False) -> None:
        self.session = session
        self.read_only = read_only
        self.dirty = False
        self.last_saved: dt.datetime | None = None
        self.last_error = ""
        #: The exact text last written: a save that would write the same bytes is skipped.
        self.last_text = ""
        #: The emergency copy written when the session's own file could not be (removed once it can).
        self.rescued: Path | None = None
        #: The checked text of each part of the file, so that a save re-serialises only what changed.
        self.parts = storage.TomlParts()
        #: The last save found the file changed by another program: the user chooses (diskchange).
        self.changed_on_disk = False

    def changed(self) -> None:
        self.dirty = True

    def save(self, force: bool = False) -> bool:
        """Write the session if it changed; False (and ``last_error`` set) when the save failed."""
        if self.read_only or self.session.path is None or not (self.dirty or force):
            return True
        text = None
        try:
            text = storage.dumps(self.session, self.parts)
            if text != self.last_text or force:
                storage.write_session(self.session, text)
                self.last_text = text
        except storage.SaveError as exc:
            self.changed_on_disk = isinstance(exc, storage.ChangedOnDisk)
            self.last_error = str(exc) + self._rescue(text)
            return False
        self.changed_on_disk = False
        self._drop_rescue()
        self.dirty = False
        self.last_error = ""
        self.last_saved = dt.datetime.now()
        return True

    def _rescue(self, text: str | None) -> str:
        """Write the answers elsewhere, so that quitting (or a hang-up) with the fault still there
        loses nothing; the sentence that says where, for the error message."""
        if text is None or self.session.path is None:
            return ""
        target = storage.rescue_path(self.session.path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            storage.write_atomic(target, text.encode("utf-8"))
        except (OSError, storage.SaveError):
            return " Non è stato possibile scrivere neppure una copia di emergenza."
        self.rescued = target
        return f" Copia di emergenza delle risposte: {target}"

    def _drop_rescue(self) -> None:
        """The session's own file is up to date again: the emergency copy would only mislead."""
        if self.rescued is not None:
            try:
                self.rescued.unlink()
            except OSError:
                pass  # already gone, or its folder is read-only now: it is an older copy either way
            self.rescued = None

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
