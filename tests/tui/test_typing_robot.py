"""A typing robot fills the whole example session through a real terminal, keys in random bursts.

The keys a user would press (letters, Enter in long texts, arrows and Enter on the lists, Tab to
the next field, F6 to the next step) are written to a pseudo-terminal in bursts of 1 to 200 keys,
each burst in one write, as an SSH link delivers fast typing or a paste. The export of what the
robot typed must equal, byte for byte, the export of ``oivtui example``.

The burst sizes come from a seeded generator; the seed is printed on failure. CI runs
``OIVTUI_ROBOT_RUNS`` seeds (default 1); the long mode in docs/reliability.md runs more.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oivtui.files.example import example_session
from questionnaire.form.answers import Answers
from questionnaire.form.model import Field, Form
from screens.widgets.fields import OTHER_LABEL
from tests.tui.ptyrun import PtyApp

TAB, ENTER, DOWN, HOME, F6, CTRL_Q = "\t", "\r", "\x1b[B", "\x1b[H", "\x1b[17~", "\x11"
NAME = "relazione-2024.toml"  # the same name for both files: the report names its session
RUNS = int(os.environ.get("OIVTUI_ROBOT_RUNS", "1"))
SEED = os.environ.get("OIVTUI_ROBOT_SEED")
MAX_BURST = 200


def keys_for(field: Field, value: object) -> list[str]:
    """The keys that give ``value`` to ``field`` once it has the focus."""
    if field.kind == "choice":
        labels = [*field.options, OTHER_LABEL]
        wanted = value if value in field.options else OTHER_LABEL
        keys = [HOME, *[DOWN] * labels.index(wanted), ENTER]
        return keys + (list(str(value)) if wanted == OTHER_LABEL else [])
    if isinstance(value, dt.date):
        return list(value.strftime("%d/%m/%Y"))
    if isinstance(value, list):
        value = "\n".join(value)
    return [ENTER if char == "\n" else char for char in str(value)]


def script(form: Form, answers: Answers) -> list[str]:
    """Every key of the whole session, step by step, field by field in reading order."""
    keys: list[str] = []
    for number, step in enumerate(form.steps):
        if number:
            keys.append(F6)
        fields = [  # a field that does not apply is hidden, and Tab passes it by
            (question.field(address.rsplit("/", 1)[1]), address)
            for question in step.questions
            for address in question.addresses()
            if answers.is_relevant(form, address)
        ]
        for index, (field, address) in enumerate(fields):
            value = answers.get(address)
            if value is not None:
                keys += keys_for(field, value)
            if index < len(fields) - 1:
                keys.append(TAB)
    return keys


def bursts(keys: list[str], rng: random.Random) -> list[str]:
    out, at = [], 0
    while at < len(keys):
        size = rng.randint(1, MAX_BURST)
        out.append("".join(keys[at : at + size]))
        at += size
    return out


def export(path: Path) -> bytes:
    done = subprocess.run([sys.executable, "-m", "oivtui", "export", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize("run", range(RUNS))
def test_the_whole_example_typed_in_bursts_exports_exactly_as_the_example(tmp_path: Path, run: int) -> None:
    seed = int(SEED) + run if SEED else random.randrange(2**32)
    example = example_session()
    keys = script(example.form, example.answers)
    typed_dir, example_dir = tmp_path / "typed", tmp_path / "example"
    typed_dir.mkdir()
    example_dir.mkdir()
    typed = typed_dir / NAME
    app = PtyApp("new", str(typed), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), f"seed {seed}: {app.output[-2000:]!r}"
        for burst in bursts(keys, random.Random(seed)):
            app.write_all(burst.encode("utf-8"))
        app.write_all(CTRL_Q.encode())
        assert app.wait_exit(120) == 0, f"seed {seed}: {app.output[-2000:]!r}"
    finally:
        app.kill()
    subprocess.run([sys.executable, "-m", "oivtui", "example", str(example_dir / NAME)], check=True, timeout=60)
    got, want = export(typed).decode(), export(example_dir / NAME).decode()
    assert got == want, f"seed {seed} ({len(keys)} keys): the typed session differs from the example"


# ---------------------------------------------------------------- the cases, key by key and in one burst


def typed(tmp_path: Path, before: str, keys: str, one_burst: bool) -> dict:
    """A new session: ``before`` typed key by key, then ``keys`` in one write or one key at a time."""
    import tomllib

    path = tmp_path / "s.toml"
    app = PtyApp("new", str(path), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.read(0.3)
        app.type(before, delay=0.08)
        if one_burst:
            app.write_all(keys.encode("utf-8"))
        else:  # each Invio once the app has drawn the keys before it and itself: typed, not pasted,
            for number, piece in enumerate(keys.split(ENTER)):  # however far behind a loaded machine keeps the app
                if number:
                    app.settle()
                    app.type(ENTER)
                    app.settle()
                app.type(piece, delay=0.08)
        app.settle()
        app.write_all(CTRL_Q.encode())
        assert app.wait_exit(20) == 0, app.output[-2000:]
    finally:
        app.kill()
    return tomllib.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("one_burst", [True, False], ids=["burst", "key-by-key"])
def test_ancona_newline_sede_legale_stays_in_the_place_when_pasted_and_moves_on_when_typed(
    tmp_path: Path, one_burst: bool
) -> None:
    """A paste without bracketed paste arrives in one burst: its newline stays in «Luogo della firma»
    as a space. Typed one key at a time, the Invio moves on to «Data della firma», as it always did."""
    header = typed(tmp_path, TAB * 3, f"Ancona{ENTER}sede legale", one_burst)["header"]
    if one_burst:
        assert header == {"place": "Ancona sede legale"}
    else:
        assert header == {"place": "Ancona", "signature_date": "sede legale"}


@pytest.mark.parametrize("one_burst", [True, False], ids=["burst", "key-by-key"])
def test_dopo_typed_as_the_disk_dialog_opens_is_in_the_field_and_the_file_after_keep_mine(
    tmp_path: Path, one_burst: bool
) -> None:
    """Another program changes the session file; the user types « bis», pauses (the dialog comes
    up), and types « DOPO» and Invio as it appears; then chooses «Tieni le mie» (Invio)."""
    import tomllib

    from tests.tui.test_disk_changed import edit_by_hand, session_file

    path = session_file(tmp_path)
    app = PtyApp("open", str(path), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Dati generali", 20), app.output[-2000:]
        app.read(0.5)
        edit_by_hand(path, 'place = "Brescia"', 'place = "Como"')
        app.key(b"\x1b[F")  # End
        app.type(" bis", delay=0.08)
        assert app.wait_for("Il file è cambiato su disco".encode(), 15), app.output[-1500:]
        if one_burst:
            app.write_all(f" DOPO{ENTER}".encode())
        else:
            app.type(f" DOPO{ENTER}", delay=0.06)
        app.read(1.0)  # the user reads the dialog, then chooses
        app.write_all(ENTER.encode())  # «Tieni le mie»
        assert app.wait_for("Messo in «Dati generali".encode(), 10), app.output[-1500:]
        app.read(1.0)  # the autosave
        app.write_all(CTRL_Q.encode())
        assert app.wait_exit(20) == 0, app.output[-2000:]
    finally:
        app.kill()
    header = tomllib.loads(path.read_text("utf-8"))["header"]
    assert header["administration"] == "Camera di Commercio di Brescia bis DOPO"
    assert header["place"] == "Brescia"


# ---------------------------------------------------------------- what the terminal shows after a burst


def terminal_screen(output: bytes) -> list[str]:
    """The 80×24 terminal's lines after ``output``, as the user reads them (pyte plays the bytes)."""
    import pyte

    screen = pyte.Screen(80, 24)
    pyte.ByteStream(screen).feed(output)
    return list(screen.display)


def painted_after(app: PtyApp, start: int) -> None:
    """Wait for what the keys written after ``start`` bytes of output paint: a burst is painted
    once all its keys are in (nothing before), then in one go; then for quiet."""
    deadline = time.monotonic() + 20
    while len(app.output) == start and time.monotonic() < deadline:
        app.read(0.1)
    app.settle(quiet=0.5)


def line_after(lines: list[str], label: str) -> str:
    """The step's text on the line under the one that shows ``label`` (right of the index)."""
    at = next(number for number, line in enumerate(lines) if label in line)
    return lines[at + 1].split("▕", 1)[1]


@pytest.mark.parametrize("one_burst", [True, False], ids=["burst", "key-by-key"])
def test_a_field_left_shows_its_text_from_the_start_on_the_terminal(tmp_path: Path, one_burst: bool) -> None:
    """«Comune di Ancona» typed into the PIAO date, wider than its box, then Tab: the terminal shows
    it from its first letter once left, not «omune di Ancona»; likewise a long place."""
    place = "Ancona, sede legale del Comune, Piazza XXIV Maggio"
    keys = f"{TAB * 2}Comune di Ancona{TAB}{place}{TAB}"
    app = PtyApp("new", str(tmp_path / "s.toml"), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.settle()
        start = len(app.output)
        if one_burst:
            app.write_all(keys.encode())
        else:
            app.type(keys, delay=0.08)
        painted_after(app, start)
        lines = terminal_screen(app.output)
        assert line_after(lines, "Data di adozione del PIAO").startswith(" Comune di Ancona"), "\n".join(lines)
        assert line_after(lines, "Luogo della firma").startswith(" Ancona, sede legale"), "\n".join(lines)
        app.write_all(CTRL_Q.encode())
        assert app.wait_exit(20) == 0, app.output[-2000:]
    finally:
        app.kill()


def test_a_notice_shown_while_a_burst_scrolls_the_step_leaves_the_screen_when_it_expires(tmp_path: Path) -> None:
    """The issue's case: a pasted «Ancona⏎sede legale» (one burst) makes a notice; the signatories,
    in a second burst, scroll the step under it. Once the notice has expired, its text must be
    gone from the terminal, and the lines it covered shown again."""
    from screens.widgets.fieldbase import NOTICE_SECONDS

    app = PtyApp("new", str(tmp_path / "s.toml"), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        assert app.wait_for(b"Amministrazione", 20), app.output[-2000:]
        app.settle()
        app.write_all(f"{TAB * 3}Ancona{ENTER}sede legale".encode())
        assert app.wait_for(b"un a capo arrivato", 10), app.output[-2000:]
        shown_at = time.monotonic()
        app.read(1.0)
        names = ["Prof. Mario Rossi", "Dott.ssa Anna Bianchi", "Dott. Luigi Verdi", "Ing. Carla Neri"]
        start = len(app.output)
        app.write_all((TAB * 3 + ENTER.join(names)).encode())
        painted_after(app, start)
        assert "un a capo arrivato" in "".join(terminal_screen(app.output)), "\n".join(terminal_screen(app.output))
        # The notice lasts 12 s (twice NOTICE_SECONDS: it has more to say); then a little more.
        app.read(max(0.0, shown_at + 2 * NOTICE_SECONDS + 1.5 - time.monotonic()))
        app.settle()
        lines = terminal_screen(app.output)
        screen = "\n".join(lines)
        assert "un a capo arrivato" not in screen and "Luogo della firma:" not in screen, screen
        assert [name for name in names if f" {name}" in screen] == names, screen  # the lines it covered, whole
        app.write_all(CTRL_Q.encode())
        assert app.wait_exit(20) == 0, app.output[-2000:]
    finally:
        app.kill()
