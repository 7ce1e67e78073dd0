"""kill -9 at random moments while a user types: the file always parses and loses nothing it showed.

Each run opens the session under a real pseudo-terminal, clears the «Amministrazione» field and
types a new value one key at a time, with pauses, then kills the process with SIGKILL: while it
starts, while the user types, or aimed at the moment an autosave is due. Then:

* the session file loads (``storage.load``) and every other answer is unchanged;
* the value on disk is one the user had on screen, and every value that was on screen for longer
  than the autosave delay (plus ``GRACE`` for the save itself) is there;
* the next start (the next run) has removed leftover temp files, taken over the dead process's
  lock, and shows nothing alarming.

``OIVTUI_FAULT_RUNS`` sets the number of kills (default 20; the long mode in docs/reliability.md
uses 200); ``OIVTUI_FAULT_PARALLEL`` how many apps run at once (default 3).
"""

from __future__ import annotations

import json
import os
import random
import select
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.autosave import SAVE_DELAY
from oivtui.files.example import example_session
from oivtui.files.lock import lock_path
from oivtui.files.session import Session
from tests.reliability.faults import ALARMS, FaultApp, fault_runs, runs, screen_text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

FIELD = "header/administration"
READY = b"Amministrazione"
#: Time the save itself may take after its timer fires (serialise, re-parse, write, fsync, rename).
GRACE = 0.25
CLEAR = b"\x01\x0b"  # Ctrl+A (start of line), Ctrl+K (delete to the end)
KEYS = "abcdefghijklmnopqrstuvwxyz0123456789 àèéòù€"
#: A long answer elsewhere makes each save slower, so that more kills land in the middle of one.
BULK = ("Paragrafo di prova con qualche parola in più. " * 40 + "\n\n") * 50


@dataclass
class Outcome:
    run: int
    moment: str  # "startup", "typing" or "save"
    required: int = 0  # characters on screen for longer than the delay: must be on disk
    lost: int = 0
    temp_left: bool = False
    problems: list[str] = field(default_factory=list)


def fresh_session(path: Path) -> None:
    session = example_session()
    session.answers.set("1.1/text", BULK)
    storage.save(session, path)


def kill_run(path: Path, rng: random.Random, run: int) -> Outcome:
    before = storage.load(path)
    app = FaultApp("open", str(path), cols=120, rows=30)
    try:
        moment = rng.choices(["startup", "typing", "save"], weights=[15, 55, 30])[0]
        outcome = Outcome(run, moment)
        if moment == "startup":
            _sleep_reading(app, rng.uniform(0.0, 1.5))
            app.kill9()
            after = storage.load(path)
            if after.answers.data != before.answers.data:
                outcome.problems.append("answers changed although nothing was typed")
        else:
            if not app.wait_for(READY, 30):
                return Outcome(run, moment, problems=[f"never ready: {screen_text(app.output)[-400:]!r}"])
            _sleep_reading(app, 0.3)
            outcome.problems += next_start_problems(path, app)
            _type_and_kill(app, path, before, rng, run, outcome)
        outcome.temp_left = bool(storage.leftover_temps(path))
        return outcome
    finally:
        app.close()


def next_start_problems(path: Path, app: FaultApp) -> list[str]:
    """What a start after a crash must have done: temp files gone, lock ours, nothing alarming."""
    problems = []
    if storage.leftover_temps(path):
        problems.append(f"temp files left after start: {storage.leftover_temps(path)}")
    try:
        holder = json.loads(lock_path(path).read_text("utf-8"))
        if holder.get("pid") != app.proc.pid:
            problems.append(f"lock not taken over: {holder}")
    except (OSError, ValueError) as exc:
        problems.append(f"no lock record: {exc}")
    shown = screen_text(app.output)
    problems += [f"the screen says «{word}»" for word in ALARMS if word in shown]
    return problems


def _type_and_kill(app: FaultApp, path: Path, before: Session, rng: random.Random, run: int, outcome: Outcome) -> None:
    text = f"K{run:03d}" + "".join(rng.choice(KEYS) for _ in range(rng.randint(2, 10)))
    keys = [CLEAR] + [c.encode("utf-8") for c in text]
    states = [""] + [text[: i + 1] for i in range(len(text))]
    gaps = [rng.uniform(0.01, 0.1) if rng.random() < 0.85 else rng.uniform(0.3, 0.8) for _ in keys]
    sent_at: list[int] = []  # output offset when key i was sent
    seen_at: dict[int, float] = {}  # state i first on screen
    start = time.monotonic()
    due = start
    kill_at = start + rng.uniform(0.0, sum(gaps) + 0.8) if outcome.moment == "typing" else None
    while True:
        now = time.monotonic()
        if kill_at is not None and now >= kill_at:
            break
        if len(sent_at) < len(keys) and now >= due:
            sent_at.append(len(app.output))
            os.write(app.master, keys[len(sent_at) - 1])
            due = now + gaps[len(sent_at) - 1]
        if _drain(app, 0.005):
            _mark_seen(app, states, sent_at, seen_at, time.monotonic())
        if kill_at is None and seen_at and len(sent_at) >= rng.randint(2, len(keys)):
            # aim at the save: the autosave of the first unsaved change is due about now
            kill_at = max(seen_at.values()) + SAVE_DELAY + rng.uniform(-0.05, 0.1)
        if kill_at is None and len(sent_at) == len(keys) and now > due + 1.0:
            kill_at = now
    killed = time.monotonic()
    app.kill9()
    check_after_kill(path, before, states, seen_at, killed, outcome)


def check_after_kill(
    path: Path, before: Session, states: list[str], seen_at: dict[int, float], killed: float, outcome: Outcome
) -> None:
    try:
        after = storage.load(path)
    except storage.SessionError as exc:
        outcome.problems.append(f"the file does not load: {exc}")
        outcome.lost = len(states[-1])
        return
    on_disk = after.answers.get(FIELD) or ""
    assert isinstance(on_disk, str)  # a one-line field
    stored = [state.strip() for state in states]  # a one-line field keeps no outer blanks
    others = {k: v for k, v in after.answers.data.items() if k != "header"}
    if others != {k: v for k, v in before.answers.data.items() if k != "header"}:
        outcome.problems.append("other answers changed")
    required = max((i for i, t in seen_at.items() if t <= killed - SAVE_DELAY - GRACE), default=-1)
    outcome.required = len(stored[required]) if required >= 0 else 0
    if on_disk in stored:
        got = len(stored) - 1 - stored[::-1].index(on_disk)
    elif on_disk == (before.answers.get(FIELD) or ""):
        got = -1
    else:
        outcome.problems.append(f"value on disk was never on screen: {on_disk!r}")
        got = -1
    if got < required:
        outcome.lost = len(stored[required]) - (len(on_disk) if got >= 0 else 0)
        outcome.problems.append(
            f"lost: on screen {killed - seen_at[required]:.2f}s before the kill {states[required]!r}, "
            f"on disk {on_disk!r}"
        )


def _drain(app: FaultApp, timeout: float) -> bool:
    ready, _, _ = select.select([app.master], [], [], timeout)
    if not ready:
        return False
    try:
        chunk = os.read(app.master, 65536)
    except OSError:
        return False
    app.output += chunk
    return bool(chunk)


def _sleep_reading(app: FaultApp, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        _drain(app, min(0.02, max(0.0, end - time.monotonic())))


def _mark_seen(app: FaultApp, states: list[str], sent_at: list[int], seen_at: dict[int, float], now: float) -> None:
    """A state is on screen once its text shows up in the output sent after its key."""
    for i in range(len(sent_at) - 1, 0, -1):  # state 0 (the cleared field) shows no text to look for
        if i in seen_at:
            break
        if states[i] in screen_text(app.output[sent_at[i] :]):
            for j in range(1, i + 1):
                seen_at.setdefault(j, now)  # a later value on screen includes every earlier key
            break


def worker(folder: Path, count: int, seed: int, first: int) -> list[Outcome]:
    folder.mkdir()
    path = folder / "s.toml"
    fresh_session(path)
    rng = random.Random(seed)
    out = [kill_run(path, rng, first + i) for i in range(count)]
    out.append(final_start(path, first + count))
    return out


def final_start(path: Path, run: int) -> Outcome:
    """After the last kill: a clean start and a clean exit (Ctrl+Q) that removes the lock."""
    outcome = Outcome(run, "final")
    app = FaultApp("open", str(path), cols=120, rows=30)
    try:
        if not app.wait_for(READY, 30):
            outcome.problems.append("never ready")
            return outcome
        _sleep_reading(app, 0.3)
        outcome.problems += next_start_problems(path, app)
        os.write(app.master, b"\x11")  # Ctrl+Q
        code, _cpu = app.wait_exit_cpu(5)
        if code != 0:
            outcome.problems.append(f"Ctrl+Q: exit code {code}")
        if lock_path(path).exists() or storage.leftover_temps(path):
            outcome.problems.append("lock or temp file left after a clean exit")
        storage.load(path)
        return outcome
    finally:
        app.close()


def test_kill_9_at_random_moments_loses_nothing_that_was_on_screen(tmp_path: Path) -> None:
    total = fault_runs(20)
    parallel = max(1, runs("OIVTUI_FAULT_PARALLEL", 3))
    seed = runs("OIVTUI_FAULT_SEED", random.randrange(1 << 30))
    shares = [total // parallel + (1 if i < total % parallel else 0) for i in range(parallel)]
    firsts = [sum(shares[:i]) for i in range(parallel)]
    with ThreadPoolExecutor(parallel) as pool:
        jobs = [pool.submit(worker, tmp_path / f"w{i}", shares[i], seed + i, firsts[i]) for i in range(parallel)]
        outcomes = [o for job in jobs for o in job.result()]
    kills = [o for o in outcomes if o.moment != "final"]
    bad = [o for o in outcomes if o.problems]
    summary = {
        "kills": len(kills),
        "during startup": sum(o.moment == "startup" for o in kills),
        "aimed at a save": sum(o.moment == "save" for o in kills),
        "temp file left (killed mid-save)": sum(o.temp_left for o in kills),
        "characters that had to survive": sum(o.required for o in kills),
        "characters lost": sum(o.lost for o in kills),
        "seed": seed,
    }
    print("\nkill -9:", summary)
    assert len(kills) == total
    assert not bad, f"{len(bad)} runs went wrong (OIVTUI_FAULT_SEED={seed}): " + "; ".join(
        f"run {o.run} ({o.moment}): {o.problems}" for o in bad[:5]
    )
    assert summary["characters that had to survive"] > 0  # the loop did test something
