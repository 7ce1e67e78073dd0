"""First paint in a real terminal: a program started in tmux at 80×24, timed to its first screen.

``tmux_first_paint(command, markers)`` starts ``command`` in a new detached tmux session of 80×24
and reads the pane (``tmux capture-pane``) every few milliseconds until every marker is on screen;
it returns the seconds from just before the session was created, then kills the session.
Both sides of a comparison pay the same tmux start and the same polling, so their ratio is fair;
the poll interval bounds the resolution (a few ms on starts of a few hundred).

``python benchmarks/probe_tmux.py minimal`` runs the bare Textual app of ``probe_start.py`` for
real (it is what the tmux session starts for the baseline).
"""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLL_SECONDS = 0.003
TIMEOUT_SECONDS = 30.0
#: What the bare app shows once painted: its Input's placeholder.
MINIMAL_MARKERS = ("Amministrazione",)
_COUNTER = itertools.count()


def available() -> bool:
    try:
        return subprocess.run(["tmux", "-V"], capture_output=True).returncode == 0
    except OSError:
        return False


def tmux_first_paint(command: list[str], markers: tuple[str, ...], env: dict[str, str], name: str) -> float:
    """Seconds from just before tmux starts ``command`` to the first capture showing every marker."""
    shell = " ".join(shlex.quote(part) for part in command)
    # tmux names may not hold dots (they separate window and pane); a server killed a moment ago
    # may still be going away: a name of its own for each start.
    name = f"{name.replace('.', '-')}-{next(_COUNTER)}"
    base = ["tmux", "-L", name]  # a server of its own: the user's tmux is never touched
    start = time.perf_counter()
    started = subprocess.run(
        [*base, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", shell], env=env, capture_output=True, text=True
    )
    if started.returncode:
        raise RuntimeError(f"tmux could not start {shell}: {started.stderr.strip()}")
    pid = subprocess.run(
        [*base, "display-message", "-p", "-t", name, "#{pane_pid}"], capture_output=True, text=True, env=env
    ).stdout.strip()
    try:
        while True:
            screen = subprocess.run(
                [*base, "capture-pane", "-p", "-t", name], capture_output=True, text=True, env=env
            ).stdout
            if all(marker in screen for marker in markers):
                return time.perf_counter() - start
            if time.perf_counter() - start > TIMEOUT_SECONDS:
                raise RuntimeError(f"{shell}: no first paint in {TIMEOUT_SECONDS:.0f} s; the pane:\n{screen}")
            time.sleep(POLL_SECONDS)
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True, env=env)
        _wait_gone(int(pid) if pid.isdigit() else 0)


def _wait_gone(pid: int) -> None:
    """Wait for the program to have saved and left (its hang-up handling): the next start must find
    its file unlocked and the machine quiet."""
    deadline = time.monotonic() + 10
    while pid and time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


def main() -> None:
    if sys.argv[1:] == ["minimal"]:
        sys.path.insert(0, str(HERE))
        from probe_start import minimal_app

        minimal_app().run()
    else:
        raise SystemExit("uso: probe_tmux.py minimal")


if __name__ == "__main__":
    os.environ.setdefault("TERM", "xterm-256color")
    main()
