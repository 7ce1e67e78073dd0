"""First paint in a real terminal: a program started in tmux at 80×24, timed to its first screen.

``with Terminal(env) as terminal: terminal.first_paint(command, markers)`` starts one tmux server
of its own (the user's tmux is never touched) with one client in control mode (``tmux -C``) at
80×24. Each ``first_paint`` opens a new window running ``command`` and returns the seconds from
just before the window was asked for to the first capture of the pane that shows every marker;
then it closes the window and waits for the program to have left.

Why this shape: a user starts oivtui in a terminal that is already running, so the server's own
start is no part of the measure (it used to be: a new server per start, the same ≈100 ms added to
both sides, which pulled every ratio towards 1). And the pane is captured through the one control
client, only after the pane has written something (tmux's ``%output`` notification): no process is
started per look, as with a ``tmux capture-pane`` every few milliseconds, which on a machine of two
cores took CPU from the program being timed. The capture follows the write within a few ms.

``python benchmarks/probe_tmux.py minimal`` runs the bare Textual app of ``probe_start.py`` for
real (it is what the window starts for the baseline).
"""

from __future__ import annotations

import os
import select
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

HERE = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 30.0
#: What the bare app shows once painted: its Input's placeholder.
MINIMAL_MARKERS = ("Amministrazione",)


def available() -> bool:
    try:
        return subprocess.run(["tmux", "-V"], capture_output=True).returncode == 0
    except OSError:
        return False


class Terminal:
    """One tmux server with a control-mode client of 80×24; a window per program timed."""

    def __init__(self, env: dict[str, str], name: str = "oivtui-bench") -> None:
        self.env = env
        self.base = ["tmux", "-L", f"{name}-{os.getpid()}"]
        self.client = subprocess.Popen(
            [*self.base, "-C", "new-session", "-s", "banco", "-x", "80", "-y", "24"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            bufsize=0,
        )
        assert self.client.stdin is not None and self.client.stdout is not None
        self.stdin = self.client.stdin
        self.fd = self.client.stdout.fileno()
        self.pending = b""
        self.screen = ""  # the pane of the program timed, as last captured
        try:
            self.reply()  # the block that answers the new-session itself
            self.command("refresh-client -C 80x24")
        except BaseException:  # no server left running behind a failed start (or a Ctrl+C)
            self.__exit__()
            raise

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, env=self.env)
        try:
            self.client.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.client.kill()
            self.client.wait()
        self.stdin.close()
        self.client.stdout.close()  # type: ignore[union-attr]

    def lines(self) -> Iterator[bytes]:
        """What the control client says, line by line; a silent tmux is an error after the timeout."""
        while True:
            while b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                yield line
            if not select.select([self.fd], [], [], TIMEOUT_SECONDS)[0]:
                raise RuntimeError(f"tmux said nothing for {TIMEOUT_SECONDS:.0f} s")
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                raise RuntimeError("the tmux control client ended")
            self.pending += chunk

    def blocks(self, lines: Iterator[bytes]) -> Iterator[tuple[bytes, list[bytes]]]:
        """What the control client says, as (line, []) for a notification (``%output …``) and
        (b"%end" or b"%error", its lines) for the answer to a command."""
        block: list[bytes] | None = None
        for line in lines:
            if line.startswith(b"%begin"):
                block = []
            elif block is not None and line.startswith((b"%end", b"%error")):
                yield (b"%end" if line.startswith(b"%end") else b"%error"), block
                block = None
            elif block is not None:
                block.append(line)
            else:
                yield line, []

    def reply(self) -> list[bytes]:
        """The output block of the next command answered (notifications in between are skipped)."""
        for kind, block in self.blocks(self.lines()):
            if kind == b"%error":
                raise RuntimeError(b"\n".join(block).decode("utf-8", "replace"))
            if kind == b"%end":
                return block
        raise AssertionError("unreachable")

    def command(self, text: str) -> list[bytes]:
        self.stdin.write(text.encode() + b"\n")
        return self.reply()

    def first_paint(self, command: list[str], markers: tuple[str, ...]) -> float:
        """Seconds from just before tmux is asked to start ``command`` to the first capture showing every marker."""
        shell = " ".join(shlex.quote(part) for part in command)
        start = time.perf_counter()
        pane, pid = self.command(f"new-window -P -F '#{{pane_id}} #{{pane_pid}}' {shlex.quote(shell)}")[0].split()
        capture = b"capture-pane -p -t " + pane + b"\n"
        self.stdin.write(capture)
        asked, self.screen = True, ""
        try:
            for kind, block in self.blocks(self._lines_of(shell)):
                if kind.startswith(b"%output " + pane + b" ") and not asked:
                    self.stdin.write(capture)  # the pane changed: look again
                    asked = True
                elif kind in (b"%end", b"%error"):
                    text, asked = b"\n".join(block).decode("utf-8", "replace"), False
                    if kind == b"%error":  # the pane is gone: the program ended
                        raise RuntimeError(
                            f"{shell}: ended before its first paint ({text}); the pane:\n{self.screen.rstrip()}"
                        )
                    self.screen = text
                    if all(marker in text for marker in markers):
                        return time.perf_counter() - start
                    if time.perf_counter() - start > TIMEOUT_SECONDS:
                        raise RuntimeError(
                            f"{shell}: no first paint in {TIMEOUT_SECONDS:.0f} s; the pane:\n{self.screen}"
                        )
            raise AssertionError("unreachable")
        finally:
            try:
                self.command(f"kill-pane -t {pane.decode()}")
            except RuntimeError:
                pass  # the program ended and took its pane: the error said so already
            _wait_gone(int(pid))

    def _lines_of(self, shell: str) -> Iterator[bytes]:
        """``lines()``, with the pane as last captured when the program timed stays silent."""
        try:
            yield from self.lines()
        except RuntimeError as exc:
            raise RuntimeError(f"{shell}: {exc}; the pane:\n{self.screen.rstrip()}") from None


def _wait_gone(pid: int) -> None:
    """Wait for the program to have saved and left (its hang-up handling): the next start must find
    its file unlocked and the machine quiet."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
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
