"""oivtui's benchmarks, side by side with their baselines: ``.venv/bin/python benchmarks/run.py``.

Prints a table of medians (p95 where a budget says so), each with the ratio to its baseline
measured in the same run, and writes the same table to ``docs/performance.md`` with the
machine it ran on. Benchmarks, not tests: nothing fails on a timing; the exit code is 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The seed: a real filing, as a PDF converted to text gives it (the `oivtui import` benchmark reads it).
SEED = HERE.parent / "tests" / "data" / "seed_brescia_2024.md"
ROOT = HERE.parent
PYTHON = sys.executable
#: The console script users run (``oivtui``), next to this Python.
OIVTUI = [str(Path(PYTHON).with_name("oivtui"))]
FLOOR = [PYTHON, "-c", "import tomllib, markdown_it"]
DOC = ROOT / "docs" / "performance.md"
PROCESS_TIMEOUT = 120
#: The answer the autosave benchmark types into: a free text the example fills.
TYPED_IN = "1.1/text"
BURST_ROUNDS = 5
#: Previews (and helps) opened in one app: the first, then this many less one again.
PREVIEW_ROUNDS = 11
#: The two TUI starts (headless, in tmux) are the noisiest measures against the tightest budget (a
#: start's time varies by a third from one start to the next on a shared machine of two cores, and
#: 11 paired rounds gave ratios from 1.26× to 1.43× for the same code): this many times the rounds.
#: At 33 rounds, ten series of the same code in tmux spread from 1.18× to 1.32× (standard deviation
#: 0.044 around 1.25×): one run in ten went over 1.3× on noise alone. 66 rounds narrow that spread
#: by √2, for about 50 s more (a whole run: 172 s → 219 s).
START_ROUNDS = 6
#: The example's first step, painted in a terminal: its first field's label.
OIVTUI_MARKERS = ("Amministrazione",)


# ---------------------------------------------------------------- statistics


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def paired_ratio(subject: list[float], baseline: list[float]) -> float:
    """Median of the run-by-run ratios: each pair ran back to back, so shared load cancels."""
    return median([s / b for s, b in zip(subject, baseline, strict=True)])


@dataclass
class Row:
    """One line of the table: a value, optionally a baseline and a ratio, and the budget."""

    what: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    budget: str = ""
    ok: bool | None = None

    def cells(self) -> list[str]:
        # Three decimals: with two, a ratio just over its budget (1.304 against 1.3) read "1.30× over".
        ratio = f"{self.ratio:.3f}×" if self.ratio is not None else ""
        verdict = {True: "ok", False: "**over**", None: ""}[self.ok]
        return [self.what, self.value, self.baseline, ratio, self.budget, verdict]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def mb(kilobytes: float) -> str:
    return f"{kilobytes / 1024:.1f} MB"


def ratio_row(
    what: str, subject: list[float], baseline: list[float], limit: float, show: Callable[[float], str] = ms
) -> Row:
    ratio = paired_ratio(subject, baseline)
    return Row(what, show(median(subject)), show(median(baseline)), ratio, f"≤ {limit}×", ratio <= limit)


def burst_row(ordered: list[float], textual: list[float]) -> Row:
    """An absolute budget (1 s), with Textual's own key delivery beside it for the cost of the ordering."""
    value = median(ordered)
    return Row(
        "Burst of 500 characters (a paste without bracketed paste) into a text answer, to painted, median",
        ms(value),
        ms(median(textual)),
        paired_ratio(ordered, textual),
        "≤ 1000 ms",
        value <= 1.0,
    )


def limit_row(what: str, value: float, limit_ms: float) -> Row:
    return Row(what, ms(value), budget=f"≤ {limit_ms:g} ms", ok=value * 1000 <= limit_ms)


def wire_rows(bench: Bench) -> list[Row]:
    """Bytes written to an 80×24 pty (``probe_wire.py``): what an SSH link or the browser's websocket carries."""
    done = bench.run([PYTHON, str(HERE / "probe_wire.py"), "--rounds", "3"])
    if done.returncode != 0:
        raise RuntimeError(f"probe_wire failed:\n{done.stdout}\n{done.stderr}")
    wire = json.loads(done.stdout.splitlines()[-1])
    return [
        Row(
            "Bytes to the terminal (80×24, 24-bit colour), one step change (then 2 s): the worst of F6 along"
            " the first five steps and F5 back, median",
            f"{wire['step'] / 1000:.1f} kB",
            budget="≤ 8 kB",
            ok=wire["step"] <= 8000,
        ),
        Row(
            "Bytes to the terminal, one character typed in the title's field (then 1 s), median",
            f"{wire['char']:.0f} B",
            budget="≤ 150 B",
            ok=wire["char"] <= 150,
        ),
        Row("Bytes to the terminal, idle screen", f"{wire['idle']:.0f} B/s", budget="≤ 30 B/s", ok=wire["idle"] <= 30),
        Row(
            "(info) Bytes to the terminal, each of those step changes (header → staff → blocks 1, 2, 3, F5 back)",
            " / ".join(f"{n / 1000:.1f}" for n in wire["steps"]) + " kB",
        ),
    ]


# ---------------------------------------------------------------- the environment


@dataclass
class Bench:
    """The temporary world the benchmarks run in, and what they measured."""

    work: Path
    runs: int
    env: dict[str, str] = field(default_factory=dict)
    samples: dict[str, list[float]] = field(default_factory=dict)

    def record(self, name: str, value: float) -> None:
        self.samples.setdefault(name, []).append(value)

    def run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        """Run a probe or a command; one that hangs (an app that never shows its step) stops here."""
        return subprocess.run(
            argv, env=self.env, cwd=self.work, capture_output=True, text=True, timeout=PROCESS_TIMEOUT
        )


def private_env(work: Path) -> dict[str, str]:
    """No user files; bytecode caches and the form's parsed copy on (as after the first run), kept in
    the temporary folder."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        HOME=str(work),
        XDG_DATA_HOME=str(work / "data"),
        XDG_CONFIG_HOME=str(work / "config"),
        XDG_STATE_HOME=str(work / "state"),
        XDG_CACHE_HOME=str(work / "cache"),
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
    )
    return env


def make_fixtures(work: Path) -> dict[str, Path]:
    from fixtures import SAVED_SESSIONS, large_session, sessions_folder, write_example

    example = write_example(work)
    return {
        "example": example,
        "pdf": work / "esempio.pdf",
        "tui": write_example(work, "aperta.toml"),
        "tty": write_example(work, "terminale.toml"),
        "preview": write_example(work, "anteprima.toml"),
        "large": large_session(example, work / "grande.toml"),
        "one": sessions_folder(example, work / "una", 1),
        "many": sessions_folder(example, work / "mille", SAVED_SESSIONS),
    }


# ---------------------------------------------------------------- whole processes


def timed_process(bench: Bench, argv: list[str]) -> float:
    start = time.perf_counter()
    done = bench.run(argv)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr}")
    return elapsed


def probe_start(bench: Bench, *args: str) -> tuple[float, float]:
    """Seconds from just before the process started to its first screen ready; peak RSS (KB)."""
    start = time.perf_counter()
    done = bench.run([PYTHON, str(HERE / "probe_start.py"), *args])
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise RuntimeError(f"probe_start {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}") from None
    return result["ready"] - start, result["maxrss_kb"]


def start_job(bench: Bench, name: str, *args: str) -> Callable[[], None]:
    """One headless start (``probe_start.py ARGS``): its time and its peak memory."""

    def job() -> None:
        seconds, rss = probe_start(bench, *args)
        bench.record(name, seconds)
        bench.record(name + ".rss", rss)

    return job


def tui_start_jobs(bench: Bench, files: dict[str, Path]) -> list[tuple[str, Callable[[], None]]]:
    """The TUI start, headless: the example session against the bare Textual app."""
    return [
        ("tui.minimal", start_job(bench, "tui.minimal", "minimal")),
        ("tui.oivtui", start_job(bench, "tui.oivtui", "session", str(files["tui"]))),
    ]


def process_jobs(bench: Bench, files: dict[str, Path]) -> list[tuple[str, Callable[[], None]]]:
    """Each job records one sample; a round runs them all, baselines next to their subjects."""
    start = functools.partial(start_job, bench)

    def command(name: str, argv: list[str]) -> Callable[[], None]:
        return lambda: bench.record(name, timed_process(bench, argv))

    def import_seed() -> None:  # a new session each time: import never writes over one
        target = bench.work / f"importata-{time.perf_counter_ns()}.toml"
        bench.record("import", timed_process(bench, [*OIVTUI, "import", str(SEED), str(target)]))

    return [
        ("start.one", start("start.one", "start", str(files["one"]))),
        ("start.many", start("start.many", "start", str(files["many"]))),
        ("floor", command("floor", FLOOR)),
        ("export", command("export", [*OIVTUI, "export", str(files["example"])])),
        ("export.pdf", command("export.pdf", [*OIVTUI, "export", str(files["example"]), "-o", str(files["pdf"])])),
        ("validate", command("validate", [*OIVTUI, "validate", str(files["example"])])),
        ("export.large", command("export.large", [*OIVTUI, "export", str(files["large"])])),
        (
            "export.large.pdf",
            command("export.large.pdf", [*OIVTUI, "export", str(files["large"]), "-o", str(files["pdf"])]),
        ),
        ("import", import_seed),
    ]


def tty_rounds(bench: Bench, files: dict[str, Path], rounds: int) -> None:
    """First paint in a real terminal (tmux at 80×24), oivtui against the bare Textual app: one
    tmux server for all of them, a window per start; subject and baseline alternate."""
    from probe_tmux import MINIMAL_MARKERS, Terminal, available

    if not available():
        return
    with Terminal(bench.env) as terminal:

        def paint(name: str, argv: list[str], markers: tuple[str, ...]) -> tuple[str, Callable[[], None]]:
            return name, lambda: bench.record(name, terminal.first_paint(argv, markers))

        jobs = [
            paint("tty.minimal", [PYTHON, str(HERE / "probe_tmux.py"), "minimal"], MINIMAL_MARKERS),
            paint("tty.oivtui", [*OIVTUI, "open", str(files["tty"])], OIVTUI_MARKERS),
        ]
        run_rounds(bench, jobs, rounds)


def run_rounds(bench: Bench, jobs: list[tuple[str, Callable[[], None]]], rounds: int) -> None:
    """One warm-up (it fills the bytecode cache), then rounds alternating forward and backward."""
    kept = set(bench.samples)
    for _name, job in jobs:
        job()
    for name in set(bench.samples) - kept:  # the warm-up's samples
        del bench.samples[name]
    for n in range(rounds):
        for _name, job in jobs if n % 2 == 0 else reversed(jobs):
            job()
        if (n + 1) % 10 == 0 or n + 1 == rounds:
            print(f"  round {n + 1}/{rounds}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- inside the app


def step_changes(bench: Bench, name: str, path: Path, passes: int) -> None:
    """A first pass with keys back to back (``name.cold``), then ``passes`` at reading pace."""
    done = bench.run([PYTHON, str(HERE / "probe_steps.py"), str(path), str(passes), "--back-to-back"])
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise RuntimeError(f"probe_steps failed:\n{done.stdout}\n{done.stderr}") from None
    bench.samples[name] = result["seconds"]
    bench.samples[name + ".quiet"] = result["quiet"]
    bench.samples[name + ".cold"] = result["back_to_back"]
    bench.samples[name + ".rss"] = [result["maxrss_kb"]]


def previews(bench: Bench, path: Path, rounds: int) -> None:
    """The preview (Alt+A) and the help (Ctrl+G) opened in turn in one app (``probe_preview.py``)."""
    done = bench.run([PYTHON, str(HERE / "probe_preview.py"), str(path), str(rounds)])
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise RuntimeError(f"probe_preview failed:\n{done.stdout}\n{done.stderr}") from None
    bench.samples["preview.first"] = [result["first"]]
    bench.samples["preview.again"] = result["again"]
    bench.samples["preview.whole"] = result["whole"]
    # The help of the same rounds, less the first (whose pair is the first preview), as baseline.
    bench.samples["preview.help"] = result["help"][1:]


def preview_rows(s: dict[str, list[float]]) -> list[Row]:
    first = s["preview.first"][0]
    return [
        limit_row("Preview (Alt+A), key to the report painted, first in the app", first, 300),
        ratio_row(
            f"Preview (Alt+A) again, median ({len(s['preview.again'])}), vs the help (Ctrl+G) in the same rounds",
            s["preview.again"],
            s["preview.help"],
            3,
        ),
        limit_row("Preview (Alt+A) again, key to the report painted, median", median(s["preview.again"]), 300),
        Row(
            "(info) Preview, key to the whole report painted (its later parts too), median",
            ms(median(s["preview.whole"])),
        ),
    ]


def bursts(bench: Bench, rounds: int) -> None:
    """Bursts of keys posted at once (``probe_burst.py``): ordered delivery next to Textual's own."""

    def burst(kind: str, delivery: str) -> float:
        done = bench.run([PYTHON, str(HERE / "probe_burst.py"), str(bench.work / "burst.toml"), kind, delivery])
        try:
            return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        except (IndexError, json.JSONDecodeError):
            raise RuntimeError(f"probe_burst {kind} {delivery} failed:\n{done.stdout}\n{done.stderr}") from None

    for n in range(rounds):
        pair = [("ordered", "burst.text"), ("textual", "burst.text.textual")]
        for delivery, name in pair if n % 2 == 0 else reversed(pair):
            bench.record(name, burst("text", delivery))
        bench.record("burst.fields", burst("fields", "ordered"))


# ---------------------------------------------------------------- in this process


def timings(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm: the form is parsed once per process, as in the app
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def autosave_timings(path: Path, repeat: int) -> list[float]:
    """One ``Autosaver.save`` after a keystroke in a long text answer (of 20 KB in the large session)."""
    from oivtui.files import storage
    from oivtui.files.autosave import Autosaver

    session = storage.load(path)
    saver = Autosaver(session)
    saver.save(force=True)
    text = session.answers.get(TYPED_IN)
    assert isinstance(text, str), TYPED_IN
    out = []
    for n in range(repeat):
        session.answers.set(TYPED_IN, text + "x" * (n % 2))
        saver.changed()
        start = time.perf_counter()
        saver.save()
        out.append(time.perf_counter() - start)
    return out


def in_process(bench: Bench, files: dict[str, Path]) -> None:
    from oivtui.files import storage
    from oivtui.reports.render import render_markdown
    from questionnaire.form.rules import validate

    session = storage.load(files["example"])
    bench.samples["validate.call"] = timings(lambda: validate(session.form, session.answers, final=True), 200)
    bench.samples["render.call"] = timings(lambda: render_markdown(session), 100)
    bench.samples["save.example"] = autosave_timings(files["example"], 40)
    bench.samples["save.large"] = autosave_timings(files["large"], 15)


# ---------------------------------------------------------------- the table


def table_rows(bench: Bench) -> list[Row]:
    s = bench.samples
    steps, steps_large = s["steps.example"], s["steps.large"]
    return [
        ratio_row("TUI start, example session, to first step ready (headless)", s["tui.oivtui"], s["tui.minimal"], 1.3),
        *tty_rows(s),
        ratio_row("TUI peak memory at that moment (ru_maxrss)", s["tui.oivtui.rss"], s["tui.minimal.rss"], 1.5, mb),
        ratio_row("`oivtui export` of the example, whole process", s["export"], s["floor"], 1.5),
        ratio_row("`oivtui validate` of the example, whole process", s["validate"], s["floor"], 1.5),
        # Typst typesets the PDF (issue 28): tagged, accessible; exported a few times a year.
        ratio_row("`oivtui export -o x.pdf` (PDF) of the example, whole process", s["export.pdf"], s["export"], 4),
        limit_row("`oivtui import` of the seed (text from a PDF), whole process, median", median(s["import"]), 1000),
        limit_row(f"Next step, key to the new step painted, median ({len(steps)} changes)", median(steps), 30),
        limit_row("Next step, key to the new step painted, p95", p95(steps), 80),
        burst_row(s["burst.text"], s["burst.text.textual"]),
        limit_row(
            "Burst of 504 keys across two fields (56 of them Enter, Tab, Shift+Tab), to painted, median",
            median(s["burst.fields"]),
            1000,
        ),
        limit_row("One autosave of the example (a character typed in a text answer)", median(s["save.example"]), 5),
        limit_row("Validation of the whole example (final)", median(s["validate.call"]), 2),
        limit_row("Rendering the report (Markdown)", median(s["render.call"]), 10),
        limit_row("Large session (20 KB per text answer): one autosave, same edit", median(s["save.large"]), 50),
        ratio_row("Large session: `oivtui export`, whole process, vs the example's", s["export.large"], s["export"], 3),
        limit_row(
            "Large session (~250 pages): `oivtui export -o x.pdf`, whole process, median",
            median(s["export.large.pdf"]),
            3000,
        ),
        limit_row(f"Large session: next step, p95 ({len(steps_large)} changes)", p95(steps_large), 80),
        Row("Large session: next step, median", ms(median(steps_large))),
        ratio_row("Start screen ready, 1,000 saved sessions vs 1", s["start.many"], s["start.one"], 1.5),
        *preview_rows(s),
        *info_rows(bench),
    ]


def tty_rows(s: dict[str, list[float]]) -> list[Row]:
    if "tty.oivtui" not in s:
        return [Row("TUI start in a real terminal (tmux 80×24): not measured, tmux is not installed", "")]
    return [
        ratio_row(
            "TUI start, example session, to first paint in a real terminal (tmux 80×24)",
            s["tty.oivtui"],
            s["tty.minimal"],
            1.3,
        )
    ]


def info_rows(bench: Bench) -> list[Row]:
    """No budget: what the lead wants to see next to the budgets."""
    s = bench.samples
    cold, cold_large = s["steps.example.cold"], s["steps.large.cold"]
    quiet, quiet_large = s["steps.example.quiet"], s["steps.large.quiet"]
    return [
        Row(
            "(info) Next step, key to a quiet screen (the autosave's status line painted too): median / p95",
            f"{ms(median(quiet))} / {ms(p95(quiet))}",
        ),
        Row("(info) Large session, same: median / p95", f"{ms(median(quiet_large))} / {ms(p95(quiet_large))}"),
        Row("(info) Next step, fresh app, keys back to back: median / p95", f"{ms(median(cold))} / {ms(p95(cold))}"),
        Row(
            "(info) Large session, keys back to back: median / p95", f"{ms(median(cold_large))} / {ms(p95(cold_large))}"
        ),
        Row(
            "(info) TUI memory after every step was shown (ru_maxrss)",
            mb(s["steps.example.rss"][0]),
            mb(median(s["tui.minimal.rss"])),
        ),
    ]


HEADERS = ["measure", "oivtui", "baseline", "ratio", "budget", "verdict"]


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|---|" + "--:|" * 3 + "---|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def plain_table(rows: list[Row]) -> str:
    cells = [HEADERS] + [[c.replace("**", "").replace("`", "") for c in r.cells()] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADERS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells)


# ---------------------------------------------------------------- the machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass  # not Linux: platform.processor() is the best there is
    return platform.processor() or platform.machine()


def machine(load: tuple[float, float, float]) -> list[tuple[str, str]]:
    return [
        ("CPU", cpu_model()),
        ("cores", str(os.cpu_count())),
        ("system", platform.platform()),
        ("Python", platform.python_version()),
        ("Textual", metadata.version("textual")),
        ("date", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("load average at start (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in load)),
    ]


METHOD = """\
How it measures (see `benchmarks/`):

- **Whole processes** (TUI start, start screen, `export`, `validate`) run in fresh processes, in
  {runs} rounds; each round runs every subject right next to its baseline, alternating the order
  from round to round. A ratio is the median of the round-by-round ratios, so load shared by a
  pair cancels out; the time columns are plain medians. The two TUI starts, the noisiest
  measures against the tightest budget, run in {start_rounds} rounds of their own.
- **TUI start** is the time from just before the process is started to the moment the first
  step of the example session (as `oivtui open` loads it) has focus and has been painted by the
  compositor, under `App.run_test(size=(80, 24))`; the baseline is a Textual app with a Header,
  one Input and a Footer, timed the same way. Peak memory is `ru_maxrss` of the same processes
  at that moment.
- **TUI start in a real terminal**: the same two programs (oivtui through its console script,
  `oivtui open`, command line included) run for real in a tmux window of 80×24
  (`benchmarks/probe_tmux.py`), from just before tmux is asked to open the window
  to the first capture of the pane that shows their first screen (for oivtui the label of the first
  step's first field, for the bare app its Input's placeholder: «Amministrazione» both). One tmux
  server runs for the whole series, as the user's terminal is already running: its start is no
  part of the measure. The pane is captured through one tmux client in control mode, each time the
  program has written to it: no process is started to look, which would take CPU from the
  program timed.
- **Next step**: inside one app, F6 is posted as the driver posts keys, and the clock stops at
  the first compositor paint that shows the next step (`app.session.position.step` is the next
  step and its view has been laid out on screen); no Pilot waits in between. The step change
  also saves the session (the position) right after that paint, and the status line then says
  so in a paint of its own: the "quiet screen" (info) row runs the clock until nothing is left
  to paint, that status line included. A fresh app first goes through
  every step with the keys back to back (the "(info)" rows: whatever is built on first use is
  built then); then {passes} passes over the wizard (1 for the large session) wait between keys
  as a reader would (0.8 s, then until nothing has been mounted for 0.2 s): the budget rows.
- **Preview**: inside one app (the example, on its first step, as `oivtui open` shows it), Alt+A
  is posted as the driver posts keys, and the clock stops at the first paint that shows the
  preview with the report's first lines laid out; Esc closes it and, once the screen is quiet, the
  help (Ctrl+G, a dialog of plain text) is timed the same way, {preview_rounds} times each,
  alternating which goes first. The first preview of the app is apart (it imports Textual's
  Markdown widget); the ratio is the later previews' against the helps of the same rounds. The
  preview lays out the report's opening first and the rest after that paint: the "(info)" row is
  the key to the paint that shows it all.
- **Bursts of keys**: inside one app (a new, empty session), 500 keys are posted at once, as the
  driver posts keys that arrive in one read (a paste without bracketed paste, an SSH packet);
  the clock stops at the first paint made once every key has been applied (the answers hold
  the whole text) and the key gate holds nothing more. The text burst also runs with Textual's
  own delivery (every key handed at once to the widget focused when it arrives): the ratio is
  what the ordering costs. The fields burst (names and Enter in the signatories, Tab, a name in
  the next field, Shift+Tab back, 14 times) has no such baseline: Textual alone puts its keys
  in the wrong fields. {burst_rounds} rounds, subject and baseline alternating.
- **Autosave, validation, report** are timed in one process, after one warm-up call. An
  autosave changes a free-text answer by one character (20 KB long in the large session), then
  times `Autosaver.save()`: the changed parts to TOML, read back and compared, the file written
  to a temp file, fsync, rename, fsync of the folder.
- **Large session**: the example with each of its text answers replaced by 20 KB of prose
  (a file of about 1.1 MB).
- Bytecode caches are on, as they are after an install (in a temporary `PYTHONPYCACHEPREFIX`,
  filled by one warm-up round), and so is the form's parsed copy (`$XDG_CACHE_HOME/oivtui/moduli/`,
  written by the first run, as on a user's machine); HOME and the XDG folders point into a
  temporary folder.
- **Bytes on the wire** (`benchmarks/probe_wire.py`): a fresh `oivtui open` of the example in
  a pseudo-terminal of 80×24 (`TERM=xterm-256color`, `COLORTERM=truecolor`), left to settle (3 s,
  then until it has written nothing for 0.45 s); then the bytes it writes over 5 s alone (idle),
  in the 1 s after one character typed in the first field (Amministrazione, which the title bar
  repeats once the field is left; the autosave follows within 0.4 s), and in the 2 s after F6 (the next step, then the
  steps after it built ahead). Medians of 3 rounds. That is what an SSH link carries, and what
  `oivtui serve` sends down the browser's websocket: on 256 kbit/s, 8 kB take a quarter of a second.
- **Noise.** On a shared machine the same code's times drift by half from one hour to the next,
  the baseline's with them; ratios hold better, an absolute budget (the step change) does not.
  `benchmarks/instructions.py [--rev REV]` counts the instructions the start executes under
  valgrind (under 1% apart from run to run) to compare two versions of oivtui when the times
  cannot tell them apart.
"""


def document(rows: list[Row], bench: Bench, passes: int, load: tuple[float, float, float]) -> str:
    info = "\n".join(f"| {k} | {v} |" for k, v in machine(load))
    return (
        "# Performance\n\n"
        "Written by `.venv/bin/python benchmarks/run.py` (about three minutes); run it again to "
        "refresh this page. The times depend on the machine and on what else it is doing: the "
        "ratios, measured side by side in one run, are what the budgets are about.\n\n"
        f"{markdown_table(rows)}\n\n"
        "## Machine\n\n| | |\n|---|---|\n" + info + "\n\n"
        "## Method\n\n"
        + METHOD.format(
            runs=bench.runs,
            passes=passes,
            burst_rounds=BURST_ROUNDS,
            start_rounds=START_ROUNDS * bench.runs,
            preview_rounds=PREVIEW_ROUNDS,
        )
    )


# ---------------------------------------------------------------- main


def kept_sections(path: Path) -> str:
    """The sections other benchmarks wrote into the page between their markers (start_list.py)."""
    from start_list import BEGIN, END

    try:
        text = path.read_text("utf-8")
    except OSError:
        return ""
    if BEGIN not in text or END not in text:
        return ""
    return "\n" + text[text.index(BEGIN) : text.index(END) + len(END)] + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="rounds of whole-process runs (default 11)")
    parser.add_argument("--passes", type=int, default=2, help="measured passes over the wizard's steps (default 2)")
    parser.add_argument("--output", type=Path, default=DOC, help="where to write the table (default docs/)")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="oivtui-bench-") as tmp:
        work = Path(tmp)
        bench = Bench(work, args.runs, private_env(work))
        files = make_fixtures(work)
        print(f"whole processes, {args.runs} rounds…", file=sys.stderr, flush=True)
        run_rounds(bench, process_jobs(bench, files), args.runs)
        print(f"TUI start, headless, {START_ROUNDS * args.runs} rounds…", file=sys.stderr, flush=True)
        run_rounds(bench, tui_start_jobs(bench, files), START_ROUNDS * args.runs)
        print(f"first paint in tmux, {START_ROUNDS * args.runs} rounds…", file=sys.stderr, flush=True)
        tty_rounds(bench, files, START_ROUNDS * args.runs)
        print("step changes…", file=sys.stderr, flush=True)
        step_changes(bench, "steps.example", files["tui"], args.passes)
        step_changes(bench, "steps.large", files["large"], max(1, args.passes - 1))
        print("previews…", file=sys.stderr, flush=True)
        previews(bench, files["preview"], PREVIEW_ROUNDS)
        print("bursts of keys…", file=sys.stderr, flush=True)
        bursts(bench, BURST_ROUNDS)
        print("autosave, validation, report…", file=sys.stderr, flush=True)
        in_process(bench, files)
        print("bytes on the wire…", file=sys.stderr, flush=True)
        rows = table_rows(bench) + wire_rows(bench)
    print(plain_table(rows))
    print(f"\n{time.perf_counter() - started:.0f} s; load average at start {load[0]:.2f}", file=sys.stderr)
    if not args.no_write:
        args.output.write_text(document(rows, bench, args.passes, load) + kept_sections(args.output), "utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
