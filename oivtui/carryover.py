"""Next year's session from last year's: answers copied, triennium moved on, every step to review."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oivtui import storage
from oivtui.session import Session
from questionnaire.answers import Answers, is_empty
from questionnaire.model import Form, Question, Step
from questionnaire.rules import parse_triennium

#: Header fields that describe a moment, not the administration: cleared, never guessed.
CLEARED_HEADER = ("piao_date", "signature_date")
TRIENNIUM = "triennium"

KIND_NAMES = {
    "text": "testo",
    "line": "riga di testo",
    "lines": "elenco",
    "choice": "risposta breve",
    "integer": "numero intero",
    "date": "data",
    "triennium": "triennio",
}


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


# ---------------------------------------------------------------- mapping answers onto a form


def map_answers(answers: Answers, form: Form) -> tuple[Answers, list[str]]:
    """The answers ``form`` still has a place for (same question id, row, field key and type),
    and one Italian line for each one it has not."""
    mapped, lost = Answers(), []
    for qid, bucket in answers.data.items():
        if not form.has_question(qid) or not isinstance(bucket, dict):
            lost.append(f"domanda {qid}: non più presente nel modulo")
            continue
        question = form.question(qid)
        if question.rows:
            kept = _map_rows(question, bucket, lost)
        else:
            kept = _map_fields(question, bucket, qid, lost)
        if kept:
            mapped.data[qid] = kept
    return mapped, lost


def _map_rows(question: Question, bucket: dict[str, Any], lost: list[str]) -> dict[str, Any]:
    rows = {r.key for r in question.rows}
    kept = {}
    for row, values in bucket.items():
        if row not in rows or not isinstance(values, dict):
            lost.append(f"domanda {question.id}, riga «{row}»: non più presente nel modulo")
            continue
        fields = _map_fields(question, values, f"{question.id}, riga «{row}»", lost)
        if fields:
            kept[row] = fields
    return kept


def _map_fields(question: Question, values: dict[str, Any], where: str, lost: list[str]) -> dict[str, Any]:
    keys = {f.key: f for f in question.fields}
    kept = {}
    for key, value in values.items():
        if is_empty(value):
            continue
        if key not in keys:
            lost.append(f"domanda {where}, campo «{key}»: non più presente nel modulo")
        elif not fits(keys[key].kind, value):
            kind = KIND_NAMES.get(keys[key].kind, keys[key].kind)
            lost.append(f"domanda {where}, campo «{key}»: ora chiede un {kind}, risposta non ripresa")
        else:
            kept[key] = copy.deepcopy(value)
    return kept


def fits(kind: str, value: object) -> bool:
    """Whether a stored value has the type a field of ``kind`` holds (its content is the rules' job)."""
    if kind == "lines":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":  # a typed-but-invalid date is kept as text, as storage does
        return isinstance(value, str) or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))
    return isinstance(value, str)


def raw_answers(doc: dict[str, Any], where: Path) -> Answers:
    """``[header]`` and ``[answers]`` of a parsed session file, unchecked against any form."""
    data: dict[str, Any] = {}
    for key in ("answers", "header"):
        table = doc.get(key, {})
        if not isinstance(table, dict):
            raise storage.SessionError(f"{where}: «{key}» deve essere una tabella.")
        data.update({"header": table} if key == "header" else table)
    return Answers({k: v for k, v in data.items() if v != {}})


# ---------------------------------------------------------------- the header


def next_triennium(text: str) -> str | None:
    """"2024-2026" → "2025-2027"; None when ``text`` is not a triennium."""
    years = parse_triennium(text)
    return f"{years[0] + 1}-{years[1] + 1}" if years else None


def move_header_on(answers: Answers) -> list[str]:
    """Move the triennium on by one year and clear the dates; the notes that say so."""
    notes = []
    old = answers.get(f"header/{TRIENNIUM}")
    if isinstance(old, str):
        new = next_triennium(old)
        answers.set(f"header/{TRIENNIUM}", new)
        notes.append(
            f"Triennio: {old} → {new}." if new else f"Triennio «{old}» non riconosciuto: va indicato."
        )
    for key in CLEARED_HEADER:
        answers.set(f"header/{key}", None)
    notes.append(
        "Data di adozione del PIAO e data della firma non ricopiate: vanno inserite "
        "(oivtui non le indovina)."
    )
    return notes


def step_name(step: Step) -> str:
    """How a step is named to the user: "Dati generali", "Blocco 1 – Definizione …"."""
    return f"Blocco {step.label}" if step.kind == "block" else step.label


def pending_names(session: Session) -> list[str]:
    """The steps carried over from last year and not yet confirmed, named for the user."""
    form = session.form
    return [step_name(form.step(s)) for s in session.to_review]


def steps_with_answers(form: Form, answers: Answers) -> list[str]:
    """Every step (header, table, block, annex) that received something, in form order."""
    return [s.id for s in form.steps if any(answers.question_touched(q) for q in s.questions)]


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
    notes = move_header_on(current)
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
    from oivtui.starting import new_session, new_session_path

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
        return None, f"{prefix}: {exc}"
    _NOTES[target.absolute()] = done.notes
    return done, ""
