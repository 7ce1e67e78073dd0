"""A Linux driver that survives what SSH links do: bad bytes on stdin, and a terminal that vanishes.

Textual's input thread dies on one byte of invalid UTF-8 (Textual issue #6456) and spins on end
of file when the terminal goes away without SIGHUP (open PR #6690); its parser breaks a paste up
at the first escape sequence inside it (``oivtui.tui.pastes`` cleans pastes first). Its output thread
dies on the first write to a closed terminal (EIO), after which the app blocks for ever on the full output
queue, before it can save. This driver drops invalid bytes, drops output once the terminal is
gone, and on end of file or a read or write error tells the app so that it saves and exits.
Everything else is Textual's own ``LinuxDriver``.
"""

from __future__ import annotations

import codecs
import errno
import os
import select
import selectors
import sys
import weakref
from codecs import getincrementaldecoder
from collections.abc import Callable
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from oivtui.files.errors import errno_hint
from oivtui.tui.pastes import PasteCleaner
from screens.compat import KeyParser, key_parser, wrap_driver_output


class TerminalLost(Message):
    """The terminal is gone (end of file or read error on stdin): save and exit."""

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why


class InvalidInput(Message):
    """Bytes that are not UTF-8 arrived from the terminal and were dropped."""


class PasteCleaned(Message):
    """A paste held escape sequences or control characters, and they were dropped (``oivtui.tui.pastes``)."""


def _drop_invalid(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)  # registered for decoding only
    return "", error.end


codecs.register_error("oivtui-drop", _drop_invalid)


class _TolerantOutput:
    """The terminal's output stream, minus the exceptions: once a write fails, output is dropped.

    Textual's writer thread calls ``write`` and ``flush`` with no error handling; an ``OSError``
    there would kill it and leave the app blocked on its full queue.
    """

    def __init__(self, stream: IO[str], lost: Callable[[str], None]) -> None:
        self._stream = stream
        self._lost = lost
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            self._guard(self._stream.write, text)
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            self._guard(self._stream.flush)

    def _guard(self, call: Callable[..., Any], *args: Any) -> None:
        try:
            call(*args)
        except (OSError, ValueError) as exc:  # EIO/EPIPE: terminal gone; ValueError: stream closed
            self.broken = True
            self._lost(terminal_error(exc) if isinstance(exc, OSError) else "terminale chiuso")

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()


#: The terminal read each key came in (``read_of``). Keys typed apart come in reads of their own,
#: however late the app handles them; a paste (or keys bunched by a link) comes in one.
_READ_OF: weakref.WeakKeyDictionary[Message, int] = weakref.WeakKeyDictionary()


def read_of(event: Message) -> int | None:
    """The number of the terminal read ``event`` came in; None when it came from no terminal
    read (a test's Pilot, ``oivtui serve``'s browser)."""
    return _READ_OF.get(event)


class SafeLinuxDriver(LinuxDriver):
    """``LinuxDriver`` whose input and output threads post ``TerminalLost`` instead of dying or spinning."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wrap_driver_output(self, lambda stream: _TolerantOutput(stream, self._lost))  # type: ignore[arg-type,return-value]

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = key_parser(self)
        decoder = getincrementaldecoder("utf-8")(errors="oivtui-drop")
        pastes = PasteCleaner()

        def decode(data: bytes) -> str:
            text = decoder.decode(data)
            if len(text.encode("utf-8")) < len(data) and _has_invalid(data):
                self.send_message(InvalidInput())
            text = pastes.feed(text)
            if pastes.removed:
                pastes.removed = False
                self.send_message(PasteCleaned())
            return text

        try:
            while not self.exit_event.is_set():
                if not self._pump(selector, parser, decode):
                    self._lost("fine dell'input")
                    return
        except OSError as exc:  # EIO: the pseudo-terminal's other side is closed
            self._lost(terminal_error(exc))
        except Exception as exc:  # a dead input thread would leave the app deaf: save and leave
            self._lost(f"errore nella lettura dei tasti ({exc!r})")
        finally:
            selector.close()

    def _pump(self, selector: selectors.BaseSelector, parser: KeyParser, decode: Callable) -> bool:
        """Read what is waiting and feed it to the parser; False at end of file."""
        for _key, mask in selector.select(0.1):
            if mask & selectors.EVENT_READ:
                data = os.read(self.fileno, 4096)
                if not data:
                    return False
                self._reads += 1
                text = decode(data)
                if text:  # feeding "" would tell the parser that input has ended
                    for event in parser.feed(text):
                        self._send(event)
        for event in parser.tick():  # (a held Esc: of the last read)
            self._send(event)
        return True

    #: How many reads of the terminal so far (``read_of``).
    _reads = 0

    def _send(self, event: Message) -> None:
        _READ_OF[event] = self._reads
        self.process_message(event)

    def _lost(self, why: str) -> None:
        if not self.exit_event.is_set():
            self.send_message(TerminalLost(why))  # thread-safe: it posts through the app's loop


def terminal_error(exc: OSError) -> str:
    """Why the terminal was lost, in Italian (the system's text is English)."""
    if exc.errno in (errno.EIO, errno.EPIPE, errno.ENXIO, errno.EBADF):
        return "il terminale è stato chiuso o non risponde più"
    return f"errore del terminale: {errno_hint(exc)}"


def _has_invalid(data: bytes) -> bool:
    """True when ``data`` holds bytes that can never start or continue UTF-8 text."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason != "unexpected end of data"
    return False


def input_pending() -> bool:
    """True while the terminal still holds bytes the input thread has not read (never at EOF)."""
    try:
        if sys.__stdin__ is None:  # Python started without a standard input
            return False
        fd = sys.__stdin__.fileno()
        if not os.isatty(fd):
            return False
        ready, _, _ = select.select([fd], [], [], 0)
        return bool(ready) and termios_pending(fd) > 0
    except (OSError, ValueError, AttributeError):
        return False


def termios_pending(fd: int) -> int:
    """Bytes waiting in the terminal's input queue (FIONREAD); 0 at end of file."""
    import fcntl
    import struct
    import termios

    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
