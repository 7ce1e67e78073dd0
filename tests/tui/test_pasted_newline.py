"""A newline pasted without bracketed paste into a one-line field never changes the next field (issue 25, §8).

A terminal without bracketed paste sends a pasted «Ancona⏎sede legale» as keys, in one burst: the
Invio moved on and «sede legale» was appended to a valid «Data della firma».
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from textual.notifications import Notify

from tests.tui.helpers import new_app, session_of
from tests.tui.ptyrun import PtyApp
from tests.tui.test_bursts import burst, run_burst

TAB, ENTER, SHIFT_TAB, CTRL_Q = "\t", "\r", "\x1b[Z", "\x11"
TO_PLACE = TAB * 3
SIZE = (80, 24)


def test_a_pasted_newline_stays_in_the_place_and_the_date_after_it_is_untouched(tmp_path: Path) -> None:
    before = TO_PLACE + TAB + "26/02/2025" + SHIFT_TAB  # the date first, then back to the place
    header = run_burst(tmp_path, f"Ancona{ENTER}sede legale", before=before)["header"]
    assert header["place"] == "Ancona sede legale"
    assert header["signature_date"] == dt.date(2025, 2, 26)


def test_a_pasted_newline_stays_in_the_place_when_the_date_after_it_is_empty(tmp_path: Path) -> None:
    header = run_burst(tmp_path, f"Ancona{ENTER}sede legale", before=TO_PLACE)["header"]
    assert header["place"] == "Ancona sede legale"
    assert "signature_date" not in header


def test_a_pasted_empty_line_makes_one_space_and_nothing_moves_on(tmp_path: Path) -> None:
    header = run_burst(tmp_path, f"Ancona{ENTER}{ENTER}sede{ENTER}legale", before=TO_PLACE)["header"]
    assert header["place"] == "Ancona sede legale"
    assert "signature_date" not in header


def test_an_invio_ending_a_burst_moves_on(tmp_path: Path) -> None:
    """Invio followed by nothing (or a key that is not text) in its burst: typed, not pasted."""
    for number, keys in enumerate([f"Ancona{ENTER}", f"Ancona{ENTER}{TAB}"]):
        (tmp_path / str(number)).mkdir()
        data = run_burst(tmp_path / str(number), keys, before=TO_PLACE)
        assert data["header"]["place"] == "Ancona"
        assert data["position"]["field"] == ["header/signature_date", "header/signatory_role"][number]


def test_an_invio_typed_on_its_own_still_moves_on(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    app = PtyApp("new", str(path), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.read(0.3)
        app.type(TO_PLACE + "Ancona" + ENTER + "26/02/2025", delay=0.08)  # one key at a time
        app.settle()
        app.key(CTRL_Q.encode())
        assert app.wait_exit(15) == 0, app.output[-2000:]
    finally:
        app.kill()
    header = tomllib.loads(path.read_text("utf-8"))["header"]
    assert (header["place"], header["signature_date"]) == ("Ancona", dt.date(2025, 2, 26))


async def test_the_pasted_newline_into_an_empty_next_field_is_said_once(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * 3)
        await burst(pilot, *"Ancona", "enter", *"sede", "enter", *"legale")
        said = [str(m.notification.message) for m in seen if isinstance(m, Notify)]
        assert [s for s in said if "un a capo" in s] == [
            "Dati generali – Luogo della firma: un a capo arrivato insieme al testo che lo segue (un incolla) è "
            "diventato uno spazio, così il testo resta in questo campo. Per passare al campo successivo usa Tab."
        ]
        assert session_of(app).answers.get("header/place") == "Ancona sede legale"
        assert session_of(app).answers.get("header/signature_date") is None


async def test_the_pasted_newline_is_said(tmp_path: Path) -> None:
    seen: list[object] = []
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * 4, *"26/02/2025", "shift+tab")
        await burst(pilot, *"Ancona", "enter", *"sede")
        said = [str(m.notification.message) for m in seen if isinstance(m, Notify)]
        assert any(s.startswith("Dati generali – Luogo della firma: un a capo arrivato") for s in said), said
        assert session_of(app).answers.get("header/place") == "Ancona sede"
        assert session_of(app).answers.get("header/signature_date") == dt.date(2025, 2, 26)


async def reads(pilot, *chunks: list[str]) -> None:
    """Post the keys of several terminal reads at once, each key tagged with its read, as the
    driver tags them (``read_of``): a busy app finds them all queued together."""
    from textual import events

    from oivtui.tui import terminal

    app = pilot.app
    for number, chunk in enumerate(chunks, start=10_000):
        for key in chunk:
            event = events.Key("space" if key == " " else key, key if len(key) == 1 else None)
            event.set_sender(app)
            terminal._READ_OF[event] = number
            app.post_message(event)
    await burst(pilot)  # wait them out


async def test_an_invio_typed_apart_but_queued_by_a_busy_app_moves_on(tmp_path: Path) -> None:
    """«Ancona⏎» in one read, «26/02/2025» in the next: typed 80 ms apart on a loaded server, the
    keys were queued together and taken for a paste. What counts is the read they came in."""
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * 3)
        await reads(pilot, [*"Ancona", "enter"], [*"26/02/2025"])
        assert session_of(app).answers.get("header/place") == "Ancona"
        assert session_of(app).answers.get("header/signature_date") == dt.date(2025, 2, 26)


async def test_an_invio_and_text_in_one_read_are_a_paste(tmp_path: Path) -> None:
    app = new_app(tmp_path / "s.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * 3)
        await reads(pilot, [*"Ancona", "enter", *"sede"], [*" legale"])
        assert session_of(app).answers.get("header/place") == "Ancona sede legale"
        assert session_of(app).answers.get("header/signature_date") is None
