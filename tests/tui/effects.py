"""What each action visibly does, checked the same way whatever starts it: a key, a palette
command or a button. Each effect brings the app where the action makes sense, starts it with
``trigger`` and checks what the user would see (a step, a dialog, a file, the clipboard)."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import NamedTuple

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Markdown, Static

from oivtui.files.example import example_session
from oivtui.tui.app import OivApp
from questionnaire.form.answers import Answers
from screens.dialogs.ask_path import AskPath
from screens.dialogs.notice import Notice
from screens.dialogs.preview import Preview
from screens.widgets.index import StepIndex
from tests.tui.helpers import box, current, goto, new_app, oiv, path_of, session_of, type_text, wait_for

SIZE = (80, 24)

Trigger = Callable[[], Awaitable[object]]


def dialog_text(app: OivApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(".dialog-text Static").results(Static))


async def close_dialog(pilot: Pilot) -> None:
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, (Notice, AskPath, Preview)), "dialog closed")


# ---------------------------------------------------------------- the apps


def fresh(tmp_path: Path) -> OivApp:
    return new_app(tmp_path / "s.toml")


def carried(tmp_path: Path) -> OivApp:
    """Last year's answers beside this year's, block 1 and the annex still to review."""
    session = example_session()
    session.path = tmp_path / "2025.toml"
    session.previous = Answers(copy.deepcopy(session.answers.data))
    session.answers.set("1.3/text", "Variazioni dovute al nuovo piano.")
    session.to_review = ["b1", "annex"]
    return OivApp(session)


def start(tmp_path: Path) -> OivApp:
    return OivApp(folder=tmp_path / "sessioni")


# ---------------------------------------------------------------- the wizard's actions


async def in_text_field(pilot: Pilot, step: str, address: str) -> None:
    """On ``step`` with the cursor in a text field: the keys must work from there too."""
    await goto(pilot, step)
    box(oiv(pilot), address).focus_input()
    await pilot.pause()


async def next_step(pilot: Pilot, trigger: Trigger) -> None:
    await in_text_field(pilot, "b3", "3.1/text")
    await trigger()
    await wait_for(pilot, lambda: current(oiv(pilot)).step_id == "b4", "block 4 shown")


async def previous_step(pilot: Pilot, trigger: Trigger) -> None:
    await in_text_field(pilot, "b3", "3.1/text")
    await trigger()
    await wait_for(pilot, lambda: current(oiv(pilot)).step_id == "b2", "block 2 shown")


async def step_index(pilot: Pilot, trigger: Trigger) -> None:
    await in_text_field(pilot, "b3", "3.1/text")
    index = pilot.app.screen.query_one(StepIndex)
    await trigger()
    await wait_for(pilot, lambda: index.has_focus and index.display, "the index focused")
    current(oiv(pilot)).focus_first()


async def field_help(pilot: Pilot, trigger: Trigger) -> None:
    """The field as the user knows it (step, label), not its id («header/triennium»)."""
    await in_text_field(pilot, "header", "header/triennium")
    await trigger()
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, Notice), "the help dialog")
    assert isinstance(pilot.app.screen, Notice) and pilot.app.screen.title_text == "Aiuto: Triennio del PIAO"
    text = dialog_text(oiv(pilot))
    assert "Passo: Dati generali\nCampo: Triennio del PIAO" in text and "header/" not in text
    assert "Ctrl+N  F6" in text
    await close_dialog(pilot)


async def compare(pilot: Pilot, trigger: Trigger) -> None:
    await in_text_field(pilot, "b1", "1.3/text")
    await trigger()
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, Notice), "the comparison dialog")
    assert isinstance(pilot.app.screen, Notice) and pilot.app.screen.title_text.startswith(
        "Confronto con l'anno precedente"
    )
    assert "{+" in dialog_text(oiv(pilot))  # words added this year
    await close_dialog(pilot)


async def external_editor(pilot: Pilot, trigger: Trigger) -> None:
    """$EDITOR (a script appending «+» to the file) edits the focused answer: see ``editor_appends``."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    await in_text_field(pilot, "b1", "1.1/text")
    before = session_of(app).answers.get("1.1/text") or ""
    assert isinstance(before, str)
    await trigger()
    await wait_for(pilot, lambda: session_of(app).answers.get("1.1/text") == before + "+", "the answer edited")


def editor_appends(monkeypatch) -> None:
    """An $EDITOR that appends «+»; Textual's headless driver cannot suspend, the test's app need not."""
    monkeypatch.setenv("VISUAL", "sh -c 'printf + >> \"$1\"' editor")
    monkeypatch.setattr(OivApp, "suspend", lambda self: contextlib.nullcontext())


async def confirm_review(pilot: Pilot, trigger: Trigger) -> None:
    app: OivApp = pilot.app  # type: ignore[assignment]
    if "b1" not in session_of(app).to_review:
        session_of(app).to_review.append("b1")
    await goto(pilot, "b2")
    await in_text_field(pilot, "b1", "1.3/text")
    banner = current(app).query_one(".review-banner", Static)
    assert banner.display
    await trigger()
    await wait_for(pilot, lambda: "b1" not in session_of(app).to_review and not banner.display, "block 1 confirmed")
    assert not app.screen.query_one(StepIndex).prompt("b1").plain.startswith("↻")


async def preview(pilot: Pilot, trigger: Trigger) -> None:
    await goto(pilot, "review")
    await trigger()
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, Preview), "the preview")
    await wait_for(pilot, lambda: pilot.app.screen.query(Markdown), "the report in the preview")
    await close_dialog(pilot)


def export(suffix: str) -> Callable[[Pilot, Trigger], Awaitable[None]]:
    async def effect(pilot: Pilot, trigger: Trigger) -> None:
        app: OivApp = pilot.app  # type: ignore[assignment]
        session_of(app).answers.set("header/administration", "Comune di Lecco")
        target = path_of(app).with_suffix(suffix)
        target.unlink(missing_ok=True)
        await goto(pilot, "review")
        await trigger()
        await wait_for(pilot, target.exists, f"the {suffix} report written")
        if suffix == ".pdf":  # the administration is in the PDF's title (its author is the OIV)
            import io

            from pypdf import PdfReader

            assert target.read_bytes().startswith(b"%PDF-")
            info = PdfReader(io.BytesIO(target.read_bytes())).metadata
            assert info is not None and "– Comune di Lecco –" in str(info.title)
        else:
            assert "Comune di Lecco" in target.read_text("utf-8")
        assert str(target) in str(app.screen.query_one("#export-result").render())

    return effect


async def copy_report(pilot: Pilot, trigger: Trigger) -> None:
    from oivtui.reports.render import render_markdown

    app: OivApp = pilot.app  # type: ignore[assignment]
    await goto(pilot, "review")
    app.copy_to_clipboard("")
    await trigger()
    await wait_for(pilot, lambda: app.clipboard == render_markdown(session_of(app)), "the report in the clipboard")


async def save(pilot: Pilot, trigger: Trigger) -> None:
    """Typed, not yet saved (the autosave is pushed back by ``slow_autosave``), then saved at once."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    await in_text_field(pilot, "header", "header/place")
    await type_text(pilot, "x")
    await pilot.pause()
    wanted = session_of(app).answers.get("header/place")
    assert f'place = "{wanted}"' not in path_of(app).read_text("utf-8")
    await trigger()
    await wait_for(pilot, lambda: f'place = "{wanted}"' in path_of(app).read_text("utf-8"), "saved")


def slow_autosave(monkeypatch) -> None:
    monkeypatch.setattr("oivtui.tui.saving.SAVE_DELAY", 3600)


async def quit_app(pilot: Pilot, trigger: Trigger) -> None:
    app: OivApp = pilot.app  # type: ignore[assignment]
    await in_text_field(pilot, "header", "header/place")
    await type_text(pilot, "Lecco")
    await trigger()
    await wait_for(pilot, lambda: app.return_code is not None, "the app closed")
    assert 'place = "Lecco"' in path_of(app).read_text("utf-8")


async def quit_on_start(pilot: Pilot, trigger: Trigger) -> None:
    await pilot.pause()
    await trigger()
    await wait_for(pilot, lambda: pilot.app.return_code is not None, "the app closed")


async def palette(pilot: Pilot, trigger: Trigger) -> None:
    await pilot.pause()
    await trigger()
    await wait_for(pilot, lambda: CommandPalette.is_open(pilot.app), "the palette")
    await pilot.press("escape")
    await wait_for(pilot, lambda: not CommandPalette.is_open(pilot.app), "the palette closed")


async def escape_closes(pilot: Pilot, trigger: Trigger) -> None:
    await pilot.pause()
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, Notice), "the help dialog")
    await trigger()
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, Notice), "the dialog closed")


def between_buttons(step: int) -> Callable[[Pilot, Trigger], Awaitable[None]]:
    """Left and Right in a dialog's row of buttons (the start screen's «Nuova sessione»): the focus
    moves to the next or previous button, and no further than the last or the first."""

    async def check(pilot: Pilot, trigger: Trigger) -> None:
        app: OivApp = pilot.app  # type: ignore[assignment]
        await pilot.pause()
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice) and app.screen.title_text == "Nuova sessione")
        ids = [str(button.id) for button in app.screen.query(Button)]
        start, end = (ids[0], ids[-1]) if step > 0 else (ids[-1], ids[0])
        app.screen.query_one(f"#{start}", Button).focus()
        await pilot.pause()
        for _ in ids:  # to the end of the row, and once more: it stays there
            await trigger()
            await pilot.pause()
        assert app.focused is not None and app.focused.id == end
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
        assert session_of(app).form_id == end

    return check


def help_pages(direction: int) -> Callable[[Pilot, Trigger], Awaitable[None]]:
    """Page Down / Page Up in the help at 80×24 with the focus on «Chiudi»: the text scrolls (it
    did nothing until the focus left the button), and the focus stays on «Chiudi»."""

    async def check(pilot: Pilot, trigger: Trigger) -> None:
        await in_text_field(pilot, "header", "header/triennium")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, Notice), "the help dialog")
        await pilot.pause()
        text = pilot.app.screen.query_one(".dialog-text")
        assert pilot.app.focused is not None and pilot.app.focused.id == "ok"
        assert text.max_scroll_y > 0  # longer than the room it has at 80×24
        if direction < 0:
            text.scroll_end(animate=False, immediate=True)
            await pilot.pause()
        before = text.scroll_y
        await trigger()
        await pilot.pause()
        assert (text.scroll_y - before) * direction > 0, (before, text.scroll_y)
        assert pilot.app.focused is not None and pilot.app.focused.id == "ok"
        await close_dialog(pilot)

    return check


async def split_names(pilot: Pilot, trigger: Trigger) -> None:
    """Two signatories typed on one line: the command puts them one per line (tests/tui/test_signatories.py)."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    await in_text_field(pilot, "header", "header/signatories")
    await type_text(pilot, "Prof. Mario Rossi, Dott.ssa Anna Bianchi")
    await pilot.pause()
    await trigger()
    wanted = ["Prof. Mario Rossi", "Dott.ssa Anna Bianchi"]
    await wait_for(pilot, lambda: session_of(app).answers.get("header/signatories") == wanted, "one name per line")


async def presses_button(pilot: Pilot, trigger: Trigger) -> None:
    """Enter or Space on the start screen's «Esempio compilato»: the example opens."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    await pilot.pause()
    app.screen.query_one("#example", Button).focus()
    await pilot.pause()
    await trigger()
    await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
    assert session_of(app).administration == "Camera di Commercio di Brescia"


# ---------------------------------------------------------------- the start screen's


async def start_help(pilot: Pilot, trigger: Trigger) -> None:
    await pilot.pause()
    await trigger()
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, Notice), "the help dialog")
    assert "nuova sessione" in dialog_text(oiv(pilot))
    await close_dialog(pilot)


#: The buttons of the start screen's «Nuova sessione» dialog: one per packaged form, the default first.
NEW_SESSION_FORMS = ("civit-23-2013", "civit-23-2013-piano-performance")


async def start_new(pilot: Pilot, trigger: Trigger) -> None:
    """«Nuova sessione» asks which form (the default one first, focused), and Enter takes it."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    await pilot.pause()
    await trigger()
    await wait_for(pilot, lambda: isinstance(app.screen, Notice) and app.screen.title_text == "Nuova sessione", "form")
    assert [str(button.id) for button in app.screen.query(Button)] == list(NEW_SESSION_FORMS)
    assert app.focused is not None and app.focused.id == NEW_SESSION_FORMS[0]
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
    assert session_of(app).form_id == NEW_SESSION_FORMS[0]
    assert path_of(app).parent == app.folder and path_of(app).exists()
    assert session_of(app).administration == ""


async def start_example(pilot: Pilot, trigger: Trigger) -> None:
    app: OivApp = pilot.app  # type: ignore[assignment]
    await pilot.pause()
    await trigger()
    await wait_for(pilot, lambda: app.wizard is not None, "the wizard")
    assert session_of(app).administration == "Camera di Commercio di Brescia"


def asks_path(title: str) -> Callable[[Pilot, Trigger], Awaitable[None]]:
    async def effect(pilot: Pilot, trigger: Trigger) -> None:
        await pilot.pause()
        await trigger()
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, AskPath), "the path dialog")
        assert isinstance(pilot.app.screen, AskPath) and pilot.app.screen.title_text == title
        await close_dialog(pilot)

    return effect


def says(text: str) -> Callable[[Pilot, Trigger], Awaitable[None]]:
    """A notice saying ``text`` (an action not offered here explains why nothing happens)."""

    async def effect(pilot: Pilot, trigger: Trigger) -> None:
        app = pilot.app
        said: list[str] = []
        notify = app.notify

        def noted(message: str, *args: object, **kwargs: object) -> None:
            said.append(str(message))
            notify(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = noted  # type: ignore[method-assign]
        try:
            await pilot.pause()
            await trigger()
            await wait_for(pilot, lambda: any(text in m for m in said), f"a notice saying «{text}»: {said!r}")
        finally:
            del app.notify

    return effect


class Effect(NamedTuple):
    app: Callable[[Path], OivApp]
    check: Callable[[Pilot, Trigger], Awaitable[None]]
    #: False when the effect leaves the app where it cannot be repeated (closed, or on another screen).
    again: bool = True


# ---------------------------------------------------------------- running a palette command


def shown_hits(pilot: Pilot) -> list[str]:
    """The titles the open palette lists, best first."""
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def palette_hits(pilot: Pilot, query: str, until: Callable[[list[str]], bool]) -> list[str]:
    """Open the palette, type ``query``; once the titles it lists pass ``until``, return them
    (best first; the palette stays open). The palette searches in a worker: wait for the list."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: CommandPalette.is_open(pilot.app), "the palette")
    await type_text(pilot, query)
    await wait_for(pilot, lambda: until(shown_hits(pilot)), f"the hits for «{query}»: {shown_hits(pilot)}")
    return shown_hits(pilot)


def command(pilot: Pilot, title: str) -> Trigger:
    """Run the palette command ``title`` as a user does: Ctrl+P, type its name, Invio on the first hit."""

    async def run() -> None:
        await palette_hits(pilot, title, lambda hits: hits[:1] == [title])
        await pilot.press("enter")
        await wait_for(pilot, lambda: not CommandPalette.is_open(pilot.app), "the palette closed")

    return run


def key(pilot: Pilot, name: str) -> Trigger:
    return lambda: pilot.press(name)
