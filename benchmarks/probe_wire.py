"""Bytes on the wire: what oivtui writes to an 80×24 pty, as an SSH link (or the browser's websocket) carries it.

``probe_wire.py [--rounds N]`` prints one JSON line: medians over N rounds of

- ``step``: the most bytes one step change writes, from its key until 2 s later (the new step
  painted, and whatever the app paints after it: neighbours built ahead, the status line's
  autosave), among the changes ``STEPS``: F6 along the first five steps of the example (the
  header, the staff table, blocks 1 to 3: steps of every kind, each shown for the first time),
  then F5 back (a step shown before); ``step_first``: the first of them alone (F6 from the header);
- ``char``: bytes written from one character typed in a text field (the first step's
  «Amministrazione») until 1 s later;
- ``idle``: bytes per second written by the first step left alone for 5 s;
- ``steps``: each step change's median, in the order of ``STEPS``.

Each round is a fresh ``oivtui open`` of a copy of the example session (HOME and the XDG folders
in a temporary folder), left to settle first (3 s, then until it has written nothing for 0.45 s).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

F6 = b"\x1b[17~"
F5 = b"\x1b[15~"
#: The step changes measured, in this order from the first step: their worst is ``step``.
STEPS = (F6, F6, F6, F6, F5)


class Pty:
    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)

    def count(self, seconds: float) -> int:
        """Bytes the program writes in the next ``seconds``."""
        total = 0
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    total += len(os.read(self.master, 65536))
                except OSError:
                    break
        return total

    def settle(self, at_least: float, quiet: float, at_most: float = 30.0) -> None:
        """Read for ``at_least`` s, then until nothing came for ``quiet`` s: started, and done drawing
        (a blinking cursor writes every 0.5 s: ``quiet`` below that lets it be)."""
        end = time.monotonic() + at_most
        self.count(at_least)
        while time.monotonic() < end and self.count(quiet):
            pass

    def send(self, data: bytes, seconds: float) -> int:
        os.write(self.master, data)
        return self.count(seconds)

    def close(self) -> None:
        os.write(self.master, b"\x11")  # Ctrl+Q
        self.count(0.5)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def one_round(work: Path, env: dict[str, str]) -> tuple[dict[str, float], list[int]]:
    """The round's figures, and the bytes of each step change (``STEPS``)."""
    session = work / "wire.toml"
    session.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "oivtui", "example", str(session)], env=env, check=True, capture_output=True)
    # The example opens on its first step, focus in its first field (Amministrazione, a text answer).
    term = Pty([sys.executable, "-m", "oivtui", "open", str(session)], env)
    try:
        term.settle(3.0, 0.45)  # started, and done drawing (the steps built ahead included)
        idle = term.count(5.0) / 5.0
        char = term.send(b"x", 1.0)
        term.send(b"\x7f", 1.0)  # the character taken back
        steps = []
        for key in STEPS:
            term.settle(0.5, 0.45)
            steps.append(term.send(key, 2.0))
        return {"step": max(steps), "step_first": steps[0], "char": char, "idle": idle}, steps
    finally:
        term.close()


def main() -> int:
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "HOME": folder,
            "XDG_DATA_HOME": f"{folder}/data",
            "XDG_CONFIG_HOME": f"{folder}/config",
            "XDG_STATE_HOME": f"{folder}/state",
            "XDG_CACHE_HOME": f"{folder}/cache",
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
        }
        results = [one_round(work, env) for _ in range(rounds)]
    medians = {key: statistics.median(r[key] for r, _ in results) for key in results[0][0]}
    each = [statistics.median(steps[n] for _, steps in results) for n in range(len(STEPS))]
    print(json.dumps(medians | {"steps": each, "rounds": rounds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
