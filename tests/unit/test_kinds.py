"""The kinds registry: one parser per kind of field, shared by the app, ``oivtui ask`` and the loader."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire.form import kinds
from questionnaire.form.loader import load_form
from questionnaire.form.model import FIELD_KINDS
from questionnaire.form.rules import check_value

FORM = load_form("civit-23-2013")
COUNT = FORM.field_at("7A/objectives")
DATE = FORM.field_at("header/piao_date")
TRIENNIUM = FORM.field_at("header/triennium")
TEXT = FORM.field_at("1.1/text")
LINE = FORM.field_at("header/administration")
LINES = FORM.field_at("header/signatories")
CHOICE = FORM.field_at("1.1/choice")


def test_every_kind_of_field_has_a_parser_and_a_check() -> None:
    assert set(kinds.PARSERS) == set(kinds.CHECKS) == set(FIELD_KINDS)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        ("1.000", 1000),
        ("1 000", 1000),
        ("1.234.567", 1234567),
        ("+5", 5),
        ("000000012", 12),
    ],
)
def test_whole_numbers_as_typed(typed: str, value: int) -> None:
    assert kinds.parse(COUNT, typed) == (value, "")


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("12,5", "«12,5» non è un numero intero: scrivi solo cifre, senza virgola (per esempio 12)."),
        ("1.5", "«1.5» non è un numero intero"),
        ("-57", "«-57»: il numero non può essere negativo"),
        ("abc", "«abc» non è un numero"),
        ("1.00", "«1.00» non è un numero intero"),
        ("99999999999", "è fuori misura"),
        ("0000000012", "è fuori misura"),  # at most nine digits, zeros in front too: int() never sees a long one
        ("١٢", "non è un numero"),  # Arabic-Indic digits: int() reads them, a person would not
    ],
)
def test_what_is_not_a_whole_number_gets_a_message_never_a_number(typed: str, error: str) -> None:
    parsed = kinds.parse(COUNT, typed)
    assert parsed.value is None
    assert error in parsed.error


@pytest.mark.parametrize(
    "typed", ["26/02/2024", "26.02.2024", "26-2-2024", "2024-02-26", "26 febbraio 2024", "26 Febbraio 2024"]
)
def test_dates_as_typed_in_the_app_and_in_ask(typed: str) -> None:
    assert kinds.parse(DATE, typed) == (dt.date(2024, 2, 26), "")


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("31/02/2026", "«31/02/2026»: il 31 febbraio 2026 non esiste; controlla il giorno."),
        ("29/02/2025", "il 29 febbraio 2025 non esiste"),
        ("26/13/2024", "il mese 13 non esiste"),
        ("26 febbraro 2024", "«febbraro» non è un mese"),
        ("domani", "«domani» non è una data"),
        ("1/1/1800", "l'anno 1800 non è plausibile"),
    ],
)
def test_dates_that_are_not_get_a_message_that_says_why(typed: str, error: str) -> None:
    parsed = kinds.parse(DATE, typed)
    assert parsed.value is None
    assert error in parsed.error


def test_a_triennium_is_three_years_in_its_messages() -> None:
    assert kinds.parse(TRIENNIUM, "2024-2026") == ("2024-2026", "")
    assert "per esempio 2024-2026" in kinds.parse(TRIENNIUM, "2024").error
    message = check_value(TRIENNIUM, "ventiventiquattro")
    assert "tre anni" in message and "due anni" not in message


def test_choices_by_number_or_wording_accents_aside() -> None:
    assert kinds.parse(CHOICE, "2").value == "No"
    assert kinds.parse(CHOICE, "si").value == "Sì"
    assert kinds.parse(CHOICE, "In parte").value == "In parte"  # own wording allowed here
    assert kinds.parse(CHOICE, "9").error == "Scrivi un numero da 1 a 3."


def test_control_characters_never_get_through_tabs_and_line_ends_stay_in_long_texts() -> None:
    typed = "E\x1b[31mF\x1b[0m\x01\x07\x7f\tG\nH"
    assert kinds.parse(TEXT, typed).value == "EF\tG\nH"
    assert kinds.parse(LINE, typed).value == "EFGH"
    assert kinds.parse(LINES, "Anna\x07\nBruno\x1b[1m").value == ["Anna", "Bruno"]


@given(st.text())
def test_parsed_text_holds_no_control_character(text: str) -> None:
    for fld in (TEXT, LINE):
        value = kinds.parse(fld, text).value
        assert value is None or (isinstance(value, str) and not kinds.has_controls(value, multiline=fld is TEXT))


def test_to_store_keeps_the_text_typed_when_it_is_not_a_value() -> None:
    assert kinds.to_store(COUNT, "12,5") == "12,5"
    assert kinds.to_store(COUNT, "12") == 12
    assert kinds.to_store(DATE, "31/02/2026") == "31/02/2026"
    assert kinds.to_store(COUNT, "  ") is None
    assert "«12,5» non è un numero intero" in check_value(COUNT, "12,5")


def test_format_is_how_a_field_shows_a_value() -> None:
    assert kinds.format_value(DATE, dt.date(2024, 2, 26)) == "26/02/2024"
    assert kinds.format_value(LINES, ["A", "B"]) == "A\nB"
    assert kinds.format_value(COUNT, 12) == "12"
    assert kinds.format_value(COUNT, None) == ""


# ---------------------------------------------------------------- limits, at their edges


@pytest.mark.parametrize(("typed", "year"), [("1/1/1990", 1990), ("31/12/2200", 2200)])
def test_the_first_and_last_plausible_years_are_accepted(typed: str, year: int) -> None:
    assert kinds.parse(DATE, typed).value.year == year  # type: ignore[union-attr]
    assert check_value(DATE, kinds.parse(DATE, typed).value) == ""


@pytest.mark.parametrize(("typed", "year"), [("31/12/1989", 1989), ("1/1/2201", 2201)])
def test_a_year_just_outside_the_plausible_ones_is_refused(typed: str, year: int) -> None:
    parsed = kinds.parse(DATE, typed)
    assert parsed.value is None
    assert f"l'anno {year} non è plausibile" in parsed.error
    stored = dt.date(year, 12, 31) if year < 2000 else dt.date(year, 1, 1)  # a file edited by hand
    assert f"l'anno {year} non è plausibile" in check_value(DATE, stored)


def test_a_text_of_200_000_characters_is_accepted_one_more_is_too_long() -> None:
    assert check_value(TEXT, "a" * 200_000) == ""
    message = check_value(TEXT, "a" * 200_001)
    assert "è troppo lungo (200.001 caratteri; massimo 200.000): accorcialo." in message


def test_a_list_of_200_000_characters_in_all_is_accepted_one_more_is_too_long() -> None:
    assert check_value(LINES, ["a" * 100_000, "b" * 100_000]) == ""
    assert "è troppo lungo" in check_value(LINES, ["a" * 100_000, "b" * 100_001])


def test_ten_million_is_the_largest_count() -> None:
    assert kinds.parse(COUNT, "10000000") == (10_000_000, "")
    assert "è fuori misura" in kinds.parse(COUNT, "10000001").error


@pytest.mark.parametrize("digits", [10, 5000])
def test_a_number_with_too_many_digits_gets_a_message_not_a_crash(digits: int) -> None:
    parsed = kinds.parse(COUNT, "1" * digits)  # int() of 4301+ digits raises: the length is checked first
    assert parsed.value is None
    assert "è fuori misura: controlla il numero." in parsed.error


def test_the_largest_count_is_accepted_both_typed_and_stored() -> None:
    assert kinds.parse(COUNT, str(kinds.MAX_COUNT)).value == kinds.MAX_COUNT
    assert kinds.check(COUNT, kinds.MAX_COUNT) == ""
    assert "fuori misura" in kinds.check(COUNT, kinds.MAX_COUNT + 1)
