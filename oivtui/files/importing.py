"""A new session from a filed document, for ``oivtui import`` (oivtui/cli/import_command.py) and
the app's «Importa documento…» (oivtui/tui/dialogs.py).

The document is read (questionnaire/importing/), every step that received something is marked
«da rivedere» as ``new --from`` marks them, the summary and the source excerpts are kept in the
session (``[imported]``), and the file is saved; an existing SESSION is never written over.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path

from oivtui.files import storage
from oivtui.files.carryover import target_path
from oivtui.files.inputs import InputRefused, read_input
from oivtui.files.session import Position, Session
from questionnaire.carryover import move_header_on, steps_with_answers
from questionnaire.form.answers import Answers
from questionnaire.form.loader import DEFAULT_FORM, available_forms, load_form
from questionnaire.importing.document import MAX_BYTES, read_document, table_labels, table_options
from questionnaire.importing.errors import DocumentError
from questionnaire.importing.filing import read_filing
from questionnaire.importing.outcome import Outcome
from questionnaire.importing.record import ImportRecord


@dataclass
class Imported:
    """The new session and what the user is told about it (Italian lines)."""

    session: Session
    lines: list[str] = field(default_factory=list)


class ImportFailed(Exception):
    """Nothing was written; the text is the Italian reason."""


def read_bytes(path: Path) -> bytes:
    """The document's bytes, refused before reading when it is no regular file or too large."""
    try:
        return read_input(path, MAX_BYTES)
    except InputRefused as exc:
        raise ImportFailed(str(exc)) from None


def read(path: Path, form_id: str | None = None) -> Outcome:
    """What the document at ``path`` says; ImportFailed when it is unreadable or no filing.

    It is read against ``form_id`` when given (``--modulo``); else against the form an oivtui
    report names in its provenance line, when that form is packaged here (a report on the «Piano
    della performance» form comes back on that form); else against the default form."""
    known = available_forms()
    forms = [load_form(name) for name in ([form_id] if form_id else known)]
    try:
        document = read_document(read_bytes(path), table_labels(forms), table_options(forms))
    except DocumentError as exc:
        raise ImportFailed(f"{path}: {exc}") from None
    ours = document.provenance is not None
    named = document.provenance.form if document.provenance is not None else ""
    form = load_form(form_id or (named if named in known else DEFAULT_FORM))
    outcome = read_filing(form, document.lines, document.kind, ours)
    if named and not form_id and named not in known:  # a form this version does not have: said, not hidden
        outcome.notes.append(
            f"Il resoconto dichiara il modulo «{named}», che questa versione di oivtui non ha: letto sul modulo "
            f"{form.id}. Per leggerlo su un altro: --modulo, tra: {', '.join(known)}."
        )
    if not outcome.recognised:
        raise ImportFailed(
            f"{path}: nessuna domanda del monitoraggio riconosciuta ({document.kind}): non sembra un "
            "monitoraggio OIV (delibera CiVIT 23/2013). Nessuna sessione creata."
        )
    if document.provenance is not None:
        from questionnaire.importing.ours import check_fingerprint

        outcome.notes.append(check_fingerprint(outcome, document.provenance.digest, document.joins))
    return outcome


def build(outcome: Outcome, source: Path, next_year: bool) -> Imported:
    """The session (no path yet) and the lines for the user."""
    form = outcome.form
    answers = Answers(copy.deepcopy(outcome.answers.data))
    notes = list(outcome.notes)
    previous = None
    if next_year:
        previous = Answers(copy.deepcopy(outcome.answers.data))
        notes += move_header_on(form, answers)
    to_review = steps_with_answers(form, answers)
    record = ImportRecord(source.name, outcome.kind, outcome.summary(), dict(outcome.excerpts), dict(outcome.reasons))
    session = Session(form_id=form.id, answers=answers, to_review=to_review, previous=previous, imported=record)
    if to_review:  # opened on its first step to review
        session.position = Position(step=to_review[0])
    lines = [f"Letto {source} ({outcome.kind}): {outcome.recognised} domande riconosciute su {_questions(outcome)}."]
    lines += record.summary
    lines += notes
    lines.append(
        f"{len(to_review)} passi segnati «da rivedere»: controlla ogni risposta con il testo da cui è stata letta "
        "e conferma il passo (Ctrl+R o F9; in «oivtui ask» alla fine del passo)."
    )
    return Imported(session, lines)


def _questions(outcome: Outcome) -> int:
    return sum(1 for q in outcome.form.questions if q.id not in outcome.header_questions)


def create(source: Path, path: Path | None, folder: Path, next_year: bool, form_id: str | None = None) -> Imported:
    """Read, build and save; ImportFailed (nothing written) when that cannot be done."""
    if path is not None and os.path.lexists(path):
        raise ImportFailed(f"{path}: esiste già e oivtui non sovrascrive file esistenti. Scegli un altro nome.")
    done = build(read(source, form_id), source, next_year)
    target, message = target_path(path, folder, done.session.triennium)
    if target is None:
        raise ImportFailed(message)
    done.session.path = target
    try:
        storage.save(done.session, target)
    except storage.SaveError as exc:
        raise ImportFailed(exc.one_shot()) from None
    return done
