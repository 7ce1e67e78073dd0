"""What the commands print and write: messages on stderr, reports on stdout or to a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from oivtui.ask.lines import printable


def write_file(path: Path, text: str | bytes) -> bool:
    """Write ``text`` atomically; False (with the reason said) when it cannot be written."""
    from oivtui.files.storage import SaveError, errno_hint, write_atomic

    try:
        write_atomic(path, text if isinstance(text, bytes) else text.encode("utf-8"))
    except SaveError as exc:
        cause = exc.__context__  # the OSError that save_error() translated
        reason = str(exc)
        if isinstance(cause, OSError):
            reason = errno_hint(cause, path)
        say(f"oivtui: {path}: scrittura non riuscita ({reason}). Nessun file è stato modificato.")
        return False
    return True


def write_stdout(text: str | bytes) -> None:
    """The report as UTF-8 whatever the locale (a PDF as is); control characters shown harmlessly
    on a terminal."""
    if isinstance(text, str) and sys.stdout.isatty():
        text = printable(text)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text if isinstance(text, str) else text.decode("latin-1"))
    else:
        sys.stdout.flush()
        buffer.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    sys.stdout.flush()


def say(message: str) -> None:
    print(printable(message), file=sys.stderr, flush=True)


def count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def tolerant_streams() -> None:
    """A terminal in an odd encoding gets ``\\xe8`` rather than a UnicodeEncodeError traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout has no descriptor (embedded use): nothing will be flushed to a pipe
