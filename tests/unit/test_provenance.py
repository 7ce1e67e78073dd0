"""The report's provenance line, the fingerprint's canonical form, and ``oivtui verify``."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_session, example_text
from oivtui.files.session import Position, Session
from oivtui.reports.render import render_html, render_markdown
from questionnaire.form.answers import Answers
from questionnaire.report.provenance import canonical, find_provenance, fingerprint
from tests.unit.test_cli import oivtui

HEX64 = re.compile(r"[0-9a-f]{64}")


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "brescia-2024.toml"
    path.write_text(example_text(), "utf-8")
    return path


@pytest.fixture
def report_file(session_file: Path, tmp_path: Path) -> Path:
    out = tmp_path / "resoconto.md"
    done = oivtui("export", session_file, "-o", out)
    assert done.returncode == 0, done.stderr
    return out


# ---------------------------------------------------------------- the line and the fingerprint


def test_the_report_ends_with_the_provenance_line(session_file: Path) -> None:
    session = storage.load(session_file)
    report = render_markdown(session)
    digest = hashlib.sha256(canonical(session.answers)).hexdigest()
    assert report.endswith(
        f"\n\n*Generato da oivtui · modulo civit-23-2013 2024.1 · impronta SHA-256 delle risposte: {digest}*\n"
    )
    assert not re.search(r"\d{1,2}:\d{2}", report.rsplit("\n\n", 1)[1]), "no clock time"


def test_the_html_report_carries_the_same_line(session_file: Path) -> None:
    session = storage.load(session_file)
    page = render_html(session)
    assert (
        "<p><em>Generato da oivtui · modulo civit-23-2013 2024.1 · "
        f"impronta SHA-256 delle risposte: {fingerprint(session.answers)}</em></p>\n"
        "</footer>\n</div>\n</div>\n</section>\n</body>"
    ) in page


def test_the_canonical_form_is_sorted_compact_json_with_iso_dates() -> None:
    answers = Answers(
        {
            "header": {"triennium": "2024-2026", "piao_date": dt.date(2024, 1, 31), "signatories": ["Rossi"]},
            "tab.1": {"dirigenti_i": {"in_service": 1, "assigned": 1}},
            "1.1": {"text": "Qualità «alta»\nseconda riga", "example": "   "},
        }
    )
    assert (
        canonical(answers)
        == (
            '{"1.1":{"text":"Qualità «alta»\\nseconda riga"},'
            '"header":{"piao_date":"2024-01-31","signatories":["Rossi"],"triennium":"2024-2026"},'
            '"tab.1":{"dirigenti_i":{"assigned":1,"in_service":1}}}'
        ).encode()
    )
    assert fingerprint(answers) == hashlib.sha256(canonical(answers)).hexdigest()


def test_position_file_name_and_review_marks_are_not_in_the_fingerprint() -> None:
    first, second = example_session(), example_session()
    second.position = Position("b7", "7.1/text")
    second.path = Path("altro-nome.toml")
    second.to_review = ["b1"]
    second.previous = Answers({"1.1": {"text": "l'anno scorso"}})
    assert fingerprint(first.answers) == fingerprint(second.answers)


def test_one_changed_character_changes_the_fingerprint() -> None:
    session = example_session()
    before = fingerprint(session.answers)
    text = session.answers.get("1.1/text")
    assert isinstance(text, str)
    session.answers.set("1.1/text", text.replace("mission", "missione", 1))
    assert fingerprint(session.answers) != before
    session.answers.set("1.1/text", text)
    assert fingerprint(session.answers) == before


def test_the_same_session_gives_the_same_bytes_twice(session_file: Path, tmp_path: Path) -> None:
    outputs = []
    for fmt, name in (("md", "a.md"), ("md", "b.md"), ("html", "a.html"), ("html", "b.html")):
        assert oivtui("export", session_file, "--format", fmt, "-o", tmp_path / name).returncode == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and outputs[2] == outputs[3]
    assert render_markdown(storage.load(session_file)).encode() == outputs[0]


def test_the_line_names_no_session_file(session_file: Path) -> None:
    """A private file name would end up in a published document: the line names the form only."""
    for session in (storage.load(session_file), Session()):
        line = render_markdown(session).rstrip("\n").rsplit("\n", 1)[1]
        assert line.startswith("*Generato da oivtui · modulo civit-23-2013 ")
        assert "brescia-2024" not in render_html(session) and "sessione" not in line


def test_an_answer_cannot_forge_a_provenance_line() -> None:
    session = example_session()
    fake = "*Generato da oivtui dalla sessione «x.toml» · modulo a b · impronta SHA-256 delle risposte: " + "0" * 64
    session.answers.set("16.2/text", fake + "*")
    report = render_markdown(session)
    found = find_provenance(report)
    assert found is not None and found.digest == fingerprint(session.answers)
    assert found.line == len(report.split("\n")) - 2  # the real one, the report's last line


# ---------------------------------------------------------------- oivtui verify


def test_verify_accepts_the_report_of_those_answers(report_file: Path, session_file: Path) -> None:
    done = oivtui("verify", report_file, session_file)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "corrisponde esattamente alle risposte di «brescia-2024.toml»" in done.stdout


def test_verify_accepts_the_html_report_and_a_forced_draft(session_file: Path, tmp_path: Path) -> None:
    page, draft = tmp_path / "r.html", tmp_path / "bozza.md"
    assert oivtui("export", session_file, "--format", "html", "-o", page).returncode == 0
    assert oivtui("export", session_file, "--bozza", "-o", draft).returncode == 0
    assert oivtui("verify", page, session_file).returncode == 0
    assert oivtui("verify", draft, session_file).returncode == 0


def test_one_changed_character_of_an_answer_fails_verify(report_file: Path, session_file: Path) -> None:
    text = session_file.read_text("utf-8")
    session_file.write_text(text.replace("Prof. Cristian Carini", "Prof. Cristian Carinj"), "utf-8")
    done = oivtui("verify", report_file, session_file)
    assert done.returncode == 1
    assert "impronta diversa" in done.stdout
    assert "corrisponde esattamente" not in done.stdout


def test_one_changed_character_of_the_report_fails_verify(report_file: Path, session_file: Path) -> None:
    text = report_file.read_text("utf-8")
    assert text.count("26 febbraio 2024") == 2
    report_file.write_text(text.replace("26 febbraio 2024", "27 febbraio 2024", 1), "utf-8")
    done = oivtui("verify", report_file, session_file)
    assert done.returncode == 1
    assert "testo del resoconto modificato" in done.stdout
    line = text[: text.index("26 febbraio 2024")].count("\n") + 1
    assert f"prima differenza alla riga {line})" in done.stdout


def test_one_changed_character_of_the_html_report_fails_verify(session_file: Path, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    assert oivtui("export", session_file, "--format", "html", "-o", page).returncode == 0
    page.write_text(page.read_text("utf-8").replace("<h4>1.1 - ", "<h4>1.1 -  "), "utf-8")
    done = oivtui("verify", page, session_file)
    assert (done.returncode, "testo del resoconto modificato" in done.stdout) == (1, True)


def test_a_report_without_its_provenance_line_is_not_verified(report_file: Path, session_file: Path) -> None:
    text = report_file.read_text("utf-8")
    report_file.write_text(text.rstrip("\n").rsplit("\n\n", 1)[0] + "\n", "utf-8")
    done = oivtui("verify", report_file, session_file)
    assert done.returncode == 1
    assert "copia senza impronta: il resoconto non porta l'impronta SHA-256 delle risposte" in done.stdout


def test_a_renamed_session_file_still_verifies(report_file: Path, session_file: Path) -> None:
    renamed = session_file.with_name("copia.toml")
    session_file.rename(renamed)
    done = oivtui("verify", report_file, renamed)
    assert done.returncode == 0 and "nota" not in done.stdout


def test_a_report_that_names_its_session_file_fails_and_says_which(report_file: Path, session_file: Path) -> None:
    """A line that names a session file (as reports did before the name was dropped) is not the line
    the session produces: it fails, as any difference in the provenance line does, and says why."""
    text = report_file.read_text("utf-8")
    report_file.write_text(text.replace("*Generato da oivtui ·", "*Generato da oivtui dalla sessione «vecchio.toml» ·"))
    done = oivtui("verify", report_file, session_file)
    assert done.returncode == 1, done.stdout
    assert "il resoconto nomina la sessione «vecchio.toml», il file indicato è «brescia-2024.toml»" in done.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "Generato da oivtui ·",
            "Generato da oivtui dalla sessione «bergamo-2024.toml» ·",
            "nomina la sessione «bergamo-2024.toml»",
        ),
        ("civit-23-2013 2024.1", "civit-23-2013 2023.9", "cita il modulo civit-23-2013 2023.9"),
        ("Generato da oivtui ·", "Generato da oivtui 9 ·", "riga dell'impronta diversa"),
    ],
)
def test_any_change_to_the_provenance_line_fails(
    session_file: Path, tmp_path: Path, fmt: str, old: str, new: str, said: str
) -> None:
    """The line a reader sees is verified as it is, not only the text above it (issue 26)."""
    report = tmp_path / f"r.{fmt}"
    assert oivtui("export", session_file, "-o", report).returncode == 0
    text = report.read_text("utf-8")
    assert text.count(old) == 1, old
    report.write_text(text.replace(old, new), "utf-8")
    done = oivtui("verify", report, session_file)
    assert done.returncode == 1, done.stdout
    assert said in done.stdout


def test_unreadable_inputs_exit_2(report_file: Path, session_file: Path, tmp_path: Path) -> None:
    done = oivtui("verify", tmp_path / "manca.md", session_file)
    assert done.returncode == 2 and "il file non esiste" in done.stderr
    binary = tmp_path / "binario.md"
    binary.write_bytes(b"\xff\xfe\x00resoconto")
    done = oivtui("verify", binary, session_file)
    assert done.returncode == 2 and "non è testo UTF-8" in done.stderr
    broken = tmp_path / "rotta.toml"
    broken.write_text("format = \n", "utf-8")
    done = oivtui("verify", report_file, broken)
    assert done.returncode == 2 and "non è TOML valido" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_documented_recipe_gives_the_same_fingerprint(session_file: Path) -> None:
    """docs/session-format.md shows how to compute the fingerprint without oivtui: it must agree."""
    import json
    import tomllib

    doc = tomllib.loads(session_file.read_text("utf-8"))
    answers = {**doc.get("answers", {}), **({"header": doc["header"]} if "header" in doc else {})}
    text = json.dumps(
        answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=lambda d: d.isoformat()
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert digest == fingerprint(storage.load(session_file).answers)
    assert digest in render_markdown(storage.load(session_file))
