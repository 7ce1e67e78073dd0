"""Next year's session from last year's: what is copied, moved on, cleared, flagged and lost."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from oivtui.files import carryover, storage
from oivtui.files.carryover import create, start_from_previous
from oivtui.files.example import example_session, example_text
from oivtui.files.session import Position, Session
from oivtui.reports.render import render_markdown
from questionnaire.carryover import map_answers
from questionnaire.form.answers import Answers
from questionnaire.form.loader import load_form, parse_form
from tests.unit.test_cli import oivtui

ALL_STEPS = [s.id for s in load_form().steps]


@pytest.fixture
def last(tmp_path: Path) -> Path:
    path = tmp_path / "monitoraggio-2024.toml"
    path.write_text(example_text(), "utf-8")
    return path


# ---------------------------------------------------------------- the new session


def test_new_session_moves_the_triennium_on_and_clears_the_dates(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "monitoraggio-2025.toml"
    session, message = start_from_previous(last, target, tmp_path / "data")
    assert message == ""
    saved = storage.load(target)
    header = saved.answers.data["header"]
    assert header["triennium"] == "2025-2027"
    assert "piao_date" not in header and "signature_date" not in header
    assert header["administration"] == "Camera di Commercio di Brescia"
    assert header["place"] == "Brescia"
    assert header["signatory_role"] == "Organismo con funzioni analoghe all'OIV"
    assert header["signatories"] == ["Prof. Cristian Carini"]
    assert header["special_agency"] == "Pro Brixia"
    assert session is not None and session.path == target
    assert saved.position == Position("header", "")


def test_the_user_is_told_the_dates_were_not_guessed(last: Path, tmp_path: Path) -> None:
    done, _message = create(last, tmp_path / "nuova.toml", tmp_path)
    assert done is not None
    notes = "\n".join(done.notes)
    assert "Triennio: 2024-2026 → 2025-2027." in notes
    assert "Data di adozione del PIAO e data della firma non ricopiate" in notes
    assert "oivtui non le indovina" in notes
    assert carryover.notes_for(tmp_path / "nuova.toml") == done.notes


def test_every_answer_is_copied_and_every_step_that_got_one_is_to_review(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "nuova.toml"
    start_from_previous(last, target, tmp_path)
    saved, example = storage.load(target), example_session()
    assert {k: v for k, v in saved.answers.data.items() if k != "header"} == {
        k: v for k, v in example.answers.data.items() if k != "header"
    }
    assert saved.to_review == ALL_STEPS  # header, staff table, the 16 blocks and the annex


def test_counts_are_copied_but_flagged_for_review(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "nuova.toml"
    start_from_previous(last, target, tmp_path)
    saved = storage.load(target)
    assert saved.answers.get("tab.1/dirigenti_ii/in_service") == 2
    assert saved.answers.get("7B/objectives") == 22
    assert "staff" in saved.to_review and "annex" in saved.to_review
    report = render_markdown(saved)
    notice = report.split("\n\n**", 1)[0]
    assert notice.startswith("> **BOZZA**")
    assert "> Da rivedere (risposte riprese dall'anno scorso o da un documento, non ancora confermate):" in notice
    assert "> - Assegnazione degli obiettivi al personale" in notice
    assert "> - 7 – Allegato di sintesi" in notice
    assert "> - Blocco 1 – Definizione degli obiettivi strategici" in notice


def test_last_years_answers_are_kept_beside_this_years(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "nuova.toml"
    start_from_previous(last, target, tmp_path)
    saved = storage.load(target)
    assert saved.previous is not None
    assert saved.previous.data == example_session().answers.data
    assert saved.previous.get("header/signature_date") == dt.date(2024, 2, 26)
    # The two are independent: changing this year's answer leaves last year's alone.
    saved.answers.set("header/signatories", ["Dott.ssa Anna Rossi"])
    assert saved.previous.get("header/signatories") == ["Prof. Cristian Carini"]


def test_only_steps_that_received_something_are_to_review(tmp_path: Path) -> None:
    last = tmp_path / "poco.toml"
    session = Session()
    session.answers.set("header/administration", "Comune di Prova")
    session.answers.set("header/triennium", "2024 – 2026")
    session.answers.set("3.1/text", "Target sfidanti.")
    session.answers.set("7A/objectives", 4)
    storage.save(session, last)
    done, message = create(last, tmp_path / "nuova.toml", tmp_path)
    assert message == "" and done is not None
    assert done.session.to_review == ["header", "b3", "annex"]
    assert done.session.triennium == "2025-2027"


def test_confirmed_steps_and_new_dates_make_a_final_report(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "nuova.toml"
    session, _message = start_from_previous(last, target, tmp_path)
    assert session is not None
    session.answers.set("header/piao_date", dt.date(2025, 1, 30))
    session.answers.set("header/signature_date", dt.date(2025, 2, 20))
    assert render_markdown(session).startswith("> **BOZZA**")  # still to review
    session.to_review.clear()
    assert "BOZZA" not in render_markdown(session)


def test_without_a_path_the_session_goes_in_the_data_folder(last: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sessioni"
    session, message = start_from_previous(last, None, folder)
    assert message == "" and session is not None and session.path is not None
    assert session.path.parent == folder
    assert session.path.name.startswith("sessione-2025-2027-")
    assert storage.load(session.path).triennium == "2025-2027"


# ---------------------------------------------------------------- refusals


def test_an_existing_target_is_never_overwritten(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "esiste.toml"
    target.write_text("non toccare", "utf-8")
    session, message = start_from_previous(last, target, tmp_path)
    assert session is None
    assert "esiste già" in message
    assert target.read_text("utf-8") == "non toccare"


def test_a_missing_last_year_file_is_an_italian_error(tmp_path: Path) -> None:
    session, message = start_from_previous(tmp_path / "manca.toml", tmp_path / "nuova.toml", tmp_path)
    assert session is None
    assert message.startswith("Impossibile partire dalla sessione dell'anno scorso: ")
    assert "il file non esiste" in message
    assert not (tmp_path / "nuova.toml").exists()


def test_a_broken_last_year_file_is_an_italian_error(tmp_path: Path) -> None:
    broken = tmp_path / "rotta.toml"
    broken.write_text('format = 1\nform = "civit-23-2013"\n[header\n', "utf-8")
    session, message = start_from_previous(broken, tmp_path / "nuova.toml", tmp_path)
    assert session is None
    assert "riga 3" in message and "non è TOML valido" in message
    not_session = tmp_path / "altro.toml"
    not_session.write_text('titolo = "appunti"\n', "utf-8")
    _session, message = start_from_previous(not_session, tmp_path / "nuova.toml", tmp_path)
    assert "chiave sconosciuta" in message or "format" in message
    assert not (tmp_path / "nuova.toml").exists()


# ---------------------------------------------------------------- a form that changed


def edited_form_data() -> dict:
    text = (resources.files("questionnaire.form") / "data" / "civit-23-2013.toml").read_text("utf-8")
    data = tomllib.loads(text)
    data["version"] = "2025.1"
    data["question"] = [q for q in data["question"] if q["id"] != "2.4"]  # question dropped
    for question in data["question"]:
        if question["id"] == "tab.1":
            question["rows"] = [r for r in question["rows"] if r["key"] != "non_dirigenti"]
        if question["id"] == "7A":
            question["fields"] = [
                {**f, "kind": "text"} if f["key"] == "to_agency" else f
                for f in question["fields"]
                if f["key"] != "with_human"
            ]
    return data


def test_a_changed_form_maps_what_it_can_and_lists_the_rest() -> None:
    form = parse_form(edited_form_data(), source="modificato.toml")
    answers = example_session().answers
    mapped, lost = map_answers(answers, form)
    assert lost == [
        "domanda tab.1, riga «non_dirigenti»: non più presente nel modulo",
        "domanda 2.4: non più presente nel modulo",
        "domanda 7A, campo «with_human»: non più presente nel modulo",
        "domanda 7A, campo «to_agency»: ora chiede un testo, risposta non ripresa",
    ]
    assert mapped.get("2.4/choice") is None
    assert mapped.get("tab.1/non_dirigenti/in_service") is None
    assert mapped.get("7A/with_human") is None and mapped.get("7A/to_agency") is None
    # Everything else is there, unchanged.
    expected = copy.deepcopy(answers.data)
    del expected["2.4"], expected["tab.1"]["non_dirigenti"], expected["7A"]["with_human"]
    del expected["7A"]["to_agency"]
    assert mapped.data == expected


def test_the_same_form_maps_everything() -> None:
    answers = example_session().answers
    mapped, lost = map_answers(answers, load_form())
    assert (mapped.data, lost) == (answers.data, [])


def test_an_older_file_with_a_question_the_form_no_longer_has_still_carries_over(tmp_path: Path) -> None:
    """Last year's file answers a question today's form dropped: ``open`` refuses it, ``--from`` does not."""
    old = tmp_path / "vecchia.toml"
    text = example_text().replace('form_version = "2024.1"', 'form_version = "2023.1"')
    old.write_text(text + '\n[answers."17.1"]\ntext = "Domanda soppressa"\n', "utf-8")
    with pytest.raises(storage.SessionError):
        storage.load(old)
    done, message = create(old, tmp_path / "nuova.toml", tmp_path)
    assert message == "" and done is not None
    assert done.lost == ["domanda 17.1: non più presente nel modulo"]
    assert "Il modulo è cambiato (versione 2023.1 → 2024.1): ripreso ciò che corrisponde." in done.notes
    assert "- domanda 17.1: non più presente nel modulo" in done.notes
    assert storage.load(tmp_path / "nuova.toml").answers.get("1.2/choice") == "Sì"


def test_map_answers_skips_values_of_the_wrong_type() -> None:
    answers = Answers({"7A": {"objectives": "otto", "indicators": 22}, "2.3": {"systems": "Excel"}})
    mapped, lost = map_answers(answers, load_form())
    assert mapped.data == {"7A": {"indicators": 22}}
    assert lost == [
        "domanda 7A, campo «objectives»: ora chiede un numero intero, risposta non ripresa",
        "domanda 2.3, campo «systems»: ora chiede un elenco, risposta non ripresa",
    ]


# ---------------------------------------------------------------- command line


def test_new_from_without_a_terminal_creates_the_file_and_says_what_next(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "monitoraggio-2025.toml"
    done = oivtui("new", "--from", last, target)
    assert done.returncode == 0, done.stderr
    assert "Triennio: 2024-2026 → 2025-2027." in done.stdout
    assert "vanno inserite" in done.stdout
    assert f"oivtui ask {target}" in done.stdout
    assert storage.load(target).triennium == "2025-2027"


def test_new_from_refuses_an_existing_file_and_a_missing_one(last: Path, tmp_path: Path) -> None:
    done = oivtui("new", "--from", last, last)
    assert done.returncode == 2
    assert "esiste già" in done.stderr
    done = oivtui("new", "--from", tmp_path / "manca.toml", tmp_path / "nuova.toml")
    assert done.returncode == 2
    assert "il file non esiste" in done.stderr
    assert not (tmp_path / "nuova.toml").exists()


def test_validate_lists_steps_to_review_as_errors_unless_draft(last: Path, tmp_path: Path) -> None:
    target = tmp_path / "nuova.toml"
    start_from_previous(last, target, tmp_path)
    final = oivtui("validate", target)
    assert final.returncode == 1
    assert (
        "Blocco 1 – Definizione degli obiettivi strategici: da rivedere: è ripreso dall'anno scorso "
        "e non è ancora confermato. [b1]" in final.stdout.splitlines()
    )
    draft = oivtui("validate", target, "--bozza")
    assert draft.returncode == 0
    assert "Assegnazione degli obiettivi al personale: avviso: da rivedere: " in draft.stdout
    export = oivtui("export", target)
    assert export.stdout.startswith("> **BOZZA**")
    assert "19 passi da rivedere" in export.stderr


def test_a_date_typed_wrong_last_year_is_carried_as_typed_not_dropped(tmp_path: Path) -> None:
    session = example_session()
    session.answers.set("header/piao_date", "31/02/2024")  # kept as typed, shown under its field
    session.path = tmp_path / "monitoraggio-2024.toml"
    storage.save(session, session.path)
    done, message = create(session.path, tmp_path / "nuova.toml", tmp_path)
    assert message == "" and done is not None
    assert done.lost == []
    assert not any("non ripres" in note.casefold() for note in done.notes)
    saved = storage.load(tmp_path / "nuova.toml")
    assert saved.previous is not None and saved.previous.get("header/piao_date") == "31/02/2024"
    assert saved.answers.get("header/piao_date") is None  # this year's date is still to type
