"""The start screen with 1,000 saved sessions, against the start screen before it listed deadlines.

``.venv/bin/python benchmarks/start_list.py [--rev REV] [--runs N]`` (about two minutes).

Since issue 29 the start screen sorts every session by urgency, so it needs every session's
deadline and state: the first time it reads all the files (in the background, the list usable at
once), then keeps their summaries in ``$XDG_CACHE_HOME/oivtui/elenchi/`` and reads again only the
files that changed. Measured in fresh processes (``probe_start.py``), each round running this
checkout right next to ``--rev`` (default: the last revision before the deadlines, a temporary git
worktree), 80×24, headless:

- **ready**: the list painted with the focus on it, summaries kept (the usual start);
- **sorted**: every row read and in its place, summaries kept;
- **sorted, nothing kept**: the same with the cache empty (the first start ever, or after an
  update of oivtui or of its forms): the warm-up and one more round.

The table goes to stdout and, between its markers, into docs/performance.md (``run.py`` keeps it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from run import DOC, ROOT, Bench, Row, mb, median, ms, paired_ratio, private_env, probe_start  # noqa: E402

#: The last commit of main before the deadlines (cli: one module per command).
BASELINE_REV = "20a0553"
SESSIONS = 1000
#: Rounds with nothing kept, the warm-up's included: each reads every file (about 15 s idle).
COLD_ROUNDS = 2
BEGIN, END = "<!-- start-list: benchmarks/start_list.py -->", "<!-- /start-list -->"


def sessions(folder: Path, count: int) -> Path:
    """``count`` sessions of the example, each with its own PIAO date and modification time."""
    from oivtui.files.example import example_text

    folder.mkdir(parents=True)
    text = example_text()
    for n in range(count):
        piao = dt.date(2026, 1, 1) + dt.timedelta(days=(n * 37) % 365)
        path = folder / f"sessione-{n:04d}.toml"
        path.write_text(text.replace("piao_date = 2024-01-31", f"piao_date = {piao}"), "utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rev", default=BASELINE_REV, help=f"the start screen to compare with (default {BASELINE_REV})"
    )
    parser.add_argument("--runs", type=int, default=11, help="paired rounds (default 11)")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="oivtui-start-") as tmp:
        work = Path(tmp)
        folder = sessions(work / "mille", SESSIONS)
        before = work / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(before), args.rev], check=True)
        try:
            rows = measure(work, folder, before, args)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=False)
    table = markdown(rows)
    print(table)
    if not args.no_write:
        write(table)
    return 0


def measure(work: Path, folder: Path, before: Path, args: argparse.Namespace) -> list[Row]:
    now = Bench(work, args.runs, private_env(work))
    then = Bench(work, args.runs, dict(private_env(work), PYTHONPATH=str(before)))
    then.env["XDG_CACHE_HOME"] = str(work / "cache-before")
    kept = work / "cache" / "oivtui" / "elenchi"
    samples: dict[str, list[float]] = {}

    def record(name: str, bench: Bench, kind: str) -> None:
        seconds, rss = probe_start(bench, kind, str(folder))
        samples.setdefault(name, []).append(seconds)
        samples.setdefault(name + ".rss", []).append(rss)

    run.PROCESS_TIMEOUT = 660  # a start that reads every file (see probe_start.py)
    print("warm-up (the summaries read once and kept: the first start, measured)…", file=sys.stderr, flush=True)
    record("cold", now, "sorted")
    record("warm", then, "start")
    cold = samples["cold"]
    samples.clear()
    for n in range(args.runs):
        print(f"round {n + 1}/{args.runs}…", file=sys.stderr, flush=True)
        pair = [("before", then, "start"), ("ready", now, "start"), ("sorted", now, "sorted")]
        for name, bench, kind in pair if n % 2 == 0 else reversed(pair):
            record(name, bench, kind)
    samples["cold"] = cold
    for n in range(1, COLD_ROUNDS):
        print(f"nothing kept, {n + 1}/{COLD_ROUNDS}…", file=sys.stderr, flush=True)
        shutil.rmtree(kept, ignore_errors=True)
        record("cold", now, "sorted")
    s = samples
    return [
        ratio(f"Start screen ready, {SESSIONS:,} sessions, summaries kept", s["ready"], s["before"]),
        ratio(f"Start screen, {SESSIONS:,} sessions all read and sorted, summaries kept", s["sorted"], s["before"]),
        Row(f"(info) Same, nothing kept (every file read), median of {COLD_ROUNDS}", ms(median(s["cold"]))),
        Row("(info) Peak memory, sorted, kept (ru_maxrss)", mb(median(s["sorted.rss"])), mb(median(s["before.rss"]))),
    ]


def ratio(what: str, subject: list[float], baseline: list[float], limit: float = 1.5) -> Row:
    value = paired_ratio(subject, baseline)
    return Row(what, ms(median(subject)), ms(median(baseline)), value, f"≤ {limit}×", value <= limit)


def markdown(rows: list[Row]) -> str:
    head = "| measure | oivtui | before | ratio | budget | verdict |\n|---|--:|--:|--:|---|---|\n"
    stamp = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    body = "\n".join("| " + " | ".join(row.cells()) + " |" for row in rows)
    title = "## Start screen with 1,000 sessions, against the start screen before deadlines"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    said = (
        f"Written by `.venv/bin/python benchmarks/start_list.py` ({stamp}, load average at the end {load} "
        "on this machine's cores); its docstring says how."
    )
    return f"{BEGIN}\n{title}\n\n{said}\n\n{head}{body}\n{END}"


def write(table: str) -> None:
    text = DOC.read_text("utf-8")
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + table + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + table + "\n"
    DOC.write_text(text, "utf-8")
    print(f"written to {DOC}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
