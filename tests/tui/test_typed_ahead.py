"""Keys typed while a dialog opens go to the field they were typed for (issue 25, §8): held while
the dialog is open, put back when it closes with a choice that keeps the user's answers, quoted in
full when it does not (Ricarica). And the autosave's dialog about a file changed on disk waits for
a pause in the typing: it no longer comes up between two keys."""

from __future__ import annotations

import time
from pathlib import Path

from textual.notifications import Notify
from textual.widgets import Input, Static

from oivtui.files import storage
from oivtui.tui.app import OivApp
from oivtui.tui.launch import keep_unsaved_beside
from oivtui.tui.saving import DISK_DIALOG_IDLE
from screens.dialogs.base import NOTE_CLASS
from screens.dialogs.disk_changed import DiskChanged
from tests.tui.helpers import box, session_of, type_text, wait_for, wait_until
from tests.tui.test_bursts import burst
from tests.tui.test_disk_changed import beside, edit_by_hand, session_file

SIZE = (80, 24)
ADMIN = "header/administration"
EXAMPLE_ADMIN = "Camera di Commercio di Brescia"


def notices(seen: list[object]) -> list[str]:
    return [str(m.notification.message) for m in seen if isinstance(m, Notify)]


def dialog_note(app: OivApp) -> str:
    return str(app.screen.query_one(f".{NOTE_CLASS}", Static).render())


def admin_input(app: OivApp) -> Input:
    return box(app, ADMIN).query_one(Input)


async def typing_when_the_file_changes(pilot, path: Path) -> None:
    """The user types « bis» at the end of «Amministrazione»; meanwhile another program changes the
    file; the autosave meets the change and, once the user pauses, the dialog comes up."""
    app: OivApp = pilot.app
    box(app, ADMIN).focus_input()
    await pilot.press("end")
    edit_by_hand(path, 'place = "Brescia"', 'place = "Como"')
    await type_text(pilot, " bis")
    await wait_for(pilot, lambda: isinstance(app.screen, DiskChanged), "the dialog", timeout=10)


async def test_keys_typed_as_the_disk_dialog_opens_go_into_the_field_after_keep_mine(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    seen: list[object] = []
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        await typing_when_the_file_changes(pilot, path)
        dialog = app.screen
        await burst(pilot, *" DOPO", "enter")  # typed on, as the dialog appeared
        assert app.screen is dialog  # neither the Space nor the Invio pressed a button
        await pilot.pause(0.6)  # the user reads, then chooses
        assert dialog_note(app) == (  # in the dialog, above its buttons: a notice would cover them
            "⚠ Scritto mentre si apriva la finestra: « DOPO» (5 caratteri). Non è andato alla finestra: lo "
            "rimetto in «Dati generali – Amministrazione» quando la chiudi."
        )
        note, buttons = app.screen.query_one(f".{NOTE_CLASS}"), app.screen.query_one(".dialog-buttons")
        assert note.region.bottom <= buttons.region.y and app.screen.region.contains_region(buttons.region)
        await pilot.press("enter")  # «Tieni le mie»
        await wait_for(pilot, lambda: admin_input(app).value.endswith(" DOPO"), "the text back in the field")
        assert admin_input(app).value == f"{EXAMPLE_ADMIN} bis DOPO"
        assert app.focused is admin_input(app)
        said = "Messo in «Dati generali – Amministrazione»: « DOPO» (5 caratteri), scritto mentre si apriva"
        assert any(n.startswith(said) for n in notices(seen)), notices(seen)
        await wait_for(pilot, lambda: storage.load(path).answers.get(ADMIN) == f"{EXAMPLE_ADMIN} bis DOPO", "saved")
    assert storage.load(path).answers.get("header/place") == "Brescia"  # the user's version was kept


async def test_keys_typed_as_the_disk_dialog_opens_are_quoted_in_full_when_the_file_is_reloaded(
    tmp_path: Path,
) -> None:
    path = session_file(tmp_path)
    seen: list[object] = []
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        await typing_when_the_file_changes(pilot, path)
        await burst(pilot, *" DOPO", "enter")
        await pilot.pause(0.6)
        await pilot.press("right", "enter")  # «Ricarica»
        await wait_for(pilot, lambda: not isinstance(app.screen, DiskChanged), "the dialog closed")
        await wait_for(pilot, lambda: any("non rimesso in un campo" in n for n in notices(seen)), "the quote")
        [quote] = [n for n in notices(seen) if "non rimesso in un campo" in n]
        assert quote.startswith(
            "Scritto mentre si apriva la finestra e non rimesso in un campo (la sessione è stata ricaricata): "
            "« DOPO» (5 caratteri)."
        )
        assert session_of(app).answers.get("header/place") == "Como"
        assert admin_input(app).value == EXAMPLE_ADMIN  # the file's version, nothing added to it
        [mine] = beside(path, "mie")
        assert storage.load(mine).answers.get(ADMIN) == f"{EXAMPLE_ADMIN} bis"


async def test_keys_typed_as_a_dialog_opens_go_back_when_it_is_closed_with_esc(tmp_path: Path) -> None:
    """Any dialog: Ctrl+G and «DOPO» in one burst; the help closed with Esc, the text is in the field."""
    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        await pilot.press("end")
        await burst(pilot, "ctrl+g", *" DOPO", "enter")
        assert app.screen is not app.wizard and app.wizard is None  # the help is still open
        await pilot.pause(0.6)
        await pilot.press("escape")
        await wait_for(pilot, lambda: admin_input(app).value == f"{EXAMPLE_ADMIN} DOPO", "the text back")


async def test_keys_typed_at_a_dialog_after_a_pause_are_its_own(tmp_path: Path) -> None:
    """A Space pressed once the user has seen the dialog presses its button, as always."""
    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await typing_when_the_file_changes(pilot, path)
        await pilot.pause(0.7)
        await pilot.press("space")  # «Tieni le mie»
        await wait_for(pilot, lambda: not isinstance(app.screen, DiskChanged), "the dialog closed")
        assert admin_input(app).value == f"{EXAMPLE_ADMIN} bis"
        assert app.typed_ahead == ""


async def test_the_autosave_does_not_open_the_disk_dialog_between_two_keys(tmp_path: Path) -> None:
    """Keys 0.6 s apart (the autosave fires 0.4 s after a change): the dialog waits for a pause
    of ``DISK_DIALOG_IDLE``, then comes up; every key went into the field.

    The pause is measured on the app's clock (when it asked, against the last key it received,
    ``input_last_at``), not the test's: on a loaded machine ``pilot.press`` returns well after
    the key arrived, and a test clock read then made the pause look shorter than it was."""
    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    met: list[float] = []  # when a save met the change on disk (app's clock)
    asked: list[float] = []  # how long the user had been quiet when the dialog was asked for
    meet, ask = app.ask_disk_change_when_idle, app.ask_disk_change

    def met_change() -> None:
        met.append(time.monotonic())
        meet()

    def asking() -> None:
        asked.append(time.monotonic() - app.input_last_at)
        ask()

    app.ask_disk_change_when_idle, app.ask_disk_change = met_change, asking  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        await pilot.press("end")
        edit_by_hand(path, 'place = "Brescia"', 'place = "Como"')
        for char in " lenta":
            await pilot.press(char if char != " " else "space")
            await pilot.pause(0.6)
            assert not isinstance(app.screen, DiskChanged), f"the dialog came up after «{char}» ({asked})"
        assert met and met[0] < app.input_last_at, "the autosave met the change only after the last key"
        assert admin_input(app).value == f"{EXAMPLE_ADMIN} lenta"
        await wait_for(pilot, lambda: isinstance(app.screen, DiskChanged), "the dialog", timeout=10)
        assert asked and min(asked) >= DISK_DIALOG_IDLE, asked


async def test_ctrl_s_asks_about_the_change_on_disk_at_once(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        edit_by_hand(path, 'place = "Brescia"', 'place = "Como"')
        await pilot.press("end", "x", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DiskChanged)


async def test_keys_typed_as_the_disk_dialog_opens_are_saved_when_the_user_quits_on_it(tmp_path: Path) -> None:
    """Ctrl+Q on the dialog: the file stays the other program's, and the user's answers beside it
    hold the text typed ahead too."""
    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await typing_when_the_file_changes(pilot, path)
        await burst(pilot, *" DOPO")
        await pilot.pause(0.6)
        await pilot.press("ctrl+q")
        await pilot.pause(0.6)
    assert session_of(app).answers.get(ADMIN) == f"{EXAMPLE_ADMIN} bis DOPO"
    keep_unsaved_beside(app)  # as the launcher does once the app has ended
    [mine] = beside(path, "mie")
    assert storage.load(mine).answers.get(ADMIN) == f"{EXAMPLE_ADMIN} bis DOPO"
    assert storage.load(path).answers.get("header/place") == "Como"


async def test_a_paste_on_a_dialog_that_takes_no_text_goes_to_the_field_when_it_closes(tmp_path: Path) -> None:
    """Textual dropped it without a word (no button takes a paste); its lines joined in a line field."""
    from textual import events

    path = session_file(tmp_path)
    seen: list[object] = []
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        await pilot.press("end", "space", "ctrl+g")
        await pilot.pause(0.8)  # long after the dialog opened
        app.post_message(events.Paste("di\nBrescia"))
        await pilot.pause(0.6)
        assert "«di\nBrescia» (10 caratteri)" in dialog_note(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: admin_input(app).value == f"{EXAMPLE_ADMIN} di Brescia", "the paste back")


async def test_a_paste_put_back_is_cleaned_as_a_paste_into_that_field_is(tmp_path: Path) -> None:
    """Blank lines, tabs and control characters (a bidi override, a BEL: over ``oivtui serve`` no
    terminal filter takes them out first) go as they would in a paste into the field itself: the
    lines joined by one space, the tab a space, the controls out, and the notice says so."""
    from textual import events

    path = session_file(tmp_path)
    seen: list[object] = []
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        await pilot.press("end", "space", "ctrl+g")
        await pilot.pause(0.8)
        app.post_message(events.Paste("A\n\nB\tC\u202e\x07"))
        await pilot.pause(0.6)
        await pilot.press("escape")
        await wait_for(pilot, lambda: admin_input(app).value != EXAMPLE_ADMIN + " ", "the paste back")
        assert admin_input(app).value == f"{EXAMPLE_ADMIN} A B C"
        said = notices(seen)
        assert (
            "Dati generali – Amministrazione: tolti dal testo incollato i caratteri di controllo (non stampabili)."
            in said
        )
        assert (
            "Messo in «Dati generali – Amministrazione»: «A B C» (5 caratteri), scritto mentre si apriva la finestra."
            in said
        )
        await wait_for(pilot, lambda: storage.load(path).answers.get(ADMIN) == f"{EXAMPLE_ADMIN} A B C", "saved")


async def test_a_paste_put_back_into_a_long_answer_keeps_its_lines_and_tabs_but_not_controls(tmp_path: Path) -> None:
    from textual import events
    from textual.widgets import TextArea

    from tests.tui.helpers import goto, new_app

    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "b1")
        box(app, "1.1/text").focus_input()
        await pilot.press("ctrl+g")
        await pilot.pause(0.8)
        app.post_message(events.Paste("prima\u202e riga\n\nseconda\triga\x1b[31m"))
        await pilot.pause(0.6)
        await pilot.press("escape")
        area = box(app, "1.1/text").query_one(TextArea)
        await wait_for(pilot, lambda: area.text != "", "the paste back")
        assert area.text == "prima riga\n\nseconda\triga"
        assert (
            "Domanda 1.1 – Risposta: tolti dal testo incollato i caratteri di controllo (non stampabili)."
            in notices(seen)
        )
        await wait_for(pilot, lambda: session_of(app).answers.get("1.1/text") == "prima riga\n\nseconda\triga", "kept")


async def test_a_paste_on_a_dialog_over_a_choice_list_is_quoted_and_chooses_nothing(tmp_path: Path) -> None:
    """A choice list takes keys, not text: «Via Roma 2» fed to it key by key chose option 2 («No»)."""
    from textual import events

    from tests.tui.helpers import goto, new_app

    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "b1")
        box(app, "1.1/choice").focus_input()
        await pilot.press("ctrl+g")
        await pilot.pause(0.8)
        app.post_message(events.Paste("Via Roma 2"))
        await pilot.pause(0.6)
        assert app.typed_ahead == ""  # not held for the list
        await pilot.press("escape")
        await pilot.pause(0.6)
        assert session_of(app).answers.get("1.1/choice") is None
        said = [n for n in notices(seen) if "«Via Roma 2» (10 caratteri)" in n]
        assert said == [
            "Domanda 1.1 – Risposta breve: non prende testo incollato. Incollato mentre era aperta la finestra e non "
            "messo in nessun campo: «Via Roma 2» (10 caratteri). Se ti serve, incollalo in un campo di testo."
        ], notices(seen)


async def test_keys_typed_ahead_after_a_hang_up_are_saved_with_the_rest(tmp_path: Path) -> None:
    """The link drops (SIGHUP) while a dialog holds « DO»; «PO», read before the hang-up, still
    arrive in the grace the shutdown gives them: they go into the field after « DO» and are saved."""
    from textual import events

    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        await pilot.press("end")
        late = [events.Key(char, char) for char in "PO"]  # typed with « DO», handed out after the signal
        await burst(pilot, "ctrl+g", *" DO")
        assert app.typed_ahead == " DO"
        app.shutdown("segnale SIGHUP")
        for key in late:
            key.set_sender(app)
            app.post_message(key)
        await wait_until(lambda: not app.is_running, what="the app ended")
    assert app.typed_ahead == ""
    assert storage.load(path).answers.get(ADMIN) == f"{EXAMPLE_ADMIN} DOPO"


async def test_the_grace_counts_from_when_the_dialog_is_drawn_not_pushed(tmp_path: Path) -> None:
    """A loaded machine draws the help 0.8 s after Ctrl+G: « DOPO» typed as it is drawn
    (more than ``DIALOG_GRACE`` after the push) was still typed before the user could see it."""
    from textual import events
    from textual.screen import ModalScreen

    path = session_file(tmp_path)
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box(app, ADMIN).focus_input()
        await pilot.press("end")
        late: list[events.Key] = []  # « DOPO», typed while the frame is being drawn

        def slow(screen: object) -> None:
            if isinstance(screen, ModalScreen):
                time.sleep(0.8)
                late.extend(events.Key("space" if char == " " else char, char) for char in " DOPO")

        wizard = app.screen
        app.screen_change_signal.subscribe(wizard, slow)  # after the app's own: the push is timed first
        await pilot.press("ctrl+g")
        app.screen_change_signal.unsubscribe(wizard)
        for key in late:
            key.set_sender(app)
            app.post_message(key)
        await burst(pilot)
        assert app.typed_ahead == " DOPO"
        await pilot.pause(0.6)
        await pilot.press("escape")
        await wait_for(pilot, lambda: admin_input(app).value == f"{EXAMPLE_ADMIN} DOPO", "the text back")
