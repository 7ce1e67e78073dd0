"""«Importa documento…» on the start screen: a path with Tab completion, the import's summary,
then the new session on its first step «da rivedere»; the command line's errors in a dialog, with
nothing written."""

from __future__ import annotations

import io
from pathlib import Path

from textual.widgets import Button, Input, Static

from oivtui.tui.app import OivApp
from screens.dialogs.ask_path import AskPath, complete
from screens.dialogs.notice import Notice
from tests.corpus.measure import DOCUMENTS
from tests.tui.effects import dialog_text
from tests.tui.helpers import current, wait_for

SIZE = (80, 24)


def test_tab_completes_a_path_as_the_shell_does(tmp_path: Path) -> None:
    (tmp_path / "monitoraggio-2024.docx").write_bytes(b"")
    (tmp_path / "monitoraggio-2024.pdf").write_bytes(b"")
    (tmp_path / "cartella").mkdir()
    assert complete(f"{tmp_path}/mon") == (
        f"{tmp_path}/monitoraggio-2024.",
        ["monitoraggio-2024.docx", "monitoraggio-2024.pdf"],
    )
    assert complete(f"{tmp_path}/car") == (f"{tmp_path}/cartella/", [])
    assert complete(f"{tmp_path}/nulla") == (f"{tmp_path}/nulla", [])


async def test_a_document_is_imported_from_the_start_screen(tmp_path: Path) -> None:
    folder = tmp_path / "sessioni"
    folder.mkdir()
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, AskPath), what="the path dialog")
        field = app.screen.query_one("#path", Input)
        field.value = f"{DOCUMENTS}/seed-pan"
        await pilot.press("tab")
        assert field.value == f"{DOCUMENTS}/seed-pandoc."  # as far as the three names agree
        assert "seed-pandoc.docx" in str(app.screen.query_one("#path-hint", Static).render())
        await pilot.press(*"docx", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice), what="the summary", timeout=30)
        text = dialog_text(app)
        assert "Documento importato" in text or "domande riconosciute" in text
        assert "50 domande riconosciute su 50" in text and "da rivedere" in text
        written = list(folder.glob("sessione-*.toml"))
        assert len(written) == 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.wizard is not None, what="the wizard", timeout=30)
        session = app.session
        assert session is not None and session.path == written[0]
        assert current(app).step_id == session.to_review[0]
        assert session.answers.get("tab.1/dirigenti_ii/in_service") == 2


async def test_a_scan_is_refused_in_a_dialog_and_nothing_is_written(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    scan = tmp_path / "scansione.pdf"
    scan.write_bytes(buffer.getvalue())
    folder = tmp_path / "sessioni"
    folder.mkdir()
    app = OivApp(folder=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, AskPath), what="the path dialog")
        app.screen.query_one("#path", Input).value = str(scan)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice), what="the error", timeout=30)
        text = dialog_text(app)
        assert "livello di testo" in text and "OCR" in text and "Nessun file scritto" in text
        assert list(folder.iterdir()) == []
        assert app.wizard is None
        assert {str(button.id) for button in app.screen.query(Button)} == {"ok"}
        await pilot.click("#ok")
        await wait_for(pilot, lambda: not isinstance(app.screen, Notice), what="the message closed")
        assert app.wizard is None and list(folder.iterdir()) == []  # back on the start screen
