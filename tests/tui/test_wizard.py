"""The wizard driven with Textual's Pilot: fill, move, validate, autosave, resume, review."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import OptionList

from oivtui.files import storage
from oivtui.files.autosave import SAVE_DELAY
from oivtui.files.example import example_session
from oivtui.files.session import Position
from oivtui.tui.app import OivApp
from screens.steps.review import ReviewView
from screens.widgets.index import StepIndex
from tests.tui.helpers import (
    addresses_of,
    answer,
    box,
    current,
    focus_index,
    goto,
    new_app,
    review_with_one_error,
    session_of,
    shown_lines,
    type_text,
    wait_for,
)

SIZE = (80, 24)


async def test_filling_the_example_through_the_ui_exports_the_example_report(tmp_path: Path) -> None:
    """Every answer of the Brescia example, typed, picked or pasted into the widgets."""
    from oivtui.reports.render import render_markdown

    example = example_session()
    path = tmp_path / "brescia.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        current = ""
        for step_id, address, value in addresses_of(example):
            if step_id != current:
                await goto(pilot, step_id)
                current = step_id
            await answer(pilot, address, value)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert session_of(app).answers.data == example.answers.data
    saved = storage.load(path)
    example.path = path  # the report's provenance line names the session file
    assert render_markdown(saved) == render_markdown(example)


async def test_next_and_previous_keys_walk_every_step_in_order(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = [current(app).step_id]
        for _ in range(len(app.step_ids) + 2):
            await pilot.press("f6")
            await pilot.pause()
            seen.append(current(app).step_id)
        assert seen[: len(app.step_ids)] == app.step_ids
        assert seen[-1] == "review"
        await pilot.press("f5")
        await pilot.pause()
        assert current(app).step_id == "annex"


async def test_index_jumps_to_a_block_and_shows_its_state(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await focus_index(pilot)
        for _ in range(app.step_ids.index("b7")):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert current(app).step_id == "b7"
        await answer(pilot, "7.1/text", "Più del 50% degli indicatori.")
        await pilot.pause()
        prompt = app.screen.query_one(StepIndex).prompt("b7").plain
        assert prompt.startswith("◐")  # partial: one of two questions answered


async def answer_12_2(pilot) -> None:
    """On block 12, type an answer into 12.2 (the session is saved within SAVE_DELAY)."""
    app: OivApp = pilot.app
    await goto(pilot, "b12")
    box(app, "12.2/text").focus_input()
    await pilot.pause()
    await type_text(pilot, "Sì")


async def resumed_on(path: Path, address: str, step: str = "b12") -> list[str]:
    """Open the saved session again: it shows ``step`` with the field at ``address`` focused.

    Returns the lines of text the step shows then, as ``oivtui open`` leaves it scrolled.
    """
    resumed = OivApp(storage.load(path))
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()  # the view scrolls to the field after its first refresh
        assert current(resumed).step_id == step
        assert resumed.focused is not None
        assert box(resumed, address).has_focus_within
        view = current(resumed)
        text_width = view.scrollable_content_region.right - view.region.x  # the scroll bar left out
        return [text for line in shown_lines(resumed, view) if (text := line[:text_width].strip())]


async def test_resume_opens_the_step_and_field_where_the_user_left(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await answer_12_2(pilot)
        await pilot.press("ctrl+q")
    await resumed_on(path, "12.2/text")


async def resume_example_at(tmp_path: Path, address: str) -> list[str]:
    """Save the example with block 1's ``address`` as where the user was, and open it again."""
    session = example_session()
    session.path = tmp_path / "s.toml"
    session.position = Position("b1", address)
    storage.save(session)
    return await resumed_on(session.path, address, step="b1")


async def test_resuming_on_a_field_shows_the_question_it_answers_above_it(tmp_path: Path) -> None:
    lines = await resume_example_at(tmp_path, "1.1/choice")
    assert lines[0].startswith("1.1 - Gli obiettivi strategici sono pertinenti")  # not «Risposta breve» alone
    assert "Risposta breve" in lines and "( ) Sì" in lines


async def test_resuming_on_a_field_too_long_to_share_the_screen_with_its_question_shows_the_field(
    tmp_path: Path,
) -> None:
    lines = await resume_example_at(tmp_path, "1.1/example")
    assert lines[0] == "Esempio"  # the field's label at the top, the answer under it
    assert not any(line.startswith("1.1 - ") for line in lines)


async def test_quitting_keeps_the_field_reached_with_tab_even_without_typing(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await answer_12_2(pilot)
        # saved by the autosave: what follows changes no answer
        await wait_for(pilot, lambda: storage.load(path).answers.get("12.2/text") == "Sì", what="12.2 saved")
        await pilot.press("tab")
        await pilot.pause()
        moved_to = session_of(app).position.field
        assert moved_to != "12.2/text"
        await pilot.press("ctrl+q")
    assert storage.load(path).position.field == moved_to
    await resumed_on(path, moved_to)


async def test_autosave_writes_a_change_within_a_second_without_ctrl_s(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Comune di Lecco")
        await wait_for(pilot, lambda: "Comune di Lecco" in path.read_text("utf-8"), timeout=1.0, what="saved")
        on_disk = tomllib.loads(path.read_text("utf-8"))
        assert on_disk["header"]["administration"] == "Comune di Lecco"
        assert "Salvato alle" in app.save_status


async def test_error_appears_when_leaving_the_field_and_clears_when_fixed(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        await answer(pilot, "tab.1/dirigenti_i/in_service", 2)
        await answer(pilot, "tab.1/dirigenti_i/assigned", 5)
        assigned = box(app, "tab.1/dirigenti_i/assigned")
        assert not assigned.has_class("-error")  # still typing: no message yet
        await pilot.press("tab")
        await pilot.pause()
        assert assigned.has_class("-error")
        message = str(assigned.query_one(".field-problem").render())
        assert "supera" in message
        assigned.focus_input()
        await pilot.press("backspace")
        await type_text(pilot, "1")
        await pilot.pause()
        assert not assigned.has_class("-error")
        index = app.screen.query_one(StepIndex)
        assert index.prompt("staff").plain.startswith("◐")  # share and coherence still to give: no error
        await answer(pilot, "tab.1/dirigenti_i/interview_share", "50% - 100%")
        await answer(pilot, "tab.2/dirigenti_i/coherent", "Sì")
        await pilot.pause()
        assert index.prompt("staff").plain.startswith("◐")


async def test_a_count_shows_its_whole_label_beside_the_number_and_its_problem_below(tmp_path: Path) -> None:
    """The annex at 80×24: a count's problem used to squeeze its label into one column, one
    letter a line, and push the message off the right edge of the screen."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "annex")
        await answer(pilot, "7A/objectives", 3)
        await answer(pilot, "7A/with_indicators", 9)
        await pilot.press("tab")
        await pilot.pause()
        target = box(app, "7A/with_indicators")
        assert target.has_class("-error")
        lines = shown_lines(app, target)
        assert lines[0].startswith("Numero obiettivi strategici con ") and lines[0].endswith(" 9")
        assert lines[1] == "indicatori"
        shown = " ".join(" ".join(lines[2:]).split())
        assert (
            shown == "✗ «Numero obiettivi strategici con indicatori» (9) supera «Numero obiettivi strategici "
            "totali» (3): correggi uno dei due numeri."
        )
        assert all(len(line) <= target.region.width for line in lines)


async def test_review_lists_problems_and_jumps_to_the_field(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await review_with_one_error(pilot)
        problems = app.screen.query_one("#problems", OptionList)
        texts = [str(problems.get_option_at_index(i).prompt) for i in range(problems.option_count)]
        wrong = next(i for i, t in enumerate(texts) if "supera" in t)
        assert any("obbligatori" in t or "Manca la risposta" in t for t in texts)
        problems.focus()
        problems.highlighted = wrong
        await pilot.press("enter")
        await pilot.pause()
        assert current(app).step_id == "annex"
        assert box(app, "7A/with_indicators").has_focus_within


async def test_review_exports_markdown_next_to_the_session(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Comune di Lecco")
        await goto(pilot, "review")
        assert isinstance(current(app), ReviewView)
        await pilot.press("f8")
        await pilot.pause()
        shown = str(app.screen.query_one("#export-result").render())
        assert str(tmp_path / "s.md") in shown
    report = (tmp_path / "s.md").read_text("utf-8")
    assert "Comune di Lecco" in report
    assert "BOZZA" in report


async def test_a_second_app_on_the_same_file_is_told_and_can_open_read_only(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    first = new_app(path)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        second = OivApp(storage.load(path))
        async with second.run_test(size=SIZE) as pilot2:
            await pilot2.pause()
            text = str(second.screen.query_one(".dialog-text Static").render())
            assert "già aperto" in text
            await pilot2.press("enter")  # "Apri in sola lettura" is the first button
            await pilot2.pause()
            assert second.read_only
            assert "SOLA LETTURA" in str(second.screen.query_one("#topbar").render())
            before = path.read_bytes()
            await type_text(pilot2, "xyz")
            await pilot2.pause(SAVE_DELAY + 0.2)  # nothing to wait for: a save would have come by now
            assert path.read_bytes() == before


async def test_the_wizard_keeps_working_when_the_terminal_is_resized(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b2")
        index = app.screen.query_one(StepIndex)
        for size, index_width in (((60, 20), 18), ((120, 40), 28), ((80, 24), 28)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert index.display and index.outer_size.width == index_width
            assert box(app, "2.1/text").region.right <= size[0]
        await pilot.resize_terminal(45, 20)
        await pilot.pause()
        assert not index.display  # too narrow for the index: F2 brings it back
        await pilot.press("f2")
        await pilot.pause()
        assert index.display and index.has_focus


async def test_command_palette_goes_to_a_block(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Vai a: 13 Coinvolgimento")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, what="the command found")
        await pilot.press("enter")
        await pilot.pause()
        assert current(app).step_id == "b13"


async def test_copy_sends_the_report_to_the_clipboard(tmp_path: Path) -> None:
    from oivtui.reports.render import render_markdown

    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Comune di Lecco")
        await goto(pilot, "review")
        await pilot.press("f10")
        await pilot.pause()
        assert app.clipboard == render_markdown(session_of(app))
        assert "OSC 52" in str(app.screen.query_one("#export-result").render())


async def test_f1_explains_the_focused_field(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box(app, "header/triennium").focus_input()
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one(".dialog-text Static").render())
        assert "Tre anni consecutivi" in text and "F6" in text
        await pilot.press("enter")
        await pilot.pause()
        assert box(app, "header/triennium").has_focus_within


async def test_typing_on_a_resumed_field_adds_to_the_answer_instead_of_replacing_it(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Comune di Lecco")
        await pilot.press("ctrl+q")
    resumed = OivApp(storage.load(path))
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert box(resumed, "header/administration").has_focus_within
        await type_text(pilot, " (LC)")
        await pilot.pause()
        assert session_of(resumed).answers.get("header/administration") == "Comune di Lecco (LC)"


async def test_brackets_in_names_are_shown_as_typed_not_read_as_markup(tmp_path: Path) -> None:
    """Textual reads «[…]» as style markup: «Comune [BS]» showed as «Comune », and «[/]» crashed."""
    path = tmp_path / "prova [2024].toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Comune [BS] [/]")
        await pilot.press("tab")
        # the autosave writes, the status line names the file
        await wait_for(pilot, lambda: "prova [2024].toml" in str(app.screen.query_one("#status").render()))
        assert "Comune [BS] [/]" in str(app.screen.query_one("#topbar").render())
        assert "prova [2024].toml" in str(app.screen.query_one("#status").render())
        await pilot.press("ctrl+q")
    assert storage.load(path).administration == "Comune [BS] [/]"


@pytest.mark.parametrize(("button", "suffix"), [("#export-md", "md"), ("#export-html", "html")])
async def test_the_review_buttons_export_next_to_the_session(tmp_path: Path, button: str, suffix: str) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Comune di Lecco")
        await goto(pilot, "review")
        await pilot.click(button)
        await pilot.pause()
        shown = str(app.screen.query_one("#export-result").render())
        assert str(tmp_path / f"s.{suffix}") in shown
    assert "Comune di Lecco" in (tmp_path / f"s.{suffix}").read_text("utf-8")
