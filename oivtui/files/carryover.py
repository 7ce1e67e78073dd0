"""Next year's session from last year's file: read, carried over (questionnaire/carryover.py), saved."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oivtui.files import storage
from oivtui.files.newsession import new_session, new_session_path
from oivtui.files.session import Session
from questionnaire.carryover import map_answers, move_header_on, steps_with_answers
from questionnaire.form.answers import Answers
from questionnaire.form.model import Form
from questionnaire.form.rules import parse_triennium


@dataclass
class CarryOver:
    """A new session made from last year's, and what the user should be told about it (Italian)."""

    session: Session
    notes: list[str] = field(default_factory=list)
    #: Last year's answers the current form has no place for ("domanda X: non più presente nel modulo").
    lost: list[str] = field(default_factory=list)


#: The notes of the carry-overs made by this process, by the new session's file: the UI shows them.
_NOTES: dict[Path, list[str]] = {}


def notes_for(path: Path) -> list[str]:
    """What to tell the user about the session just created at ``path`` from last year's (or [])."""
    return list(_NOTES.get(Path(path).absolute(), []))


def raw_answers(doc: dict[str, Any], where: Path) -> Answers:
    """``[header]`` and ``[answers]`` of a parsed session file, unchecked against any form."""
    data: dict[str, Any] = {}
    for key in ("answers", "header"):
        table = doc.get(key, {})
        if not isinstance(table, dict):
            raise storage.SessionError(f"{where}: «{key}» deve essere una tabella.")
        data.update({"header": table} if key == "header" else table)
    return Answers({k: v for k, v in data.items() if v != {}})


# ---------------------------------------------------------------- the new session


def load_last(last: Path) -> tuple[Form, Answers, str]:
    """Last year's form, answers (unchecked) and form version; SessionError when unusable."""
    text = storage.read_text(last)
    doc = storage.parse_toml(text, last)
    # The file's format and form, checked with the same messages as opening it.
    head = storage.from_document({k: doc[k] for k in ("format", "form") if k in doc}, last, text)
    version = doc.get("form_version")
    return head.form, raw_answers(doc, last), version if isinstance(version, str) else ""


def carry_over(last: Path) -> CarryOver:
    """The session (not yet saved, no path) for the triennium after ``last``'s; SessionError if unusable."""
    form, answers, version = load_last(last)
    previous, lost = map_answers(answers, form)
    current = Answers(copy.deepcopy(previous.data))
    notes = move_header_on(form, current)
    to_review = steps_with_answers(form, current)
    session = Session(form_id=form.id, answers=current, to_review=to_review, previous=previous)
    notes.append(
        f"{_count(len(to_review), 'passo ripreso', 'passi ripresi')} dall'anno scorso, segnati «da rivedere» "
        "finché non li confermi; i numeri della tabella del personale e dell'allegato sono quelli "
        "dell'anno scorso: controllali."
    )
    if version and version != form.version:
        notes.append(f"Il modulo è cambiato (versione {version} → {form.version}): ripreso ciò che corrisponde.")
    if lost:
        notes.append(f"Non ripreso ({len(lost)}):")
        notes.extend(f"- {line}" for line in lost)
    return CarryOver(session, notes, lost)


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def target_path(path: Path | None, folder: Path, triennium: str) -> tuple[Path | None, str]:
    """Where the new session goes: ``path`` (which must not exist) or a new file in ``folder``."""
    if path is None:
        stem = f"sessione-{triennium}" if parse_triennium(triennium) else "sessione"
        return new_session_path(folder, stem), ""
    fresh, message = new_session(path, folder)
    return (fresh.path if fresh else None), message


def start_from_previous(last: Path, path: Path | None, folder: Path) -> tuple[Session | None, str]:
    """Create and save next year's session from ``last``; (session, "") or (None, Italian error).

    The notes for the user (triennium, cleared dates, steps to review, answers not carried over)
    are in :func:`notes_for` of the new session's path.
    """
    done, message = create(last, path, folder)
    return (done.session if done else None), message


def create(last: Path, path: Path | None, folder: Path) -> tuple[CarryOver | None, str]:
    """:func:`start_from_previous` with the notes: (carry-over, "") or (None, Italian error)."""
    prefix = "Impossibile partire dalla sessione dell'anno scorso"
    try:
        done = carry_over(Path(last))
    except storage.SessionError as exc:
        return None, f"{prefix}: {exc}"
    target, message = target_path(path, folder, done.session.triennium)
    if target is None:
        return None, message
    done.session.path = target
    try:
        storage.save(done.session, target)
    except storage.SaveError as exc:
        return None, f"{prefix}: {exc.one_shot()}"
    _NOTES[target.absolute()] = done.notes
    return done, ""
