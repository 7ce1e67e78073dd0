"""Drive the wizard as a user would: focus a field, type or paste, pick an option."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from oivtui.files.session import Session
from oivtui.tui.app import OivApp
from questionnaire.form.model import Field, split_address
from screens.compat import screen_strips
from screens.start import StartScreen
from screens.steps.step import StepView
from screens.widgets.fields import OTHER_LABEL, ChoiceBox, ChoiceList, FieldBox, format_value
from screens.widgets.index import StepIndex


async def wait_for(pilot: Pilot, condition: Callable[[], object], what: str = "", timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` is true; fail, naming ``what`` (or the condition), after ``timeout`` s.

    Instead of a fixed pause: as short as the app allows, and a clear message when it never happens.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {what or getattr(condition, '__name__', condition)}")
        await pilot.pause(0.02)


async def wait_until(condition: Callable[[], object], timeout: float = 5.0, what: str = "") -> None:
    """``wait_for`` without a Pilot: for tests that drive a loop of their own."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {what or getattr(condition, '__name__', condition)}")
        await asyncio.sleep(0.02)


def new_app(path: Path) -> OivApp:
    return OivApp(Session(path=path))


def session_of(app: OivApp) -> Session:
    """The app's open session, which the test needs there (an assertion, not a silent ``None``)."""
    assert app.session is not None, "no session open"
    return app.session


def path_of(app: OivApp) -> Path:
    """The open session's file, which the test needs there."""
    path = session_of(app).path
    assert path is not None, "the session has no file"
    return path


def oiv(pilot: Pilot) -> OivApp:
    """The app a Pilot drives, as the OivApp the test started."""
    assert isinstance(pilot.app, OivApp)
    return pilot.app


def start_screen(app: OivApp) -> StartScreen[Any]:
    """The start screen, which the test expects on screen."""
    assert isinstance(app.screen, StartScreen)
    return app.screen


def palette_open(app: App[Any]) -> bool:
    """The command palette is open (``CommandPalette.is_open`` for any app)."""
    return CommandPalette.is_open(app)


def current(app: OivApp) -> StepView:
    """The step view on screen."""
    assert app.wizard is not None and app.wizard.current is not None
    return app.wizard.current


async def goto(pilot: Pilot, step_id: str) -> StepView:
    """Jump to a step the way the command palette or the index does."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    await app.goto(step_id)
    await pilot.pause()
    assert current(app).step_id == step_id
    return current(app)


async def focus_index(pilot: Pilot) -> StepIndex:
    """Open the step index with F2, as the user does; it has the focus."""
    await pilot.pause()
    await pilot.press("f2")
    index = pilot.app.screen.query_one(StepIndex)
    assert index.has_focus
    return index


def box(app: OivApp, address: str) -> FieldBox:
    return current(app).boxes()[address]


async def answer(pilot: Pilot, address: str, value: object) -> None:
    """Give ``value`` to the field at ``address`` on the current step, with keys or a paste."""
    app: OivApp = pilot.app  # type: ignore[assignment]
    target = box(app, address)
    field = target.field
    target.focus_input()
    await pilot.pause()
    if field.kind == "choice":
        assert isinstance(target, ChoiceBox)
        await pick(pilot, target, field, str(value))
    elif field.kind in ("text", "lines"):
        await paste(pilot, format_value(field, value))  # type: ignore[arg-type]
    else:
        text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
        await type_text(pilot, text)


async def review_with_one_error(pilot: Pilot) -> None:
    """On the review step of a new session whose annex has one contradiction (9 of 3 objectives
    with indicators): one error among dozens of answers still to give."""
    await goto(pilot, "annex")
    await answer(pilot, "7A/objectives", 3)
    await answer(pilot, "7A/with_indicators", 9)
    await goto(pilot, "review")


async def type_text(pilot: Pilot, text: str) -> None:
    """Type one key per character, as on a keyboard."""
    for char in text:
        await pilot.press(char if char != " " else "space")


async def paste(pilot: Pilot, text: str) -> None:
    """A bracketed paste of several lines into the focused text area (Input would keep one line)."""
    focused = pilot.app.focused
    assert isinstance(focused, TextArea), focused
    pilot.app.post_message(events.Paste(text))  # as the driver does: the app hands it to the focus
    await pilot.pause()


async def pick(pilot: Pilot, target: ChoiceBox, field: Field, value: str) -> None:
    """Home, arrow down to the option and press Enter; type the wording when no option fits."""
    labels = list(field.options) + ([OTHER_LABEL] if field.other else [])
    wanted = value if value in field.options else OTHER_LABEL
    assert pilot.app.focused is target.query_one(ChoiceList)
    await pilot.press("home")
    for _ in range(labels.index(wanted)):
        await pilot.press("down")
    await pilot.press("enter")
    if wanted == OTHER_LABEL:
        assert isinstance(pilot.app.focused, Input)
        await type_text(pilot, value)


def addresses_of(session: Session) -> list[tuple[str, str, object]]:
    """(step id, address, value) for every answer of ``session``, in form order."""
    out: list[tuple[str, str, object]] = []
    form = session.form
    for question in form.questions:
        for address in question.addresses():
            value = session.answers.get(address)
            if value is not None:
                out.append((question.step, address, value))
    return out


def row_of(address: str) -> str:
    return split_address(address)[1]


def shown_lines(app: OivApp, widget: Widget) -> list[str]:
    """The text the terminal shows over ``widget``'s region, line by line, as the user reads it.

    Textual draws headless too: this is the screen its compositor would write out (through
    ``screens.compat``: the public ``export_screenshot`` gives the same text as SVG only).
    """
    region = widget.region
    strips = screen_strips(app.screen)
    return [strip.text[region.x : region.right].rstrip() for strip in strips[region.y : region.bottom]]
