"""A file a command reads (a document to import, a report to verify): checked before it is read.

It must be a regular file (a FIFO would hang the command, ``/dev/zero`` would fill the memory),
within a size limit, and readable; otherwise :class:`InputRefused` says why, in Italian.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from oivtui.files.errors import errno_hint

#: The largest file a command reads: a filed document or a report, with room for a signature.
MAX_INPUT = 20 * 1024 * 1024


class InputRefused(ValueError):
    """A file that is not read; ``str()`` is the Italian reason, naming the file."""


def read_input(path: Path, limit: int = MAX_INPUT) -> bytes:
    """The bytes of ``path``, refused before reading when it is no regular file or too large.

    The file is opened without blocking (a FIFO put there after a check would hang ``open``) and
    checked on the descriptor itself, so what is checked is what is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputRefused(f"{path}: il file non esiste.") from None
    except IsADirectoryError:
        raise InputRefused(f"{path}: non è un file normale.") from None
    except OSError as exc:
        raise InputRefused(f"{path}: non si può leggere ({errno_hint(exc)}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"{path}: non è un file normale.")
        if info.st_size > limit:
            raise InputRefused(
                f"{path}: è troppo grande ({info.st_size // (1024 * 1024)} MB; al massimo {limit // (1024 * 1024)} MB)."
            )
        os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputRefused(f"{path}: non si può leggere ({errno_hint(exc)}).") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise InputRefused(f"{path}: è troppo grande (oltre {limit // (1024 * 1024)} MB).")
    return data
