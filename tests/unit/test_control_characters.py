"""Control characters in a session file edited by hand: flagged by validation, visible in the report.

The TUI and ``ask`` clean what is typed or pasted; a file written by another program can still
hold a BEL or an ESC, which must neither reach a terminal, a browser or a printer raw, nor pass
unsaid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.example import example_text


def hand_edited(tmp_path: Path, place: str) -> Path:
    path = tmp_path / "s.toml"
    text = example_text()
    assert 'place = "Brescia"' in text
    path.write_text(text.replace('place = "Brescia"', f'place = "{place}"', 1), "utf-8")
    return path


@pytest.mark.parametrize(("escaped", "code"), [("\\u0007", "U+0007"), ("\\u001b[31m", "U+001B"), ("\\u007f", "U+007F")])
def test_validate_names_the_field_and_the_character(tmp_path: Path, capsys, escaped: str, code: str) -> None:
    path = hand_edited(tmp_path, f"Bre{escaped}scia")
    assert cli.main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"«Luogo della firma» contiene un carattere di controllo ({code})" in out


def test_the_report_shows_the_character_instead_of_sending_it(tmp_path: Path, capsys) -> None:
    path = hand_edited(tmp_path, "Bre\\u0007sc\\u001bia")
    cli.main(["export", str(path)])
    out = capsys.readouterr().out
    assert "Bre␇sc␛ia, 26 febbraio 2024" in out
    assert "\x07" not in out and "\x1b" not in out


def test_tabs_and_line_ends_in_a_long_answer_stay(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.toml"
    path.write_text(example_text(), "utf-8")
    session = storage.load(path)
    session.answers.set("1.1/text", "Prima riga\tcon una tabulazione\nSeconda riga")
    storage.save(session)
    assert cli.main(["validate", str(path)]) == 0
    cli.main(["export", str(path)])
    assert "Prima riga\tcon una tabulazione\\\nSeconda riga" in capsys.readouterr().out
