"""The ``oivtui`` command as a user runs it: a subprocess, its exit code, stdout and stderr."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.lock import LockedError, SessionLock, lock_path, read_holder
from oivtui.files.session import Session

SESSION_HEAD = 'format = 1\nform = "civit-23-2013"\n'


def oivtui(*args: str | Path, prefix: list[str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = [*(prefix or []), sys.executable, "-m", "oivtui", *map(str, args)]
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(command, capture_output=True, text=True, timeout=60, **kwargs)  # type: ignore[call-overload]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry of the folder with its size and mtime: to prove nothing was written."""
    out = {}
    for entry in sorted(folder.rglob("*")):
        info = entry.lstat()
        out[str(entry.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return out


def write_session(path: Path, **answers: object) -> Path:
    session = Session()
    for address, value in answers.items():
        session.answers.set(address, value)  # type: ignore[arg-type]
    return storage.save(session, path)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "esempio.toml"
    done = oivtui("example", path)
    assert done.returncode == 0, done.stderr
    return path


# ---------------------------------------------------------------- help and version


def test_help_is_in_italian_and_lists_the_commands() -> None:
    done = oivtui("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("uso: oivtui")
    for command in ("new", "open", "example", "validate", "export"):
        assert command in done.stdout
    assert "usage" not in done.stdout and "show this help" not in done.stdout


def test_version_prints_name_and_version() -> None:
    done = oivtui("--version")
    assert (done.returncode, done.stdout) == (0, "oivtui 0.1.0\n")


def test_unknown_command_is_a_usage_error_in_italian() -> None:
    done = oivtui("esporta")
    assert done.returncode == 2
    assert "scelta non valida 'esporta'" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_argument_is_a_usage_error_in_italian() -> None:
    done = oivtui("validate")
    assert done.returncode == 2
    assert "mancano gli argomenti: FILE" in done.stderr


# ---------------------------------------------------------------- example


def test_example_writes_the_example_session_and_says_how_to_open_it(tmp_path: Path) -> None:
    from oivtui.files.example import example_text

    path = tmp_path / "prova.toml"
    done = oivtui("example", path)
    assert done.returncode == 0, done.stderr
    assert path.read_text("utf-8") == example_text()
    assert str(path) in done.stdout
    assert f"oivtui open {path}" in done.stdout
    assert storage.load(path).administration == "Camera di Commercio di Brescia"


def test_example_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "mia.toml"
    path.write_text("le mie risposte", "utf-8")
    before = snapshot(tmp_path)
    done = oivtui("example", path)
    assert done.returncode == 2
    assert "esiste già" in done.stderr and str(path) in done.stderr
    assert path.read_text("utf-8") == "le mie risposte"
    assert snapshot(tmp_path) == before


def test_example_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    done = oivtui("example", tmp_path / "manca" / "prova.toml")
    assert done.returncode == 2
    assert "scrittura non riuscita" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- validate


def test_validate_complete_example_exits_0_with_a_summary(example: Path) -> None:
    done = oivtui("validate", example)
    assert done.returncode == 0, done.stdout
    assert "nessun errore" in done.stderr
    assert all(": avviso: " in line for line in done.stdout.splitlines())


def test_validate_prints_one_line_per_error_and_exits_1(tmp_path: Path) -> None:
    path = write_session(tmp_path / "s.toml", **{"tab.1/dirigenti_i/in_service": 1, "tab.1/dirigenti_i/assigned": 3})
    done = oivtui("validate", path, "--bozza")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    # the place in the app's words first, the field's address in the file last
    place = "Assegnazione degli obiettivi al personale – 1 A quali categorie di personale sono assegnati…"
    assert any(
        re.match(rf"^{place}: Dirigenti di I fascia.*supera.*\[tab\.1/dirigenti_i/assigned\]$", line) for line in lines
    )
    # 3 assigned: the share is due, and so is question 2 for that row; in a draft, still to give
    assert any(": da completare: " in line and line.endswith("[tab.1/dirigenti_i/interview_share]") for line in lines)
    assert any(": da completare: " in line and line.endswith("[tab.2/dirigenti_i/coherent]") for line in lines)
    assert len(lines) == 3
    assert "1 errore, 2 risposte da completare" in done.stderr


def test_validate_prints_warnings_with_avviso_and_exits_0(tmp_path: Path) -> None:
    path = write_session(
        tmp_path / "s.toml",
        **{"header/piao_date": dt.date(2024, 1, 2), "header/signature_date": dt.date(2024, 2, 26)},
    )
    done = oivtui("validate", path, "--bozza")
    assert done.returncode == 0
    assert done.stdout.startswith("Dati generali – Data della firma: avviso: Il monitoraggio è firmato 55 giorni dopo")
    assert done.stdout.rstrip().endswith("[header/signature_date]")
    assert "nessun errore, 1 avviso" in done.stderr


def test_validate_reports_missing_answers_unless_draft(tmp_path: Path) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune di Prova"})
    final = oivtui("validate", path)
    assert final.returncode == 1
    lines = final.stdout.splitlines()
    assert "Dati generali – Triennio del PIAO: «Triennio del PIAO» è obbligatorio. [header/triennium]" in lines
    assert "Blocco 1 – 1.1 Gli obiettivi strategici sono pertinenti con…: Manca la risposta. [1.1/choice]" in lines
    assert "header/administration" not in final.stdout
    draft = oivtui("validate", path, "--bozza")
    assert (draft.returncode, draft.stdout) == (0, "")
    assert "nessun errore" in draft.stderr


# ---------------------------------------------------------------- export


def test_export_prints_the_report_on_stdout(example: Path) -> None:
    done = oivtui("export", example)
    assert done.returncode == 0, done.stderr
    assert "Camera di Commercio di Brescia" in done.stdout
    assert "Prof. Cristian Carini" in done.stdout
    assert "\x1b" not in done.stdout


def test_export_to_a_file_writes_the_same_report_and_nothing_on_stdout(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "resoconto.md"
    session_before = example.read_bytes()
    done = oivtui("export", example, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert out.read_text("utf-8") == oivtui("export", example).stdout
    assert example.read_bytes() == session_before


def test_export_html(example: Path) -> None:
    done = oivtui("export", example, "--format", "html")
    assert done.returncode == 0, done.stderr
    assert "<html" in done.stdout.lower()
    assert "Camera di Commercio di Brescia" in done.stdout


@pytest.mark.parametrize("spelling", ["{path}", "{folder}/./{name}", "{folder}/../{folder_name}/{name}"])
def test_export_refuses_to_write_over_the_session_file(example: Path, spelling: str) -> None:
    folder = example.parent
    target = spelling.format(path=example, folder=folder, name=example.name, folder_name=folder.name)
    before = snapshot(folder)
    done = oivtui("export", example, "-o", target)
    assert done.returncode == 2
    assert "file di sessione" in done.stderr
    assert snapshot(folder) == before


def test_export_of_an_incomplete_session_is_a_draft_and_says_so(tmp_path: Path) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune di Prova"})
    done = oivtui("export", path)
    assert done.returncode == 0, done.stderr
    assert "Comune di Prova" in done.stdout
    assert re.search(r"BOZZA: \d+ risposte mancanti o da correggere", done.stderr), done.stderr
    assert "BOZZA" in done.stdout


def test_export_of_the_complete_example_is_not_a_draft(example: Path) -> None:
    done = oivtui("export", example)
    assert "BOZZA" not in done.stdout and "BOZZA" not in done.stderr


def test_export_with_bozza_marks_even_a_complete_session(example: Path) -> None:
    done = oivtui("export", example, "--bozza")
    assert done.returncode == 0
    assert "BOZZA" in done.stdout and "BOZZA" in done.stderr


def test_example_then_export_works_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    assert oivtui("example", path).returncode == 0
    done = oivtui("export", path, "-o", tmp_path / "e.md")
    assert done.returncode == 0, done.stderr
    assert "Pro Brixia" in (tmp_path / "e.md").read_text("utf-8")


def test_export_does_not_import_textual(example: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "oivtui", "export", str(example)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    assert "oivtui.reports.render" in imported  # the measurement sees the deferred imports
    assert not [name for name in imported if name.split(".")[0] == "textual"]


def test_validate_does_not_import_the_report(example: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "oivtui", "validate", str(example)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "questionnaire.form.rules" in imported
    assert not {"textual", "markdown_it", "oivtui.reports.render"} & imported


def test_closed_stdout_pipe_ends_quietly(example: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has already gone
    try:
        done = subprocess.run(
            [sys.executable, "-m", "oivtui", "export", str(example)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_ctrl_c_exits_130_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "validate", interrupted)
    assert cli.main(["validate", "x.toml"]) == 130
    assert "Interrotto" in capsys.readouterr().err


# ---------------------------------------------------------------- bad input


def _missing(tmp: Path) -> Path:
    return tmp / "non-esiste.toml"


def _folder(tmp: Path) -> Path:
    (tmp / "cartella.toml").mkdir()
    return tmp / "cartella.toml"


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "fifo.toml")
    return tmp / "fifo.toml"


def _symlink(tmp: Path) -> Path:
    write_session(tmp / "vera.toml", **{"header/administration": "Comune"})
    (tmp / "link.toml").symlink_to(tmp / "vera.toml")
    return tmp / "link.toml"


BIG = SESSION_HEAD.encode() + b'[answers."1.1"]\ntext = "' + b"a" * (10 * 1024 * 1024) + b'"\n'
BAD_INPUTS = {
    "missing": (_missing, "non esiste"),
    "folder": (_folder, "è una cartella"),
    "not-utf8": (
        _file("latin1.toml", SESSION_HEAD.encode() + 'place = "Città"\n'.encode("latin-1")),
        "riga 3: il file non è testo UTF-8",
    ),
    "broken-toml": (
        _file("rotta.toml", SESSION_HEAD.encode() + b'[answers."1.1"]\ntext = "aperta\n'),
        "riga 4, colonna",
    ),
    "wrong-type": (
        _file("tipo.toml", SESSION_HEAD.encode() + b'[answers."7A"]\nobjectives = 3.5\n'),
        "riga 4: 7A/objectives: ci si aspetta un numero intero",
    ),
    "unknown-key": (
        _file("chiave.toml", SESSION_HEAD.encode() + b'[answers."1.1"]\ntesto = "x"\n'),
        "campo sconosciuto «testo»",
    ),
    "unknown-question": (
        _file("domanda.toml", SESSION_HEAD.encode() + b'[answers."99.9"]\ntext = "x"\n'),
        "la domanda «99.9» non esiste",
    ),
    "newer-format": (_file("futuro.toml", b'format = 2\nform = "civit-23-2013"\n'), "versione più recente"),
    "not-a-session": (_file("pyproject.toml", b'[project]\nname = "x"\n'), "chiave sconosciuta «project»"),
    "huge-answer": (_file("enorme.toml", BIG), "1.1/text: la risposta è troppo lunga"),
    "fifo": (_fifo, "non è un file normale"),
    "symlink": (_symlink, "collegamento simbolico"),
}


@pytest.mark.parametrize("command", ["validate", "export", "open"])
@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_an_italian_message_exit_2_and_nothing_written(tmp_path: Path, command: str, case: str) -> None:
    make, said = BAD_INPUTS[case]
    path = make(tmp_path)
    before = snapshot(tmp_path)
    done = oivtui(command, path)
    assert done.returncode == 2, done.stderr
    assert str(path) in done.stderr
    assert said in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert snapshot(tmp_path) == before


def test_unreadable_file_is_an_italian_message_exit_2(tmp_path: Path, unprivileged: list[str]) -> None:
    path = write_session(tmp_path / "chiusa.toml", **{"header/administration": "Comune"})
    path.chmod(0)
    before = snapshot(tmp_path)
    for command in ("validate", "export"):
        done = oivtui(command, path, prefix=unprivileged)
        assert done.returncode == 2, done.stderr
        assert f"{path}: permesso di lettura negato" in done.stderr
        assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- the TUI commands


def test_new_refuses_an_existing_file(tmp_path: Path) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune"})
    before = snapshot(tmp_path)
    done = oivtui("new", path)
    assert done.returncode == 2
    assert "esiste già" in done.stderr and f"oivtui open {path}" in done.stderr
    assert snapshot(tmp_path) == before


VARIANT_FORM = "civit-23-2013-piano-performance"


def test_new_names_the_forms_it_can_start(tmp_path: Path) -> None:
    done = oivtui("new", "--help")
    assert done.returncode == 0
    assert "--modulo MODULO" in done.stdout
    assert f"civit-23-2013, {VARIANT_FORM}" in " ".join(done.stdout.split())


def test_new_with_a_form_that_does_not_exist_says_which_do(tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    done = oivtui("new", "--modulo", "civit-2025", tmp_path / "s.toml")
    assert done.returncode == 2
    assert "--modulo: scelta non valida 'civit-2025'" in done.stderr
    assert f"'civit-23-2013', '{VARIANT_FORM}'" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


def test_new_from_last_year_keeps_last_years_form(tmp_path: Path) -> None:
    """Last year's session names its form: another one on top would be a silent choice between two."""
    last = write_session(tmp_path / "2024.toml", **{"header/administration": "Comune", "header/triennium": "2024-2026"})
    before = snapshot(tmp_path)
    done = oivtui("new", "--from", last, "--modulo", VARIANT_FORM, tmp_path / "2025.toml")
    assert done.returncode == 2
    assert "--modulo e --from non vanno insieme" in done.stderr and "form =" in done.stderr
    assert snapshot(tmp_path) == before


def test_new_on_another_form_without_a_terminal_creates_the_file_on_it(tmp_path: Path) -> None:
    """``ask`` (a screen reader, a script) can then fill it: without this, only a file written by hand."""
    path = tmp_path / "2021.toml"
    done = oivtui("new", "--modulo", VARIANT_FORM, path, env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "d")})
    assert done.returncode == 0, done.stderr
    assert f"Nuova sessione {path} sul modulo {VARIANT_FORM}." in done.stdout
    assert f"oivtui ask {path}" in done.stdout
    assert storage.load(path).form.id == VARIANT_FORM
    again = oivtui("new", "--modulo", VARIANT_FORM, path)
    assert again.returncode == 2 and "esiste già" in again.stderr


def test_new_on_another_form_without_a_terminal_or_a_file_goes_to_the_data_folder(tmp_path: Path) -> None:
    done = oivtui("new", "--modulo", VARIANT_FORM, env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "d")})
    assert done.returncode == 0, done.stderr
    (made,) = (tmp_path / "d" / "oivtui" / "sessioni").glob("*.toml")
    assert f"Nuova sessione {made} sul modulo {VARIANT_FORM}." in done.stdout
    assert storage.load(made).form.id == VARIANT_FORM


def test_new_on_another_form_without_a_terminal_where_no_file_can_be_made(tmp_path: Path) -> None:
    blocked = tmp_path / "dati"
    blocked.write_text("un file, non una cartella", "utf-8")
    done = oivtui("new", "--modulo", VARIANT_FORM, env={**os.environ, "XDG_DATA_HOME": str(blocked)})
    assert done.returncode == 2
    assert f"Impossibile creare la cartella delle sessioni {blocked / 'oivtui' / 'sessioni'}: " in done.stderr
    assert "Indica un file: oivtui new FILE." in done.stderr
    assert "Traceback" not in done.stderr


def test_interface_without_a_terminal_says_so_instead_of_hanging(tmp_path: Path) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune"})
    done = oivtui("open", path)
    assert done.returncode == 2
    assert "terminale interattivo" in done.stderr


# ---------------------------------------------------------------- oivtui open: locked, then read, once


class Started:
    """``oivtui open`` in-process, as if on a terminal, with a recorder in place of the interface."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads: list[bool] = []  # one per read of the session file: was the file locked then?
        self.handed: dict[str, Any] = {}
        load = storage.load

        def counted(path: Path) -> Session:
            self.reads.append(lock_path(Path(path)).exists())
            return load(path)

        def run_app(
            path: Path | None = None, session: Session | None = None, lock: SessionLock | None = None, **_: object
        ) -> int:
            try:
                SessionLock(path).acquire().release()  # type: ignore[arg-type]
                held = False
            except LockedError:
                held = True
            except OSError:
                held = False  # no lock can be made here at all
            self.handed = {"session": session, "lock": lock, "held": held}
            return 0

        monkeypatch.setattr(storage, "load", counted)
        monkeypatch.setattr("oivtui.tui.launch.run_app", run_app)
        for stream in (sys.stdin, sys.stdout):
            monkeypatch.setattr(stream, "isatty", lambda: True)

    def open(self, path: Path) -> int:
        return cli.main(["open", str(path)])


def test_open_locks_the_file_then_reads_it_once_and_hands_both_to_the_interface(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune di Prova"})
    started = Started(monkeypatch)
    assert started.open(path) == 0
    assert started.reads == [True]  # once, and with the lock already taken
    session, lock = started.handed["session"], started.handed["lock"]
    assert isinstance(session, Session) and session.administration == "Comune di Prova"
    assert isinstance(lock, SessionLock) and started.handed["held"]
    assert lock.fd is None and not lock_path(path).exists()  # released when the interface is gone


def test_open_of_a_session_held_by_someone_else_reads_it_and_lets_the_interface_ask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune di Prova"})
    started = Started(monkeypatch)
    with SessionLock(path) as other:
        assert started.open(path) == 0
        assert started.reads == [True]  # the other holder's lock file
        assert started.handed["lock"] is None  # the app tries again and offers read-only
        assert started.handed["session"].administration == "Comune di Prova"
        assert other.fd is not None and read_holder(path).pid == os.getpid()  # type: ignore[union-attr]
    assert not lock_path(path).exists()


def test_open_where_no_lock_can_be_made_still_reads_the_file_for_the_interface(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_session(tmp_path / "s.toml", **{"header/administration": "Comune di Prova"})
    started = Started(monkeypatch)

    def refused(_lock: SessionLock) -> SessionLock:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(SessionLock, "acquire", refused)
    assert started.open(path) == 0
    assert started.reads == [False]
    assert started.handed["lock"] is None  # the app tries again and says why in Italian
    assert started.handed["session"].administration == "Comune di Prova"


def test_open_of_a_broken_file_says_why_before_the_interface_and_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rotta.toml"
    path.write_bytes(SESSION_HEAD.encode() + b'[answers."1.1"]\ntext = "aperta\n')
    (tmp_path / f"{storage.temp_prefix(path)}abc.tmp").write_bytes(b"a killed save")
    before, data = snapshot(tmp_path), path.read_bytes()
    started = Started(monkeypatch)
    assert started.open(path) == 2
    assert started.reads == [True] and started.handed == {}  # the interface never started
    said = capsys.readouterr().err
    assert said.startswith(f"oivtui: {path}, riga 4, colonna") and "il file non è TOML valido" in said
    assert path.read_bytes() == data and snapshot(tmp_path) == before  # no lock left, the temp file kept


def test_the_help_names_its_groups_in_italian() -> None:
    """argparse's default groups are private (italian_group_titles renames them): if argparse
    changes them, this fails instead of the help going back to English."""
    from oivtui.cli.parser import build_parser

    text = build_parser().format_help()
    assert "\nopzioni:\n" in text
    done = oivtui("validate", "--help")
    assert "\nargomenti:\n" in done.stdout and "\nopzioni:\n" in done.stdout
    assert "positional arguments" not in done.stdout and "options:" not in done.stdout.replace("opzioni:", "")
