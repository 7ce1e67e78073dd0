"""Session files: whatever the evaluator typed comes back unchanged, and a failed save harms nothing."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from oivtui.files import storage
from oivtui.files.session import Position, Session
from oivtui.files.storage import SaveError, SessionError
from questionnaire.form.answers import Answers
from questionnaire.form.rules import validate

TRICKY = [
    'Ha detto "sì" e poi \\"no\\"',
    "C:\\percorso\\file \\n non è un a capo",
    "àèéìòù ÀÈ € «virgolette» ’apostrofo’",
    "emoji 🇮🇹 👍🏽 👨‍👩‍👧",
    "colonna\tcolonna\t\t",
    "\n\n\nrighe vuote prima\n\n\ne dopo\n\n",
    "righe\r\nWindows\r\n",
    "ritorno\rsolitario",
    "misto\r\n\n\r",
    "controllo \x00 \x01 \x1b[31mrosso\x1b[0m \x7f \x85",
    "\"\"\" tre virgolette \"\"\" e ''' tre apici '''",
    "\\u00e8 scritto per esteso",
    "separatori \u2028 \u2029 e BOM \ufeff",
    "- elenco\n- puntato\n  - rientrato\n1. numerato",
    "   spazi iniziali e finali   ",
]


def text_session(text: str, lines: list[str]) -> Session:
    session = Session()
    session.answers.set("1.1/text", text)
    session.answers.set("2.3/systems", lines)
    session.answers.set("header/administration", "Camera di Commercio di Brescia")
    session.answers.set("header/piao_date", dt.date(2024, 1, 31))
    session.answers.set("tab.1/dirigenti_i/in_service", 1)
    return session


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), lines=st.lists(st.text(max_size=20), max_size=5))
@example(text="".join(TRICKY), lines=TRICKY)
def test_any_text_comes_back_unchanged(tmp_path: Path, text: str, lines: list[str]) -> None:
    session = text_session(text, lines)
    path = tmp_path / "sessione.toml"
    storage.save(session, path)
    loaded = storage.load(path)
    assert loaded.answers.data == session.answers.data
    assert tomllib.loads(path.read_text("utf-8")) == storage.to_document(session)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_survives_save_and_load(tmp_path: Path, text: str) -> None:
    session = text_session(text, [text, text])
    path = tmp_path / "sessione.toml"
    storage.save(session, path)
    assert storage.load(path).answers.get("1.1/text") == text
    assert storage.load(path).answers.get("2.3/systems") == [text, text]


def test_written_file_parses_back_with_position_review_and_previous(tmp_path: Path) -> None:
    session = text_session("Risposta", ["Excel"])
    session.position = Position("b5", "5.1/text")
    session.to_review = ["b1", "b2"]
    session.previous = Answers()
    session.previous.set("1.1/text", "L'anno scorso")
    path = storage.save(session, tmp_path / "s.toml")
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["position"] == {"step": "b5", "field": "5.1/text"}
    assert doc["review"] == {"pending": ["b1", "b2"]}
    assert doc["previous"]["1.1"]["text"] == "L'anno scorso"
    loaded = storage.load(path)
    assert (loaded.position, loaded.to_review) == (session.position, session.to_review)
    assert loaded.previous is not None and loaded.previous.data == session.previous.data


def test_new_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = storage.save(text_session("x", []), tmp_path / "nuova.toml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_keeps_the_mode_of_the_existing_file(tmp_path: Path) -> None:
    path = storage.save(text_session("prima", []), tmp_path / "s.toml")
    path.chmod(0o640)
    storage.save(text_session("dopo", []), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert storage.load(path).answers.get("1.1/text") == "dopo"


def test_a_file_that_failed_to_load_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "rotta.toml"
    path.write_bytes(b'format = 1\nform = "civit-23-2013"\n[answers."1.1"]\ntext = "non chiusa\n')
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(SessionError, match="riga 4"):
        storage.load(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotta.toml"]


def test_saving_into_a_read_only_folder_is_an_italian_error_and_keeps_the_old_file(
    tmp_path: Path, unprivileged: list[str]
) -> None:
    folder = tmp_path / "sola-lettura"
    folder.mkdir()
    path = storage.save(text_session("versione salvata", []), folder / "s.toml")
    before = path.read_bytes()
    folder.chmod(0o500)
    script = (
        "import sys; from pathlib import Path; from oivtui.files import storage\n"
        "s = storage.load(Path(sys.argv[1])); s.answers.set('1.1/text', 'modifica')\n"
        "try:\n    storage.save(s)\nexcept storage.SaveError as e:\n    print(e); sys.exit(3)\n"
    )
    try:
        done = subprocess.run(
            [*unprivileged, sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60
        )
    finally:
        folder.chmod(0o700)
    assert done.returncode == 3, done.stderr
    assert "permesso negato" in done.stdout and "intatto" in done.stdout
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["s.toml"]


@pytest.mark.parametrize(
    ("broken", "code", "said"),
    [
        ("tempfile.mkstemp", errno.EACCES, "permesso negato"),
        ("os.write", errno.ENOSPC, "disco è pieno"),
        ("os.fsync", errno.EIO, "errore di lettura/scrittura"),
        ("os.replace", errno.EROFS, "sola lettura"),
    ],
)
def test_failed_save_leaves_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str, code: int, said: str
) -> None:
    path = storage.save(text_session("versione salvata", []), tmp_path / "s.toml")
    before = path.read_bytes()

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    module, name = broken.split(".")
    monkeypatch.setattr(f"{module}.{name}", fail)
    with pytest.raises(SaveError) as caught:
        storage.save(text_session("modifica", []), path)
    monkeypatch.undo()
    assert said in str(caught.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]


def test_unknown_key_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('format = 1\nform = "civit-23-2013"\n\ncolore = "rosso"\n', "utf-8")
    with pytest.raises(SessionError, match=r"riga 4: chiave sconosciuta «colore»"):
        storage.load(path)


def test_wrong_type_names_the_question_and_line(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('format = 1\nform = "civit-23-2013"\n[answers."tab.1".dirigenti_i]\nin_service = 3.5\n', "utf-8")
    with pytest.raises(SessionError, match=r"riga 4: tab\.1/dirigenti_i/in_service: .*numero intero"):
        storage.load(path)


def test_a_text_in_a_number_or_date_field_is_read_by_the_fields_parser(tmp_path: Path) -> None:
    """What was typed and is not (yet) a number or a date stays as text, and validation says why;
    a text that reads as one (written by hand) becomes it, with the parser the app and ask use."""
    path = tmp_path / "s.toml"
    path.write_text(
        'format = 1\nform = "civit-23-2013"\n[header]\npiao_date = "26 febbraio 2024"\n'
        'signature_date = "31/02/2024"\n[answers."tab.1".dirigenti_i]\nin_service = "1.000"\nassigned = "12,5"\n',
        "utf-8",
    )
    session = storage.load(path)
    assert session.answers.get("header/piao_date") == dt.date(2024, 2, 26)
    assert session.answers.get("tab.1/dirigenti_i/in_service") == 1000
    assert session.answers.get("tab.1/dirigenti_i/assigned") == "12,5"
    assert session.answers.get("header/signature_date") == "31/02/2024"
    messages = {p.address: p.message for p in validate(session.form, session.answers)}
    assert "«12,5» non è un numero intero" in messages["tab.1/dirigenti_i/assigned"]
    assert "il 31 febbraio 2024 non esiste" in messages["header/signature_date"]


def test_file_from_a_newer_oivtui_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('format = 99\nform = "civit-23-2013"\n', "utf-8")
    with pytest.raises(SessionError, match="versione più recente"):
        storage.load(path)
