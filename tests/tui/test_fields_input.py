"""What a field does with what is typed or pasted into it: kept as typed, said when it is not valid,
never a number the user did not type, never a control character in the file; text areas that
resume at the end of the answer and keep their cursor on screen."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.notifications import Notify
from textual.widgets import Input, TextArea

from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.session import Position
from oivtui.reports.render import render_markdown
from oivtui.tui.app import OivApp
from tests.tui.helpers import answer, box, current, goto, new_app, session_of, type_text, wait_for

SIZE = (80, 24)
COUNT = "tab.1/dirigenti_i/in_service"


def notices(seen: list[object]) -> list[str]:
    return [str(message.notification.message) for message in seen if isinstance(message, Notify)]


def problem_under(app: OivApp, address: str) -> str:
    """The message shown under the field, or "" when it shows none."""
    target = box(app, address)
    if not target.showing_problem:
        return ""
    return str(target.query_one(".field-problem").render())


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


async def type_into(pilot, address: str, text: str) -> None:
    box(pilot.app, address).focus_input()
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("tab")
    await pilot.pause()


async def paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))  # as the driver does: the app hands it to the focus
    await pilot.pause()


# ---------------------------------------------------------------- numbers and dates


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,5", "«12,5» non è un numero intero: scrivi solo cifre, senza virgola (per esempio 12)."),
        ("-57", "«-57»: il numero non può essere negativo; scrivi un numero intero da 0 in su."),
        ("abc", "«abc» non è un numero: scrivi un numero intero con sole cifre, per esempio 12."),
    ],
)
async def test_a_count_keeps_what_was_typed_and_says_why_it_is_not_a_number(
    tmp_path: Path, typed: str, message: str
) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        await type_into(pilot, COUNT, typed)
        assert box(app, COUNT).query_one(Input).value == typed  # nothing dropped, nothing changed
        assert message in problem_under(app, COUNT)
        await pilot.press("ctrl+q")
    saved = on_disk(path)["answers"]["tab.1"]["dirigenti_i"]["in_service"]
    assert saved == typed  # the text as typed, never a number the user did not type
    resumed = OivApp(storage.load(path))
    async with resumed.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        assert box(resumed, COUNT).query_one(Input).value == typed


async def test_a_count_with_italian_thousands_is_that_number(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        await type_into(pilot, COUNT, "1.000")
        assert box(app, COUNT).query_one(Input).value == "1.000"
        assert problem_under(app, COUNT) == ""
        assert session_of(app).answers.get(COUNT) == 1000


async def test_an_impossible_date_says_that_day_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "header/piao_date", "31/02/2026")
        assert "il 31 febbraio 2026 non esiste" in problem_under(app, "header/piao_date")
        assert session_of(app).answers.get("header/piao_date") == "31/02/2026"


async def test_a_date_in_words_is_read_as_oivtui_ask_reads_it(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "header/signature_date", "26 febbraio 2024")
        assert session_of(app).answers.get("header/signature_date") == dt.date(2024, 2, 26)
        assert problem_under(app, "header/signature_date") == ""


# ---------------------------------------------------------------- pastes


async def test_a_paste_of_several_lines_into_a_line_is_joined_and_said(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        box(app, "header/administration").focus_input()
        await pilot.pause()
        await paste(pilot, "Comune\ndi Roma\n")
        assert session_of(app).answers.get("header/administration") == "Comune di Roma"
        assert notices(seen) == [
            "Dati generali – Amministrazione: incollate 2 righe in un campo di una riga: unite in una, "
            "separate da spazi."
        ]


async def test_control_characters_of_a_paste_reach_neither_the_file_nor_the_report(tmp_path: Path) -> None:
    seen: list[object] = []
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        box(app, "header/administration").focus_input()
        await pilot.pause()
        await paste(pilot, "Comune\x07 di\x7f E\x1b[31mF\x01")
        await goto(pilot, "b1")
        box(app, "1.1/text").focus_input()
        await pilot.pause()
        assert notices(seen)[-1].startswith("Dati generali – Amministrazione: tolti dal testo incollato i caratteri")
        await paste(pilot, "E\x1b[31mF\x1b[0m\x01\x07\x7f\tG\nH")
        assert box(app, "1.1/text").query_one(TextArea).text == "EF\tG\nH"
        said = "Domanda 1.1 – Risposta: tolti dal testo incollato i caratteri di controllo (non stampabili)."
        assert notices(seen)[-1] == said, notices(seen)
        await pilot.press("ctrl+q")
    saved = storage.load(path)
    assert saved.answers.get("header/administration") == "Comune di EF"
    assert saved.answers.get("1.1/text") == "EF\tG\nH"  # tabs and line ends stay
    assert not any(char in path.read_text("utf-8") for char in "\x1b\x01\x07\x7f")
    report = render_markdown(saved)
    assert "EF" in report and not any(char in report for char in "\x1b\x01\x07\x7f")


# ---------------------------------------------------------------- text areas


LONG = "Il Comune non redige il PIRA perché non è tenuto a farlo.\n\nSeconda riga della risposta."


async def test_resuming_on_a_long_answer_types_at_its_end(tmp_path: Path) -> None:
    session = example_session()
    session.path = tmp_path / "s.toml"
    session.answers.set("1.1/text", LONG)
    session.position = Position("b1", "1.1/text")
    storage.save(session)
    app = OivApp(storage.load(session.path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert box(app, "1.1/text").has_focus_within
        await type_text(pilot, " Fine.")
        await pilot.pause()
        assert session_of(app).answers.get("1.1/text") == LONG + " Fine."


async def test_ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_whole_text(tmp_path: Path) -> None:
    session = example_session()
    session.path = tmp_path / "s.toml"
    session.answers.set("1.1/text", LONG)
    session.position = Position("b1", "1.1/text")
    app = OivApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+home", "A")
        await pilot.press("up", "ctrl+end", "Z")  # from the first line to the end of the last
        await pilot.pause()
        assert session_of(app).answers.get("1.1/text") == "A" + LONG + "Z"


async def cursor_on_screen(app: OivApp) -> bool:
    area = app.focused
    assert isinstance(area, TextArea)
    view = current(app)
    return view.scrollable_content_region.contains_point(area.cursor_screen_offset)


async def test_the_step_scrolls_to_keep_the_cursor_of_a_growing_answer_on_screen(tmp_path: Path) -> None:
    """The last field of the staff table: six lines typed made the box grow below the screen."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        await answer(pilot, "tab.2/non_dirigenti/coherent", "No")  # the reasons apply to a «No»
        await wait_for(pilot, lambda: box(app, "tab.2/non_dirigenti/reasons").display)
        box(app, "tab.2/non_dirigenti/reasons").focus_input()
        await pilot.pause()
        # Five lines put in at once (typed one key at a time they took 15 s), the sixth typed.
        area = box(app, "tab.2/non_dirigenti/reasons").query_one(TextArea)
        area.insert("".join(f"Riga {number} di un testo lungo che va a capo\n" for number in range(1, 6)))
        await pilot.pause()
        await type_text(pilot, "Riga 6 di un testo lungo che va a capo")
        await pilot.press("enter")
        await pilot.pause()
        assert await cursor_on_screen(app)


async def test_a_date_typed_year_first_is_that_date(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, "header/piao_date", "2024-02-26")
        assert session_of(app).answers.get("header/piao_date") == dt.date(2024, 2, 26)
        assert problem_under(app, "header/piao_date") == ""


async def test_the_message_under_a_field_follows_each_key_typed(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "staff")
        await type_into(pilot, COUNT, "1x")  # a field gets its message when left…
        assert "«1x» non è un numero" in problem_under(app, COUNT)
        box(app, COUNT).focus_input()
        await pilot.press("end", "y")
        await pilot.pause()
        assert "«1xy» non è un numero" in problem_under(app, COUNT)  # …then it follows the typing
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert problem_under(app, COUNT) == ""
