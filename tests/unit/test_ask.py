"""``oivtui ask``: the questionnaire in plain lines, driven as a script would, through a pipe."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oivtui.ask.walk import Item, items
from oivtui.files import storage
from oivtui.files.carryover import start_from_previous
from oivtui.files.example import example_session, example_text
from oivtui.files.lock import SessionLock
from oivtui.files.session import Session
from oivtui.reports.render import render_markdown
from questionnaire.form.model import Field
from tests.comune import comune_session

HEADER = [
    "Comune di Prova",  # administration
    "2025-2027",  # triennium
    "30/01/2025",  # PIAO adopted
    "Roma",  # place
    "20 febbraio 2025",  # signature date
    "1",  # role: OIV
    "Mario Rossi",  # signatories, one per line…
    "Anna Bianchi",
    "",  # …a blank line ends the list
    "",  # no Azienda Speciale
]


def ask(path: Path, *lines: str, raw: bytes | None = None, env: dict[str, str] | None = None):
    data = raw if raw is not None else "".join(line + "\n" for line in lines).encode("utf-8")
    return subprocess.run(
        [sys.executable, "-m", "oivtui", "ask", str(path)],
        input=data,
        capture_output=True,
        timeout=120,
        env={**os.environ, "TERM": "dumb", **(env or {})},
    )


def out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8")


# ---------------------------------------------------------------- filling in


def test_piped_answers_fill_the_header_and_are_saved(tmp_path: Path) -> None:
    path = tmp_path / "nuova.toml"
    done = ask(path, *HEADER)
    assert done.returncode == 0, done.stderr
    saved = storage.load(path)
    assert saved.answers.data["header"] == {
        "administration": "Comune di Prova",
        "triennium": "2025-2027",
        "piao_date": dt.date(2025, 1, 30),
        "place": "Roma",
        "signature_date": dt.date(2025, 2, 20),
        "signatory_role": "OIV",
        "signatories": ["Mario Rossi", "Anna Bianchi"],
    }
    text = out(done)
    assert "Passo 1 di 19: Dati generali" in text
    assert "Fine dell'input: risposte salvate in" in text
    # resumes where the input ended: the first field of the staff table
    assert saved.position.field == "tab.1/dirigenti_i/in_service"


def test_choices_are_numbered_with_the_other_wording_where_allowed(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, *HEADER[:5], "3", "Nucleo di valutazione")
    text = out(done)
    assert "  1. OIV\n  2. Organismo con funzioni analoghe all'OIV\n  3. altra formulazione\n" in text
    assert storage.load(path).answers.get("header/signatory_role") == "Nucleo di valutazione"


def test_a_value_error_is_said_and_the_field_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, *HEADER, "cinque", "5")
    text = out(done)
    assert "Errore: «cinque» non è un numero: scrivi un numero intero con sole cifre, per esempio 12." in text
    assert storage.load(path).answers.get("tab.1/dirigenti_i/in_service") == 5
    done = ask(tmp_path / "d.toml", "Ente", "2025-2027", "31/02/2025", "28/02/2025")
    assert "Errore: «31/02/2025»: il 31 febbraio 2025 non esiste; controlla il giorno." in out(done)
    assert storage.load(tmp_path / "d.toml").answers.get("header/piao_date") == dt.date(2025, 2, 28)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("12,5", "Errore: «12,5» non è un numero intero: scrivi solo cifre, senza virgola (per esempio 12)."),
        ("-57", "Errore: «-57»: il numero non può essere negativo; scrivi un numero intero da 0 in su."),
        ("abc", "Errore: «abc» non è un numero: scrivi un numero intero con sole cifre, per esempio 12."),
    ],
)
def test_a_count_that_is_not_a_whole_number_is_refused_with_a_message(tmp_path: Path, typed: str, said: str) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, *HEADER, typed)
    assert said in out(done)
    assert storage.load(path).answers.get("tab.1/dirigenti_i/in_service") is None


def test_the_triennium_is_described_as_three_years(tmp_path: Path) -> None:
    done = ask(tmp_path / "s.toml", "Ente", "?", "2024")
    text = out(done)
    assert "Due anni" not in text
    assert "Triennio: il primo e l'ultimo dei tre anni, per esempio 2025-2027." in text
    assert "Errore: «2024» è un anno solo: scrivi il primo e l'ultimo dei tre anni, per esempio 2024-2026." in text


def test_a_rule_problem_is_said_and_the_answer_kept_only_when_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, *HEADER, "1000", "1200")
    lines = out(done).splitlines()
    said = lines.index("> 1200") + 1
    assert lines[said].startswith("Errore: Dirigenti di I fascia e assimilabili: «Con obiettivi assegnati» (1.200)")
    assert "supera «In servizio» (1.000)" in lines[said]
    assert lines[said + 1].startswith("Tenere comunque «1200»? Scrivi s per tenerla")
    assert storage.load(path).answers.get("tab.1/dirigenti_i/assigned") is None  # not confirmed: not saved
    path = tmp_path / "again.toml"
    done = ask(path, *HEADER, "1000", "1200", "", "900")
    assert "Risposta non registrata: riscrivila." in out(done)
    assert storage.load(path).answers.get("tab.1/dirigenti_i/assigned") == 900
    path = tmp_path / "kept.toml"
    done = ask(path, *HEADER, "1000", "1200", "s")
    saved = storage.load(path)
    assert saved.answers.get("tab.1/dirigenti_i/assigned") == 1200  # kept: the user may fix either
    assert saved.position.field == "tab.1/dirigenti_i/interview_share"


def test_back_goes_to_the_previous_field(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    ask(path, *HEADER, "2", "3", "<", "5", "3", "1")
    saved = storage.load(path)
    assert saved.answers.get("tab.1/dirigenti_i/in_service") == 5
    assert saved.answers.get("tab.1/dirigenti_i/assigned") == 3
    assert saved.answers.get("tab.1/dirigenti_i/interview_share") == "50% - 100%"


def test_blank_keeps_the_current_value_and_minus_clears_it(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    ask(path, *HEADER[:-1], "Pro Brixia")
    assert storage.load(path).answers.get("header/special_agency") == "Pro Brixia"
    # Resumed at the staff table: back twice to the signatories, keep them, then clear the agency.
    done = ask(path, "<", "<", "", "-")
    text = out(done)
    assert "[attuale: Mario Rossi\nAnna Bianchi]\n> \n" in text
    assert "[attuale: Pro Brixia]\n> -\nRisposta cancellata." in text
    saved = storage.load(path)
    assert saved.answers.get("header/signatories") == ["Mario Rossi", "Anna Bianchi"]
    assert saved.answers.get("header/special_agency") is None


def test_a_long_answer_ends_at_a_blank_line_and_keeps_its_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    session = Session()
    session.position.step, session.position.field = "b1", "1.1/text"
    storage.save(session, path)
    ask(path, "Prima riga", "seconda riga", ".", "Secondo paragrafo", "", "Un esempio", "")
    saved = storage.load(path)
    assert saved.answers.get("1.1/text") == "Prima riga\nseconda riga\n\nSecondo paragrafo"
    assert saved.answers.get("1.1/example") == "Un esempio"


def test_question_mark_shows_the_field_help_and_the_keys(tmp_path: Path) -> None:
    done = ask(tmp_path / "s.toml", "?")
    text = out(done)
    assert "Aiuto: Es. Camera di Commercio di Brescia." in text
    assert "< torna al campo precedente" in text and "! salva ed esci" in text


def test_bang_saves_and_quits_and_the_next_run_resumes_there(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, "Comune di Prova", "!", "questo non viene letto")
    assert done.returncode == 0
    assert "Risposte salvate in" in out(done)
    saved = storage.load(path)
    assert saved.answers.get("header/administration") == "Comune di Prova"
    assert saved.answers.get("header/triennium") is None
    assert saved.position.field == "header/triennium"
    again = out(ask(path, "2025-2027"))
    first_field = again.split("\n\n", 3)[2]
    assert first_field.startswith("Triennio del PIAO")
    assert storage.load(path).answers.get("header/triennium") == "2025-2027"


def test_invalid_utf8_is_refused_and_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, raw=b"Comune di Prov\xe0\nComune di Prov\xc3\xa0\n")
    assert done.returncode == 0
    assert "La riga non è testo UTF-8 valido: riscrivila." in out(done)
    assert storage.load(path).answers.get("header/administration") == "Comune di Provà"


def test_output_is_plain_text_for_a_dumb_terminal(tmp_path: Path) -> None:
    done = ask(tmp_path / "s.toml", *HEADER, "\x1b[A5")  # an arrow key typed before the number
    text = out(done)
    assert "\x1b" not in text
    assert not any(0x2500 <= ord(c) <= 0x259F for c in text), "no box-drawing characters"
    assert storage.load(tmp_path / "s.toml").answers.get("tab.1/dirigenti_i/in_service") == 5


@pytest.mark.parametrize(
    "module", ["oivtui.ask.walk", "oivtui.files.carryover", "oivtui.reports.verify", "questionnaire.wordiff"]
)
def test_the_line_mode_and_its_helpers_never_import_textual(module: str) -> None:
    code = f"import sys, {module}; print({module!r} in sys.modules, 'textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


# ---------------------------------------------------------------- lock and files


def test_a_session_held_by_someone_else_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    storage.save(Session(), path)
    before = path.read_bytes()
    with SessionLock(path):
        done = ask(path, "Comune di Prova")
    assert done.returncode == 2
    assert "è già aperto da" in done.stderr.decode("utf-8")
    assert path.read_bytes() == before


def test_a_broken_file_or_folder_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "rotta.toml"
    broken.write_text("format = \n", "utf-8")
    done = ask(broken, "x")
    assert done.returncode == 2 and "non è TOML valido" in done.stderr.decode("utf-8")
    done = ask(tmp_path / "manca" / "s.toml", "x")
    assert done.returncode == 2 and "la cartella" in done.stderr.decode("utf-8")


# ---------------------------------------------------------------- the whole questionnaire


def test_the_end_lists_what_is_missing_where_the_user_finds_it(tmp_path: Path) -> None:
    """Every field left blank: the closing list names each place as the app does, not by the file's keys."""
    done = ask(tmp_path / "s.toml", *([""] * 600))
    assert done.returncode == 0, done.stderr
    lines = out(done).splitlines()
    assert "- Dati generali – Amministrazione: «Amministrazione» è obbligatorio." in lines
    assert "- Blocco 16 – 16.1 E' stato effettivamente implementato…: Manca la risposta." in lines
    assert not [line for line in lines if line.startswith(("- header/", "- 1.1/", "- tab."))]


def typed(field: Field, value: object) -> list[str]:
    """What a user types to give ``value`` to ``field``."""
    if value is None:
        return [""]  # a blank first line leaves the field as it is, long or short
    if field.kind == "lines":
        return [*value, ""]  # type: ignore[misc]
    if field.kind == "text":
        return [line if line.strip() else "." for line in str(value).split("\n")] + [""]
    if field.kind == "choice":
        return [str(field.options.index(value) + 1) if value in field.options else str(value)]
    if isinstance(value, dt.date):
        return [value.strftime("%d/%m/%Y")]
    return [str(value)]


def typed_if_asked(session: Session, item: Item) -> list[str]:
    """What a user types to give ``item`` its answer in ``session``; nothing where it is not asked
    (a field that does not apply: its ``relevant`` condition fails on the answers before it)."""
    if not session.answers.is_relevant(session.form, item.address):
        return []
    return typed(item.field, session.answers.get(item.address))


def test_the_whole_example_typed_line_by_line_gives_the_same_report(tmp_path: Path) -> None:
    example = example_session()
    script = [line for item in items(example.form) for line in typed_if_asked(example, item)]
    path = tmp_path / "brescia.toml"
    done = ask(path, *script)
    assert done.returncode == 0, done.stderr
    text = out(done)
    assert "Fine del questionario." in text
    assert "Nessun errore e nessuna risposta mancante." in text
    saved = storage.load(path)
    assert saved.answers.data == example.answers.data
    assert saved.position.step == "review"
    example.path = path
    assert render_markdown(saved) == render_markdown(example)


def test_a_carried_over_step_shows_last_year_and_can_be_confirmed(tmp_path: Path) -> None:
    last = tmp_path / "2024.toml"
    last.write_text(example_text(), "utf-8")
    path = tmp_path / "2025.toml"
    session, message = start_from_previous(last, path, tmp_path)
    assert session is not None, message
    header_fields = len(session.form.step("header").questions[0].fields)
    done = ask(path, "", "", "30/01/2025", "", "20/02/2025", *[""] * (header_fields - 5), "s")
    text = out(done)
    assert "Ripreso dall'anno scorso: da rivedere." in text
    assert "[attuale: 2025-2027]\n[anno scorso: 2024-2026]\n(rispetto all'anno scorso: 1 parola cambiata)" in text
    assert "[nessuna risposta]\n[anno scorso: 31/01/2024]\n(quest'anno ancora senza risposta)" in text
    assert "Hai rivisto «Dati generali», ripreso dall'anno scorso?" in text
    assert "Passo confermato." in text
    saved = storage.load(path)
    assert "header" not in saved.to_review and "staff" in saved.to_review
    assert saved.answers.get("header/piao_date") == dt.date(2025, 1, 30)


@pytest.mark.parametrize("answer", ["", "n"])
def test_an_unconfirmed_step_stays_to_review(tmp_path: Path, answer: str) -> None:
    last = tmp_path / "2024.toml"
    last.write_text(example_text(), "utf-8")
    path = tmp_path / "2025.toml"
    start_from_previous(last, path, tmp_path)
    ask(path, *[""] * 8, answer)
    assert storage.load(path).to_review[0] == "header"


# ---------------------------------------------------------------- fields that apply only sometimes


def test_a_comune_without_an_agency_is_never_asked_for_its_counts(tmp_path: Path) -> None:
    comune = comune_session()
    script = [line for item in items(comune.form) for line in typed_if_asked(comune, item)]
    path = tmp_path / "comune.toml"
    done = ask(path, *script)
    assert done.returncode == 0, done.stderr
    text = out(done)
    assert "Nessun errore e nessuna risposta mancante." in text
    assert "dell'Azienda Speciale" not in text and "assegnati all'Azienda Speciale" not in text
    assert text.count("(se no) motivazioni") == 1  # the one row answered «No», not the two others
    assert "Numero obiettivi operativi con risorse umane assegnate" in text
    assert storage.load(path).answers.data == comune.answers.data


def test_the_agency_counts_are_asked_once_the_header_names_one(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    comune = comune_session()
    comune.answers.set("header/special_agency", "Pro Comune")
    comune.position.step, comune.position.field = "annex", "7B/objectives"
    storage.save(comune, path)
    done = ask(path, "", "3")  # 7B/objectives kept, then the agency's share
    assert "Numero obiettivi operativi dell'Azienda Speciale" in out(done)
    assert storage.load(path).answers.get("7B/objectives_agency") == 3


def test_going_back_skips_the_fields_that_do_not_apply(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    comune = comune_session()
    comune.position.step, comune.position.field = "annex", "7B/with_indicators"
    storage.save(comune, path)
    text = out(ask(path, "<", "!"))  # back from «con indicatori»: to the objectives, past the agency's share
    after = text.split("Numero obiettivi operativi con indicatori (obbligatorio)", 1)[1]
    assert "\nNumero obiettivi operativi (obbligatorio)\n" in after
    assert "dell'Azienda Speciale" not in text


def test_back_from_the_second_field_reaches_the_first(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, "Comune di Prova", "<", "Comune di Altrove", "2025-2027")
    assert "già al primo campo" not in out(done)
    saved = storage.load(path)
    assert saved.answers.get("header/administration") == "Comune di Altrove"
    assert saved.answers.get("header/triennium") == "2025-2027"


def test_back_on_the_first_field_says_so_and_stays(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, "<", "Comune di Prova")
    assert "Sei già al primo campo." in out(done)
    assert storage.load(path).answers.get("header/administration") == "Comune di Prova"


def test_an_answer_that_fails_the_fields_check_is_refused_and_asked_again(tmp_path: Path) -> None:
    from questionnaire.form.kinds import MAX_TEXT

    path = tmp_path / "s.toml"
    done = ask(path, "C" * (MAX_TEXT + 1), "Comune di Prova")
    assert "Errore:" in out(done)
    assert storage.load(path).answers.get("header/administration") == "Comune di Prova"


# ---------------------------------------------------------------- corrections at a confirmation prompt


def with_corrections(script_items: list[tuple[Item, list[str]]]) -> list[str]:
    """The example's lines, with every «assigned» count first typed too high (a rule error), then
    corrected by typing the right number at the «Tenere comunque…?» prompt."""
    lines: list[str] = []
    for item, typed_lines in script_items:
        if item.address.endswith("/assigned") and typed_lines and typed_lines[0].isdigit():
            lines.append(str(int(typed_lines[0]) + 1000))  # more than in service: «Tenere comunque…?»
        lines += typed_lines
    return lines


def test_a_whole_session_piped_with_corrections_ends_with_every_answer_in_its_field(tmp_path: Path) -> None:
    example = example_session()
    script_items = [(item, typed_if_asked(example, item)) for item in items(example.form)]
    script = with_corrections(script_items)
    assert len(script) > sum(len(lines) for _, lines in script_items) + 2  # corrections there are
    path = tmp_path / "corretta.toml"
    done = ask(path, *script)
    assert done.returncode == 0, done.stderr
    text = out(done)
    assert "Risposta non registrata" not in text
    assert "«1001» non registrata; nuova risposta: «1»." in text
    saved = storage.load(path)
    for item in items(example.form):  # field by field: a shift names the first field it moved
        assert saved.answers.get(item.address) == example.answers.get(item.address), item.address
    assert saved.answers.data == example.answers.data


def test_a_line_at_the_confirmation_prompt_is_checked_again_as_the_new_answer(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    done = ask(path, *HEADER, "1000", "1200", "1300", "18", "2")
    text = out(done)
    assert text.count("Tenere comunque") == 2  # 1200 refused, then 1300 refused in its turn
    assert "«1300» non registrata; nuova risposta: «18»." in text
    saved = storage.load(path)
    assert saved.answers.get("tab.1/dirigenti_i/assigned") == 18
    assert saved.answers.get("tab.1/dirigenti_i/interview_share") == "1% - 49%"  # the «2»: its own field


def test_a_line_at_the_review_prompt_goes_to_the_next_field(tmp_path: Path) -> None:
    last = tmp_path / "2024.toml"
    last.write_text(example_text(), "utf-8")
    path = tmp_path / "2025.toml"
    start_from_previous(last, path, tmp_path)
    done = ask(path, *[""] * 8, "15")
    assert "Passo lasciato da rivedere; «15» vale per il campo successivo." in out(done)
    saved = storage.load(path)
    assert saved.to_review[0] == "header"
    assert saved.answers.get("tab.1/dirigenti_i/in_service") == 15
