"""A session made by `oivtui import`: its review marks, and the source excerpt under each field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from oivtui.cli.import_command import build, read
from oivtui.tui.app import OivApp
from screens.dialogs.notice import Notice
from tests.tui import effects as fx
from tests.tui.helpers import box, goto

SEED = Path(__file__).parent.parent / "data" / "seed_brescia_2024.md"


def imported_app(tmp_path: Path) -> OivApp:
    session = build(read(SEED), SEED, next_year=False).session
    session.path = tmp_path / "s.toml"
    return OivApp(session)


def under(app: OivApp, address: str) -> str:
    lines = box(app, address).query(".field-source").results(Static)
    return " ".join(str(line.render()) for line in lines)


async def test_each_imported_field_shows_where_it_was_read_and_ctrl_f_shows_it_whole(tmp_path: Path) -> None:
    app = imported_app(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "b1")
        assert "Risposte importate da un documento" in str(app.screen.query_one(".review-banner", Static).render())
        assert under(app, "1.2/choice") == "⤓ «Sì, prima della definizione d…» · Ctrl+F"
        assert under(app, "1.1/choice") == ""  # no option opens 1.1: nothing read, nothing shown
        box(app, "1.2/choice").focus_input()
        await pilot.pause()
        await pilot.press("ctrl+f")
        await fx.wait_for(pilot, lambda: isinstance(app.screen, Notice), "the source dialog")
        assert isinstance(app.screen, Notice) and app.screen.title_text == "Dal documento importato: Risposta breve"
        assert "«Sì, prima della definizione della relazione previsionale" in fx.dialog_text(app)
        await pilot.click("#ok")
        await fx.wait_for(pilot, lambda: not isinstance(app.screen, Notice), "the dialog closed")


async def test_a_field_left_empty_by_the_import_says_why(tmp_path: Path) -> None:
    outcome = read(SEED)
    outcome.doubt("13.1/choice", "più risposte segnate (Alto, Medio)", "☒ Alto ☒ Medio")
    session = build(outcome, SEED, next_year=False).session
    session.path = tmp_path / "s.toml"
    app = OivApp(session)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "b13")
        assert under(app, "13.1/choice") == "⚠ non importato: più risposte segnate (Alto, Medio) · Ctrl+F"
        box(app, "13.1/choice").focus_input()
        await pilot.pause()
        await pilot.press("f3")
        await fx.wait_for(pilot, lambda: isinstance(app.screen, Notice), "the source dialog")
        assert "☒ Alto ☒ Medio" in fx.dialog_text(app)


async def test_a_table_row_shows_its_line_once_and_a_count_its_label_and_number(tmp_path: Path) -> None:
    """A staff-table number showed a bare «⤓ Ctrl+F» (no room in its column), a count «…: 8»
    without its label: the row's line, label included, now shows once under the row's label, and
    a count shows its label (cut in the middle if long) and its number."""
    app = imported_app(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "staff")
        assert under(app, "tab.1/dirigenti_i/in_service") == ""  # the row's line says it
        field_row = box(app, "tab.1/dirigenti_i/in_service").parent
        assert field_row is not None and field_row.parent is not None
        row = field_row.parent
        lines = [str(s.render()) for s in row.query_children(".field-source").results(Static)]
        assert lines == [
            "⤓ «Dirigenti di I fascia e assi…| _ _ _ _1 | _ _ _ _1 | ☒ 50% - 100% ☐ 1% -49% ☐ 0%» · Ctrl+F"
        ]
        box(app, "tab.1/dirigenti_i/in_service").focus_input()
        await pilot.pause()
        await pilot.press("ctrl+f")  # the cell's own key still shows the whole line
        await fx.wait_for(pilot, lambda: isinstance(app.screen, Notice), "the source dialog")
        assert "Dirigenti di I fascia e assimilabili | _ _ _ _1" in fx.dialog_text(app)
        await pilot.press("escape")
        await goto(pilot, "annex")
        assert under(app, "7A/objectives") == "⤓ «Numero obiettivi strategici to…: 8» · Ctrl+F"
        assert under(app, "7B/objectives") == "⤓ «Numero obi…: 22 camerali e 3 dell…» · Ctrl+F"
        box(app, "7B/objectives").focus_input()
        await pilot.pause()
        await pilot.press("ctrl+f")
        await fx.wait_for(pilot, lambda: isinstance(app.screen, Notice), "the source dialog")
        assert "Numero obiettivi operativi: 22 camerali e 3 dell'Azienda speciale Pro Brixia" in fx.dialog_text(app)


async def test_an_imported_step_keeps_esci_salva_and_aiuto_in_the_key_bar_at_80_columns(tmp_path: Path) -> None:
    """«Rivisto» and «Confronta» join the bar on a step to review: they pushed Esci and Salva out."""
    app = imported_app(tmp_path)
    async with app.run_test(size=fx.SIZE) as pilot:
        await goto(pilot, "b1")
        bar = str(app.screen.query_one("#keybar").render()).rstrip()
        assert bar.startswith("^R Rivisto") and len(bar) <= 80, bar
        for key in ("^Q Esci", "^S Salva", "^G Aiuto"):
            assert key in bar, bar
        # the banner names the keys in the bar's order: Ctrl+R first, F9 after
        banner = str(app.screen.query_one(".review-banner", Static).render())
        assert "conferma il passo con Ctrl+R (o F9)" in banner
        await pilot.press("ctrl+s")  # and the key does what the bar says
        await fx.wait_for(pilot, lambda: (tmp_path / "s.toml").exists(), "the session saved")
