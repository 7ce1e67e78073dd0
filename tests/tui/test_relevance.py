"""Fields that apply only sometimes, in the wizard at 80×24: hidden and out of the Tab order until
their condition holds, shown as soon as it does (the Azienda Speciale counts, «(se no) motivazioni»)."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget

from oivtui.tui.app import OivApp
from screens.widgets.fields import FieldBox
from tests.comune import AGENCY_FIELDS, comune_session
from tests.tui.helpers import answer, box, goto, shown_lines, wait_for

SIZE = (80, 24)


def focused_address(app: OivApp) -> str:
    widget: Widget | None = app.focused
    while widget is not None and not isinstance(widget, FieldBox):
        widget = widget.parent  # type: ignore[assignment]
    return widget.address if widget is not None else ""


def screen_text(app: OivApp) -> str:
    return "\n".join(shown_lines(app, app.screen))


async def test_the_agency_counts_appear_only_once_the_header_names_an_agency(tmp_path: Path) -> None:
    session = comune_session()
    session.path = tmp_path / "comune.toml"
    app = OivApp(session)
    async with app.run_test(size=SIZE) as pilot:
        view = await goto(pilot, "annex")
        hidden = [address for address in AGENCY_FIELDS if not view.boxes()[address].display]
        assert hidden == list(AGENCY_FIELDS)
        box(app, "7B/objectives").focus_input()
        await pilot.press("tab")
        assert focused_address(app) == "7B/with_indicators"  # the agency's share is skipped
        box(app, "7A/with_human").focus_input()
        await pilot.press("tab")
        assert focused_address(app) == "7B/objectives"  # 7A/to_agency too
        for _ in range(12):
            await pilot.press("tab")
            assert focused_address(app) not in AGENCY_FIELDS
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "assegnati all'Azienda Speciale" not in screen_text(app)

        await goto(pilot, "header")
        await answer(pilot, "header/special_agency", "Pro Comune")
        view = await goto(pilot, "annex")
        await wait_for(pilot, lambda: all(view.boxes()[a].display for a in AGENCY_FIELDS), what="agency fields shown")
        box(app, "7B/objectives").focus_input()
        await pilot.press("tab")
        assert focused_address(app) == "7B/objectives_agency"
        await pilot.pause()
        shown = shown_lines(app, box(app, "7B/objectives_agency"))  # label and input (placeholder 0) side by side
        assert shown[0].startswith("Numero obiettivi operativi") and shown[1].strip() == "dell'Azienda Speciale"
        assert session.answers.get("header/special_agency") == "Pro Comune"


async def test_the_reasons_of_a_row_appear_when_it_is_answered_no(tmp_path: Path) -> None:
    session = comune_session()
    session.path = tmp_path / "comune.toml"
    app = OivApp(session)
    async with app.run_test(size=SIZE) as pilot:
        view = await goto(pilot, "staff")
        reasons = "tab.2/dirigenti_i/reasons"
        assert not view.boxes()[reasons].display  # «Sì»
        assert view.boxes()["tab.2/dirigenti_ii/reasons"].display  # the row answered «No»
        assert not view.boxes()["tab.2/non_dirigenti/reasons"].display  # no answer yet

        await answer(pilot, "tab.2/dirigenti_i/coherent", "No")
        await wait_for(pilot, lambda: view.boxes()[reasons].display, what="reasons shown on «No»")
        box(app, "tab.2/dirigenti_i/coherent").focus_input()
        await pilot.press("tab")
        assert focused_address(app) == reasons  # the next Tab goes to it
        await pilot.pause()
        assert "(se no) motivazioni" in " ".join(shown_lines(app, box(app, reasons)))

        await answer(pilot, "tab.2/dirigenti_i/coherent", "Sì")
        await wait_for(pilot, lambda: not view.boxes()[reasons].display, what="reasons hidden again on «Sì»")
        await pilot.press("tab")
        assert focused_address(app) == "tab.2/dirigenti_ii/coherent"
