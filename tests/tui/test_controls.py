"""Every button of every screen and dialog, pressed, each checked by its visible effect.

``BUTTONS`` names the buttons each screen or dialog shows; each test asserts the screen shows
exactly those, so a button added later fails here until it gets a row and a test. A new dialog
or a new call that opens one fails ``test_every_dialog_and_button_of_the_code_is_in_the_table``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from screens.dialogs.ask_path import AskPath
from screens.dialogs.notice import Notice
from screens.dialogs.preview import Preview
from tests.tui import effects as fx
from tests.tui.helpers import box, current, goto, oiv, palette_open, session_of, type_text, wait_for

#: Screen or dialog (the start screen, the review step, a dialog by its title) → its buttons' ids.
BUTTONS: dict[str, set[str]] = {
    "start": {"new", "open", "example", "previous", "import"},
    "review": {"preview", "export-md", "export-html", "export-pdf", "copy"},
    "Apri file…": {"ok", "cancel"},
    "Nuova da sessione precedente": {"ok", "cancel"},
    "Importa documento…": {"ok", "cancel"},
    # Pressed in tests/tui/test_import_document.py: the import's summary opens the new session,
    # and a document that cannot be imported closes its message on the start screen.
    "Documento importato": {"ok"},
    "Impossibile importare il documento": {"ok"},
    # Pressed in tests/tui/test_new_form.py; the default form's by every «Nuova sessione» effect.
    "Nuova sessione": set(fx.NEW_SESSION_FORMS),
    "Impossibile aprire la sessione": {"ok"},
    "Sessione già aperta": {"readonly", "close"},
    "Sessione ripresa dall'anno precedente": {"ok"},
    "Aiuto": {"ok"},
    "Confronto con l'anno precedente": {"ok"},
    # In tests/tui/test_imported.py: Ctrl+F on a field of a session imported from a document.
    "Dal documento importato": {"ok"},
    "Anteprima": set(),
    "Comandi": set(),
    # Pressed, each with its effect, in tests/tui/test_read_only.py:
    "Cartella in sola lettura": {"readonly", "close"},
    "File in sola lettura": {"ok"},
    "Impossibile creare la sessione": {"ok"},
    # In tests/tui/test_disk_changed.py: a file changed by hand, and one that no longer loads.
    "Il file è cambiato su disco": {"reload", "keep"},
    "Il file è cambiato su disco e non si legge": {"retry", "keep"},
}

#: The calls in oivtui/ and screens/ that make a button or open a dialog, counted: a new one
#: must be added to ``BUTTONS`` and pressed in a test below before this count is raised.
CALLS = {
    "PressButton(": 13,
    "Button(": 0,
    "Notice(": 10,
    "notice(": 4,
    "AskPath(": 3,
    "help_dialog(": 1,
    "compare_dialog(": 1,
    "source_dialog(": 1,
    "Preview(": 1,
    "DiskChanged(": 2,
}
#: Every Screen class of screens/: each has a row above (Dialog is the base of the dialogs).
SCREENS = {"StartScreen", "WizardScreen", "Dialog", "AskPath", "Notice", "Preview", "DiskChanged"}


def shown_buttons(app: OivApp) -> set[str]:
    return {str(button.id) for button in app.screen.query(Button)}


def dialog_is(app: OivApp, name: str) -> bool:
    screen = app.screen
    return isinstance(screen, (Notice, AskPath)) and screen.title_text.startswith(name)


async def showing(pilot: Pilot, name: str) -> None:
    """Wait for the dialog titled ``name``; it shows exactly the buttons of ``BUTTONS[name]``."""
    await wait_for(pilot, lambda: dialog_is(oiv(pilot), name), f"the dialog «{name}»")
    assert shown_buttons(oiv(pilot)) == BUTTONS[name]


def click(pilot: Pilot, button_id: str) -> fx.Trigger:
    return lambda: pilot.click(f"#{button_id}")


def keyed(pilot: Pilot, button_id: str, key: str) -> fx.Trigger:
    """Focus the button (Tab would do the same, one field at a time) and press ``key`` on it."""

    async def run() -> None:
        button = pilot.app.screen.query_one(f"#{button_id}", Button)
        button.focus()
        await pilot.pause()
        assert button.has_focus, pilot.app.focused
        # Textual ignores a press while the last one still shows (0.2 s): a user's double press.
        await wait_for(pilot, lambda: not button.has_class("-active"), "the button shown released")
        await pilot.press(key)

    return run


# ---------------------------------------------------------------- the source, counted


def test_every_dialog_and_button_of_the_code_is_in_the_table() -> None:
    root = Path(__file__).parents[2]
    source = "\n".join(
        line
        for folder in ("oivtui", "screens")
        for path in sorted((root / folder).rglob("*.py"))
        for line in path.read_text("utf-8").splitlines()
        if not re.match(r"\s*(def|class) ", line)
    )
    counts = {call: len(re.findall(rf"(?<![\w.]){re.escape(call)}", source)) for call in CALLS}
    assert counts == CALLS


def test_every_screen_class_is_in_the_table() -> None:
    import screens.dialogs.ask_path
    import screens.dialogs.disk_changed
    import screens.dialogs.notice
    import screens.dialogs.preview
    import screens.start
    import screens.wizard  # noqa: F401

    def subclasses(cls: type) -> set[type]:
        found: set[type] = set()
        direct_ones: list[type] = cls.__subclasses__()
        for direct in direct_ones:
            found |= {direct} | subclasses(direct)
        return found

    ours = {cls.__name__ for cls in subclasses(Screen) if cls.__module__.startswith("screens.")}
    assert ours == SCREENS


# ---------------------------------------------------------------- the start screen


START_EFFECTS = {
    "new": fx.Effect(fx.start, fx.start_new, again=False),
    "open": fx.Effect(fx.start, fx.asks_path("Apri file…")),
    "example": fx.Effect(fx.start, fx.start_example, again=False),
    "previous": fx.Effect(fx.start, fx.asks_path("Nuova da sessione precedente")),
    "import": fx.Effect(fx.start, fx.asks_path("Importa documento…")),
}


@pytest.mark.parametrize("button_id", sorted(BUTTONS["start"]))
async def test_each_start_button_has_its_effect(button_id: str, tmp_path: Path) -> None:
    assert set(START_EFFECTS) == BUTTONS["start"]
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        assert shown_buttons(app) == BUTTONS["start"]
        await START_EFFECTS[button_id].check(pilot, click(pilot, button_id))


# ---------------------------------------------------------------- the review step


REVIEW_EFFECTS = {
    "preview": fx.preview,
    "export-md": fx.export(".md"),
    "export-html": fx.export(".html"),
    "export-pdf": fx.export(".pdf"),
    "copy": fx.copy_report,
}


@pytest.mark.parametrize("button_id", sorted(BUTTONS["review"]))
async def test_each_review_button_works_with_a_click_enter_and_space(button_id: str, tmp_path: Path) -> None:
    """They showed the focus and did nothing: the action they ran was never awaited."""
    assert set(REVIEW_EFFECTS) == BUTTONS["review"]
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "review")
        assert shown_buttons(app) == BUTTONS["review"]
        effect = REVIEW_EFFECTS[button_id]
        triggers = {
            "click": click(pilot, button_id),
            "enter": keyed(pilot, button_id, "enter"),
            "space": keyed(pilot, button_id, "space"),
        }
        for name, trigger in triggers.items():
            try:
                await effect(pilot, trigger)
            except AssertionError as exc:
                raise AssertionError(f"{button_id} by {name}: {exc}") from exc


async def test_the_review_buttons_fit_80_columns_beside_a_long_problem_list(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)  # empty: dozens of problems, the step scrolls
    async with app.run_test(size=fx.SIZE) as pilot:
        view = await goto(pilot, "review")
        edge = view.scrollable_content_region.right
        assert all(button.region.right <= edge for button in view.query(Button))
        assert len({button.region.y for button in view.query(Button)}) == 1  # one line
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        edge = view.scrollable_content_region.right
        assert all(button.region.right <= edge and button.region.width for button in view.query(Button))


# ---------------------------------------------------------------- the dialogs


async def ask_path(pilot: Pilot, key: str, title: str) -> None:
    await pilot.pause()
    await pilot.press(key)
    await showing(pilot, title)


@pytest.mark.parametrize(
    ("key", "title"), [("o", "Apri file…"), ("p", "Nuova da sessione precedente"), ("i", "Importa documento…")]
)
async def test_a_path_dialog_cancelled_leaves_the_start_screen(key: str, title: str, tmp_path: Path) -> None:
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await ask_path(pilot, key, title)
        await type_text(pilot, "/non/esiste.toml")
        await pilot.click("#cancel")
        await wait_for(pilot, lambda: app.on_start_screen, "the start screen")
        assert app.session is None


async def test_open_file_ok_opens_the_session_typed(tmp_path: Path) -> None:
    path = tmp_path / "brescia.toml"
    path.write_text(example_text(), "utf-8")
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await ask_path(pilot, "o", "Apri file…")
        await type_text(pilot, str(path))
        await pilot.click("#ok")
        await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
        assert session_of(app).path == path


async def test_a_file_that_cannot_be_opened_is_told_and_ok_closes_the_notice(tmp_path: Path) -> None:
    broken = tmp_path / "rotto.toml"
    broken.write_text("format = [", "utf-8")
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await ask_path(pilot, "o", "Apri file…")
        await type_text(pilot, str(broken))
        await pilot.click("#ok")
        await showing(pilot, "Impossibile aprire la sessione")
        assert "rotto.toml" in fx.dialog_text(app)
        await pilot.click("#ok")
        await wait_for(pilot, lambda: app.on_start_screen, "the start screen")


async def test_new_from_previous_ok_starts_next_year_and_its_notice_closes_with_ok(tmp_path: Path) -> None:
    last = tmp_path / "2024.toml"
    last.write_text(example_text(), "utf-8")
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await ask_path(pilot, "p", "Nuova da sessione precedente")
        await type_text(pilot, str(last))
        await pilot.click("#ok")
        await showing(pilot, "Sessione ripresa dall'anno precedente")
        await pilot.click("#ok")
        await wait_for(pilot, lambda: app.wizard is not None and app.focused is not None, "the wizard")
        assert session_of(app).triennium == "2025-2027" and session_of(app).to_review


@pytest.mark.parametrize("button_id", ["readonly", "close"])
async def test_a_session_open_elsewhere_opens_read_only_or_closes(button_id: str, tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    first = fx.fresh(tmp_path)
    async with first.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        second = OivApp(storage.load(path))
        async with second.run_test(size=fx.SIZE) as pilot2:
            await showing(pilot2, "Sessione già aperta")
            await pilot2.click(f"#{button_id}")
            if button_id == "readonly":
                await wait_for(pilot2, lambda: second.wizard is not None, "the wizard")
                assert second.read_only and "SOLA LETTURA" in str(second.screen.query_one("#topbar").render())
            else:
                await wait_for(pilot2, lambda: second.return_value == 3, "the app closed with 3")


async def test_help_and_comparison_close_with_their_button(tmp_path: Path) -> None:
    app = fx.carried(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "b1")
        box(app, "1.3/text").focus_input()
        for key, title in (("ctrl+g", "Aiuto"), ("ctrl+f", "Confronto con l'anno precedente")):
            await pilot.press(key)
            await showing(pilot, title)
            await pilot.click("#ok")
            await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
            assert box(app, "1.3/text").has_focus_within


async def test_the_preview_and_the_palette_have_no_button(tmp_path: Path) -> None:

    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "review")
        await pilot.press("alt+a")
        await wait_for(pilot, lambda: isinstance(app.screen, Preview), "the preview")
        assert shown_buttons(app) == BUTTONS["Anteprima"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: current(app).step_id == "review" and app.wizard, "the review")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: palette_open(app), "the palette")
        assert shown_buttons(app) == BUTTONS["Comandi"]
