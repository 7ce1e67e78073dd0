"""Fields that apply only sometimes (``relevant`` in the form data): validation, report, storage, form loading."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.reports.render import render_markdown
from questionnaire.form import loader
from questionnaire.form.loader import FormDefinitionError
from questionnaire.form.model import Condition
from questionnaire.form.relevance import holds
from questionnaire.form.rules import validate
from tests.comune import AGENCY_FIELDS, comune_session
from tests.unit.test_cli import oivtui


@pytest.fixture
def comune(tmp_path: Path) -> Path:
    return storage.save(comune_session(), tmp_path / "comune.toml")


# ---------------------------------------------------------------- a Comune without an Azienda Speciale


def test_a_complete_comune_without_an_agency_validates(comune: Path) -> None:
    done = oivtui("validate", comune)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr.endswith("comune.toml: nessun errore.\n")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_of_a_comune_never_mentions_an_agency(comune: Path, fmt: str) -> None:
    done = oivtui("export", comune, "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "Comune di Esempio" in done.stdout
    assert "BOZZA" not in done.stdout  # a final report: nothing missing
    assert "azienda" not in done.stdout.lower()
    assert "Numero obiettivi operativi: 22\n" in done.stdout or "Numero obiettivi operativi: 22<" in done.stdout


def test_agency_counts_typed_by_mistake_neither_fire_rules_nor_print() -> None:
    session = comune_session()
    session.answers.set("7A/to_agency", 9)  # above the 4 objectives: an error only where an agency is named
    session.answers.set("7B/objectives_agency", "tre")  # not a number: likewise
    assert validate(session.form, session.answers, final=True) == []
    assert "Azienda" not in render_markdown(session)
    session.answers.set("header/special_agency", "Pro Comune")
    assert {p.address for p in validate(session.form, session.answers, final=True)} >= {
        "7A/to_agency",
        "7B/objectives_agency",
        "7B/to_agency",
    }


def test_the_reasons_apply_only_to_a_no() -> None:
    session = comune_session()
    report = render_markdown(session)
    assert "Obiettivi assegnati senza colloquio." in report
    session.answers.set("tab.2/dirigenti_i/reasons", "Scritte prima di cambiare idea.")  # a «Sì» row
    assert "Scritte prima di cambiare idea." not in render_markdown(session)
    session.answers.set("tab.2/dirigenti_i/coherent", "No")
    assert "Scritte prima di cambiare idea." in render_markdown(session)


def test_no_it_systems_are_asked_of_a_measurement_without_them() -> None:
    session = example_session()
    session.answers.set("2.3/choice", "No")
    report = render_markdown(session)
    block = report[report.index("2.3 - ") : report.index("2.4 - ")]
    assert "Specificare i sistemi informatici" not in block
    assert "Elaborazioni varie tramite Excel" not in block
    assert validate(session.form, session.answers, final=True) == []


def test_the_example_with_its_agency_is_unchanged() -> None:
    report = render_markdown(example_session())
    assert "- Numero obiettivi strategici assegnati all'Azienda Speciale: 0\n" in report
    assert "- Numero obiettivi operativi: 22 dell'amministrazione e 3 dell'Azienda Speciale Pro Brixia\n" in report
    assert "- Numero obiettivi operativi assegnati all'Azienda Speciale: 3\n" in report
    assert "Elaborazioni varie tramite Excel e Open office-calc" in report


# ---------------------------------------------------------------- answers set aside are kept


def test_switching_the_condition_back_restores_the_stored_answers(tmp_path: Path) -> None:
    session = example_session()
    agency = {address: session.answers.get(address) for address in AGENCY_FIELDS}
    session.answers.set("header/special_agency", None)  # the user clears the agency's name
    path = storage.save(session, tmp_path / "s.toml")
    text = path.read_text("utf-8")
    assert "objectives_agency = 3" in text and "to_agency = 3" in text  # kept in the file
    reopened = storage.load(path)
    annex = render_markdown(reopened).split("7B - Obiettivi operativi")[1]
    assert "Azienda" not in annex and "- Numero obiettivi operativi: 22\n" in annex
    assert validate(reopened.form, reopened.answers, final=True) == []
    reopened.answers.set("header/special_agency", "Pro Brixia")  # named again: the counts come back
    assert {address: reopened.answers.get(address) for address in AGENCY_FIELDS} == agency
    again = render_markdown(reopened)
    assert "- Numero obiettivi operativi: 22 dell'amministrazione e 3 dell'Azienda Speciale Pro Brixia\n" in again
    example = example_session()
    example.path = path
    assert again == render_markdown(example)  # the same fingerprint too


# ---------------------------------------------------------------- the form's conditions, checked when it loads


def form_text() -> str:
    return (resources.files("questionnaire.form") / "data" / "civit-23-2013.toml").read_text("utf-8")


def load_form_at(path: Path):
    """The form in ``path``, read as the loader reads a packaged form (errors name its lines)."""
    text = path.read_text("utf-8")
    return loader.parse_form(tomllib.loads(text), path.name, text)


def edited(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The packaged form with ``old`` replaced once by ``new``, and the line where it stands."""
    text = form_text()
    assert text.count(old) == 1, old
    path = tmp_path / "modulo.toml"
    path.write_text(text.replace(old, new), "utf-8")
    return path, text[: text.index(old)].count("\n") + 1


def test_a_condition_naming_an_unknown_field_is_a_load_error_with_its_line(tmp_path: Path) -> None:
    path, line = edited(tmp_path, 'field = "coherent", op = "equals"', 'field = "coerente", op = "equals"')
    with pytest.raises(FormDefinitionError) as caught:
        load_form_at(path)
    message = str(caught.value)
    assert f"modulo.toml, riga {line}:" in message
    assert "domanda tab.2, campo 'reasons'" in message
    assert "la condizione nomina un campo inesistente «coerente»" in message


def test_an_unknown_operator_is_a_load_error_with_its_line(tmp_path: Path) -> None:
    path, line = edited(tmp_path, 'op = "not_empty" }', 'op = "non_vuoto" }')
    with pytest.raises(FormDefinitionError) as caught:
        load_form_at(path)
    message = str(caught.value)
    assert f"modulo.toml, riga {line}:" in message
    assert "operatore sconosciuto «non_vuoto»" in message
    assert "equals, not_equals, one_of, not_one_of, empty, not_empty" in message


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('relevant = "has_agency" }', 'relevant = "ha_azienda" }', "condizione sconosciuta «ha_azienda»"),
        ('op = "equals", value = "No"', 'op = "equals", value = "NO"', "«NO» non è un'opzione di «coherent»"),
        ('op = "equals", value = "No"', 'op = "equals", values = ["No"]', "l'operatore «equals» vuole «value»"),
        ('field = "header/special_agency"', 'field = "2.3/systems"', "«2.3/systems», che ha a sua volta"),
    ],
)
def test_other_mistakes_in_a_condition_are_load_errors_with_their_line(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    text = form_text()
    path = tmp_path / "modulo.toml"
    path.write_text(text.replace(old, new), "utf-8")
    first = text[: text.index(old)].count("\n") + 1
    with pytest.raises(FormDefinitionError, match=f"modulo.toml, riga {first}: .*{said}"):
        load_form_at(path)


# ---------------------------------------------------------------- the operators


@pytest.mark.parametrize(
    ("op", "values", "answer", "expected"),
    [
        ("equals", ("No",), "No", True),
        ("equals", ("No",), "Sì", False),
        ("equals", ("No",), None, False),
        ("not_equals", ("No",), "No", False),
        ("not_equals", ("No",), None, True),
        ("one_of", ("Sì", "Non sempre"), "Non sempre", True),
        ("one_of", ("Sì", "Non sempre"), "No", False),
        ("not_one_of", ("Sì", "Non sempre"), "Raramente", True),
        ("not_one_of", ("Sì", "Non sempre"), "Sì", False),
        ("empty", (), "  ", True),
        ("empty", (), "Pro Brixia", False),
        ("not_empty", (), ["", "x"], True),
        ("not_empty", (), [" "], False),
        ("equals", (0,), 0, True),
        ("equals", (0,), "0", False),
        ("equals", ("Sì",), " Sì ", True),  # spaces around a stored answer do not change it
        ("not_equals", ("No",), "No  ", False),
    ],
)
def test_each_operator_compares_the_answer_it_names(op: str, values: tuple, answer: object, expected: bool) -> None:
    condition = Condition("q", "f", op, values)
    assert holds(condition, "", {"q/f": answer}.get) is expected


def test_a_field_with_several_conditions_applies_only_when_all_of_them_hold() -> None:
    from questionnaire.form.relevance import applies

    fld = (
        loader.load_form()
        .field_at("header/special_agency")
        ._replace(relevant=(Condition("q", "a", "equals", ("Sì",)), Condition("q", "b", "not_empty")))
    )
    answers = {"q/a": "Sì", "q/b": "testo"}
    assert applies(fld, "", answers.get)
    assert not applies(fld, "", {**answers, "q/b": ""}.get)
    assert not applies(fld, "", {**answers, "q/a": "No"}.get)
