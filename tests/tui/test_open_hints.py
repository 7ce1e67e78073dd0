"""«Apri file…» on the start screen with the wrong file: the notice says which file is wanted."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.cli.main import main
from oivtui.files.example import example_text
from oivtui.files.storage import data_dir
from oivtui.tui.app import OivApp
from screens.dialogs.ask_path import AskPath
from screens.dialogs.notice import Notice
from tests.tui import effects as fx
from tests.tui.helpers import type_text, wait_for


async def test_a_report_opened_as_a_session_is_told_to_be_a_report(tmp_path: Path) -> None:
    session = tmp_path / "brescia.toml"
    session.write_text(example_text(), "utf-8")
    report = tmp_path / "resoconto.md"
    assert main(["export", str(session), "-o", str(report)]) == 0
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, AskPath), "the path dialog")
        await type_text(pilot, str(report))
        await pilot.click("#ok")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice), "the notice")
        text = " ".join(fx.dialog_text(app).split())
        assert "resoconto.md: sembra un resoconto o un documento, non un file di sessione" in text


async def test_a_saved_session_named_without_its_folder_is_pointed_to_in_the_list_not_the_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the app, the hint names the saved session and the start screen's list, where it is:
    no command line to run (the user is in the app already)."""
    folder = data_dir()
    folder.mkdir(parents=True)
    saved = folder / "brescia.toml"
    saved.write_text(example_text(), "utf-8")
    work = tmp_path / "lavoro"
    work.mkdir()
    monkeypatch.chdir(work)
    app = OivApp(folder=folder)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, AskPath), "the path dialog")
        await type_text(pilot, "brescia")
        await pilot.click("#ok")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice), "the notice")
        text = " ".join(fx.dialog_text(app).split())
        assert f"Tra le sessioni salvate c'è {saved}: è nell'elenco della schermata iniziale." in text
        assert "oivtui open" not in text
