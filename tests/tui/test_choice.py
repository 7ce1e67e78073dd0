"""A choice field driven as a user does: arrows, Enter, Space, Canc, a click, its own wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.filter import NoColor
from textual.geometry import Region
from textual.notifications import Notify
from textual.widgets import Input

from oivtui.files.example import example_session
from oivtui.tui.app import OivApp
from screens.widgets.fields import OTHER_LABEL, ChoiceBox, ChoiceList, FieldBox
from tests.tui.helpers import answer, box, goto, new_app, session_of, type_text

SIZE = (80, 24)


def choice_list(app: OivApp, address: str) -> ChoiceList:
    target = box(app, address)
    assert isinstance(target, ChoiceBox)
    return target.query_one(ChoiceList)


def drawn(widget: ChoiceList, no_color: bool = False) -> list[list[Segment]]:
    """The widget's lines as the compositor gets them; through the NO_COLOR filter when asked."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    lines = [list(strip) for strip in strips]
    if no_color:
        lines = [NoColor().apply(line, Color(0, 0, 0)) for line in lines]
    return lines


def texts(widget: ChoiceList) -> list[str]:
    return ["".join(segment.text for segment in line).rstrip() for line in drawn(widget)]


def reversed_lines(widget: ChoiceList, no_color: bool = False) -> list[str]:
    """The text of the lines drawn reversed: the cursor, which must read without colour."""
    return [
        "".join(segment.text for segment in line).rstrip()
        for line in drawn(widget, no_color)
        if line and all(segment.style is not None and segment.style.reverse for segment in line)
    ]


def example_app(tmp_path: Path, step: str) -> OivApp:
    session = example_session()
    session.path = tmp_path / "s.toml"
    session.position.step = step
    session.position.field = ""
    return OivApp(session)


async def focus_choice(pilot, address: str) -> ChoiceList:
    box(pilot.app, address).focus_input()
    await pilot.pause()
    widget = choice_list(pilot.app, address)
    assert pilot.app.focused is widget
    return widget


async def test_arrows_and_enter_pick_an_option_and_the_mark_follows(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = await focus_choice(pilot, "1.1/choice")
        assert texts(widget) == ["( ) Sì", "( ) No", f"( ) {OTHER_LABEL}"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "No"
        assert texts(widget) == ["( ) Sì", "(●) No", f"( ) {OTHER_LABEL}"]
        await pilot.press("up", "enter")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "Sì"
        assert texts(widget)[0] == "(●) Sì"


async def test_space_picks_and_home_end_move_the_cursor(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b3")
        widget = await focus_choice(pilot, "3.1/choice")
        labels = box(app, "3.1/choice").field.options
        await pilot.press("end", "up", "space")
        await pilot.pause()
        assert session_of(app).answers.get("3.1/choice") == labels[-1]
        await pilot.press("home", "space")
        await pilot.pause()
        assert session_of(app).answers.get("3.1/choice") == labels[0]
        assert reversed_lines(widget) == [f"(●) {labels[0]}"]


async def test_delete_clears_the_choice(tmp_path: Path) -> None:
    app = example_app(tmp_path, "b1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert session_of(app).answers.get("1.2/choice") == "Sì"
        widget = await focus_choice(pilot, "1.2/choice")
        await pilot.press("delete")
        await pilot.pause()
        assert session_of(app).answers.get("1.2/choice") is None
        assert not any("●" in line for line in texts(widget))


async def test_the_other_wording_input_appears_is_saved_and_hides_again(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = await focus_choice(pilot, "1.1/choice")
        assert not [other for other in box(app, "1.1/choice").query(".other-input") if other.display]
        await pilot.press("end", "enter")
        await pilot.pause()
        other = box(app, "1.1/choice").query_one(".other-input", Input)
        assert other.display and app.focused is other
        await type_text(pilot, "In parte")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "In parte"
        assert texts(widget)[-1] == f"(●) {OTHER_LABEL}"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is widget
        await pilot.press("home", "enter")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "Sì"
        assert not other.display


async def test_resume_shows_the_chosen_mark_and_starts_the_cursor_on_it(tmp_path: Path) -> None:
    app = example_app(tmp_path, "b3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chosen = session_of(app).answers.get("3.2/choice")
        labels = box(app, "3.2/choice").field.options
        assert chosen == "Raramente" and labels.index(chosen) > 0
        widget = choice_list(app, "3.2/choice")
        assert f"(●) {chosen}" in texts(widget)
        assert reversed_lines(widget) == []  # no cursor until the list has the focus
        await focus_choice(pilot, "3.2/choice")
        assert reversed_lines(widget) == [f"(●) {chosen}"]
        await pilot.press("down", "enter")  # one below the chosen one, not below the first
        await pilot.pause()
        assert session_of(app).answers.get("3.2/choice") == labels[labels.index(chosen) + 1]


async def test_the_cursor_shows_only_while_focused(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = await focus_choice(pilot, "1.1/choice")
        assert reversed_lines(widget) == ["( ) Sì"]
        await pilot.press("down", "enter", "tab")
        await pilot.pause()
        assert app.focused is not widget
        assert reversed_lines(widget) == []
        assert "(●) No" in texts(widget)


async def test_no_color_still_shows_the_mark_and_the_cursor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = example_app(tmp_path, "b3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        widget = await focus_choice(pilot, "3.2/choice")
        await pilot.press("up")
        await pilot.pause()
        lines = drawn(widget, no_color=True)
        colours = {segment.style.color for line in lines for segment in line if segment.style is not None}
        assert all(colour is None or colour.is_default for colour in colours)  # the filter did its work
        assert "(●) Raramente" in texts(widget)
        assert reversed_lines(widget, no_color=True) == ["( ) Non sempre"]


async def test_a_click_picks_the_line_under_the_mouse(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = choice_list(app, "1.1/choice")
        assert await pilot.click(widget, offset=(3, 1))
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "No"
        assert app.focused is widget


async def test_long_options_wrap_under_their_label_and_the_height_fits(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b2")
        widget = choice_list(app, "2.3/choice")
        long = max(widget.options, key=len)
        assert len(long) + 4 > widget.size.width  # the case this test is about
        lines = texts(widget)
        assert widget.size.height == len(lines) == len(widget.options) + 1
        assert all(len(line) <= widget.size.width for line in lines)
        first = lines.index(next(line for line in lines if line.startswith("( ) ") and long.startswith(line[4:])))
        assert lines[first + 1].startswith("    ")
        assert " ".join(line[4:] for line in lines[first : first + 2]) == long


async def test_set_value_shows_the_value_without_posting_a_change(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "b1")
        target = box(app, "1.1/choice")
        widget = choice_list(app, "1.1/choice")
        seen.clear()
        target.set_value("No")
        await pilot.pause()
        assert "(●) No" in texts(widget)
        target.set_value("Formulazione propria")
        await pilot.pause()
        other = target.query_one(".other-input", Input)
        assert other.display and other.value == "Formulazione propria"
        assert texts(widget)[-1] == f"(●) {OTHER_LABEL}"
        assert not [message for message in seen if isinstance(message, FieldBox.Changed)]
        assert session_of(app).answers.get("1.1/choice") is None


async def test_a_read_only_session_ignores_keys_and_clicks(tmp_path: Path) -> None:
    session = example_session()
    session.path = tmp_path / "s.toml"
    session.position.step = "b1"
    app = OivApp(session, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widget = choice_list(app, "1.1/choice")
        before = texts(widget)
        await pilot.click(widget, offset=(3, 1))
        await pilot.press("down", "enter", "delete")
        await pilot.pause()
        assert app.focused is not widget
        assert texts(widget) == before == ["( ) Sì", "( ) No", f"( ) {OTHER_LABEL}"]
        assert session_of(app).answers.get("1.1/choice") is None


# ---------------------------------------------------------------- letters and digits


def notices(seen: list[object]) -> list[str]:
    """The notices (toasts) the app showed."""
    return [str(message.notification.message) for message in seen if isinstance(message, Notify)]


async def test_a_digit_picks_that_option(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b3")
        widget = await focus_choice(pilot, "3.1/choice")
        labels = box(app, "3.1/choice").field.options
        await pilot.press("2")
        await pilot.pause()
        assert session_of(app).answers.get("3.1/choice") == labels[1]
        assert f"(●) {labels[1]}" in texts(widget)
        await pilot.press("1")
        await pilot.pause()
        assert session_of(app).answers.get("3.1/choice") == labels[0]


async def test_the_last_option_is_picked_by_its_digit(tmp_path: Path) -> None:
    """On a list without «Altra formulazione…» (the staff table's interview share), the last digit."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        await answer(pilot, "tab.1/dirigenti_i/in_service", 5)
        await answer(pilot, "tab.1/dirigenti_i/assigned", 3)
        await pilot.pause()
        widget = await focus_choice(pilot, "tab.1/dirigenti_i/interview_share")
        labels = box(app, "tab.1/dirigenti_i/interview_share").field.options
        assert widget.options == labels  # no own wording here: the last digit is the last option
        await pilot.press(str(len(labels)))
        await pilot.pause()
        assert session_of(app).answers.get("tab.1/dirigenti_i/interview_share") == labels[-1]
        assert f"(●) {labels[-1]}" in texts(widget)


async def test_a_letter_moves_to_the_option_starting_with_it_accents_aside(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = await focus_choice(pilot, "1.1/choice")
        await pilot.press("down")  # the cursor on «No»
        await pilot.pause()
        await pilot.press("s")  # «s» finds «Sì»
        await pilot.pause()
        assert reversed_lines(widget) == ["( ) Sì"]
        assert session_of(app).answers.get("1.1/choice") is None  # moved, not picked: Enter picks
        await pilot.press("enter")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "Sì"


async def test_a_letter_typed_again_goes_to_the_next_option_starting_with_it(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b13")
        widget = await focus_choice(pilot, "13.1/choice")
        assert "Medio" in box(app, "13.1/choice").field.options
        await pilot.press("m")
        await pilot.pause()
        assert reversed_lines(widget) == ["( ) Medio alto"]
        await pilot.press("m")  # the same letter again: the next one starting with it
        await pilot.pause()
        assert reversed_lines(widget) == ["( ) Medio"]


async def test_typing_a_wording_of_ones_own_on_the_options_starts_it(tmp_path: Path) -> None:
    """«Solo in parte» on Sì / No: «S» moves to «Sì», «So» fits no option and starts the own wording."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = await focus_choice(pilot, "1.1/choice")
        await type_text(pilot, "Solo in parte")
        await pilot.pause()
        other = box(app, "1.1/choice").query_one(".other-input", Input)
        assert app.focused is other
        assert other.value == "Solo in parte"
        assert session_of(app).answers.get("1.1/choice") == "Solo in parte"
        assert texts(widget)[-1] == f"(●) {OTHER_LABEL}"


#: The staff table's «Coerente» field, as a notice names it: question, row and field.
COHERENT = "Domanda 2 – Dirigenti di I fascia e assimilabili – Coerente con il Sistema"


async def test_a_letter_no_option_starts_with_says_which_keys_work(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "staff")
        widget = await focus_choice(pilot, "tab.2/dirigenti_i/coherent")
        await pilot.press("x", "9")
        await pilot.pause()
        assert notices(seen) == [
            f"{COHERENT}: nessuna scelta inizia con «x». Scegli con le frecce, con l'iniziale o con il numero "
            "(da 1 a 2).",
            f"{COHERENT}: «9» non è il numero di una scelta. Scegli con le frecce, con l'iniziale o con il numero "
            "(da 1 a 2).",
        ]
        assert app.focused is widget
        assert session_of(app).answers.get("tab.2/dirigenti_i/coherent") is None


async def test_f1_on_a_list_tells_what_digits_and_letters_do(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        await focus_choice(pilot, "1.1/choice")
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one(".dialog-text Static").render())
        assert "sceglie quell'opzione" in text and "avviano la tua formulazione" in text


async def test_up_on_the_first_option_goes_round_to_the_last_and_down_back_to_the_first(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "b1")
        widget = await focus_choice(pilot, "1.1/choice")
        await pilot.press("up")
        await pilot.pause()
        assert reversed_lines(widget) == [f"( ) {OTHER_LABEL}"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") == "Sì"


async def test_on_a_list_with_nothing_chosen_a_letter_can_stay_on_the_highlighted_option(tmp_path: Path) -> None:
    """«o» Invio on a new «Firmatario» list: «OIV», the option the user sees highlighted."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box(app, "header/signatory_role").focus_input()
        await pilot.pause()
        await pilot.press("o", "enter")
        await pilot.pause()
        assert session_of(app).answers.get("header/signatory_role") == "OIV"
        await pilot.press("o")  # a choice made: the letter moves on
        await pilot.pause()
        assert box(app, "header/signatory_role").query_one(ChoiceList).cursor == 1


#: The notice names the question: 1.2's field has the same label, and the user is already on it.
UNPICKED = "Domanda 1.1 – Risposta breve: «Sì» è evidenziata ma non scelta."


async def test_leaving_an_option_reached_but_not_picked_is_said(tmp_path: Path) -> None:
    """«s» then Tab on Sì / No: the letter only moves the cursor, so Tab leaves nothing chosen,
    and a user who took «s» for «Sì» learns it there, not from the review at the end."""
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "b1")
        await focus_choice(pilot, "1.1/choice")
        await pilot.press("s", "tab", *"Perché")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/choice") is None
        assert [n for n in notices(seen) if n.startswith(UNPICKED)] == [
            f"{UNPICKED} Per sceglierla torna sul campo e premi Invio o Spazio, o il suo numero (1)."
        ]
        assert session_of(app).answers.get("1.1/text") == "Perché"  # the keys after Tab went on


@pytest.mark.parametrize(
    "keys",
    [
        ("tab",),  # passed over without a look: skipping a question is no mistake
        ("s", "enter", "tab"),  # picked
        ("down", "up", "2", "tab"),  # picked with its number after moving
    ],
    ids=["skipped", "picked", "number"],
)
async def test_leaving_a_choice_skipped_or_picked_says_nothing(keys: tuple[str, ...], tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await goto(pilot, "b1")
        await focus_choice(pilot, "1.1/choice")
        await pilot.press(*keys)
        await pilot.pause()
        assert not isinstance(app.focused, ChoiceList)
        assert not [n for n in notices(seen) if "evidenziata ma non scelta" in n]
