"""Bracketed pastes cleaned of control characters before Textual's parser reads them.

A terminal sends a paste between ``ESC [200~`` and ``ESC [201~``. Textual's parser (8.2) ends the
paste at the first escape sequence inside it and hands the rest out as keys: a pasted
``J ESC[31m K`` was saved as ``^[31mKJ``, and a BEL (Ctrl+G) inside a paste opened the help
and lost the rest. The answers are text: colours and controls copied from another program have
no place in them. Inside a paste this keeps tabs and line breaks and drops every other control
character, and escape sequences whole; outside pastes nothing changes.
"""

from __future__ import annotations

import re

from questionnaire.form.kinds import BIDI_CONTROLS

START = "\x1b[200~"
END = "\x1b[201~"
#: CSI (colours, cursor…), OSC (titles, links) and two-character escape sequences, then any other
#: C0/C1 control character but tab, line feed and carriage return.
#: (Both as text: ``re`` compiles them at the first paste, not at every start, and keeps them.)
_SEQUENCES = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\^_]"
#: Longest sequence held back while it may still be completed by the next read.
_LONGEST = 256
_CONTROLS = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f" + BIDI_CONTROLS + "]"


def clean(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and line breaks kept)."""
    return re.sub(_CONTROLS, "", re.sub(_SEQUENCES, "", text))


class PasteCleaner:
    """Cleans the pastes in a stream of terminal input read in pieces; ``removed`` says if it did."""

    def __init__(self) -> None:
        self.in_paste = False
        #: Outside a paste, the last characters seen (a paste's start split across two reads).
        self.tail = ""
        #: Inside a paste, characters held back: they may be the start of the paste's end.
        self.held = ""
        self.removed = False

    def feed(self, text: str) -> str:
        out: list[str] = []
        while text:
            if not self.in_paste:
                seen = self.tail + text
                at = seen.find(START)
                if at < 0:
                    out.append(text)
                    self.tail = seen[-(len(START) - 1) :]
                    return "".join(out)
                begins = at + len(START) - len(self.tail)  # where the paste begins in ``text``
                out.append(text[:begins])
                text, self.tail, self.in_paste = text[begins:], "", True
            else:
                text = self.held + text
                self.held = ""
                at = text.find(END)
                if at < 0:
                    keep = _partial_end(text)
                    out.append(self._clean(text[: len(text) - keep]))
                    self.held = text[len(text) - keep :]
                    return "".join(out)
                out.append(self._clean(text[:at]) + END)
                text, self.in_paste = text[at + len(END) :], False
        return "".join(out)

    def _clean(self, text: str) -> str:
        cleaned = clean(text)
        self.removed = self.removed or cleaned != text
        return cleaned


def _partial_end(text: str) -> int:
    """How many characters at the end of ``text`` may be cut short: the paste's end marker or an
    escape sequence, to be completed by the next read."""
    at = text.rfind("\x1b")
    if at < 0 or len(text) - at > _LONGEST:
        return 0
    rest = text[at:]
    complete = re.match(_SEQUENCES, rest)
    return 0 if complete and complete.end() < len(rest) or (complete and not END.startswith(rest)) else len(rest)
