"""oivtui's own reports read back: the answers checked against the report's fingerprint.

A report prints every answer but one: the PIAO's adoption date. When the answers read back
differ from the report's fingerprint only by that date, the date is the one day, near the
signature, whose fingerprint is the report's: found by SHA-256, not guessed.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from questionnaire.importing.outcome import Outcome
from questionnaire.provenance import canonical, fingerprint

#: How far from the signature (or the triennium's first year) the PIAO's date is looked for.
_DAYS_BEFORE, _DAYS_AFTER = 730, 365
_PLACEHOLDER = "0000-00-00"


def check_fingerprint(outcome: Outcome, digest: str) -> str:
    """Compare the answers read with the report's fingerprint; the sentence that says how it went."""
    if fingerprint(outcome.answers) == digest:
        return "Risposte identiche a quelle del resoconto (impronta SHA-256 verificata)."
    address = outcome.form.role("piao_date")
    if address and outcome.answers.get(address) is None:
        found = _unprinted_date(outcome, address, digest)
        if found is not None:
            source = "(data non stampata nel resoconto: ritrovata dall'impronta SHA-256 delle risposte)"
            outcome.put(address, found, source)
            return "Risposte identiche a quelle del resoconto (impronta SHA-256 verificata, data del PIAO compresa)."
    return (
        "Le risposte lette non hanno l'impronta scritta nel resoconto: il resoconto è stato modificato "
        "dopo l'esportazione, o alcune risposte (spazi, righe vuote) non si rileggono uguali. Controllale."
    )


def _unprinted_date(outcome: Outcome, address: str, digest: str) -> dt.date | None:
    around = _anchor(outcome)
    if around is None:
        return None
    outcome.answers.set(address, _PLACEHOLDER)
    try:
        text = canonical(outcome.answers)
    finally:
        outcome.answers.set(address, None)
    head, _sep, tail = text.partition(f'"{_PLACEHOLDER}"'.encode())
    for offset in range(-_DAYS_BEFORE, _DAYS_AFTER + 1):
        day = around + dt.timedelta(days=offset)
        if hashlib.sha256(head + f'"{day.isoformat()}"'.encode() + tail).hexdigest() == digest:
            return day
    return None


def _anchor(outcome: Outcome) -> dt.date | None:
    form, answers = outcome.form, outcome.answers
    signed = answers.of_role(form, "signature_date")
    if isinstance(signed, dt.date):
        return signed
    triennium = answers.text_of_role(form, "triennium")
    return dt.date(int(triennium[:4]), 1, 1) if triennium[:4].isdigit() else None
