"""``oivtui elenco``: the saved sessions, most urgent first, for a script or a cron job."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from oivtui.files import catalog, storage
from oivtui.files.example import example_text

TODAY = "2026-12-04"


def elenco(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"OIVTUI_OGGI": TODAY}
    command = [sys.executable, "-m", "oivtui", "elenco", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)


def session(folder: Path, name: str, administration: str, piao: str | None, *, complete: bool = True) -> Path:
    text = example_text().replace("Camera di Commercio di Brescia", administration)
    text = text.replace("piao_date = 2024-01-31\n", f"piao_date = {piao}\n" if piao else "")
    if not complete:
        text = text[: text.index('[answers."1.1"]')]
    path = folder / name
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def folder() -> Path:
    where = storage.data_dir()
    where.mkdir(parents=True)
    session(where, "bergamo.toml", "Comune di Bergamo", "2026-11-10", complete=False)  # due 10/12: 6 days
    session(where, "catania.toml", "ASP di Catania", "2026-11-01", complete=False)  # due 01/12: 3 days ago
    session(where, "unione.toml", "Unione dei Comuni", None, complete=False)
    session(where, "brescia.toml", "Camera di Commercio di Brescia", "2026-11-04")  # complete, due today
    (where / "rotto.toml").write_text("format = [", "utf-8")
    (where / "brescia.mie-20261204-132600.toml").write_text(example_text(), "utf-8")
    return where


def test_the_list_is_most_urgent_first_one_session_a_line(folder: Path) -> None:
    done = elenco()
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("ASP di Catania · 2024-2026 · scadenza 01/12/2026 · scaduto da 3 giorni · ")
    assert "risposte mancanti" in lines[0] and lines[0].endswith(str(folder / "catania.toml"))
    assert lines[1].startswith("Comune di Bergamo · 2024-2026 · scadenza 10/12/2026 · tra 6 giorni · ")
    assert lines[2].startswith("Unione dei Comuni · 2024-2026 · data di adozione non indicata")
    assert lines[3].startswith("Camera di Commercio di Brescia · 2024-2026 · scadenza 04/12/2026 · oggi · ")
    assert "pronto da firmare" in lines[3]
    assert lines[4].startswith("⚠ file non leggibile: ") and "TOML" in lines[4] and "rotto.toml" in lines[4]
    assert lines[5].startswith("copia del 04/12/2026 13:26 di brescia.toml · ")


def test_json_has_the_keys_scripts_read(folder: Path) -> None:
    done = elenco("--json")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    first = items[0]
    assert set(first) == {
        "file",
        "administration",
        "triennium",
        "piao_date",
        "deadline",
        "days_left",
        "missing",
        "errors",
        "complete",
    }
    assert first["administration"] == "ASP di Catania"
    assert (first["piao_date"], first["deadline"], first["days_left"]) == ("2026-11-01", "2026-12-01", -3)
    assert first["missing"] > 0 and first["complete"] is False
    assert [i.get("administration") for i in items[:4]] == [
        "ASP di Catania",
        "Comune di Bergamo",
        "Unione dei Comuni",
        "Camera di Commercio di Brescia",
    ]
    assert items[2]["piao_date"] is None and items[2]["deadline"] is None and items[2]["days_left"] is None
    brescia = items[3]
    assert (brescia["days_left"], brescia["missing"], brescia["errors"], brescia["complete"]) == (0, 0, 0, True)
    assert items[4]["file"].endswith("rotto.toml") and "TOML" in items[4]["error"]
    assert items[5]["copy_of"].endswith("brescia.toml")


def test_an_unreadable_data_folder_is_exit_2_in_italian(folder: Path) -> None:
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()
    folder.write_text("non una cartella", "utf-8")
    done = elenco()
    assert done.returncode == 2
    assert done.stdout == ""
    assert "impossibile leggere la cartella delle sessioni" in done.stderr and "Traceback" not in done.stderr


def test_no_data_folder_is_an_empty_list() -> None:
    done = elenco()
    assert (done.returncode, done.stdout) == (0, "")
    assert "Nessuna sessione salvata" in done.stderr
    assert elenco("--json").stdout.strip() == "[]"


def test_files_are_read_again_only_when_they_change(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from oivtui.cli.main import main

    assert main(["elenco"]) == 0
    read: list[Path] = []
    real = catalog.summarise

    def counted(path: Path) -> Any:
        read.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "summarise", counted)
    import oivtui.files.summarycache as summarycache

    monkeypatch.setattr(summarycache, "summarise", catalog.summarise)
    assert main(["elenco"]) == 0
    assert read == []
    session(folder, "bergamo.toml", "Comune di Bergamo e Valli", "2026-11-10", complete=False)
    assert main(["elenco"]) == 0
    assert read == [folder / "bergamo.toml"]


@pytest.mark.parametrize(
    "kept",
    [
        b"\x00garbage",
        b'{"format": 1, "version": "x", "files": []}',
        b'{"format": 1, "files": {"a": {"stamp": "abc", "summary": [1]}}}',
    ],
)
def test_a_damaged_cache_is_read_past(folder: Path, kept: bytes) -> None:
    from oivtui.files.summarycache import cache_path, version_tag

    good = elenco("--json").stdout
    path = cache_path(folder)
    path.write_bytes(kept.replace(b'"format": 1,', f'"format": 1, "version": "{version_tag()}",'.encode()))
    done = elenco("--json")
    assert done.returncode == 0 and done.stdout == good


def test_a_fifo_in_the_folder_is_not_read(folder: Path) -> None:
    os.mkfifo(folder / "tubo.toml")
    done = elenco()
    assert done.returncode == 0 and "tubo.toml" not in done.stdout
