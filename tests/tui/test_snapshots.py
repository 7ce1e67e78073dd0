"""Layout at 80×24, reviewed as SVG snapshots (behaviour is asserted in the other tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from oivtui.files.autosave import Autosaver
from oivtui.files.example import example_session
from oivtui.tui.app import OivApp
from questionnaire.deadline import set_today
from tests.tui.helpers import session_of

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def fixed_status(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line shows a clock time and a temp path: pin it for the picture."""
    monkeypatch.setattr(Autosaver, "status", property(lambda self: "Salvato alle 10:00:00 · sessione.toml"))


@pytest.fixture(autouse=True)
def fixed_today() -> Iterator[None]:
    """The top bar counts the days to the deadline: from a day fixed for the picture (the
    example's PIAO is dated 31/01/2024, due 01/03/2024)."""
    set_today(dt.date(2024, 2, 20))
    yield
    set_today(None)


def example_app(tmp_path: Path, step: str) -> OivApp:
    session = example_session()
    session.path = tmp_path / "sessione.toml"
    session.position.step = step
    return OivApp(session)


def test_start_screen_without_sessions(snap_compare) -> None:
    app = OivApp(folder=Path("/nonexistent/oivtui-snapshot"))
    assert snap_compare(app, terminal_size=SIZE)


def test_block_with_answers(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(example_app(tmp_path, "b3"), terminal_size=SIZE)


def test_staff_table(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(example_app(tmp_path, "staff"), terminal_size=SIZE)


def test_review_step(snap_compare, tmp_path: Path) -> None:
    app = example_app(tmp_path, "review")
    session_of(app).answers.set("7A/with_indicators", 99)  # one error to list
    assert snap_compare(app, terminal_size=SIZE)
