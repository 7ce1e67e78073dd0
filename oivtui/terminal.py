"""A Linux driver that survives what SSH links do: bad bytes on stdin, and a terminal that vanishes.

Textual's input thread dies on one byte of invalid UTF-8 (Textual issue #6456) and spins on end
of file when the terminal goes away without SIGHUP (open PR #6690). This driver decodes with
replacement characters and, on end of file or a read error, tells the app so that it saves and
exits. Everything else is Textual's own ``LinuxDriver``.
"""

from __future__ import annotations

import codecs
import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message


class TerminalLost(Message):
    """The terminal is gone (end of file or read error on stdin): save and exit."""

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why


class InvalidInput(Message):
    """Bytes that are not UTF-8 arrived from the terminal and were dropped."""


def _drop_invalid(error: UnicodeDecodeError) -> tuple[str, int]:
    return "", error.end


codecs.register_error("oivtui-drop", _drop_invalid)


class SafeLinuxDriver(LinuxDriver):
    """``LinuxDriver`` whose input thread posts ``TerminalLost`` instead of dying or spinning."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decoder = getincrementaldecoder("utf-8")(errors="oivtui-drop")

        def decode(data: bytes) -> str:
            text = decoder.decode(data)
            if len(text.encode("utf-8")) < len(data) and _has_invalid(data):
                self._app.post_message(InvalidInput())
            return text

        try:
            while not self.exit_event.is_set():
                if not self._pump(selector, parser, decode):
                    self._lost("fine dell'input")
                    return
        except OSError as exc:  # EIO: the pseudo-terminal's other side is closed
            self._lost(exc.strerror or "errore di lettura")
        except Exception as exc:  # a dead input thread would leave the app deaf: save and leave
            self._lost(f"errore nella lettura dei tasti ({exc!r})")
        finally:
            selector.close()

    def _pump(self, selector: selectors.BaseSelector, parser: XTermParser, decode: Callable) -> bool:
        """Read what is waiting and feed it to the parser; False at end of file."""
        for _key, mask in selector.select(0.1):
            if mask & selectors.EVENT_READ:
                data = os.read(self.fileno, 4096)
                if not data:
                    return False
                text = decode(data)
                if text:  # feeding "" would tell the parser that input has ended
                    for event in parser.feed(text):
                        self.process_message(event)
        for event in parser.tick():
            self.process_message(event)
        return True

    def _lost(self, why: str) -> None:
        if not self.exit_event.is_set():
            self._app.post_message(TerminalLost(why))  # post_message is thread-safe


def _has_invalid(data: bytes) -> bool:
    """True when ``data`` holds bytes that can never start or continue UTF-8 text."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason != "unexpected end of data"
    return False
