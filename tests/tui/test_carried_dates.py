"""The dates ``new --from`` leaves out on purpose are «to type», never «cancellato»."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.tui.app import OivApp
from oivtui.tui.starting import prepare_session
from tests.tui.helpers import answer, box, goto

SIZE = (80, 24)


def summary(app: OivApp, address: str) -> str:
    return str(box(app, address).query_one(".field-previous", Static).render())


async def test_dates_left_out_by_new_from_are_to_type_not_deleted(tmp_path: Path) -> None:
    last = tmp_path / "2024.toml"
    last.write_text(example_text(), "utf-8")
    session, message = prepare_session(tmp_path / "2025.toml", True, last, tmp_path)
    assert message == "" and session is not None
    app = OivApp(storage.load(tmp_path / "2025.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the notes of what was carried over
        await goto(pilot, "header")
        for address, last_year in (("header/piao_date", "31/01/2024"), ("header/signature_date", "26/02/2024")):
            shown = summary(app, address)
            assert "cancellato" not in shown
            assert shown == f"↻ anno precedente: {last_year} · da inserire per quest'anno"
        await answer(pilot, "header/piao_date", "30/01/2025")
        await pilot.press("tab")
        await pilot.pause()
        assert "Ctrl+F confronta" in summary(app, "header/piao_date")
        # other fields keep their summary: a text the user empties is «cancellato»
        assert "invariato" in summary(app, "header/place")
