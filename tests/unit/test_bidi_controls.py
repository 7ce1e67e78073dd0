"""Bidi controls (U+202A–202E, U+2066–2069) are control characters: «Roma \u202egnp.exe\u202c»
displays as «Roma exe.png». Flagged on input, shown as visible marks in the reports and on the
terminal; ``ask`` says when it removes characters (issue 26)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from oivtui.ask.lines import printable
from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.example import example_text
from questionnaire.form import kinds

TRICK = "Roma \u202egnp.exe\u202c"
ALL = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


def hand_edited(tmp_path: Path, place: str) -> Path:
    path = tmp_path / "s.toml"
    text = example_text()
    assert 'place = "Brescia"' in text
    path.write_text(text.replace('place = "Brescia"', f'place = "{place}"', 1), "utf-8")
    return path


@pytest.mark.parametrize("char", ALL, ids=[f"U+{ord(c):04X}" for c in ALL])
def test_each_bidi_control_is_a_control_character_on_input(char: str) -> None:
    assert kinds.clean(f"a{char}b") == "ab" and kinds.has_controls(f"a{char}b")
    assert kinds.clean(f"a{char}b\nc", multiline=True) == "ab\nc"


def test_validate_flags_a_bidi_control_in_a_file_edited_by_hand(tmp_path: Path, capsys) -> None:
    path = hand_edited(tmp_path, "Roma \\u202Egnp.exe\\u202C")
    assert cli.main(["validate", str(path)]) == 1
    assert "«Luogo della firma» contiene un carattere di controllo (U+202E)" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_the_reports_show_a_visible_mark_instead_of_the_control(tmp_path: Path, fmt: str) -> None:
    path = hand_edited(tmp_path, "Roma \\u202Egnp.exe\\u202C")
    out = tmp_path / f"r.{fmt}"
    assert cli.main(["export", str(path), "-o", str(out)]) == 0
    if fmt == "pdf":
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    else:
        text = out.read_text("utf-8")
    assert "Roma ‹U+202E›gnp.exe‹U+202C›" in text
    assert not any(char in text for char in ALL)


def test_the_terminal_gets_the_control_escaped() -> None:
    assert printable(TRICK) == "Roma \\u202egnp.exe\\u202c"
    assert printable("\u2066x\u2069") == "\\u2066x\\u2069"


def test_ask_removes_them_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "nuova.toml"
    typed = ["Comune di Prova", "2025-2027", "30/01/2025", TRICK + "\x07"]
    done = subprocess.run(
        [sys.executable, "-m", "oivtui", "ask", str(path)],
        input="".join(line + "\n" for line in typed).encode("utf-8"),
        capture_output=True,
        timeout=120,
        env={**os.environ, "TERM": "dumb"},
    )
    assert done.returncode == 0, done.stderr
    said = done.stdout.decode("utf-8")
    assert said.count("Nota: tolti dalla riga i caratteri di controllo e le sequenze di tasti (non stampabili).") == 1
    assert storage.load(path).answers.get("header/place") == "Roma gnp.exe"
    assert not any(char in said for char in ALL)
