"""The filing deadline: the PIAO's date plus the form's own days, counted in calendar days."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from questionnaire import deadline
from questionnaire.deadline import (
    State,
    days_left_text,
    deadline_problem,
    filing_days,
    filing_deadline,
    set_today,
    today,
)
from questionnaire.form import loader
from questionnaire.form.answers import Answers
from questionnaire.form.loader import load_form, parse_form

PIAO = "header/piao_date"


@pytest.fixture(autouse=True)
def real_today() -> Iterator[None]:
    yield
    set_today(None)


def answers_with(piao: dt.date | None) -> Answers:
    answers = Answers()
    if piao is not None:
        answers.set(PIAO, piao)
    return answers


def test_the_days_come_from_the_forms_rule() -> None:
    assert filing_days(load_form()) == 30
    assert filing_days(load_form("civit-23-2013-piano-performance")) == 30
    source = Path(loader.__file__).with_name("data") / "civit-23-2013.toml"
    text = source.read_text("utf-8").replace('after = "piao_date", days = 30', 'after = "piao_date", days = 45')
    form = parse_form(tomllib.loads(text))
    assert filing_days(form) == 45
    assert filing_deadline(form, answers_with(dt.date(2025, 3, 1))) == dt.date(2025, 4, 15)


def test_a_form_without_the_rule_has_no_deadline() -> None:
    source = Path(loader.__file__).with_name("data") / "civit-23-2013.toml"
    lines = [line for line in source.read_text("utf-8").splitlines() if '"within_days"' not in line]
    form = parse_form(tomllib.loads("\n".join(lines)))
    assert filing_days(form) is None
    assert filing_deadline(form, answers_with(dt.date(2025, 3, 1))) is None


@pytest.mark.parametrize(
    ("piao", "due"),
    [
        (dt.date(2024, 1, 31), dt.date(2024, 3, 1)),  # leap year: 29 days in February
        (dt.date(2025, 1, 31), dt.date(2025, 3, 2)),
        (dt.date(2023, 12, 15), dt.date(2024, 1, 14)),  # over the new year
        (dt.date(2028, 2, 1), dt.date(2028, 3, 2)),
    ],
)
def test_calendar_days_with_leap_years(piao: dt.date, due: dt.date) -> None:
    assert filing_deadline(load_form(), answers_with(piao)) == due


def test_no_piao_date_no_deadline_and_no_warning() -> None:
    form = load_form()
    assert filing_deadline(form, answers_with(None)) is None
    assert deadline_problem(form, answers_with(None), dt.date(2024, 3, 1)) is None


@pytest.mark.parametrize(
    ("day", "left", "said"),
    [
        (dt.date(2024, 2, 23), 7, "tra 7 giorni"),
        (dt.date(2024, 2, 29), 1, "domani"),  # the day before
        (dt.date(2024, 3, 1), 0, "oggi"),  # the day of
        (dt.date(2024, 3, 2), -1, "scaduto ieri"),  # the day after
        (dt.date(2024, 3, 4), -3, "scaduto da 3 giorni"),
        (dt.date(2024, 2, 25), 5, "tra 5 giorni"),
    ],
)
def test_days_left_around_the_deadline(day: dt.date, left: int, said: str) -> None:
    set_today(day)
    due = filing_deadline(load_form(), answers_with(dt.date(2024, 1, 31)))
    assert due is not None
    assert deadline.days_left(due) == left
    assert days_left_text(left) == said


def test_the_review_warning_starts_seven_days_before() -> None:
    form, answers = load_form(), answers_with(dt.date(2024, 1, 31))
    assert deadline_problem(form, answers, dt.date(2024, 2, 22)) is None  # 8 days left
    week = deadline_problem(form, answers, dt.date(2024, 2, 23))
    assert week is not None and week.level == "warning" and week.address == PIAO
    assert "entro il 01/03/2024, tra 7 giorni" in week.message and "30 giorni" in week.message
    before = deadline_problem(form, answers, dt.date(2024, 2, 29))
    assert before is not None and "domani" in before.message
    on_the_day = deadline_problem(form, answers, dt.date(2024, 3, 1))
    assert on_the_day is not None and "oggi, 01/03/2024" in on_the_day.message
    after = deadline_problem(form, answers, dt.date(2024, 3, 2))
    assert after is not None and "scaduto ieri" in after.message and "31/01/2024" in after.message


def test_today_is_set_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(deadline.TODAY_VARIABLE, raising=False)
    assert today() == dt.date.today()
    monkeypatch.setenv(deadline.TODAY_VARIABLE, "2024-02-29")
    assert today() == dt.date(2024, 2, 29)
    set_today(dt.date(2030, 1, 1))
    assert today() == dt.date(2030, 1, 1)


def test_the_state_says_what_is_missing() -> None:
    assert State(12, 0).text() == "12 risposte mancanti"
    assert State(1, 0).text() == "1 risposta mancante"
    assert State(0, 2).text() == "2 errori"
    assert State(3, 1).text() == "1 errore, 3 risposte mancanti"
    assert State(0, 0).text() == "pronto da firmare" and State(0, 0).complete


def test_most_urgent_first() -> None:
    order = deadline.list_order
    keys = {
        "complete": order(dt.date(2024, 1, 1), True, 0.0),
        "later": order(dt.date(2024, 5, 1), False, 0.0),
        "sooner": order(dt.date(2024, 3, 1), False, 0.0),
        "no date": order(None, False, 0.0),
        "unread": order(None, False, 0.0, unread=True),
        "copy": order(None, False, 0.0, copy=True),
    }
    assert sorted(keys, key=keys.__getitem__) == ["sooner", "later", "no date", "complete", "unread", "copy"]


def test_a_signature_date_means_no_deadline_warning() -> None:
    """Signed within the deadline, it was met; signed later, the form's own rule already says so."""
    form, answers = load_form(), answers_with(dt.date(2024, 1, 31))
    assert deadline_problem(form, answers, dt.date(2024, 3, 2)) is not None
    answers.set("header/signature_date", dt.date(2024, 2, 26))
    assert deadline_problem(form, answers, dt.date(2024, 3, 2)) is None
    answers.set("header/signature_date", dt.date(2024, 3, 5))
    assert deadline_problem(form, answers, dt.date(2024, 3, 6)) is None
