"""Last year's answers onto this year's form: what still fits, the triennium moved on, steps to review.

Pure: the shell (oivtui/files/carryover.py) reads last year's file and saves the new session.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from questionnaire.form.answers import Answers, is_empty
from questionnaire.form.kinds import KINDS, Kind, requires
from questionnaire.form.model import Form, Question
from questionnaire.form.places import step_label
from questionnaire.form.rules import parse_triennium

#: Roles (the form's ``[roles]``) of fields that describe a moment, not the administration: cleared, never guessed.
CLEARED_ROLES = ("piao_date", "signature_date")

# ---------------------------------------------------------------- mapping answers onto a form


def _needs(kind: Kind) -> str:
    """What a carry-over needs of every kind: its name in Italian, for an answer it cannot keep."""
    return "" if kind.label.strip() else "no label (its name in Italian, after «un»)"


requires("questionnaire.carryover", _needs)


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
            kind = KINDS[keys[key].kind].label
            lost.append(f"domanda {where}, campo «{key}»: ora chiede un {kind}, risposta non ripresa")
        else:
            kept[key] = copy.deepcopy(value)
    return kept


def fits(kind: str, value: object) -> bool:
    """Whether a stored value has the type a field of ``kind`` holds (its content is the rules' job)."""
    return KINDS[kind].holds(value)


# ---------------------------------------------------------------- the header


def next_triennium(text: str) -> str | None:
    """ "2024-2026" → "2025-2027"; None when ``text`` is not a triennium."""
    years = parse_triennium(text)
    return f"{years[0] + 1}-{years[1] + 1}" if years else None


def move_header_on(form: Form, answers: Answers) -> list[str]:
    """Move the triennium on by one year and clear the dates (by their roles in ``form``); the notes
    that say so."""
    notes = []
    triennium = form.role("triennium")
    old = answers.get(triennium) if triennium else None
    if triennium and isinstance(old, str):
        new = next_triennium(old)
        answers.set(triennium, new)
        notes.append(f"Triennio: {old} → {new}." if new else f"Triennio «{old}» non riconosciuto: va indicato.")
    cleared = cleared_addresses(form)
    for address in cleared:
        answers.set(address, None)
    if cleared:  # named as the form labels them: «Data di adozione del PIAO e data della firma»
        fields = [form.field_at(address) for address in cleared]
        named = " e ".join([fields[0].label, *(f.label_in_sentence for f in fields[1:])])
        if len(cleared) == 1:
            notes.append(f"{named} non ricopiata: va inserita (oivtui non la indovina).")
        else:
            notes.append(f"{named} non ricopiate: vanno inserite (oivtui non le indovina).")
    return notes


def cleared_addresses(form: Form) -> list[str]:
    """The fields a carry-over clears (``CLEARED_ROLES``: the dates), never guessed for the new year."""
    return [address for address in map(form.role, CLEARED_ROLES) if address]


# ---------------------------------------------------------------- steps to review


def pending_names(form: Form, to_review: Iterable[str]) -> list[str]:
    """The steps carried over from last year and not yet confirmed, named for the user."""
    return [step_label(form.step(s)) for s in to_review]


def steps_with_answers(form: Form, answers: Answers) -> list[str]:
    """Every step (header, table, block, annex) that received something, in form order."""
    return [s.id for s in form.steps if any(answers.question_touched(q) for q in s.questions)]
