"""A corpus of broken and malicious session files against ``validate``, ``export`` and ``open``.

Every file is either **refused** — exit code 2, one clear Italian message naming the file, and for
``open`` no interface at all — or **loadable but invalid**: it reads (the types are right) and
``validate`` explains in Italian what to correct (exit 1), ``export`` writes a report marked as a
draft, ``open`` starts the interface on it. Never a traceback, never a byte written: the folder's
listing, sizes, mtimes and contents are compared before and after.

Which files are merely invalid is a decision, recorded here and in docs/reliability.md: a negative
or absurd count, an inconsistent table or a date still being typed are what the review screen is
for, so they load; a wrong type, a count beyond 2**53, an unknown key, a newer format or a broken
encoding cannot be shown faithfully, so they are refused.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.example import example_text
from tests.reliability.faults import FaultApp, snapshot

HEAD = 'format = 1\nform = "civit-23-2013"\n'
EXAMPLE = example_text()


@dataclass(frozen=True)
class Refused:
    said: str  # a piece of the Italian message


@dataclass(frozen=True)
class Loads:
    said: str  # a piece of what ``validate`` prints
    code: int = 1  # validate's exit code: 1 errors to correct, 0 none


Build = Callable[[Path], Path]


def text(content: str | bytes, name: str = "s.toml") -> Build:
    data = content.encode("utf-8") if isinstance(content, str) else content

    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


def answer(table: str, body: str) -> Build:
    return text(f'{HEAD}\n[answers."{table}"]\n{body}\n')


def staff(body: str) -> Build:
    return text(f'{HEAD}\n[answers."tab.1".dirigenti_i]\n{body}\n')


def header(body: str) -> Build:
    return text(f"{HEAD}\n[header]\n{body}\n")


def _cut_inside_string() -> str:
    start = EXAMPLE.index('"""')
    return EXAMPLE[: start + 40]


def _symlink(folder: Path) -> Path:
    (folder / "vera.toml").write_text(EXAMPLE, "utf-8")
    (folder / "link.toml").symlink_to(folder / "vera.toml")
    return folder / "link.toml"


def _symlink_loop(folder: Path) -> Path:
    (folder / "giro.toml").symlink_to(folder / "giro.toml")
    return folder / "giro.toml"


def _dangling(folder: Path) -> Path:
    (folder / "orfano.toml").symlink_to(folder / "sparito.toml")
    return folder / "orfano.toml"


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.toml")
    return folder / "fifo.toml"


def _folder(folder: Path) -> Path:
    (folder / "cartella.toml").mkdir()
    return folder / "cartella.toml"


def _missing(folder: Path) -> Path:
    return folder / "non-esiste.toml"


def _in_missing_folder(folder: Path) -> Path:
    return folder / "manca" / "s.toml"


def _device(_folder: Path) -> Path:
    return Path("/dev/null")


def _oversized(folder: Path) -> Path:
    path = folder / "grande.toml"
    with path.open("wb") as out:
        out.write(HEAD.encode())
        out.truncate(storage.MAX_FILE_BYTES + 1)  # sparse: 16 MB on paper, nothing on disk
    return path


DEEP = 5000
CORPUS: dict[str, tuple[Build, Refused | Loads]] = {
    # --- truncated, or not TOML at all
    "empty": (text(""), Refused("manca «format = 1»")),
    "only blanks": (text("\n\n   \n"), Refused("manca «format = 1»")),
    "cut inside a string": (text(_cut_inside_string()), Refused("il file non è TOML valido")),
    "cut in a table name": (text(HEAD + '[answers."1.'), Refused("il file non è TOML valido")),
    "cut after a key": (text(HEAD + "[header]\nadministration ="), Refused("il file non è TOML valido")),
    "duplicate key": (header('place = "A"\nplace = "B"'), Refused("il file non è TOML valido")),
    "table twice": (text(HEAD + "[header]\n[header]\n"), Refused("il file non è TOML valido")),
    "lone CR": (text(HEAD + 'form_version = "1"\r'), Refused("il file non è TOML valido")),
    "NUL byte": (text(HEAD.encode() + b"\x00\n"), Refused("il file non è TOML valido")),
    "surrogate escape": (answer("1.1", 'text = "\\uD800"'), Refused("il file non è TOML valido")),
    "binary garbage": (text(bytes(range(256)) * 4), Refused("UTF-8")),
    "a JSON file": (text('{"format": 1, "form": "civit-23-2013"}'), Refused("il file non è TOML valido")),
    # --- encodings
    "latin-1": (text(HEAD.encode() + '[header]\nplace = "Città"\n'.encode("latin-1")), Refused("riga 4")),
    "latin-1 in a comment": (text(b"# citt\xe0\n" + HEAD.encode()), Refused("UTF-8 valido")),
    "BOM": (text(b"\xef\xbb\xbf" + HEAD.encode()), Refused("BOM")),
    "UTF-16": (text(HEAD.encode("utf-16")), Refused("UTF-8 valido")),
    # --- wrong types
    "count as text": (answer("7A", 'objectives = "quattro"'), Loads("7A/objectives")),
    "text as number": (answer("1.1", "text = 5"), Refused("1.1/text: ci si aspetta un testo")),
    "list as text": (answer("2.3", 'systems = "Excel"'), Refused("2.3/systems: ci si aspetta un elenco")),
    "list holding a number": (answer("2.3", 'systems = ["Excel", 3]'), Refused("ci si aspetta un elenco")),
    "date as number": (header("piao_date = 20240131"), Refused("header/piao_date: ci si aspetta una data")),
    "date with a time": (header("piao_date = 2024-01-31T10:00:00"), Refused("ci si aspetta una data")),
    "count true": (answer("7A", "objectives = true"), Refused("trovato vero/falso")),
    "count 3.5": (answer("7A", "objectives = 3.5"), Refused("trovato un numero decimale")),
    "count nan": (answer("7A", "objectives = nan"), Refused("trovato un numero decimale")),
    "answers not a table": (text(HEAD + 'answers = "tutto"\n'), Refused("«answers» deve essere una tabella")),
    "header an array": (text(HEAD + "header = [1, 2]\n"), Refused("«Dati generali» (header): ci si aspetta una")),
    "question not a table": (text(HEAD + '[answers]\n"1.1" = "sì"\n'), Refused("ci si aspetta una tabella")),
    "position a text": (text(HEAD + 'position = "b5"\n'), Refused("«position» deve essere una tabella")),
    "pending a text": (text(HEAD + '[review]\npending = "b1"\n'), Refused("«review.pending» deve essere")),
    "row not a table": (answer("tab.1", "dirigenti_i = 5"), Refused("riga sconosciuta «dirigenti_i»")),
    # --- versions, forms and ids
    "no format": (text('form = "civit-23-2013"\n'), Refused("manca «format = 1»")),
    "format as text": (text('format = "1"\nform = "civit-23-2013"\n'), Refused("manca «format = 1»")),
    "newer format": (text('format = 2\nform = "civit-23-2013"\n'), Refused("versione più recente")),
    "format 10**30": (text(f'format = {10**30}\nform = "civit-23-2013"\n'), Refused("versione più recente")),
    "unknown form": (text('format = 1\nform = "civit-99"\n'), Refused("modulo sconosciuto «civit-99»")),
    "form a number": (text("format = 1\nform = 5\n"), Refused("modulo sconosciuto")),
    "unknown top key": (text(HEAD + "colore = 1\n"), Refused("chiave sconosciuta «colore»")),
    "unknown question": (answer("99.9", 'text = "x"'), Refused("la domanda «99.9» non esiste")),
    "unknown field": (answer("1.1", 'testo = "x"'), Refused("campo sconosciuto «testo»")),
    "unknown row": (answer("tab.1.capi", "in_service = 1"), Refused("la domanda «tab.1.capi» non esiste")),
    "unknown row key": (text(HEAD + '[answers."tab.1".capi]\nin_service = 1\n'), Refused("riga sconosciuta «capi»")),
    "escape codes in a key": (text(HEAD + '"\\u001b[2J\\u001b[31mrosso" = 1\n'), Refused("chiave sconosciuta")),
    "100 KB key": (text(HEAD + "k" * 100_000 + " = 1\n"), Refused("chiave sconosciuta")),
    # --- sizes and depth
    "count beyond 2**53": (answer("7A", f"objectives = {2**53 + 1}"), Refused("fuori misura")),
    "format of 5000 digits": (text("format = " + "9" * 5000 + '\nform = "civit-23-2013"\n'), Refused("troppe cifre")),
    "format of 5000 hex digits": (text("format = 0x" + "f" * 5000 + '\nform = "civit-23-2013"\n'), Refused("recente")),
    "count of 5000 digits": (answer("7A", "objectives = " + "9" * 5000), Refused("troppe cifre")),
    "count inf": (answer("7A", "objectives = inf"), Refused("trovato un numero decimale")),
    "form a list": (text("format = 1\nform = [1, 2]\n"), Refused("modulo sconosciuto «[1, 2]»")),
    "count beyond 64 bits": (answer("7A", "objectives = 99999999999999999999999"), Refused("fuori misura")),
    "10 MB answer": (answer("1.1", 'text = "' + "a" * (10 << 20) + '"'), Refused("la risposta è troppo lunga")),
    "200 001 characters": (answer("1.1", 'text = "' + "a" * 200_001 + '"'), Refused("troppo lunga")),
    "over 16 MB": (_oversized, Refused("il file è troppo grande")),
    "deep arrays": (text("a = " + "[" * DEEP + "]" * DEEP), Refused("annidate troppo in profondità")),
    "deep inline tables": (text("a = " + "{b = " * DEEP + "1" + "}" * DEEP), Refused("annidate")),
    "deep tables": (text(HEAD + "[" + ".".join(["x"] * DEEP) + "]\n"), Refused("chiave sconosciuta «x»")),
    # --- not regular files
    "symlink": (_symlink, Refused("collegamento simbolico")),
    "symlink to itself": (_symlink_loop, Refused("collegamento simbolico")),
    "dangling symlink": (_dangling, Refused("collegamento simbolico")),
    "FIFO": (_fifo, Refused("non è un file normale")),
    "device": (_device, Refused("non è un file normale")),
    "folder": (_folder, Refused("è una cartella")),
    "missing": (_missing, Refused("il file non esiste")),
    "missing folder": (_in_missing_folder, Refused("il file non esiste")),
    # --- loadable, but validate says what to correct
    "negative count": (staff("in_service = -3"), Loads("non può essere negativo")),
    "absurd count": (answer("7A", f"objectives = {2**53}"), Loads("è fuori misura")),
    "assigned above in service": (staff("in_service = 2\nassigned = 5"), Loads("tab.1/dirigenti_i/assigned")),
    "date still being typed": (header('piao_date = "31/01/20"'), Loads("header/piao_date")),
    "triennium of 7 years": (header('triennium = "2024-2030"'), Loads("header/triennium")),
    "unknown step and pending": (
        text(HEAD + '[position]\nstep = "b99"\n[review]\npending = ["b99"]\n'),
        Loads("Manca la risposta"),
    ),
    "NUL escaped in an answer": (answer("1.1", 'text = "a\\u0000b"'), Loads("Manca la risposta")),
    "CRLF file": (text(EXAMPLE.replace("\n", "\r\n")), Loads("", code=0)),
}

COMMANDS = ("validate", "export", "open")


def run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str, list[Path | None]]:
    """``oivtui ARGS`` in-process, as if on a terminal; the interface is replaced by a recorder."""
    started: list[Path | None] = []

    def recorded(path: Path | None = None, **_: object) -> int:
        started.append(path)
        return 0

    monkeypatch.setattr("oivtui.tui.launch.run_app", recorded)
    out, err = io.StringIO(), io.StringIO()
    out.isatty = err.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", out)
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(args)  # an exception here is the traceback a user would see
    return code, out.getvalue(), err.getvalue(), started


def test_the_corpus_has_at_least_forty_files() -> None:
    assert sum(isinstance(e, Refused) for _, e in CORPUS.values()) >= 40


@pytest.mark.parametrize("case", list(CORPUS))
def test_a_hostile_file_gets_a_clear_answer_and_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    build, expected = CORPUS[case]
    folder = tmp_path / "corpus"
    folder.mkdir()
    path = build(folder)
    before = snapshot(folder)
    for command in COMMANDS:
        code, out, err, started = run([command, str(path)], monkeypatch)
        if isinstance(expected, Refused):
            assert (code, out, started) == (2, "", []), f"{command}: {code} {err[:300]}"
            assert err.startswith(f"oivtui: {path}"), err[:300]
            assert expected.said in err, err[:300]
            assert err.count("\n") == 1 and len(err) < 600, f"{command}: not one clear line: {err[:300]!r}"
            english = re.findall(r"\b(?:Invalid|Expected|Unterminated|Unclosed|Cannot|Illegal|Found|at line)\b", err)
            assert not english, f"{command}: tomllib's English reached the user: {err[:300]!r}"
        elif command == "validate":
            assert code == expected.code and expected.said in out, out[-500:]
        elif command == "export":
            assert code == 0 and len(out) > 1000, out[:300]
            assert ("BOZZA" in err) == (expected.code == 1)
        else:
            assert (code, started) == (0, [path])
        assert "\x1b" not in out + err, "a session file must not drive the terminal"
        assert snapshot(folder) == before, f"{command} wrote something"


def test_an_unreadable_file_is_refused_by_every_command(tmp_path: Path, unprivileged: list[str]) -> None:
    path = tmp_path / "chiusa.toml"
    path.write_text(EXAMPLE, "utf-8")
    path.chmod(0)
    before = snapshot(tmp_path)
    for command in COMMANDS:
        done = subprocess.run(
            [*unprivileged, sys.executable, "-m", "oivtui", command, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr == f"oivtui: {path}: permesso di lettura negato. Controlla i permessi del file.\n"
        assert done.stdout == ""
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("case", ["cut inside a string", "deep arrays", "BOM", "FIFO"])
def test_open_on_a_terminal_prints_the_message_and_never_starts_the_interface(tmp_path: Path, case: str) -> None:
    build, expected = CORPUS[case]
    path = build(tmp_path)
    before = snapshot(tmp_path)
    app = FaultApp("open", str(path))
    try:
        code, _cpu = app.wait_exit_cpu(20)
        assert code == 2
        shown = app.output.decode("utf-8", "replace")
        assert f"oivtui: {path}" in shown and isinstance(expected, Refused) and expected.said in shown
        assert "\x1b[?1049h" not in shown  # the alternate screen was never entered
        assert "Traceback" not in shown
    finally:
        app.close()
    assert snapshot(tmp_path) == before
