"""Sessions oivtui may show but not write: a read-only folder, a read-only file, F9 and Ctrl+S there."""

from __future__ import annotations

import copy
import errno
import os
import signal
from pathlib import Path

import pytest
from textual.widgets import Button

from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.lock import SessionLock, lock_path
from oivtui.files.opening import lock_and_load
from oivtui.tui.app import OivApp
from questionnaire.form.answers import Answers
from screens.dialogs.notice import Notice
from screens.wizard import WizardScreen
from tests.tui.helpers import box, current, goto, session_of, type_text
from tests.tui.ptyrun import PtyApp
from tests.tui.test_controls import BUTTONS, shown_buttons

SIZE = (80, 24)


def toasts(app: OivApp) -> str:
    """The text of the notifications on screen, as the user reads them."""
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


def example_file(folder: Path, carried_over: bool = False) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "s.toml"
    session = example_session()
    if carried_over:
        session.previous = Answers(copy.deepcopy(session.answers.data))
        session.to_review = ["b1"]
    session.position.step = "b1"
    storage.save(session, path)
    return path


def no_lock_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock beside the file cannot be made, as in a folder the user may not write to."""

    def refused(self: SessionLock) -> SessionLock:
        raise PermissionError(errno.EACCES, "Permission denied", str(lock_path(self.path)))

    monkeypatch.setattr(SessionLock, "acquire", refused)


def dialog_text(app: OivApp) -> str:
    assert isinstance(app.screen, Notice), app.screen
    return str(app.screen.query_one(".dialog-text Static").render())


async def test_a_folder_without_a_lock_offers_read_only_and_shows_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = example_file(tmp_path / "cartella")
    before = path.read_bytes()
    no_lock_here(monkeypatch)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.screen.title_text == "Cartella in sola lettura"  # type: ignore[attr-defined]
        text = dialog_text(app)
        assert "Impossibile creare il blocco .s.toml.lock" in text and "permesso negato" in text
        assert [str(b.label) for b in app.screen.query(Button)] == ["Apri in sola lettura", "Chiudi"]
        assert shown_buttons(app) == BUTTONS["Cartella in sola lettura"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert current(app).step_id == "b1"
        assert "SOLA LETTURA" in str(app.screen.query_one("#topbar").render())
        assert "Camera di Commercio di Brescia" in str(app.screen.query_one("#topbar").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "sola lettura: niente viene salvato" in toasts(app)
        assert "Salvato" not in toasts(app)
    assert path.read_bytes() == before


async def test_closing_the_read_only_offer_ends_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = example_file(tmp_path / "cartella")
    no_lock_here(monkeypatch)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.click("#close")
        await pilot.pause()
    assert app.return_value == 3


async def test_a_new_session_in_a_folder_without_a_lock_says_it_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oivtui.files.session import Session

    no_lock_here(monkeypatch)
    app = OivApp(Session(path=tmp_path / "nuova.toml"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "Impossibile creare la sessione" in dialog_text(app)
        assert shown_buttons(app) == BUTTONS["Impossibile creare la sessione"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == 2
    assert not (tmp_path / "nuova.toml").exists()


async def test_a_read_only_file_is_opened_read_only_and_never_written(tmp_path: Path) -> None:
    path = example_file(tmp_path / "cartella")
    path.chmod(0o444)
    before = path.read_bytes()
    lock, session = lock_and_load(path)  # as `oivtui open` does
    assert lock is None
    app = OivApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = dialog_text(app)
        assert "è in sola lettura (permessi -r--r--r--)" in text and "chmod u+w s.toml" in text
        assert shown_buttons(app) == BUTTONS["File in sola lettura"]
        await pilot.press("enter")
        await pilot.pause()
        box(app, "1.1/text").focus_input()
        await type_text(pilot, "aggiunta")
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert path.read_bytes() == before
    assert not lock_path(path).exists()


async def test_f9_and_ctrl_s_in_read_only_say_nothing_is_saved(tmp_path: Path) -> None:
    """Read-only as chosen when another instance holds the session."""
    path = example_file(tmp_path / "cartella", carried_over=True)
    before = path.read_bytes()
    app = OivApp(storage.load(path), read_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await goto(pilot, "b1")
        await pilot.press("f9")
        await pilot.pause()
        said = toasts(app)
        assert "passo confermato" not in said
        assert (
            "1 Definizione degli obiettivi strategici: il passo resta da rivedere. La sessione è aperta in sola lettura"
            in said
        )
        assert session_of(app).to_review == ["b1"]
        app.clear_notifications()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Salvato" not in toasts(app)
        assert "La sessione è aperta in sola lettura: niente viene salvato." in toasts(app)
    assert path.read_bytes() == before


def test_a_real_unprivileged_user_in_a_read_only_folder_gets_the_session_read_only(
    tmp_path: Path, unprivileged: list[str]
) -> None:
    folder = tmp_path / "cartella"
    path = example_file(folder)
    before = path.read_bytes()
    folder.chmod(0o555)
    run = PtyApp("open", str(path), prefix=unprivileged)
    try:
        assert run.wait_for(b"Cartella in sola lettura", 20), run.output[-2000:]
        run.key(b"\r")
        assert run.wait_for(b"SOLA LETTURA", 10), run.output[-2000:]
        assert run.wait_for(b"Sola lettura: le modifiche non vengono salvate", 10)
        run.key(b"\x11")  # Ctrl+Q
        assert run.wait_exit(10) == 0
    finally:
        if run.proc.poll() is None:
            os.killpg(run.proc.pid, signal.SIGKILL)
        folder.chmod(0o755)
    assert path.read_bytes() == before
