"""Every notice about a field names it, with its question or step (issue 25, «Messaggi in vista»):
the user may be elsewhere when it shows, and a label alone («Risposta») repeats on every block."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.notifications import Notify

from oivtui.tui.app import OivApp
from oivtui.tui.terminal import InvalidInput, PasteCleaned
from tests.tui.helpers import box, goto, new_app, oiv, session_of, type_text
from tests.tui.test_bursts import burst

SIZE = (80, 24)
ADMIN = "Dati generali – Amministrazione"


def notices(seen: list[object]) -> list[str]:
    return [str(m.notification.message) for m in seen if isinstance(m, Notify)]


async def on_administration(pilot) -> OivApp:
    app: OivApp = pilot.app
    await pilot.pause()
    box(app, "header/administration").focus_input()
    await pilot.pause()
    return app


@pytest.mark.parametrize(
    ("message", "said"),
    [
        (PasteCleaned, f"{ADMIN}: tolti dal testo incollato i caratteri di controllo (non stampabili)."),
        (InvalidInput, f"{ADMIN}: il terminale ha inviato byte non UTF-8: sono stati ignorati."),
    ],
)
async def test_what_the_terminal_dropped_names_the_field_typed_in(tmp_path: Path, message, said: str) -> None:
    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        app = await on_administration(pilot)
        app.post_message(message())
        await pilot.pause()
        assert any(n.startswith(said) for n in notices(seen)), notices(seen)


async def test_compare_where_there_is_no_last_years_answer_names_the_field(tmp_path: Path) -> None:
    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        await on_administration(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert notices(seen)[-1] == f"{ADMIN}: qui non c'è una risposta dell'anno precedente da confrontare."


async def test_the_editor_on_a_one_line_field_names_it(tmp_path: Path) -> None:
    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        await on_administration(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notices(seen)[-1] == (
            f"{ADMIN}: non è una risposta di testo lungo. Porta il cursore su una risposta di testo lungo, "
            "poi premi Ctrl+O (o F4)."
        )


async def test_the_editor_that_cannot_run_names_the_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "false")
    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        app = oiv(pilot)
        await goto(pilot, "b1")
        box(app, "1.1/text").focus_input()
        await pilot.pause()
        await pilot.press("ctrl+o")  # headless: the terminal cannot be handed over (or the editor fails)
        await pilot.pause()
        assert notices(seen)[-1].startswith(("Domanda 1.1 – Risposta: impossibile", "Domanda 1.1 – Risposta: l'editor"))


async def test_text_typed_on_the_index_names_the_field_it_goes_back_to(tmp_path: Path) -> None:
    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        app = await on_administration(pilot)
        await pilot.press("ctrl+l", *"Roma", "enter")
        await pilot.pause()
        assert notices(seen)[-1] == f"Messo in «{ADMIN}»: «Roma» (4 caratteri)."
        assert session_of(app).answers.get("header/administration") == "Roma"


async def test_an_invio_behind_text_a_dialog_did_not_take_names_the_field(tmp_path: Path) -> None:
    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        await on_administration(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause(0.7)  # the user has seen the help: what follows is typed at it
        await burst(pilot, *"xy", "enter")
        assert notices(seen)[-1] == (
            f"Invio non usato: arrivato dopo «xy» (2 caratteri), non destinati a questa finestra (eri in «{ADMIN}»). "
            "Scegli con Tab e Invio."
        )


async def test_a_paste_into_a_long_answer_names_its_question(tmp_path: Path) -> None:
    from textual import events

    seen: list[object] = []
    async with new_app(tmp_path / "s.toml").run_test(size=SIZE, message_hook=seen.append) as pilot:
        app = oiv(pilot)
        await goto(pilot, "b2")
        box(app, "2.1/text").focus_input()
        await pilot.pause()
        app.post_message(events.Paste("A\x07B"))
        await pilot.pause()
        assert notices(seen)[-1].startswith("Domanda 2.1 – Risposta: tolti dal testo incollato"), notices(seen)
        await type_text(pilot, "C")


async def test_the_step_notices_name_the_step(tmp_path: Path) -> None:
    """F9 where nothing is to review, F9 on a step to review, and «Dividi i nomi» with no crowded
    line: each notice says which step it is about."""
    from oivtui.files import storage
    from tests.tui.test_read_only import example_file

    path = example_file(tmp_path / "cartella", carried_over=True)
    seen: list[object] = []
    app = OivApp(storage.load(path))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "b1")
        await pilot.press("f9")
        await pilot.pause()
        assert notices(seen)[-1] == "1 Definizione degli obiettivi strategici: passo confermato, non è più da rivedere."
        assert "b1" not in session_of(app).to_review
        await pilot.press("f9")
        await pilot.pause()
        assert notices(seen)[-1] == (
            "1 Definizione degli obiettivi strategici: il passo non è da rivedere, non c'è nulla da confermare."
        )
        app.action_split_names()
        await pilot.pause()
        assert notices(seen)[-1] == (
            "1 Definizione degli obiettivi strategici: nessuna riga ha più nomi separati da virgole."
        )


@pytest.mark.parametrize(
    ("notice", "said"),
    [
        ("PIAO non trovato nel documento.", f"{ADMIN}: PIAO non trovato nel documento."),
        ("7B: numero mancante.", f"{ADMIN}: 7B: numero mancante."),
        ("Tolti i caratteri di controllo.", f"{ADMIN}: tolti i caratteri di controllo."),
        ("È vuoto.", f"{ADMIN}: è vuoto."),
        ("A capo tolto.", f"{ADMIN}: a capo tolto."),
        ("", ADMIN),
    ],
)
async def test_a_notice_named_after_its_field_keeps_an_acronym_and_survives_empty(
    tmp_path: Path, notice: str, said: str
) -> None:
    """«PIAO…» stays «PIAO…» (not «pIAO…»); an empty notice is the field's name, not an IndexError."""
    from screens.widgets.fieldbase import about

    async with new_app(tmp_path / "s.toml").run_test(size=SIZE) as pilot:
        app = await on_administration(pilot)
        assert about(box(app, "header/administration"), notice) == said
        assert about(None, notice) == notice
