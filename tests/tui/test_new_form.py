"""``oivtui new --modulo``: a new session on another packaged form, shown and saved with it."""

from __future__ import annotations

import os
import signal
import time
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Button

from oivtui.files import storage
from oivtui.tui.app import OivApp
from oivtui.tui.starting import prepare_session
from tests.tui.effects import dialog_text
from tests.tui.helpers import path_of, session_of, shown_lines, wait_for
from tests.tui.ptyrun import PtyApp
from tests.tui.test_controls import showing

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

VARIANT_FORM = "civit-23-2013-piano-performance"


def test_a_new_session_takes_the_form_asked_for(tmp_path: Path) -> None:
    session, message = prepare_session(tmp_path / "2021.toml", True, folder=tmp_path, form_id=VARIANT_FORM)
    assert message == "" and session is not None
    assert session.form.id == VARIANT_FORM
    default, _ = prepare_session(tmp_path / "2024.toml", True, folder=tmp_path)
    assert default is not None and default.form.id == "civit-23-2013"


def test_the_variant_form_is_on_screen_and_in_the_saved_file(tmp_path: Path) -> None:
    path = tmp_path / "2021.toml"
    app = PtyApp("new", "--modulo", VARIANT_FORM, str(path), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        # The form's own wording: «Piano della performance» where the default form says «PIAO».
        assert app.wait_for(b"Triennio del Piano della performance", 20), app.output[-2000:]
        app.settle()
        app.type("Comune di Prova")
        app.settle()
        app.signal(signal.SIGHUP)  # a closed terminal: what was typed is saved
        assert app.wait_exit(5) is not None
    finally:
        app.kill()
    deadline = time.monotonic() + 5
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    saved = tomllib.loads(path.read_text("utf-8"))
    assert saved["form"] == VARIANT_FORM
    assert saved["header"]["administration"] == "Comune di Prova"


async def test_the_top_bar_names_the_forms_plan(tmp_path: Path) -> None:
    """«Comune · PIAO 2025-2027», and for a session before the PIAO «… · Piano della performance 2021-2023»."""
    for form_id, plan, triennium in (
        ("civit-23-2013", "PIAO", "2025-2027"),
        (VARIANT_FORM, "Piano della performance", "2021-2023"),
    ):
        session, _ = prepare_session(tmp_path / f"{form_id}.toml", True, folder=tmp_path, form_id=form_id)
        assert session is not None
        session.answers.set(session.form.role("administration") or "", "Comune di Prova")
        session.answers.set(session.form.role("triennium") or "", triennium)
        storage.save(session)
        app = OivApp(storage.load(tmp_path / f"{form_id}.toml"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert str(app.screen.query_one("#topbar").render()) == f"Comune di Prova · {plan} {triennium}"


def test_a_data_folder_that_cannot_be_made_is_said_not_a_traceback(tmp_path: Path) -> None:
    """``oivtui new [--modulo M]`` without a file, XDG_DATA_HOME unusable: why, and what to do instead."""
    blocked = tmp_path / "dati"
    blocked.write_text("un file, non una cartella", "utf-8")
    session, message = prepare_session(None, True, folder=blocked / "sessioni", form_id=VARIANT_FORM)
    assert session is None
    assert message == (
        f"Impossibile creare la cartella delle sessioni {blocked / 'sessioni'}: una parte del percorso non è una "
        "cartella. Indica un file: oivtui new FILE."
    )


async def test_the_start_screen_asks_which_form_a_new_session_follows(tmp_path: Path) -> None:
    """«Nuova sessione» on the start screen: a button per packaged form, each naming its plan; Esc
    goes back to the start screen, and the variant's button starts a session on the variant."""
    app = OivApp(folder=tmp_path / "sessioni")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#new")
        await showing(pilot, "Nuova sessione")
        labels = {str(button.id): str(button.label) for button in app.screen.query(Button)}
        assert labels == {"civit-23-2013": "PIAO", VARIANT_FORM: "Piano della performance"}
        text = dialog_text(app)
        assert "Piano della performance: Monitoraggio" in text and "versione 2021.1" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.id == "start", "the start screen again")
        assert not list((tmp_path / "sessioni").glob("*.toml"))
        await pilot.press("n")
        await showing(pilot, "Nuova sessione")
        await pilot.click(f"#{VARIANT_FORM}")
        await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
        assert session_of(app).form_id == VARIANT_FORM
        assert "Triennio del Piano della performance" in "\n".join(shown_lines(app, app.screen))
        await pilot.press(*"Comune di Prova")
        await wait_for(pilot, lambda: session_of(app).administration == "Comune di Prova", "typed")
        await pilot.press("ctrl+s")
        saved = tomllib.loads(path_of(app).read_text("utf-8"))
        assert saved["form"] == VARIANT_FORM
