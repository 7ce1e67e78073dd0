"""The start screen as an OIV member serving several administrations sees it: each session's
deadline and state, most urgent first, kept copies as copies; «Nuova da precedente» from the
highlighted session; inside a session the top bar and the review step say the deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, OptionList, Static

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from questionnaire.deadline import set_today
from tests.tui.helpers import current, goto, path_of, shown_lines, start_screen, wait_for
from tests.tui.test_start import row_texts, rows_read

SIZE = (80, 24)
TODAY = dt.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    set_today(TODAY)
    yield TODAY
    set_today(None)


def session(
    folder: Path, name: str, administration: str, piao: str | None, *, complete: bool = True, signed: bool = True
) -> Path:
    text = example_text().replace("Camera di Commercio di Brescia", administration)
    if not signed:
        text = text.replace("signature_date = 2024-02-26\n", "")
    text = text.replace("piao_date = 2024-01-31\n", f"piao_date = {piao}\n" if piao else "")
    if not complete:
        text = text[: text.index('[answers."1.1"]')]
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def three_sessions(tmp_path: Path) -> Path:
    """Written least urgent first, so the newest file (listed first until now) is the least urgent."""
    folder = tmp_path / "sessioni"
    session(folder, "catania.toml", "ASP di Catania", "2026-11-01", complete=False)  # due 01/12
    session(folder, "bergamo.toml", "Comune di Bergamo", "2026-11-10", complete=False)  # due 10/12
    session(folder, "brescia.toml", "Camera di Commercio di Brescia", "2026-11-20")  # complete, due 20/12
    for age, name in enumerate(("catania.toml", "bergamo.toml", "brescia.toml")):
        stamp = 1_800_000_000 + age * 60
        (folder / name).touch()
        import os

        os.utime(folder / name, (stamp, stamp))
    return folder


async def test_three_sessions_most_urgent_first_whole_at_80_by_24(tmp_path: Path) -> None:
    app = OivApp(folder=three_sessions(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 3), what="the three sessions read")
        await pilot.pause()
        lines = shown_lines(app, app.screen)
        text = "\n".join(lines)
        order = [text.index(name) for name in ("ASP di Catania", "Comune di Bergamo", "Camera di Commercio di Brescia")]
        assert order == sorted(order), text
        for shown in (
            "01/12/2026",
            "scaduto da 3 giorni",
            "10/12/2026",
            "tra 6 giorni",
            "20/12/2026",
            "tra 16 giorni",
            "pronto da firmare",
            "2024-2026 · catania.toml",
            "2024-2026 · bergamo.toml",
            "2024-2026 · brescia.toml",
            "Nuova da precedente",
        ):
            assert shown in text, f"{shown!r} not on screen:\n{text}"
        assert text.count("risposte mancanti") == 2
        listing = "\n".join(shown_lines(app, app.screen.query_one(DataTable)))
        assert all(len(line) <= 80 for line in lines) and "…" not in listing


async def test_a_session_without_a_piao_date_says_so(tmp_path: Path) -> None:
    folder = three_sessions(tmp_path)
    session(folder, "unione.toml", "Unione dei Comuni", None, complete=False)
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 4), what="the four sessions read")
        rows = row_texts(app)
        assert [r[0].split(" | ")[0] for r in rows] == [
            "ASP di Catania",
            "Comune di Bergamo",
            "Unione dei Comuni",  # open, no deadline: after the open ones with one
            "Camera di Commercio di Brescia",
        ]
        assert rows[2][1] == "data di adozione | non indicata"


async def test_kept_copies_are_listed_as_copies_after_the_sessions(tmp_path: Path) -> None:
    folder = three_sessions(tmp_path)
    (folder / "bergamo.mie-20261204-132600.toml").write_text((folder / "bergamo.toml").read_text("utf-8"), "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 4), what="the sessions and the copy")
        rows = row_texts(app)
        assert rows[-1][0] == "copia del 04/12 13:26 | di bergamo.toml"
        assert sum(1 for r in rows if r[0].startswith("Comune di Bergamo")) == 1
        text = "\n".join(shown_lines(app, app.screen))
        assert "copia del 04/12 13:26" in text and "di bergamo.toml" in text


async def test_long_file_names_are_shortened_in_the_middle_and_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "sessioni"
    first = "monitoraggio-comune-di-bergamo-sessione-20261204-132600.toml"
    second = "monitoraggio-comune-di-bergamo-sessione-20261204-132601.toml"
    for name in (first, second):
        session(folder, name, "Comune di Bergamo", "2026-11-10")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 2), what="the two sessions read")
        await pilot.pause()
        lines = [line for line in shown_lines(app, app.screen) if "2024-2026 · " in line]
        names = [line.split("2024-2026 · ")[1].split()[0] for line in lines]
        assert len(names) == 2 and names[0] != names[1]
        assert all(n.startswith("monitor") and "…" in n and n.endswith(".toml") for n in names)
        assert {n[-11:] for n in names} == {"132600.toml", "132601.toml"}


@pytest.mark.parametrize("how", ["button", "key"])
async def test_new_from_previous_starts_from_the_highlighted_session(tmp_path: Path, how: str) -> None:
    folder = three_sessions(tmp_path)
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 3), what="the sessions read")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=1)  # Comune di Bergamo
        await pilot.pause()
        if how == "button":
            await pilot.click("#previous")
        else:
            await pilot.press("p")
        await wait_for(pilot, lambda: app.session is not None, what="the new session")
        assert app.session is not None
        assert app.session.administration == "Comune di Bergamo"
        assert app.session.triennium == "2025-2027"
        assert path_of(app).parent == folder and path_of(app).exists()
        assert storage.load(path_of(app)).administration == "Comune di Bergamo"
        await pilot.press("enter")  # «OK» on what was carried over
        await pilot.pause()
        assert app.wizard is not None
        topbar = str(app.wizard.query_one("#topbar", Static).render())
        assert topbar.startswith("Comune di Bergamo · PIAO 2025-2027")


async def test_new_from_previous_with_no_session_asks_for_the_file(tmp_path: Path) -> None:
    app = OivApp(folder=tmp_path / "vuota")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#previous", Button).press()
        await pilot.pause()
        assert "File della sessione dell'anno scorso" in "\n".join(shown_lines(app, app.screen))


async def test_the_top_bar_shows_the_deadline_and_the_days_left(tmp_path: Path) -> None:
    folder = three_sessions(tmp_path)
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 3), what="the sessions read")
        await pilot.press("enter")  # the most urgent: Catania
        await wait_for(pilot, lambda: app.session is not None, what="the session opened")
        await pilot.pause()
        topbar = shown_lines(app, app.screen.query_one("#topbar", Static))[0]
        assert "ASP di Catania" in topbar and "scadenza 01/12/2026, scaduto da 3 giorni" in topbar


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (dt.date(2026, 12, 2), "entro il 10/12/2026, tra 8 giorni"),
        (dt.date(2026, 12, 3), "entro il 10/12/2026, tra 7 giorni"),
        (dt.date(2026, 12, 9), "entro il 10/12/2026, domani"),
        (dt.date(2026, 12, 10), "oggi, 10/12/2026"),
        (dt.date(2026, 12, 11), "termine scaduto ieri"),
    ],
)
async def test_the_review_step_warns_a_week_before_and_after(tmp_path: Path, day: dt.date, said: str) -> None:
    set_today(day)
    path = session(tmp_path / "sessioni", "bergamo.toml", "Comune di Bergamo", "2026-11-10", signed=False)
    app = OivApp(folder=path.parent)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 1), what="the session read")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.session is not None, what="the session opened")
        await goto(pilot, "review")
        problems = app.screen.query_one("#problems", OptionList)
        prompts = [str(problems.get_option_at_index(i).prompt) for i in range(problems.option_count)]
        warned = [p for p in prompts if "Il monitoraggio" in p and "10/12/2026" in p]
        if day == dt.date(2026, 12, 2):
            assert warned == []
            return
        assert len(warned) == 1 and warned[0].startswith("⚠ Dati generali – ")
        assert said in warned[0]
        await pilot.press("enter")  # the warning leads to the PIAO's date
        await pilot.pause()
        assert current(app).step_id == "header"


async def test_an_unreadable_data_folder_is_said_and_the_choices_stay(tmp_path: Path) -> None:
    folder = tmp_path / "sessioni"
    folder.write_text("non una cartella", "utf-8")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        intro = "\n".join(shown_lines(app, app.screen.query_one("#start-intro", Static)))
        assert "Impossibile leggere la cartella delle sessioni" in intro
        assert app.screen.query_one("#new", Button).has_focus


async def test_the_row_the_user_moved_to_stays_highlighted_when_the_list_is_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "sessioni"
    for n in range(60):
        session(folder, f"s{n:02}.toml", f"Comune {n:02}", f"2026-{1 + n % 12:02}-10")
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        await pilot.press("down", "down", "down")  # before the files are read: newest first
        chosen = start_screen(app).highlighted()
        await wait_for(pilot, lambda: rows_read(app, 60), what="every session read and sorted", timeout=30)
        assert chosen is not None and start_screen(app).highlighted() == chosen
        index = table.cursor_row
        assert row_texts(app)[index][0].startswith(chosen.stem.replace("s", "Comune "))
        rows = row_texts(app)
        assert rows[0][1].startswith("09/02/2026") and rows[-1][1].startswith("09/01/2027")


async def test_a_wider_terminal_gives_the_names_the_room(tmp_path: Path) -> None:
    name = "monitoraggio-comune-di-bergamo-sessione-20261204-132600.toml"
    session(tmp_path / "sessioni", name, "Comune di Bergamo", "2026-11-10")
    app = OivApp(folder=tmp_path / "sessioni")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: rows_read(app, 1), what="the session read")
        assert name not in "\n".join(shown_lines(app, app.screen))
        await pilot.resize_terminal(120, 24)
        await wait_for(pilot, lambda: name in "\n".join(shown_lines(app, app.screen)), what="the whole name")


@pytest.mark.parametrize("read_only", [False, True])
async def test_a_long_name_keeps_the_deadline_and_the_read_only_mark_in_the_top_bar(
    tmp_path: Path, read_only: bool
) -> None:
    set_today(dt.date(2024, 2, 20))
    path = session(tmp_path, "lunga.toml", "Azienda Sanitaria Provinciale di Caltanissetta e Agrigento", "2024-01-31")
    app = OivApp(storage.load(path), read_only=read_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        topbar = shown_lines(app, app.screen.query_one("#topbar", Static))[0]
        assert len(topbar.rstrip()) <= 79 and topbar.startswith(" Azienda Sanitaria Provinciale")
        assert "… · PIAO 2024-2026 · " in topbar
        assert ("SOLA LETTURA" in topbar) == read_only
        assert topbar.rstrip().endswith("· 01/03/2024" if read_only else "· 01/03/2024, tra 10 giorni")
