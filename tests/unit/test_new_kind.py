"""A new kind of field is one ``Kind`` registered in ``questionnaire.form.kinds``: here an «email» kind,
made in this test, works in every layer (the form, the session file, the rules, a carry-over, a
condition, ``oivtui ask``, the report), and a kind that lacks a piece fails at once, saying which.
The app's field for it: tests/tui/test_new_kind.py."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import oivtui.ask.walk  # noqa: F401 (its needs of every kind are declared at import)
import questionnaire.report.blocks  # noqa: F401 (idem)
import screens.widgets.fields  # noqa: F401 (idem)
from oivtui.ask.lines import Lines
from oivtui.ask.walk import Asker, items
from oivtui.files import storage
from oivtui.files.session import Session
from oivtui.reports.render import render_markdown
from questionnaire.carryover import map_answers
from questionnaire.form import kinds
from questionnaire.form.answers import Answers
from questionnaire.form.kinds import (
    FieldLike,
    Kind,
    KindError,
    Parsed,
    as_typed,
    check_line,
    clean,
    format_plain,
    holds_text,
    stored_text,
)
from questionnaire.form.loader import FormDefinitionError, parse_form
from questionnaire.form.model import Field, Form
from questionnaire.form.rules import validate

ADDRESS = "17.1/contact"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)


def parse_email(fld: FieldLike, text: str) -> Parsed:
    text = clean(text).strip()
    if not text:
        return Parsed(None)
    if not _EMAIL.fullmatch(text):
        return Parsed(None, f"«{text}» non è un indirizzo email: scrivilo come nome@ente.it.")
    return Parsed(text)


def check_email(fld: FieldLike, value: object) -> str:
    return check_line(fld, value) or parse_email(fld, str(value)).error


EMAIL = Kind(
    name="email",
    label="indirizzo email",
    shape="line",
    parse=parse_email,
    format=format_plain,
    check=check_email,
    stored=stored_text,
    typed=False,
    holds=holds_text,
    compared_as=str,
    placeholder="nome@ente.it",
    narrow=False,
    shown_as_kept=False,
    ask_hint="Indirizzo email, per esempio nome@ente.it.",
    numeric=False,
    in_report=as_typed,  # written as the user typed it
)


def form_data() -> dict:
    """The packaged form with one more block: a question whose field is an email."""
    text = (resources.files("questionnaire.form") / "data" / "civit-23-2013.toml").read_text("utf-8")
    data = tomllib.loads(text)
    at = data["step"].index(next(s for s in data["step"] if s["id"] == "b16")) + 1
    data["step"].insert(at, {"id": "b17", "kind": "block", "number": "17", "title": "Contatti", "section": "s6"})
    data["question"].append(
        {
            "id": "17.1",
            "number": "17.1",
            "step": "b17",
            "text": "A chi scrivere per il monitoraggio?",
            "fields": [{"key": "contact", "kind": "email", "label": "Email del referente", "required": True}],
        }
    )
    return data


@pytest.fixture
def email() -> Iterator[Kind]:
    kinds.register(EMAIL)
    yield EMAIL
    kinds.unregister("email")


@pytest.fixture
def form(email: Kind, monkeypatch: pytest.MonkeyPatch) -> Form:
    form = parse_form(form_data(), source="civit-23-2013.toml")
    monkeypatch.setattr("oivtui.files.session.load_form", lambda form_id=None: form)
    monkeypatch.setattr("oivtui.files.reading.load_form", lambda form_id=None: form)
    return form


# ---------------------------------------------------------------- the form and the session file


def test_the_form_reads_the_new_kind_once_registered(form: Form) -> None:
    fld = form.field_at(ADDRESS)
    assert fld.kind == "email" and kinds.kind_of(fld) is EMAIL
    assert not fld.is_long


def test_a_form_naming_a_kind_not_registered_is_refused() -> None:
    with pytest.raises(FormDefinitionError, match="tipo di campo sconosciuto 'email'"):
        parse_form(form_data(), source="civit-23-2013.toml")


def test_a_session_with_the_new_kind_is_saved_and_read_back(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    session = Session(path=path)
    session.answers.set(ADDRESS, "referente@comune.it")
    storage.save(session)
    assert tomllib.loads(path.read_text("utf-8"))["answers"]["17.1"] == {"contact": "referente@comune.it"}
    assert storage.load(path).answers.get(ADDRESS) == "referente@comune.it"


def test_a_number_in_the_file_for_the_new_kind_is_refused_by_its_toml_type(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('format = 1\nform = "civit-23-2013"\n\n[answers."17.1"]\ncontact = 12\n', "utf-8")
    with pytest.raises(storage.SessionError) as caught:
        storage.load(path)
    assert "17.1/contact: ci si aspetta un testo tra virgolette, trovato un numero." in str(caught.value)


def test_a_wrong_address_is_said_by_validation_with_the_kinds_message(form: Form) -> None:
    answers = Answers()
    answers.set(ADDRESS, "referente.comune.it")
    problems = [p for p in validate(form, answers) if p.address == ADDRESS]
    assert [p.message for p in problems] == [
        "«referente.comune.it» non è un indirizzo email: scrivilo come nome@ente.it."
    ]
    answers.set(ADDRESS, "referente@comune.it")
    assert not [p for p in validate(form, answers) if p.address == ADDRESS]


def test_a_carry_over_keeps_an_address_and_names_the_kind_of_what_it_drops(form: Form) -> None:
    last_year = Answers()
    last_year.set(ADDRESS, "referente@comune.it")
    assert map_answers(last_year, form)[0].get(ADDRESS) == "referente@comune.it"
    last_year.set(ADDRESS, 12)
    mapped, lost = map_answers(last_year, form)
    assert mapped.get(ADDRESS) is None
    assert lost == ["domanda 17.1, campo «contact»: ora chiede un indirizzo email, risposta non ripresa"]


def test_a_condition_compares_the_new_kind_as_its_registry_says(email: Kind) -> None:
    data = form_data()
    data["question"][-1]["fields"].append(
        {"key": "cc", "kind": "line", "label": "Copia a", "relevant": {"field": "contact", "op": "equals", "value": 3}}
    )
    with pytest.raises(FormDefinitionError, match="non è del tipo del campo «contact» \\(email\\)"):
        parse_form(data, source="civit-23-2013.toml")
    data["question"][-1]["fields"][-1]["relevant"]["value"] = "ufficio@comune.it"
    assert parse_form(data, source="civit-23-2013.toml").field_at("17.1/cc").relevant


# ---------------------------------------------------------------- oivtui ask and the report


def test_ask_gives_the_kinds_hint_refuses_a_wrong_address_and_keeps_a_right_one(form: Form, tmp_path: Path) -> None:
    session = Session(path=tmp_path / "s.toml")
    said = io.StringIO()
    asker = Asker(session, Lines(io.BytesIO(b"referente.comune.it\nreferente@comune.it\n"), said))
    item = next(i for i in items(form) if i.address == ADDRESS)
    assert asker.ask(item) == 1
    lines = said.getvalue().splitlines()
    assert "Indirizzo email, per esempio nome@ente.it." in lines
    assert "Errore: «referente.comune.it» non è un indirizzo email: scrivilo come nome@ente.it." in said.getvalue()
    assert session.answers.get(ADDRESS) == "referente@comune.it"


def test_the_report_writes_the_answer_of_the_new_kind(form: Form) -> None:
    session = Session()
    session.answers.set(ADDRESS, "referente@comune.it")
    report = render_markdown(session)
    block = report[report.index("A chi scrivere per il monitoraggio?") :]
    assert "**Risposta:** referente@comune.it" in block.split("\n\n#")[0]


# ---------------------------------------------------------------- a kind that lacks a piece


def test_a_kind_written_without_a_piece_fails_where_it_is_written() -> None:
    pieces = EMAIL._asdict()
    del pieces["ask_hint"]
    with pytest.raises(TypeError, match="ask_hint"):
        Kind(**pieces)


@pytest.mark.parametrize(
    ("piece", "value", "said"),
    [
        ("ask_hint", "", "kind of field 'email': no ask_hint (one line, under the field's label) (oivtui ask)"),
        (
            "label",
            " ",
            "kind of field 'email': no label (its name in Italian, after «un») (questionnaire.carryover)",
        ),
        ("parse", None, "kind of field 'email': no parse (a function) (questionnaire.form.kinds.registry)"),
        ("shape", "grid", "kind of field 'email': the shape 'grid' is none of line, text, list, options"),
        ("typed", "no", "kind of field 'email': typed is not True or False"),
        ("name", "text", "kind of field 'text': already registered"),
    ],
)
def test_registering_a_kind_that_lacks_a_piece_fails_at_once_naming_it(piece: str, value: object, said: str) -> None:
    before = dict(kinds.KINDS)
    try:
        with pytest.raises(KindError) as caught:
            kinds.register(EMAIL._replace(**{piece: value}))  # type: ignore[arg-type]  # a wrong piece, on purpose
    finally:  # the registry as it was, whatever the registration did
        kept = kinds.KINDS == before
        kinds.KINDS.clear()
        kinds.KINDS.update(before)
    assert said in str(caught.value)
    assert kept


def test_looking_up_a_kind_not_registered_says_which_instead_of_a_key_error() -> None:
    with pytest.raises(KindError, match="kind of field 'email': not registered \\(kinds: text, lines, line, choice"):
        kinds.kind_of(Field("contact", "email", "Email del referente"))


LAYERS = ["screens.widgets.fields", "oivtui.ask.walk", "questionnaire.report.blocks"]


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_without_a_way_for_a_kinds_shape_fails_at_its_import(layer: str) -> None:
    """A shape added to ``SHAPES`` with a kind of that shape: each layer that has no way for it
    refuses to be imported, naming the kind, the shape and the layer."""
    code = (
        "from questionnaire.form import kinds\n"
        "from questionnaire.form.kinds import registry\n"
        "registry.SHAPES['grid'] = 'a grid of cells'\n"
        "kinds.register(kinds.KINDS['line']._replace(name='grid', shape='grid'))\n"
        f"import {layer}\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("questionnaire.form.kinds.registry.KindError: kind of field 'grid': no ")
    assert "the shape 'grid'" in last and (layer in last or layer.replace(".", "/") in last)
