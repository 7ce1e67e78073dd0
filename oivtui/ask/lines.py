"""The plain lines of ``oivtui ask``: a prompt, a line read and cleaned, what ends the walk.

No Textual and no full screen: stdin and stdout, bytes decoded as UTF-8 (a line that is not is
asked again), control characters shown escaped, SIGHUP and SIGTERM turned into ``Hangup`` so the
session is saved and unlocked.
"""

from __future__ import annotations

import re
import signal
from typing import BinaryIO, TextIO

#: Control characters, shown escaped when a session's text is printed; the bidi controls too, which
#: would reorder the line on the terminal (the same set as questionnaire.form.kinds.BIDI_CONTROLS).
_CONTROLS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\u202a-\u202e\u2066-\u2069]")


#: What ``ask`` says when it took characters out of a typed line.
REMOVED = "Nota: tolti dalla riga i caratteri di controllo e le sequenze di tasti (non stampabili)."


class EndOfInput(Exception):
    """stdin is at its end: save and leave."""


class Quit(Exception):
    """The user typed ``!``."""


class Hangup(Exception):
    """SIGHUP or SIGTERM: save and leave."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def clean_line(raw: str) -> str:
    """A typed line without its line end, escape sequences (arrow keys) or control characters."""
    from questionnaire.form import kinds  # here: the command line's messages use ``printable`` without it

    return kinds.clean(raw.rstrip("\r\n"))


def printable(text: str) -> str:
    r"""Control characters shown as ``\x1b``: a session file must not drive the terminal."""
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Lines:
    """Plain lines in and out: a prompt, a line read, the line echoed when stdin is not a terminal."""

    def __init__(self, stdin: BinaryIO | None, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.echo = stdin is not None and not isatty(stdin)

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def read(self, prompt: str = "> ") -> str:
        while True:
            self.stdout.write(prompt)
            self.stdout.flush()
            raw = self.stdin.readline() if self.stdin is not None else b""
            if not raw:
                self.say()
                raise EndOfInput
            try:
                typed = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                self.say()
                self.say("La riga non è testo UTF-8 valido: riscrivila.")
                continue
            line = clean_line(typed)
            if self.echo:
                self.say(printable(line))
            if line != typed:  # said, as the TUI says it of a paste: never a silent change
                self.say(REMOVED)
            return line


def isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


class signals_raise:
    """SIGHUP and SIGTERM end the walk through ``Hangup`` so the session is saved and unlocked."""

    def __enter__(self) -> None:
        self.old = {sig: signal.signal(sig, self._raise) for sig in (signal.SIGHUP, signal.SIGTERM)}

    def __exit__(self, *_exc: object) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler)

    @staticmethod
    def _raise(signum: int, _frame: object) -> None:
        raise Hangup(signum)
