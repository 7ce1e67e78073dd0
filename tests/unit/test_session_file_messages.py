"""What a user reads when a session file they edited by hand is wrong: the cause, in Italian,
at the line, with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.cli import main
from oivtui.example import example_text


def _session_with(tmp_path: Path, old: str, new: str) -> Path:
    text = example_text()
    assert old in text
    path = tmp_path / "s.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", str(path)])
    return code, capsys.readouterr().err


def test_a_text_left_without_its_closing_quote_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _session_with(tmp_path, 'place = "Brescia"', 'place = "Brescia')
    code, err = _validate(path, capsys)
    assert code == 2
    assert "riga " in err and "senza le virgolette di chiusura" in err
    assert "carattere non ammesso" not in err


@pytest.mark.parametrize("value", ["26/02/2024", "2024-2-26", "26 febbraio 2024"])
def test_a_date_written_the_italian_way_says_how_to_write_it(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _session_with(tmp_path, "signature_date = 2024-02-26", f"signature_date = {value}")
    code, err = _validate(path, capsys)
    assert code == 2
    assert "una data si scrive AAAA-MM-GG" in err and "tra virgolette" in err
