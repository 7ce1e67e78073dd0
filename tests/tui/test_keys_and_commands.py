"""Every key binding and every palette command, each pressed or run, each with its visible effect.

The tables name every binding of the app's screens and every command the palette offers: a
binding or command added later without a row here fails ``test_every_binding_is_in_the_table``
or ``test_the_palette_offers_exactly_the_commands_of_the_table``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandInput
from textual.events import Key

from oivtui.tui.app import OivApp
from screens.dialogs.base import Dialog
from screens.dialogs.notice import Notice
from screens.start import StartScreen
from screens.steps.review import ReviewView
from screens.widgets.buttons import PressButton
from screens.wizard import WizardScreen
from tests.tui import effects as fx
from tests.tui.helpers import current, goto, path_of, session_of, wait_for

#: (owner of the binding, its action) → what it does.
BINDING_EFFECTS: dict[tuple[str, str], fx.Effect] = {
    ("OivApp", "save"): fx.Effect(fx.fresh, fx.save),
    ("OivApp", "quit"): fx.Effect(fx.fresh, fx.quit_app, again=False),
    ("OivApp", "command_palette"): fx.Effect(fx.fresh, fx.palette),
    ("OivApp", "why_not('confirm_review')"): fx.Effect(fx.fresh, fx.says("non è da rivedere")),
    ("OivApp", "why_not('compare')"): fx.Effect(fx.fresh, fx.says("da confrontare")),
    ("WizardScreen", "app.confirm_review"): fx.Effect(fx.carried, fx.confirm_review),
    ("WizardScreen", "app.compare"): fx.Effect(fx.carried, fx.compare),
    ("WizardScreen", "app.next_step"): fx.Effect(fx.fresh, fx.next_step),
    ("WizardScreen", "app.previous_step"): fx.Effect(fx.fresh, fx.previous_step),
    ("WizardScreen", "app.help"): fx.Effect(fx.fresh, fx.field_help),
    ("WizardScreen", "toggle_index"): fx.Effect(fx.fresh, fx.step_index),
    ("WizardScreen", "app.edit_external"): fx.Effect(fx.fresh, fx.external_editor),
    # The review's Alt keys, on every step: pressed from the first field of a new session.
    ("WizardScreen", "app.preview"): fx.Effect(fx.fresh, fx.preview),
    ("WizardScreen", "app.export('md')"): fx.Effect(fx.fresh, fx.export(".md")),
    ("WizardScreen", "app.export('html')"): fx.Effect(fx.fresh, fx.export(".html")),
    ("WizardScreen", "app.export('pdf')"): fx.Effect(fx.fresh, fx.export(".pdf")),
    ("WizardScreen", "app.copy_report"): fx.Effect(fx.fresh, fx.copy_report),
    ("ReviewView", "app.preview"): fx.Effect(fx.fresh, fx.preview),
    ("ReviewView", "app.export('md')"): fx.Effect(fx.fresh, fx.export(".md")),
    ("ReviewView", "app.export('html')"): fx.Effect(fx.fresh, fx.export(".html")),
    ("ReviewView", "app.export('pdf')"): fx.Effect(fx.fresh, fx.export(".pdf")),
    ("ReviewView", "app.copy_report"): fx.Effect(fx.fresh, fx.copy_report),
    ("StartScreen", "begin('new')"): fx.Effect(fx.start, fx.start_new, again=False),
    ("StartScreen", "begin('open')"): fx.Effect(fx.start, fx.asks_path("Apri file…")),
    ("StartScreen", "begin('example')"): fx.Effect(fx.start, fx.start_example, again=False),
    ("StartScreen", "begin('previous')"): fx.Effect(fx.start, fx.asks_path("Nuova da sessione precedente")),
    ("StartScreen", "begin('import')"): fx.Effect(fx.start, fx.asks_path("Importa documento…")),
    ("StartScreen", "app.help"): fx.Effect(fx.start, fx.start_help),
    ("Dialog", "dismiss_none"): fx.Effect(fx.fresh, fx.escape_closes),
    # Every row of buttons (dialogs, start screen, review step; tests/tui/test_button_rows.py for those).
    ("PressButton", "neighbour(1)"): fx.Effect(fx.start, fx.between_buttons(1), again=False),
    ("PressButton", "neighbour(-1)"): fx.Effect(fx.start, fx.between_buttons(-1), again=False),
    ("PressButton", "press"): fx.Effect(fx.start, fx.presses_button, again=False),
    ("Notice", "scroll_text('page_down')"): fx.Effect(fx.fresh, fx.help_pages(1)),
    ("Notice", "scroll_text('page_up')"): fx.Effect(fx.fresh, fx.help_pages(-1)),
}

OWNERS = (OivApp, WizardScreen, ReviewView, StartScreen, Dialog, Notice, PressButton)


def bindings() -> dict[tuple[str, str], list[str]]:
    """(owner, action) → its keys, for every binding the app's screens declare."""
    found: dict[tuple[str, str], list[str]] = {}
    for owner in OWNERS:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            keys = found.setdefault((owner.__name__, binding.action), [])
            keys.extend(k.strip() for k in binding.key.split(","))
    return found


#: Screen id → palette command → the effect it has (the «Vai a …» commands, one per step, apart).
COMMAND_EFFECTS: dict[str, dict[str, fx.Effect]] = {
    "wizard": {
        "Avanti: passo successivo": fx.Effect(fx.fresh, fx.next_step),
        "Indietro: passo precedente": fx.Effect(fx.fresh, fx.previous_step),
        "Indice dei passi": fx.Effect(fx.fresh, fx.step_index),
        "Aiuto sul campo e sui tasti": fx.Effect(fx.fresh, fx.field_help),
        "Confronta con l'anno precedente": fx.Effect(fx.carried, fx.compare),
        "Editor esterno per il testo lungo": fx.Effect(fx.fresh, fx.external_editor),
        "Rivisto: conferma il passo ripreso": fx.Effect(fx.carried, fx.confirm_review),
        "Dividi i nomi, uno per riga": fx.Effect(fx.fresh, fx.split_names),
        "Anteprima del resoconto": fx.Effect(fx.fresh, fx.preview),
        "Esporta il resoconto in Markdown": fx.Effect(fx.fresh, fx.export(".md")),
        "Esporta il resoconto in HTML": fx.Effect(fx.fresh, fx.export(".html")),
        "Esporta il resoconto in PDF": fx.Effect(fx.fresh, fx.export(".pdf")),
        "Copia il resoconto negli appunti": fx.Effect(fx.fresh, fx.copy_report),
        "Salva subito": fx.Effect(fx.fresh, fx.save),
        "Esci (salva e chiude)": fx.Effect(fx.fresh, fx.quit_app, again=False),
    },
    "start": {
        "Nuova sessione": fx.Effect(fx.start, fx.start_new, again=False),
        "Apri file…": fx.Effect(fx.start, fx.asks_path("Apri file…")),
        "Esempio compilato": fx.Effect(fx.start, fx.start_example, again=False),
        "Nuova da sessione precedente": fx.Effect(fx.start, fx.asks_path("Nuova da sessione precedente")),
        "Importa documento…": fx.Effect(fx.start, fx.asks_path("Importa documento…")),
        "Aiuto sui tasti": fx.Effect(fx.start, fx.start_help),
        "Esci": fx.Effect(fx.start, fx.quit_on_start, again=False),
    },
}


@pytest.fixture(autouse=True)
def controlled(monkeypatch: pytest.MonkeyPatch) -> None:
    fx.editor_appends(monkeypatch)
    fx.slow_autosave(monkeypatch)


def test_every_binding_is_in_the_table() -> None:
    assert set(bindings()) == set(BINDING_EFFECTS)


def test_every_action_has_a_key_that_is_not_an_f_key() -> None:
    """Laptops, phones over SSH and some terminals keep the F-keys to themselves."""
    for owner_action, keys in bindings().items():
        assert [k for k in keys if not re.fullmatch(r"f\d+", k)], owner_action


@pytest.mark.parametrize("owner_action", sorted(BINDING_EFFECTS), ids="-".join)
async def test_each_key_has_its_effect(owner_action: tuple[str, str], tmp_path: Path) -> None:
    """Every key of the binding, pressed in turn (on an app of its own when the effect closes it)."""
    effect = BINDING_EFFECTS[owner_action]
    keys = bindings()[owner_action]
    runs = [keys] if effect.again else [[k] for k in keys]
    for number, batch in enumerate(runs):
        folder = tmp_path / str(number)
        folder.mkdir()
        app = effect.app(folder)
        async with app.run_test(size=fx.SIZE) as pilot:
            for name in batch:
                await effect.check(pilot, fx.key(pilot, name))


async def palette_titles(pilot, count: int) -> list[str]:
    """Every command the palette offers before anything is typed (once ``count`` are listed)."""
    hits = await fx.palette_hits(pilot, "", lambda hits: len(hits) >= count)
    await pilot.press("escape")
    return hits


async def test_the_palette_offers_exactly_the_commands_of_the_table(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        titles = await palette_titles(pilot, len(COMMAND_EFFECTS["wizard"]) + len(app.step_ids))
        steps = [t for t in titles if t.startswith("Vai a: ")]
        assert len(steps) == len(app.step_ids)
        assert [t for t in titles if t not in steps] == list(COMMAND_EFFECTS["wizard"])
        await pilot.press("ctrl+g")  # a dialog: only «Esci»
        await pilot.pause()
        assert await palette_titles(pilot, 1) == ["Esci (salva e chiude)"]
    app = fx.start(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        assert await palette_titles(pilot, len(COMMAND_EFFECTS["start"])) == list(COMMAND_EFFECTS["start"])


CASES = [(screen, title) for screen, table in COMMAND_EFFECTS.items() for title in table]


@pytest.mark.parametrize("screen_title", CASES, ids=lambda c: f"{c[0]}-{c[1]}")
async def test_each_palette_command_has_its_effect(screen_title: tuple[str, str], tmp_path: Path) -> None:
    screen, title = screen_title
    effect = COMMAND_EFFECTS[screen][title]
    app = effect.app(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await effect.check(pilot, fx.command(pilot, title))


#: What the user types in the palette → the command it must find (the issue's own list).
SEARCHES = {
    "esporta": "Esporta il resoconto in Markdown",
    "html": "Esporta il resoconto in HTML",
    "pdf": "Esporta il resoconto in PDF",
    "aiuto": "Aiuto sul campo e sui tasti",
    "avanti": "Avanti: passo successivo",
    "indietro": "Indietro: passo precedente",
    "rivisto": "Rivisto: conferma il passo ripreso",
    "editor": "Editor esterno per il testo lungo",
    "confronta": "Confronta con l'anno precedente",
    "copia": "Copia il resoconto negli appunti",
    "salva": "Salva subito",
    "esci": "Esci (salva e chiude)",
    "anteprima": "Anteprima del resoconto",
    "indice": "Indice dei passi",
}


async def test_searching_an_action_by_its_italian_name_finds_it(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        for query, title in SEARCHES.items():

            def among_first_two(hits: list[str], title: str = title) -> bool:
                return title in hits[:2]

            await fx.palette_hits(pilot, query, among_first_two)
            await pilot.press("escape")
        wanted = "Vai a: 13 Coinvolgimento"  # the step commands stay
        await fx.palette_hits(pilot, "13 Coinvolgimento", lambda hits: hits[:1] != [] and hits[0].startswith(wanted))


async def test_the_palette_and_its_key_speak_italian(tmp_path: Path) -> None:
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one("#keybar").render())
        assert "^P Comandi" in bar and "palette" not in bar
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Cerca un comando…"


@pytest.mark.parametrize("step", ["header", "b1", "annex", "review"])
async def test_the_key_bar_fits_80_columns_with_quit_save_help_and_palette_last(step: str, tmp_path: Path) -> None:
    """No key cut in half: what does not fit is left out whole (it is in the palette and in F1 help);
    Esci, Salva, Aiuto and Comandi always stay (Rivisto and Confronta pushed Esci and Salva out)."""
    app = fx.carried(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, step)
        bar = str(app.screen.query_one("#keybar").render()).rstrip()
        assert len(bar) <= 80 and bar.endswith("^Q Esci ^S Salva ^G Aiuto ^P Comandi"), bar
        if step == "b1":  # still to review, the cursor on a carried-over field
            assert bar.startswith("^R Rivisto ^F Confronta ^N Avanti"), bar
        if step == "review":
            assert bar.startswith("Alt+A Anteprima Alt+E Esporta Alt+C Copia ^Q Esci"), bar


def test_the_keys_each_palette_command_names_are_its_bindings() -> None:
    """The palette's help line says «Ctrl+N, F6»: those must be the keys that do it."""
    from oivtui.tui.commands import START, WIZARD

    by_action: dict[str, set[str]] = {}
    for (_owner, action), keys in bindings().items():
        by_action.setdefault(action.removeprefix("app."), set()).update(keys)
    for command in (*WIZARD, *START):
        if not command.keys:  # a command of the palette only («Dividi i nomi, uno per riga»)
            continue
        action = command.action + "".join(f"('{arg}')" for arg in command.args)
        named = {key.strip().lower() for key in command.keys.split(",")}
        assert named <= by_action[action], command.title


async def test_an_alt_key_in_a_text_field_runs_its_action_and_types_nothing(tmp_path: Path) -> None:
    """Alt+letter reaches Textual as a printable letter: outside the review it typed «a» in the answer."""
    app = fx.fresh(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await pilot.pause()
        session_of(app).answers.set("header/place", "Lecco")
        current(app).boxes()["header/administration"].focus_input()
        await pilot.pause()
        await pilot.press("C", "o", "m")
        for key in ("alt+e", "alt+a"):  # as the terminal driver reads Esc+e: a key carrying its letter
            event = Key(key, key[-1])
            event.set_sender(app)
            app.post_message(event)
        await wait_for(pilot, lambda: isinstance(app.screen, fx.Preview), "the preview")
        assert session_of(app).answers.get("header/administration") == "Com"
        assert path_of(app).with_suffix(".md").exists()
