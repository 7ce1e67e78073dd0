"""The filing deadline: the PIAO's adoption date plus the days the form's own rule allows.

The number of days is the form's (its ``within_days`` rule on the date that plays ``piao_date``),
never one written here. Days are calendar days; today's date comes from :func:`today`, the one
place tests set (:func:`set_today` in a test, ``OIVTUI_OGGI=AAAA-MM-GG`` for a whole process: a
subprocess, a tmux session), and is the local date.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import NamedTuple

from questionnaire.form.answers import Answers
from questionnaire.form.model import SEP, Form, split_address
from questionnaire.form.rules import MISSING, Problem

#: Days to the deadline at or under which the review step warns.
WARN_DAYS = 7

#: The environment variable that sets today's date for a whole process (tests, demonstrations).
TODAY_VARIABLE = "OIVTUI_OGGI"

_today: dt.date | None = None


def today() -> dt.date:
    """Today in the local time zone, or the date a test set."""
    if _today is not None:
        return _today
    given = os.environ.get(TODAY_VARIABLE, "")
    if given:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            pass  # a test's setting mistyped: the real date, as without it
    return dt.date.today()


def set_today(day: dt.date | None) -> None:
    """Make :func:`today` answer ``day`` (None: the real date again). For tests and benchmarks."""
    global _today
    _today = day


def filing_days(form: Form) -> int | None:
    """The days the form allows after the PIAO's adoption: its ``within_days`` rule whose ``after``
    is the field playing ``piao_date``; None when the form has no such rule."""
    address = form.role("piao_date")
    if address is None:
        return None
    qid, _row, key = split_address(address)
    if not form.has_question(qid):
        return None
    for rule in form.question(qid).rules:
        if rule.rule == "within_days" and rule.param("after") == key:
            return int(str(rule.param("days", 30)))
    return None


def piao_date(form: Form, answers: Answers) -> dt.date | None:
    value = answers.of_role(form, "piao_date")
    return value if isinstance(value, dt.date) else None


def filing_deadline(form: Form, answers: Answers) -> dt.date | None:
    """The last day to file: the PIAO's date plus the form's days; None without a PIAO date."""
    adopted, days = piao_date(form, answers), filing_days(form)
    if adopted is None or days is None:
        return None
    return adopted + dt.timedelta(days=days)


def days_left(deadline: dt.date, on: dt.date | None = None) -> int:
    """Calendar days from ``on`` (today) to ``deadline``: 0 on the day, negative once past."""
    return (deadline - (on or today())).days


def days_left_text(days: int) -> str:
    """«tra 5 giorni», «domani», «oggi», «scaduto ieri», «scaduto da 3 giorni»."""
    if days > 1:
        return f"tra {days} giorni"
    if days == 1:
        return "domani"
    if days == 0:
        return "oggi"
    if days == -1:
        return "scaduto ieri"
    return f"scaduto da {-days} giorni"


def is_near(days: int) -> bool:
    """Seven days away or less, or past: when the review step warns."""
    return days <= WARN_DAYS


class State(NamedTuple):
    """What a session still lacks for its final version."""

    missing: int
    errors: int

    @property
    def complete(self) -> bool:
        return not self.missing and not self.errors

    def text(self) -> str:
        """«12 risposte mancanti», «2 errori», both, or «pronto da firmare»."""
        parts = []
        if self.errors:
            parts.append("1 errore" if self.errors == 1 else f"{self.errors} errori")
        if self.missing:
            parts.append("1 risposta mancante" if self.missing == 1 else f"{self.missing} risposte mancanti")
        return ", ".join(parts) or "pronto da firmare"


def state_of(problems: list[Problem], to_review: int = 0) -> State:
    """From the final version's problems: missing answers apart; errors, with the steps carried
    over and not yet confirmed (the final version counts them as errors, as ``validate`` does)."""
    missing = sum(1 for p in problems if p.code == MISSING)
    errors = sum(1 for p in problems if p.is_error and p.code != MISSING) + to_review
    return State(missing, errors)


def list_order(
    deadline: dt.date | None, complete: bool, modified: float, unread: bool = False, copy: bool = False
) -> tuple[int, dt.date, float]:
    """Sort key of the list of sessions, most urgent first: open sessions by deadline, open ones
    with no PIAO date, the complete ones (by deadline too); then files not read yet or unreadable,
    then the copies kept beside a session. The most recently saved first among equals."""
    if copy:
        group = 4
    elif unread:
        group = 3
    elif complete:
        group = 2
    else:
        group = 0 if deadline is not None else 1
    return (group, deadline or dt.date.max, -modified)


def deadline_problem(form: Form, answers: Answers, on: dt.date | None = None) -> Problem | None:
    """A warning on the PIAO's date when the deadline is :data:`WARN_DAYS` days away or less, or
    past, worded as the form's rule is: the review step lists it with the other warnings. A
    signature dated within the deadline met it: no warning (one dated later has the form's own)."""
    deadline, address = filing_deadline(form, answers), form.role("piao_date")
    if deadline is None or address is None:
        return None
    signed = answers.of_role(form, "signature_date")
    if isinstance(signed, dt.date):
        return None
    left = days_left(deadline, on)
    if not is_near(left):
        return None
    qid, row, key = split_address(address)
    days = filing_days(form)
    adopted = deadline - dt.timedelta(days=days or 0)
    if left > 0:
        when = f"va firmato entro il {deadline:%d/%m/%Y}, {days_left_text(left)}"
    elif left == 0:
        when = f"va firmato oggi, {deadline:%d/%m/%Y}, ultimo giorno utile"
    else:
        when = f"andava firmato entro il {deadline:%d/%m/%Y}: termine {days_left_text(left)}"
    message = f"Il monitoraggio {when} ({days} giorni dall'adozione del {form.plan or 'piano'}, {adopted:%d/%m/%Y})."
    field = f"{row}{SEP}{key}" if row else key
    return Problem("warning", qid, field, message, "deadline")
