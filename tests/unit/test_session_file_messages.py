"""What a user reads when a session file they edited by hand is wrong: the cause, in Italian,
at the line, with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.cli.main import main
from oivtui.files.example import example_text


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> str:
    """The example with ``old`` edited into ``new`` by hand: ``validate`` refuses it (exit 2); what it says."""
    text = example_text()
    assert old in text
    path = tmp_path / "s.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    return err


def test_a_text_left_without_its_closing_quote_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(tmp_path, capsys, 'place = "Brescia"', 'place = "Brescia')
    assert "riga " in err and "senza le virgolette di chiusura" in err
    assert "carattere non ammesso" not in err


@pytest.mark.parametrize("value", ["26/02/2024", "2024-2-26", "26 febbraio 2024"])
def test_a_date_written_the_italian_way_says_how_to_write_it(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(tmp_path, capsys, "signature_date = 2024-02-26", f"signature_date = {value}")
    assert "una data si scrive AAAA-MM-GG" in err and "tra virgolette" in err


def _saved_session(tmp_path: Path) -> Path:
    folder = tmp_path / ".local" / "share" / "oivtui" / "sessioni"  # XDG_DATA_HOME from private_home
    folder.mkdir(parents=True)
    saved = folder / "sessione-20250220-101010.toml"
    saved.write_text(example_text(), encoding="utf-8")
    return saved


def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in a folder of one's own, not the sessions' folder: a session named alone is not there."""
    work = tmp_path / "lavoro"
    work.mkdir()
    monkeypatch.chdir(work)


def test_a_saved_session_named_without_its_folder_is_found_and_its_path_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _saved_session(tmp_path)
    _elsewhere(tmp_path, monkeypatch)
    code = main(["export", saved.name])
    err = capsys.readouterr().err
    assert code == 2
    assert "il file non esiste" in err
    assert f"Tra le sessioni salvate c'è {saved}: oivtui export {saved}" in err


def test_verify_with_a_saved_session_named_without_its_folder_repeats_the_report_in_its_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command the hint gives runs as is: verify wants the report before the session."""
    saved = _saved_session(tmp_path)
    _elsewhere(tmp_path, monkeypatch)
    assert main(["export", str(saved), "-o", "resoconto.md"]) == 0
    capsys.readouterr()
    code = main(["verify", "resoconto.md", saved.name])
    err = capsys.readouterr().err
    assert code == 2
    hint = f"oivtui verify resoconto.md {saved}"
    assert err.rstrip().endswith(hint)
    assert main(hint.split()[1:]) == 0  # the hint's command verifies the report


def test_a_missing_file_points_to_the_folder_of_the_saved_sessions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _saved_session(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["validate", "relazione.toml"])
    assert code == 2
    assert f"Le sessioni create senza indicare un file sono in {saved.parent}" in capsys.readouterr().err


def test_a_report_given_for_the_session_says_a_session_file_is_wanted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "s.toml"
    session.write_text(example_text(), encoding="utf-8")
    assert main(["export", str(session), "-o", str(tmp_path / "resoconto.md")]) == 0
    capsys.readouterr()
    code = main(["export", str(tmp_path / "resoconto.md")])
    err = capsys.readouterr().err
    assert code == 2
    assert "resoconto.md: sembra un resoconto o un documento, non un file di sessione" in err


def test_verify_help_names_every_report_format_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "in fondo al resoconto (Markdown, HTML o PDF)" in text


def test_an_unknown_key_in_the_general_data_names_them_not_a_question_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(tmp_path, capsys, 'place = "Brescia"', 'place = "Brescia"\nluogo = "Brescia"')
    assert "«Dati generali» (header): campo sconosciuto «luogo»" in err
    assert "domanda header" not in err


def test_a_count_written_with_a_thousands_dot_says_to_write_digits_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(tmp_path, capsys, "objectives = 8", "objectives = 1.000")
    assert "7A/objectives: ci si aspetta un numero intero, trovato un numero decimale" in err
    assert "(mille: 1000, non 1.000)" in err


def test_the_main_help_says_where_sessions_started_without_a_file_are(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Le sessioni create senza indicare un file (oivtui, poi «Nuova sessione») sono in" in text
    assert "~/.local/share/oivtui/sessioni/" in text
