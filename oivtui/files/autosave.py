"""Keeps the session file in step with memory: dirty flag, atomic save, an Italian status line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from oivtui.files import storage
from oivtui.files.session import Session

#: An unsaved change is written at most this long after it was made (the issue asks ≤ 1 s).
SAVE_DELAY = 0.4
#: A change still unsaved this long after it was made is said on the status line: the save is late.
SAVE_LATE = 1.5


class Autosaver:
    """Writes a session when it changed: ``changed()`` after each edit, ``save()`` when it is time."""

    def __init__(self, session: Session, read_only: bool = False) -> None:
        self.session = session
        self.read_only = read_only
        self.dirty = False
        #: When the file was last written: by this saver, or before it (the file's time when opened),
        #: so that the first save of a session opened today changes nothing on the status line.
        self.last_saved = written_at(session.path)
        self.last_error = ""
        #: The exact text last written: a save that would write the same bytes is skipped.
        self.last_text = ""
        #: The emergency copy written when the session's own file could not be (removed once it can).
        self.rescued: Path | None = None
        #: The checked text of each part of the file, so that a save re-serialises only what changed.
        self.parts = storage.TomlParts()
        #: The last save found the file changed by another program: the user chooses (diskchange).
        self.changed_on_disk = False
        #: A change waits for its save longer than it should (set by the app after ``SAVE_LATE``).
        self.late = False

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
        self.late = False
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
        """What the status line says: the same words while the user types and each change is saved
        within ``SAVE_DELAY`` (the time to the minute, a line repainted at most once a minute, not
        twice per key); a failed save at once; a change still unsaved after ``SAVE_LATE``, when the
        app says it is late (``late``)."""
        if self.read_only:
            return "Sola lettura: le modifiche non vengono salvate."
        if self.last_error:
            return "✗ NON SALVATO: " + self.last_error
        where = self.session.path.name if self.session.path else ""
        if self.late:
            return f"Modifiche non ancora salvate… · {where}"
        if self.last_saved is None:
            return f"File: {where}"
        if self.last_saved.date() != dt.date.today():
            return f"Salvato il {self.last_saved:%d/%m/%Y} alle {self.last_saved:%H:%M} · {where}"
        return f"Salvato alle {self.last_saved:%H:%M} · {where}"


def written_at(path: Path | None) -> dt.datetime | None:
    """When the file at ``path`` was last modified (None: no file yet, or it cannot be read)."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime) if path is not None else None
    except OSError:
        return None
