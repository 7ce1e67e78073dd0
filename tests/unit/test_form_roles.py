"""The form data says which field plays which part (``[roles]``, ``agency_share_of``): the report,
the session list and the carry-over follow it, and a wrong role is refused when the form loads."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from oivtui.files.session import Session
from oivtui.reports.render import render_markdown
from questionnaire.carryover import move_header_on
from questionnaire.form.answers import Answers
from questionnaire.form.loader import FormDefinitionError, parse_form
from questionnaire.form.rules import validate


def form_data() -> dict:
    text = (resources.files("questionnaire.form") / "data" / "civit-23-2013.toml").read_text("utf-8")
    return tomllib.loads(text)


def renamed_header_form() -> dict:
    """The header's fields under other keys (``ente``, ``periodo``, …), the roles pointing at them."""
    data = form_data()
    header = next(q for q in data["question"] if q["id"] == "header")
    new_keys = {
        "administration": "ente",
        "triennium": "periodo",
        "piao_date": "adozione",
        "signature_date": "firmato_il",
        "special_agency": "azienda",
    }
    for spec in header["fields"]:
        spec["key"] = new_keys.get(spec["key"], spec["key"])
    for rule in header["rules"]:
        for key in ("field", "after"):
            if key in rule:
                rule[key] = new_keys.get(rule[key], rule[key])
    data["roles"] = {role: f"header/{new_keys.get(role, role)}" for role in data["roles"]}
    data["conditions"]["has_agency"]["field"] = "header/azienda"
    return data


@pytest.fixture
def renamed(monkeypatch: pytest.MonkeyPatch):
    form = parse_form(renamed_header_form(), source="altro.toml")
    monkeypatch.setattr("oivtui.files.session.load_form", lambda form_id=None: form)
    return form


def test_the_report_and_the_session_list_take_the_administration_from_its_role(renamed) -> None:
    session = Session()
    session.answers.set("header/ente", "Comune di Prova")
    session.answers.set("header/periodo", "2025-2027")
    report = render_markdown(session)
    assert "**Comune di Prova**" in report
    assert "triennio 2025 – 2027" in report
    assert (session.administration, session.triennium) == ("Comune di Prova", "2025-2027")


def test_the_signature_date_comes_from_its_role(renamed) -> None:
    session = Session()
    session.answers.set("header/place", "Brescia")
    session.answers.set("header/firmato_il", dt.date(2025, 3, 4))
    assert "Brescia, 4 marzo 2025" in render_markdown(session)


def test_the_carry_over_moves_on_and_clears_the_fields_of_the_roles(renamed) -> None:
    answers = Answers()
    answers.set("header/periodo", "2024-2026")
    answers.set("header/adozione", dt.date(2024, 1, 30))
    answers.set("header/firmato_il", dt.date(2024, 2, 20))
    answers.set("header/ente", "Comune di Prova")
    notes = move_header_on(renamed, answers)
    assert answers.get("header/periodo") == "2025-2027"
    assert answers.get("header/adozione") is None and answers.get("header/firmato_il") is None
    assert answers.get("header/ente") == "Comune di Prova"
    assert notes[0] == "Triennio: 2024-2026 → 2025-2027."


def test_the_agency_share_is_written_with_the_count_it_is_a_share_of(renamed) -> None:
    session = Session()
    session.answers.set("header/azienda", "Pro Brixia")
    session.answers.set("7B/objectives", 22)
    session.answers.set("7B/objectives_agency", 3)
    report = render_markdown(session)
    assert "- Numero obiettivi operativi: 22 dell'amministrazione e 3 dell'Azienda Speciale Pro Brixia" in report
    assert "- Numero obiettivi operativi dell'Azienda Speciale:" not in report


def test_a_share_named_in_the_form_data_not_by_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    data = form_data()
    counts = next(q for q in data["question"] if q["id"] == "7B")
    share = next(f for f in counts["fields"] if f["key"] == "objectives_agency")
    share["key"] = "quota_azienda"
    form = parse_form(data, source="altro.toml")
    monkeypatch.setattr("oivtui.files.session.load_form", lambda form_id=None: form)
    session = Session()
    session.answers.set("header/special_agency", "Pro Brixia")
    session.answers.set("7B/objectives", 22)
    session.answers.set("7B/quota_azienda", 3)
    assert "- Numero obiettivi operativi: 22 dell'amministrazione e 3 dell'Azienda Speciale" in render_markdown(session)


def test_an_unknown_role_is_refused_when_the_form_loads() -> None:
    data = form_data()
    data["roles"]["mayor"] = "header/administration"
    with pytest.raises(FormDefinitionError, match="ruolo sconosciuto 'mayor'"):
        parse_form(data, source="prova.toml")


def test_a_role_at_a_field_the_form_lacks_is_refused() -> None:
    data = form_data()
    data["roles"]["triennium"] = "header/periodo"
    with pytest.raises(FormDefinitionError, match="ruoli: il ruolo 'triennium' indica un campo inesistente"):
        parse_form(data, source="prova.toml")


def test_a_share_of_a_count_the_question_lacks_is_refused() -> None:
    data = form_data()
    counts = next(q for q in data["question"] if q["id"] == "7B")
    next(f for f in counts["fields"] if f["key"] == "objectives_agency")["agency_share_of"] = "obiettivi"
    with pytest.raises(FormDefinitionError, match="7B: il campo 'objectives_agency' è la quota di 'obiettivi'"):
        parse_form(data, source="prova.toml")


def test_a_form_with_one_date_role_has_it_named_in_the_singular() -> None:
    data = form_data()
    del data["roles"]["piao_date"]
    notes = move_header_on(parse_form(data, source="altro.toml"), Answers())
    assert "Data della firma non ricopiata: va inserita (oivtui non la indovina)." in notes


def test_the_carry_over_says_nothing_of_dates_the_form_does_not_have() -> None:
    data = form_data()
    data["roles"] = {
        role: address for role, address in data["roles"].items() if role not in {"piao_date", "signature_date"}
    }
    notes = move_header_on(parse_form(data, source="altro.toml"), Answers())
    assert not any("ricopiat" in note for note in notes)


def test_an_acronym_opening_a_date_label_keeps_its_capitals() -> None:
    data = form_data()
    header = next(q for q in data["question"] if q["id"] == "header")
    next(f for f in header["fields"] if f["key"] == "signature_date")["label"] = "OIV: data della firma"
    notes = move_header_on(parse_form(data, source="altro.toml"), Answers())
    assert "Data di adozione del PIAO e OIV: data della firma non ricopiate" in " ".join(notes)


def test_a_late_signature_names_the_date_as_the_form_labels_it() -> None:
    """The rule's own sentence (no ``message`` in the form): the plan's date by its label, not «PIAO» from code."""
    data = form_data()
    header = next(q for q in data["question"] if q["id"] == "header")
    next(f for f in header["fields"] if f["key"] == "piao_date")["label"] = "Data di adozione del Piano"
    assert not any(r.get("message") for r in header["rules"] if r["rule"] == "within_days")
    form = parse_form(data, source="altro.toml")
    answers = Answers()
    answers.set("header/piao_date", dt.date(2025, 1, 10))
    answers.set("header/signature_date", dt.date(2025, 3, 6))
    messages = [p.message for p in validate(form, answers)]
    assert (
        "Il monitoraggio è firmato 55 giorni dopo «Data di adozione del Piano» (10 gennaio 2025): il termine è "
        "di 30 giorni." in messages
    )


def test_a_label_inside_a_sentence_loses_only_a_plain_capital() -> None:
    form = parse_form(form_data(), source="prova.toml")
    assert form.field_at("header/piao_date").label_in_sentence == "data di adozione del PIAO"
    acronym = form.field_at("header/piao_date")._replace(label="PIAO: data di adozione")
    assert acronym.label_in_sentence == "PIAO: data di adozione"


def test_import_finds_the_header_by_its_roles_wherever_the_form_puts_it() -> None:
    """A form whose header question is called «dati»: the import fills the fields its roles name
    (it wrote to «header/…», which that form does not have), and counts the header as such."""
    from questionnaire.importing.document import read_document
    from questionnaire.importing.filing import read_filing

    text = (Path(__file__).parents[1] / "data" / "seed_brescia_2024.md").read_text("utf-8")
    data = form_data()
    next(q for q in data["question"] if q["id"] == "header")["id"] = "dati"
    data["roles"] = {role: address.replace("header/", "dati/") for role, address in data["roles"].items()}
    data["conditions"] = {
        name: {**cond, "field": cond["field"].replace("header/", "dati/")} for name, cond in data["conditions"].items()
    }
    moved = parse_form(data, source="altro.toml")
    document = read_document(text.encode("utf-8"))
    outcome = read_filing(moved, document.lines, document.kind)
    usual = read_filing(parse_form(form_data(), source="prova.toml"), document.lines, document.kind)
    assert outcome.answers.get("dati/administration") == usual.answers.get("header/administration")
    assert outcome.answers.get("dati/place") == "Brescia"
    assert outcome.recognised == usual.recognised > 0
