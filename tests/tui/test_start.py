"""The start screen: saved sessions listed and resumed; new, example and last-year starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.notifications import Notify
from textual.widgets import DataTable

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from questionnaire.deadline import set_today
from tests.tui.helpers import current, path_of, shown_lines, start_screen, wait_for

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    """Ten days before the example's deadline (its PIAO: 31/01/2024, due 01/03/2024)."""
    set_today(dt.date(2024, 2, 20))
    yield dt.date(2024, 2, 20)
    set_today(None)


def rows_read(app: OivApp, count: int, first: int | None = None) -> bool:
    """The list has ``count`` rows and the ``first`` ones (all by default) show what was read."""
    table = app.screen.query_one(DataTable)
    shown = range(min(table.row_count, count if first is None else first))
    read = all(not str(table.get_row_at(i)[0]).startswith("…") for i in shown)
    return table.row_count == count and read and not getattr(app.screen, "reading", False)


def row_texts(app: OivApp) -> list[list[str]]:
    """Each row's cells, their two lines joined by « | »."""
    table = app.screen.query_one(DataTable)
    rows = (table.get_row_at(i) for i in range(table.row_count))
    return [[str(cell).replace("\n", " | ") for cell in row] for row in rows]


def folder_with(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "sessioni"
    folder.mkdir()
    for index in range(count):
        (folder / f"s{index:03}.toml").write_text(example_text(), "utf-8")
    return folder


async def test_saved_sessions_are_listed_and_enter_resumes_one(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 3)
    (folder / "rotto.toml").write_text("format = [", "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 4), what="the four sessions read")
        table = app.screen.query_one(DataTable)
        rows = row_texts(app)
        brescia = [r for r in rows if r[0].startswith("Camera di Commercio di Brescia | 2024-2026 · s0")]
        assert len(brescia) == 3 and all(r[2].startswith("pronto da firmare | salvata ") for r in brescia)
        assert any(r[0].startswith("⚠ file non leggibile | rotto.toml") for r in rows)
        good = next(i for i, r in enumerate(rows) if r[0].startswith("Camera"))
        table.move_cursor(row=good)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.administration == "Camera di Commercio di Brescia"
        assert current(app).step_id == "header"


async def test_every_file_is_read_once_then_kept_for_the_next_start(tmp_path: Path) -> None:
    """Sorting by urgency needs every session's deadline: the first start reads them all in the
    background; the next one reads none (the kept summaries), and then only a changed file."""
    folder = folder_with(tmp_path, 120)
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        intro = lambda: "\n".join(shown_lines(app, app.screen.query_one("#start-intro")))  # noqa: E731
        await wait_for(pilot, lambda: "Lettura delle sessioni: " in intro(), what="the reading said", timeout=30)
        assert " di 120 (poi solo quelle che cambiano)…" in intro()
        await wait_for(pilot, lambda: rows_read(app, 120), what="every session read", timeout=60)
        assert len(start_screen(app).summarised) == 120
        await pilot.pause()
        assert "Lettura" not in intro()
    (folder / "s007.toml").write_text(example_text().replace("Camera di Commercio di Brescia", "Bergamo"), "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 120), what="every session shown")
        assert start_screen(app).summarised == {folder / "s007.toml"}
        await wait_for(pilot, lambda: any("Bergamo" in r[0] for r in row_texts(app)), what="the change read")


async def test_new_and_example_start_sessions_in_the_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dati"
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert path_of(app).parent == folder
        assert storage.load(path_of(app)).administration == "Camera di Commercio di Brescia"
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter")  # «Nuova sessione», and the form offered first: the default
        await wait_for(pilot, lambda: app.session is not None, what="the new session")
        assert path_of(app).parent == folder and path_of(app).exists()
        assert current(app).step_id == "header"


async def test_an_administration_with_brackets_is_listed_as_written(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 1)
    only = next(folder.glob("*.toml"))
    only.write_text(example_text().replace("Camera di Commercio di Brescia", "Comune [BS] [/]"), "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 1), what="the session read")
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]).startswith("Comune [BS] [/]\n")


async def test_an_unreadable_file_is_said_whole_when_no_name_widens_the_column(tmp_path: Path) -> None:
    """Only unreadable files: the warning was cut to the column's width, «⚠ file non legg» (widened
    once the table was idle, it kept the lines drawn before: Textual #3533)."""
    folder = tmp_path / "sessioni"
    folder.mkdir()
    (folder / "rotto.toml").write_text("format = [", "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 1), what="the file read")
        table = app.screen.query_one(DataTable)
        whole = lambda: any("⚠ file non leggibile" in line for line in shown_lines(app, table))  # noqa: E731
        await wait_for(pilot, whole, what="the warning shown whole")


async def test_ctrl_s_on_the_start_screen_says_there_is_nothing_to_save(tmp_path: Path) -> None:
    """The key bar shows «^S Salva» here too: the key says why it saves nothing, and writes nothing."""
    folder = folder_with(tmp_path, 1)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    app = OivApp(folder=folder)
    seen: list[object] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 1), what="the session read")
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [str(m.notification.message) for m in seen if isinstance(m, Notify)]
        assert any(m.startswith("Nessuna sessione aperta: qui non c'è nulla da salvare.") for m in said), said
        assert app.session is None
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
