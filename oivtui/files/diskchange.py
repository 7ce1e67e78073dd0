"""The session's file changed on disk while it was open: what differs, and the two ways out.

«Ricarica» takes the file's version (the user's answers are kept beside it first); «Tieni le mie»
writes the user's answers (the file's version is kept beside it first). Neither loses a version.
A file that no longer loads is never written over without the user's word: the user's answers are
kept beside it at once, and the dialog says why it cannot be reloaded.

This module is the files' side; the app's reactions (the dialog, reload, keep mine) are in
oivtui/tui/saving.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from oivtui.files import storage
from oivtui.files.session import Session
from questionnaire.form.answers import Answers
from questionnaire.form.model import Form, split_address
from questionnaire.wordiff import Op, value_text, word_diff

#: Tags of the copies written beside the session: «NOME.su-disco-AAAAMMGG-HHMMSS.toml».
DISK_TAG = "su-disco"
MINE_TAG = "mie"


class DiskVersion(NamedTuple):
    """The file as it is on disk now: its session when it loads, else the Italian reason."""

    stamp: tuple[int, ...] | None
    data: bytes | None
    session: Session | None
    error: str


class Difference(NamedTuple):
    """One answer that differs: where (question and field, for the user) and the word diff."""

    label: str
    chunks: list[tuple[Op, str]]


def read_disk(path: Path) -> DiskVersion:
    """The file's stamp first, then its bytes: a change after this shows up at the next save."""
    stamp = storage.stamp_of(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return DiskVersion(None, None, None, f"{path} non c'è più: è stato cancellato o spostato.")
    except OSError as exc:
        return DiskVersion(stamp, None, None, f"{path}: impossibile leggere il file ({storage.errno_hint(exc)}).")
    try:
        session = storage.load(path)
    except storage.SessionError as exc:
        return DiskVersion(stamp, data, None, str(exc))
    return DiskVersion(stamp, data, session, "")


def answer_label(form: Form, address: str) -> str:
    """«Domanda 1.3 · Risposta», «Domanda 1 · Non dirigenti · In servizio», «Dati generali · Luogo…»."""
    qid, row, key = split_address(address)
    question = form.question(qid)
    field = question.field(key)
    parts = [f"Domanda {question.number}" if question.number else question.text]
    parts += [r.label for r in question.rows if r.key == row]
    parts.append(field.short or field.label)
    return " · ".join(parts)


def differences(form: Form, disk: Answers, mine: Answers) -> list[Difference]:
    """Every answer that differs, in form order, as a word diff from the disk's to the user's."""
    out = []
    for question in form.questions:
        for address in question.addresses():
            old, new = value_text(disk.get(address)), value_text(mine.get(address))
            if old != new:
                out.append(Difference(answer_label(form, address), word_diff(old, new)))
    return out


def beside_path(path: Path, tag: str, now: dt.datetime | None = None) -> Path:
    """«NOME.TAG-AAAAMMGG-HHMMSS.toml» next to ``path``; never an existing file."""
    stamp = f"{now or dt.datetime.now():%Y%m%d-%H%M%S}"
    candidate = path.with_name(f"{path.stem}.{tag}-{stamp}{path.suffix}")
    counter = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem}.{tag}-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate


def keep_beside(path: Path, tag: str, data: bytes) -> Path:
    """Write ``data`` next to ``path`` (mode 0600); ``SaveError`` when it cannot be written."""
    target = beside_path(path, tag)
    storage.write_atomic(target, data)
    return target


#: The user's answers last kept beside each session (text, file): «Riprova» on a file still broken
#: does not leave one more copy of the same answers.
_KEPT: dict[Path, tuple[str, Path]] = {}


def save_mine_beside(session: Session) -> Path:
    assert session.path is not None
    text = storage.dumps(session)
    last = _KEPT.get(session.path)
    if last is not None and last[0] == text and last[1].exists():
        return last[1]
    target = keep_beside(session.path, MINE_TAG, text.encode("utf-8"))
    _KEPT[session.path] = (text, target)
    return target
