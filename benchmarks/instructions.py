"""Instructions executed by the TUI start, counted by valgrind: a cross-check that noise cannot move.

``.venv/bin/python benchmarks/instructions.py [--rev REV]`` (needs ``valgrind``; about a minute).

Timings on a shared machine drift by half from one hour to the next; the number of instructions
a process executes moves by well under 1%. This counts them from process start to the first
step of the example session ready for input (the ready check of ``probe_start.py``, without its
polling: the process ends at the refresh after the ready paint), for the minimal Textual app and
for oivtui, and with ``--rev`` also for oivtui at another git revision, to compare two versions.

An instruction ratio is not a time ratio: imports read files and fault pages in, drawing does
not, so the budget stays with ``run.py``'s timings. The step views built ahead of time are held
back (their timer is wall-clock, and under valgrind the start lasts half a minute).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def child(kind: str, arg: str) -> None:
    """Run inside valgrind: start the app, leave at the refresh after the first ready paint."""
    sys.path.insert(0, str(HERE))
    import probe_start

    if kind == "session":
        probe_start.hold_collector()  # as ``cli.cmd_tui``, before Textual is imported
        import oivtui.tui.app

        oivtui.tui.app.PREBUILD_DELAY = 3600.0

    async def start() -> None:
        app = probe_start.minimal_app() if kind == "minimal" else probe_start.session_app(Path(arg))
        ready = probe_start.ready_check(kind, app)
        done = asyncio.Event()
        display = app._display

        def painted(*args: object, **kwargs: object) -> object:
            result = display(*args, **kwargs)
            if not done.is_set() and ready():
                app.screen.call_after_refresh(done.set)
            return result

        app._display = painted
        async with app.run_test(size=(80, 24)):
            await done.wait()
            os._exit(0)

    asyncio.run(start())


def count(tree: Path, kind: str, example: Path, work: Path) -> int:
    """Instructions of one start, code from ``tree``; a first run unmeasured fills the bytecode cache."""
    from run import private_env  # benchmarks/ is on sys.path (main)

    tag = abs(hash(str(tree)))
    # The code from ``tree``, with its own bytecode cache: two trees in one run must not share one.
    env = dict(private_env(work), PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(work / f"pycache-{tag}"))
    session = work / f"{kind}-{tag}.toml"
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(session)]
    for measured in (False, True):
        shutil.copyfile(example, session)
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv] if measured else argv
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=work)
        if done.returncode != 0:
            raise RuntimeError(f"{kind} ({tree}) failed:\n{done.stderr[-2000:]}")
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="also count oivtui at this git revision (a temporary worktree)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing to count (apt install valgrind).", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    from fixtures import write_example

    with tempfile.TemporaryDirectory(prefix="oivtui-instr-") as tmp:
        work = Path(tmp)
        example = write_example(work, "esempio-origine.toml")
        jobs = {
            "minimal Textual app (Header, Input, Footer)": (ROOT, "minimal"),
            "oivtui, this checkout": (ROOT, "session"),
        }
        if args.rev:
            other = work / "rev"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(other), args.rev],
                check=True,
                capture_output=True,
            )
            jobs[f"oivtui at {args.rev}"] = (other, "session")
        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                futures = {name: pool.submit(count, tree, kind, example, work) for name, (tree, kind) in jobs.items()}
                counts = {name: future.result() for name, future in futures.items()}
        finally:
            if args.rev:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(work / "rev")], capture_output=True
                )
    baseline = next(iter(counts.values()))
    print("| start to first step ready (80×24, headless) | instructions | vs minimal app |\n|---|--:|--:|")
    for name, value in counts.items():
        print(f"| {name} | {value / 1e6:,.0f} M | {value / baseline:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
