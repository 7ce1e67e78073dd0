"""Run oivtui under a real pseudo-terminal, as a user's terminal (or SSH) would."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path


class PtyApp:
    """``python -m oivtui ARGS`` on the slave side of a pty; the test holds the master."""

    def __init__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        cols: int = 80,
        rows: int = 24,
        prefix: list[str] | None = None,
    ) -> None:
        """``prefix``: a command to run oivtui under (the ``unprivileged`` fixture's setpriv)."""
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        self.proc = subprocess.Popen(
            [*(prefix or []), sys.executable, "-m", "oivtui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = b""

    def read(self, seconds: float = 0.2) -> bytes:
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.master >= 0:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
        return self.output

    def wait_for(self, needle: bytes, seconds: float = 10.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.1)
            if needle in self.output:
                return True
            if self.proc.poll() is not None:
                break
        return needle in self.output

    def settle(self, quiet: float = 0.25, seconds: float = 10.0) -> None:
        """Wait until the app has drawn all it had to: no output for ``quiet`` s (fail after ``seconds``)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            before = len(self.output)
            self.read(quiet)
            if len(self.output) == before:
                return
        raise AssertionError(f"the app was still drawing after {seconds} s")

    def type(self, text: str, delay: float = 0.03) -> None:
        for char in text:
            os.write(self.master, char.encode("utf-8"))
            time.sleep(delay)
            self.read(0.0)

    def key(self, sequence: bytes) -> None:
        os.write(self.master, sequence)
        time.sleep(0.1)
        self.read(0.05)

    def write_all(self, data: bytes, seconds: float = 60.0) -> None:
        """Write ``data`` as one burst, reading the app's output meanwhile (a full pty blocks both sides)."""
        end = time.monotonic() + seconds
        while data and time.monotonic() < end:
            readable, writable, _ = select.select([self.master], [self.master], [], 0.05)
            if readable:
                self.output += os.read(self.master, 65536)
            if writable:
                data = data[os.write(self.master, data) :]
        if data:
            raise TimeoutError(f"{len(data)} bytes not accepted by the terminal in {seconds} s")

    def signal(self, sig: int) -> None:
        os.kill(self.proc.pid, sig)

    def wait_exit(self, seconds: float) -> int | None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.05)
            time.sleep(0.02 if self.master < 0 else 0)
            code = self.proc.poll()
            if code is not None:
                return code
        return None

    def close_master(self) -> None:
        os.close(self.master)
        self.master = -1

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        if self.master >= 0:
            try:
                os.close(self.master)
            except OSError:
                pass
            self.master = -1


F6 = b"\x1b[17~"
TAB = b"\t"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


__all__ = ["PtyApp", "F6", "TAB", "cpu_seconds", "signal"]
