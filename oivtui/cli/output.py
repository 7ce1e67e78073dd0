"""What the commands print and write: messages on stderr, reports on stdout or to a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from oivtui.ask.lines import printable


def write_file(path: Path, text: str | bytes, *, private: bool = True) -> bool:
    """Write ``text`` atomically over a regular file or where nothing is yet; False (with the reason
    said) when it cannot or may not be written. Temp files a killed run left there go first. A
    report (``private=False``) gets the user's umask, a session file 0600."""
    from oivtui.files.storage import SaveError, remove_leftover_temps, write_atomic

    remove_leftover_temps(path, only_dead=True)
    try:
        write_atomic(path, text if isinstance(text, bytes) else text.encode("utf-8"), private=private)
    except SaveError as exc:
        reason = exc.reason or str(exc)
        say(f"oivtui: {path}: scrittura non riuscita ({reason}). Nessun file è stato modificato.")
        return False
    return True


def refuse_target(path: Path) -> str:
    """Why ``export -o`` must not write over ``path`` (Italian, with the file's name), or "": it is
    a device, a FIFO, a socket or a folder (never replaced, whoever runs the command, root
    included), or a file without write permission (refused as a session is)."""
    from oivtui.files.storage import not_regular, read_only_reason

    kind = not_regular(path)
    if kind == "una cartella":
        return f"{path}: è una cartella; indica il nome del file del resoconto."
    if kind:
        return (
            f"{path}: è {kind}, non un file: il resoconto si scrive solo in un file normale o con un nome nuovo. "
            "Per averlo sullo schermo o in una pipe, togli -o."
        )
    reason = read_only_reason(path)
    if reason:
        return (
            reason.replace("Per modificarlo", "Per sostituirlo")
            .replace("e riaprilo.", "o scegli un altro nome.")
            .replace("non lo modifica", "non lo sovrascrive")
        )
    return ""


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
