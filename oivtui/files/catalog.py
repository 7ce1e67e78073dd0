"""The saved sessions of the data folder: listed cheaply, summarised once per version of a file.

A summary (administration, triennium, PIAO date, deadline, what is missing) costs a full read and
a validation (about 15 ms for the example); it is kept in the cache (``summarycache.py``) under
the file's stamp, so a folder of 1,000 sessions is read once, and afterwards only the files that
changed. The copies «Ricarica» and «Tieni le mie» keep beside a session
(«NOME.mie-AAAAMMGG-HHMMSS.toml», see ``diskchange.py``) are listed as copies, never summarised.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from oivtui.files import storage
from oivtui.files.diskchange import DISK_TAG, MINE_TAG
from questionnaire import deadline

#: «NOME.mie-20261204-132600.toml», «NOME.su-disco-20261204-132600-2.toml».
COPY_NAME = re.compile(
    rf"^(?P<stem>.+)\.(?:{re.escape(MINE_TAG)}|{re.escape(DISK_TAG)})-(?P<stamp>\d{{8}}-\d{{6}})(?:-\d+)?\.toml$"
)


@dataclass(frozen=True)
class Entry:
    path: Path
    modified: dt.datetime
    #: Inode, size, modification and change times: a new version, or new permissions, change it.
    stamp: tuple[int, ...] = ()
    #: For a kept copy: the file name of the session it is a copy of, and when it was made.
    copy_of: str = ""
    copied: dt.datetime | None = None


@dataclass(frozen=True)
class Summary:
    administration: str
    triennium: str
    done: int
    total: int
    error: str = ""
    piao_date: dt.date | None = None
    deadline: dt.date | None = None
    missing: int = 0
    errors: int = 0

    @property
    def completeness(self) -> str:
        return f"{round(100 * self.done / self.total) if self.total else 0}%"

    @property
    def complete(self) -> bool:
        return not self.error and deadline.State(self.missing, self.errors).complete

    @property
    def state(self) -> str:
        """«12 risposte mancanti», «2 errori», «pronto da firmare»."""
        return deadline.State(self.missing, self.errors).text()

    def days_left(self, on: dt.date | None = None) -> int | None:
        return None if self.deadline is None else deadline.days_left(self.deadline, on)


def list_sessions(folder: Path) -> list[Entry]:
    """Session files in ``folder``, newest first: one directory scan, no file is opened.

    Raises OSError when the folder exists but cannot be read (a missing folder is an empty list).
    """
    entries = []
    try:
        scan = os.scandir(folder)
    except FileNotFoundError:
        return []
    with scan:
        for item in scan:
            if item.name.endswith(".toml") and not item.name.startswith(".") and item.is_file():
                entries.append(_entry(item))
    return sorted(entries, key=lambda e: e.modified, reverse=True)


def _entry(item: os.DirEntry[str]) -> Entry:
    info = item.stat()
    modified = dt.datetime.fromtimestamp(info.st_mtime)
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    match = COPY_NAME.match(item.name)
    if match is None:
        return Entry(Path(item.path), modified, stamp)
    copied = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    return Entry(Path(item.path), modified, stamp, copy_of=match["stem"] + ".toml", copied=copied)


def summarise(path: Path) -> Summary:
    """What the list shows of one session (reads and validates the whole file)."""
    from questionnaire.form.rules import validate

    try:
        session = storage.load(path)
    except storage.SessionError as exc:
        return Summary("", "", 0, 0, error=str(exc))
    form, answers = session.form, session.answers
    done, total = answers.form_progress(form)
    state = deadline.state_of(validate(form, answers, final=True), len(session.to_review))
    return Summary(
        session.administration,
        session.triennium,
        done,
        total,
        piao_date=deadline.piao_date(form, answers),
        deadline=deadline.filing_deadline(form, answers),
        missing=state.missing,
        errors=state.errors,
    )


def by_urgency(pairs: list[tuple[Entry, Summary | None]]) -> list[tuple[Entry, Summary | None]]:
    """Most urgent first, as the start screen lists them (``questionnaire.deadline.list_order``)."""

    def key(pair: tuple[Entry, Summary | None]) -> tuple[int, dt.date, float]:
        entry, summary = pair
        unread = summary is None or bool(summary.error)
        due = None if summary is None else summary.deadline
        complete = summary is not None and summary.complete
        return deadline.list_order(due, complete, entry.modified.timestamp(), unread, bool(entry.copy_of))

    return sorted(pairs, key=key)
