"""The session's file edited by hand while it is open: the user sees what differs and chooses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from screens.dialogs.disk_changed import DiskChanged
from tests.tui.helpers import box, current, session_of, type_text
from tests.tui.test_controls import BUTTONS, shown_buttons

SIZE = (80, 24)


def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "relazione.toml"
    path.write_text(example_text(), "utf-8")
    return path


def edit_by_hand(path: Path, old: str, new: str) -> bytes:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path.read_bytes()


def beside(path: Path, tag: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.{tag}-*{path.suffix}"))


def toasts(app: OivApp) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


def dialog_text(app: OivApp) -> str:
    assert isinstance(app.screen, DiskChanged), app.screen
    return "\n".join(str(s.render()) for s in app.screen.query("Static"))


@pytest.fixture(autouse=True)
def saved_by_ctrl_s_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These scenarios save with Ctrl+S: the autosave's timer (0.4 s after a key) would otherwise
    fire between two typed keys on a loaded machine, open the dialog and take the keys after it
    («Brescia bi»). The autosave meeting the change is test_quitting_without_a_choice_…'s (a pty)."""
    import oivtui.tui.saving

    monkeypatch.setattr(oivtui.tui.saving, "SAVE_DELAY", 3600.0)


class Changed(NamedTuple):
    app: OivApp
    pilot: Pilot
    path: Path
    on_disk: bytes


@asynccontextmanager
async def changed_while_typing(tmp_path: Path, new_place: str = 'place = "Como"') -> AsyncIterator[Changed]:
    """The example open; another program writes ``new_place`` over the place; the user types « bis»
    after the administration and saves (Ctrl+S)."""
    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        on_disk = edit_by_hand(path, 'place = "Brescia"', new_place)
        await type_then_save(pilot, "header/administration", " bis")
        yield Changed(app, pilot, path, on_disk)


async def type_then_save(pilot, address: str, text: str) -> None:
    app: OivApp = pilot.app
    box(app, address).focus_input()
    await pilot.press("end")
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_the_dialog_shows_the_word_diff_of_each_changed_answer(tmp_path: Path) -> None:
    async with changed_while_typing(tmp_path) as (app, pilot, path, on_disk):
        shown = dialog_text(app)
        assert "«relazione.toml» è stato modificato da un altro programma" in shown
        assert "Dati generali · Luogo della firma\n[-Como-]{+Brescia+}" in shown
        assert "Dati generali · Amministrazione\nCamera di Commercio di Brescia{+ bis+}" in shown
        assert "il file è stato modificato" not in toasts(app)  # a choice, not an error
        assert shown_buttons(app) == BUTTONS["Il file è cambiato su disco"]
        # its first action, as every dialog: the one that keeps what the user sees and types
        assert app.focused is app.screen.query_one("#keep")
    assert path.read_bytes() == on_disk


async def test_reload_takes_the_files_version_and_keeps_the_users_beside(tmp_path: Path) -> None:
    async with changed_while_typing(tmp_path) as (app, pilot, path, on_disk):
        await pilot.press("right", "enter")  # «Ricarica», along the row of buttons
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, DiskChanged)
        assert session_of(app).answers.get("header/place") == "Como"
        assert box(app, "header/place").query_one(Input).value == "Como"
        assert box(app, "header/administration").query_one(Input).value == "Camera di Commercio di Brescia"
        assert current(app).step_id == "header"
        [mine] = beside(path, "mie")
        assert f"Le tue risposte di prima sono in {mine.name}" in toasts(app)
        assert storage.load(mine).answers.get("header/administration") == "Camera di Commercio di Brescia bis"
        assert path.read_bytes() == on_disk
        # and the reloaded session saves as usual
        await type_then_save(pilot, "header/place", " sul lago")
        assert not isinstance(app.screen, DiskChanged)
    assert storage.load(path).answers.get("header/place") == "Como sul lago"


async def test_keep_mine_writes_the_users_and_keeps_the_files_beside(tmp_path: Path) -> None:
    async with changed_while_typing(tmp_path) as (app, pilot, path, on_disk):
        await pilot.press("enter")  # «Tieni le mie», the first action
        await pilot.pause()
        [theirs] = beside(path, "su-disco")
        assert theirs.read_bytes() == on_disk
        assert f"La versione su disco è in {theirs.name}" in toasts(app)
        assert "Salvato alle" in app.save_status
    saved = storage.load(path).answers
    assert saved.get("header/administration") == "Camera di Commercio di Brescia bis"
    assert saved.get("header/place") == "Brescia"


async def test_a_file_that_no_longer_loads_is_not_written_over_and_the_users_answers_go_beside(
    tmp_path: Path,
) -> None:
    async with changed_while_typing(tmp_path, 'place = = "Como"') as (app, pilot, path, broken):
        shown = dialog_text(app)
        assert "non è TOML valido" in shown
        assert shown_buttons(app) == BUTTONS["Il file è cambiato su disco e non si legge"]
        [mine] = beside(path, "mie")
        assert f"Le tue risposte sono salvate accanto, in {mine.name}" in shown
        assert storage.load(mine).answers.get("header/administration") == "Camera di Commercio di Brescia bis"
        assert path.read_bytes() == broken
        await pilot.press("enter")  # «Riprova», the first action, still broken: asked again, no second copy
        await pilot.pause()
        assert isinstance(app.screen, DiskChanged) and beside(path, "mie") == [mine]
        await pilot.press("right", "enter")  # «Tieni le mie», along the row of buttons
        await pilot.pause()
        [theirs] = beside(path, "su-disco")
        assert theirs.read_bytes() == broken
    assert storage.load(path).answers.get("header/administration") == "Camera di Commercio di Brescia bis"


async def test_esc_decides_nothing_and_the_next_save_asks_again(tmp_path: Path) -> None:
    async with changed_while_typing(tmp_path) as (app, pilot, path, on_disk):
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DiskChanged)
        assert "Nessuna scelta" in toasts(app)
        assert path.read_bytes() == on_disk
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DiskChanged)
        await pilot.press("enter")  # «Tieni le mie», the first action
        await pilot.pause()
    assert storage.load(path).answers.get("header/administration") == "Camera di Commercio di Brescia bis"


def test_quitting_without_a_choice_leaves_the_users_answers_beside_the_file(tmp_path: Path) -> None:
    """Esc on the dialog, then Ctrl+Q: the file stays the other program's, the user's answers go beside it."""
    from tests.tui.ptyrun import PtyApp

    path = session_file(tmp_path)
    run = PtyApp("open", str(path))
    try:
        assert run.wait_for(b"Dati generali", 20)
        run.read(0.5)
        on_disk = edit_by_hand(path, 'place = "Brescia"', 'place = "Como"')
        run.key(b"\x1b[F")  # End
        run.type(" bis")
        assert run.wait_for("Il file è cambiato su disco".encode(), 10), run.output[-1500:]
        run.key(b"\x1b")  # Esc: decide later
        run.read(0.5)
        run.key(b"\x11")  # Ctrl+Q
        assert run.wait_exit(10) == 0
        run.read(0.3)
    finally:
        run.kill()
    assert path.read_bytes() == on_disk
    [mine] = beside(path, "mie")
    assert storage.load(mine).answers.get("header/administration") == "Camera di Commercio di Brescia bis"
    assert f"le tue risposte sono in {mine}".encode() in run.output.replace(b"\r\n", b"\n").replace(b"\n", b"")
