"""Validation of answers: what the evaluator is told, at which field, and whether it blocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from questionnaire.form.answers import Answers
from questionnaire.form.loader import load_form
from questionnaire.form.rules import Problem, validate

FORM = load_form()
STAFF = "tab.1/dirigenti_i"
COHERENCE = "tab.2/dirigenti_i"


def check(values: Mapping[str, object], final: bool = False) -> list[Problem]:
    answers = Answers()
    for address, value in values.items():
        answers.set(address, value)  # type: ignore[arg-type]
    return validate(FORM, answers, final=final)


def at(address: str, values: Mapping[str, object], final: bool = False) -> list[Problem]:
    return [p for p in check(values, final) if p.address == address]


def errors_at(address: str, values: Mapping[str, object], final: bool = False) -> list[Problem]:
    return [p for p in at(address, values, final) if p.is_error]


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize("value", [0, 1, 250])
def test_whole_numbers_from_zero_up_are_accepted(value: int) -> None:
    assert errors_at(f"{STAFF}/in_service", {f"{STAFF}/in_service": value}) == []


def test_negative_count_is_an_error() -> None:
    [problem] = errors_at(f"{STAFF}/in_service", {f"{STAFF}/in_service": -1})
    assert "negativo" in problem.message


@pytest.mark.parametrize("value", [2.5, "3", True])
def test_count_that_is_not_a_whole_number_is_an_error(value: object) -> None:
    [problem] = errors_at("7A/objectives", {"7A/objectives": value})
    assert "numero intero" in problem.message


def test_assigned_above_in_service_is_an_error() -> None:
    values = {f"{STAFF}/in_service": 1, f"{STAFF}/assigned": 2, f"{STAFF}/interview_share": "50% - 100%"}
    [problem] = errors_at(f"{STAFF}/assigned", values)
    assert "supera" in problem.message
    assert "Dirigenti di I fascia" in problem.message


def test_assigned_equal_to_in_service_is_fine() -> None:
    values = {f"{STAFF}/in_service": 2, f"{STAFF}/assigned": 2, f"{STAFF}/interview_share": "50% - 100%"}
    assert [p for p in check(values) if p.question == "tab.1"] == []


# ---------------------------------------------------------------- staff table


def test_interview_share_is_required_when_staff_were_assigned() -> None:
    values = {f"{STAFF}/in_service": 3, f"{STAFF}/assigned": 1}
    [problem] = errors_at(f"{STAFF}/interview_share", values, final=True)
    assert "Quota di personale" in problem.message


def test_interview_share_may_stay_empty_when_nobody_was_assigned() -> None:
    row = "tab.1/non_dirigenti"
    values = {f"{row}/in_service": 0, f"{row}/assigned": 0}
    assert at(f"{row}/interview_share", values, final=True) == []


def test_interview_share_outside_the_three_ranges_is_an_error() -> None:
    values = {f"{STAFF}/in_service": 3, f"{STAFF}/assigned": 1, f"{STAFF}/interview_share": "tutti"}
    [problem] = errors_at(f"{STAFF}/interview_share", values)
    assert "non è tra le risposte possibili" in problem.message


def test_no_on_question_2_needs_the_reasons() -> None:
    [problem] = errors_at(f"{COHERENCE}/reasons", {f"{COHERENCE}/coherent": "No"}, final=True)
    assert "motivazioni" in problem.message


def test_no_on_question_2_with_reasons_is_fine() -> None:
    values = {f"{COHERENCE}/coherent": "No", f"{COHERENCE}/reasons": "Obiettivi assegnati in ritardo."}
    assert at(f"{COHERENCE}/reasons", values) == []


def test_yes_on_question_2_needs_no_reasons() -> None:
    assert at(f"{COHERENCE}/reasons", {f"{COHERENCE}/coherent": "Sì"}, final=True) == []


def test_question_2_must_be_answered_for_a_row_with_staff_assigned() -> None:
    values = {f"{STAFF}/in_service": 3, f"{STAFF}/assigned": 3}
    assert errors_at(f"{COHERENCE}/coherent", values, final=True)


def test_question_2_may_stay_empty_for_a_row_with_nobody_assigned() -> None:
    row = "tab.1/non_dirigenti"
    values = {f"{row}/in_service": 0, f"{row}/assigned": 0}
    assert at("tab.2/non_dirigenti/coherent", values, final=True) == []


# ---------------------------------------------------------------- summary annex (7A, 7B)


# The seed's administration has an Azienda Speciale: its counts apply (questionnaire/form/relevance.py).
SEED_7A = {
    "header/special_agency": "Pro Brixia",
    "7A/objectives": 4,
    "7A/with_indicators": 4,
    "7A/indicators": 9,
    "7A/no_formula": 0,
    "7A/with_financial": 4,
    "7A/with_human": 4,
    "7A/to_agency": 1,
}
SEED_7B = {
    "header/special_agency": "Pro Brixia",
    "7B/objectives": 22,
    "7B/objectives_agency": 3,
    "7B/with_indicators": 22,
    "7B/with_indicators_agency": 3,
    "7B/indicators": 40,
    "7B/indicators_agency": 5,
    "7B/no_formula": 2,
    "7B/no_formula_agency": 0,
    "7B/with_financial": 10,
    "7B/with_financial_agency": 3,
    "7B/with_human": 22,
    "7B/with_human_agency": 3,
    "7B/to_agency": 3,
}


def test_consistent_annex_has_no_problem() -> None:
    assert [p for p in check({**SEED_7A, **SEED_7B}, final=True) if p.question in ("7A", "7B")] == []


@pytest.mark.parametrize("key", ["with_indicators", "with_financial", "with_human", "to_agency"])
def test_strategic_objectives_with_something_cannot_exceed_the_total(key: str) -> None:
    [problem] = errors_at(f"7A/{key}", {**SEED_7A, f"7A/{key}": 5})
    assert "supera «Numero obiettivi strategici totali» (4)" in problem.message


def test_indicators_without_formula_cannot_exceed_the_indicators() -> None:
    assert errors_at("7A/no_formula", {**SEED_7A, "7A/no_formula": 10})


def test_objectives_with_indicators_need_some_indicators() -> None:
    [problem] = errors_at("7A/indicators", {**SEED_7A, "7A/indicators": 0, "7A/no_formula": 0})
    assert "non può essere 0" in problem.message


def test_agency_objectives_with_indicators_cannot_exceed_the_agency_objectives() -> None:
    assert errors_at("7B/with_indicators_agency", {**SEED_7B, "7B/with_indicators_agency": 4})


def test_agency_indicators_without_formula_cannot_exceed_the_agency_indicators() -> None:
    assert errors_at("7B/no_formula_agency", {**SEED_7B, "7B/no_formula_agency": 6})


def test_agency_counts_are_checked_apart_from_the_administration_counts() -> None:
    # 22 own objectives with financial resources would exceed the 3 of the agency, not the 22 own.
    values = {**SEED_7B, "7B/with_financial": 22}
    assert errors_at("7B/with_financial", values) == []
    assert errors_at("7B/with_financial_agency", {**SEED_7B, "7B/with_financial_agency": 22})


def test_objectives_assigned_to_the_agency_may_count_both_parts() -> None:
    assert errors_at("7B/to_agency", {**SEED_7B, "7B/to_agency": 25}) == []
    [problem] = errors_at("7B/to_agency", {**SEED_7B, "7B/to_agency": 26})
    assert "(25)" in problem.message


def test_agency_objectives_with_indicators_need_agency_indicators() -> None:
    values = {**SEED_7B, "7B/indicators_agency": 0, "7B/no_formula_agency": 0}
    assert errors_at("7B/indicators_agency", values)


# ---------------------------------------------------------------- header


@pytest.mark.parametrize("text", ["2024-2026", "2024 – 2026", "2024/2026"])
def test_triennium_of_three_consecutive_years_is_fine(text: str) -> None:
    assert at("header/triennium", {"header/triennium": text}) == []


@pytest.mark.parametrize("text", ["2024-2025", "2024-2027", "2026-2024"])
def test_triennium_not_of_three_consecutive_years_is_an_error(text: str) -> None:
    [problem] = errors_at("header/triennium", {"header/triennium": text})
    assert "tre anni consecutivi" in problem.message


@pytest.mark.parametrize("text", ["2024", "duemilaventiquattro", "24-26"])
def test_triennium_that_is_not_two_years_is_an_error(text: str) -> None:
    assert errors_at("header/triennium", {"header/triennium": text})


def dates(piao: dt.date, signed: dt.date) -> dict[str, object]:
    return {"header/piao_date": piao, "header/signature_date": signed}


def test_signing_more_than_30_days_after_the_piao_is_a_warning() -> None:
    [problem] = at("header/signature_date", dates(dt.date(2024, 1, 26), dt.date(2024, 2, 26)))
    assert problem.level == "warning"
    assert "31 giorni" in problem.message
    assert "26 gennaio 2024" in problem.message


def test_signing_30_days_after_the_piao_is_in_time() -> None:
    assert at("header/signature_date", dates(dt.date(2024, 1, 27), dt.date(2024, 2, 26))) == []


def test_signing_before_the_piao_is_a_warning() -> None:
    [problem] = at("header/signature_date", dates(dt.date(2024, 3, 1), dt.date(2024, 2, 26)))
    assert problem.level == "warning"
    assert "precede" in problem.message


def test_signing_on_the_day_the_piao_is_adopted_is_in_time() -> None:
    assert at("header/signature_date", dates(dt.date(2024, 2, 26), dt.date(2024, 2, 26))) == []


def test_a_date_that_is_not_a_date_is_an_error() -> None:
    assert errors_at("header/piao_date", {"header/piao_date": "26/02/2024"})


# ---------------------------------------------------------------- final and draft


def test_unanswered_required_question_is_an_error_in_final_mode() -> None:
    problems = [p for p in check({}, final=True) if p.question == "1.1"]
    assert [p.level for p in problems] == ["error"]
    assert (problems[0].field, problems[0].message) == ("choice", "Manca la risposta.")  # the place says which


def test_unanswered_required_question_is_absent_in_draft_mode() -> None:
    assert check({}, final=False) == []


def test_missing_header_field_is_an_error_in_final_mode_only() -> None:
    assert errors_at("header/administration", {}, final=True)
    assert at("header/administration", {}, final=False) == []


def test_optional_notes_and_agency_name_are_never_required() -> None:
    addresses = {p.address for p in check({}, final=True)}
    assert "header/special_agency" not in addresses
    assert not any(a.startswith("b2.notes/") for a in addresses)


def test_a_short_answer_alone_answers_a_closed_question() -> None:
    assert [p for p in check({"1.1/choice": "Sì"}, final=True) if p.question == "1.1"] == []


def test_an_example_alone_does_not_answer_a_question() -> None:
    assert [p for p in check({"1.1/example": "Obiettivo 1"}, final=True) if p.question == "1.1"]


def test_the_example_session_has_no_error_in_final_mode() -> None:
    from oivtui.files.example import example_session

    session = example_session()
    assert [p for p in validate(session.form, session.answers, final=True) if p.is_error] == []


# ---------------------------------------------------------------- one is already «some»


def test_one_person_assigned_already_needs_the_interview_share() -> None:
    values = {f"{STAFF}/in_service": 1, f"{STAFF}/assigned": 1}
    [problem] = errors_at(f"{STAFF}/interview_share", values, final=True)
    assert problem.message.endswith("quando il personale con obiettivi assegnati è 1.")


def test_one_objective_with_indicators_already_needs_some_indicators() -> None:
    values = {**SEED_7A, "7A/with_indicators": 1, "7A/indicators": 0, "7A/no_formula": 0}
    [problem] = errors_at("7A/indicators", values)
    assert "è 1, quindi «" in problem.message and "non può essere 0" in problem.message
