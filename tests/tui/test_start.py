"""The start screen: saved sessions listed and resumed; new, example and last-year starts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from tests.tui.helpers import current, shown_lines, wait_for

SIZE = (80, 24)


def rows_read(app: OivApp, count: int, first: int | None = None) -> bool:
    """The list has ``count`` rows and the ``first`` ones (all by default) show what was read."""
    table = app.screen.query_one(DataTable)
    shown = range(min(table.row_count, count if first is None else first))
    return table.row_count == count and all(str(table.get_row_at(i)[0]) != "…" for i in shown)


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
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert sum(1 for r in rows if r[:3] == ["Camera di Commercio di Brescia", "2024-2026", "100%"]) == 3
        assert any(r[0] == "⚠ file non leggibile" for r in rows)
        good = next(i for i, r in enumerate(rows) if r[0].startswith("Camera"))
        table.move_cursor(row=good)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.administration == "Camera di Commercio di Brescia"
        assert current(app).step_id == "header"


async def test_only_the_sessions_near_the_cursor_are_read(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 120)
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 120, first=10), what="the sessions on screen read")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(DataTable).row_count == 120
        assert len(screen.summarised) < 60  # a screenful and a margin, not all 120 files


async def test_new_and_example_start_sessions_in_the_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dati"
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.session is not None and app.session.path.parent == folder
        assert storage.load(app.session.path).administration == "Camera di Commercio di Brescia"
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter")  # «Nuova sessione», and the form offered first: the default
        await wait_for(pilot, lambda: app.session is not None, what="the new session")
        assert app.session.path.parent == folder and app.session.path.exists()
        assert current(app).step_id == "header"


async def test_an_administration_with_brackets_is_listed_as_written(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 1)
    only = next(folder.glob("*.toml"))
    only.write_text(example_text().replace("Camera di Commercio di Brescia", "Comune [BS] [/]"), "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 1), what="the session read")
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]) == "Comune [BS] [/]"


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
