"""Next year's form is a data change: a new question, a new block, a new rule need no code."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from oivtui.report import render_markdown
from oivtui.session import Session
from questionnaire import loader
from questionnaire.loader import FormDefinitionError, parse_form
from questionnaire.rules import validate


def form_data() -> dict:
    text = (resources.files("questionnaire") / "forms" / "civit-23-2013.toml").read_text("utf-8")
    return tomllib.loads(text)


def next_years_form() -> dict:
    data = form_data()
    data["version"] = "2025.1"
    data["step"].insert(
        data["step"].index(next(s for s in data["step"] if s["id"] == "b16")) + 1,
        {"id": "b17", "kind": "block", "number": "17", "title": "Digitalizzazione", "section": "s6"},
    )
    data["question"].append(
        {
            "id": "17.1",
            "number": "17.1",
            "step": "b17",
            "template": "closed",
            "options": "si_no",
            "text": "Il Piano prevede obiettivi di digitalizzazione dei servizi?",
        }
    )
    data["question"].append(
        {
            "id": "17.2",
            "number": "17.2",
            "step": "b17",
            "text": "Quanti servizi sono stati digitalizzati?",
            "fields": [
                {"key": "planned", "kind": "integer", "label": "Servizi previsti", "required": True},
                {"key": "done", "kind": "integer", "label": "Servizi digitalizzati", "required": True},
            ],
            "rules": [{"rule": "at_most", "field": "done", "limit": "planned"}],
        }
    )
    return data


@pytest.fixture
def next_year(monkeypatch: pytest.MonkeyPatch):
    form = parse_form(next_years_form(), source="2025.toml")
    monkeypatch.setattr("oivtui.session.load_form", lambda form_id=None: form)
    return form


def test_a_new_block_and_its_rule_work_without_code(next_year) -> None:
    assert [s.id for s in next_year.steps][-3:] == ["b16", "b17", "annex"]
    session = Session()
    session.answers.set("17.2/planned", 3)
    session.answers.set("17.2/done", 5)
    problems = validate(next_year, session.answers)
    assert [p.address for p in problems] == ["17.2/done"]
    assert "Servizi digitalizzati" in problems[0].message
    final = validate(next_year, session.answers, final=True)
    assert any(p.question == "17.1" and p.code == "missing" for p in final)


def test_the_report_shows_the_new_block_in_its_section(next_year) -> None:
    session = Session()
    session.answers.set("17.1/choice", "Sì")
    report = render_markdown(session)
    assert "17 – Digitalizzazione" in report
    assert "Il Piano prevede obiettivi di digitalizzazione dei servizi?" in report
    assert report.index("16 – Informazioni ulteriori") < report.index("17 – Digitalizzazione")


def test_a_form_definition_error_names_the_place() -> None:
    data = form_data()
    data["question"][5]["template"] = "chiuso"
    with pytest.raises(FormDefinitionError, match="modello sconosciuto 'chiuso'"):
        parse_form(data, source="prova.toml")


def test_the_packaged_form_is_the_one_in_the_data_file() -> None:
    form = loader.load_form()
    assert len([s for s in form.steps if s.kind == "block"]) == 16
    assert form.question("2.3").field("systems").kind == "lines"


def test_an_unknown_rule_is_refused_when_the_form_loads() -> None:
    data = form_data()
    tab = next(q for q in data["question"] if q["id"] == "tab.1")
    tab["rules"].append({"rule": "al_massimo", "field": "assigned", "limit": "in_service"})
    with pytest.raises(FormDefinitionError, match="regola sconosciuta 'al_massimo'"):
        parse_form(data, source="prova.toml")
