"""The fingerprint of a set of answers, and the report's provenance line read back.

The canonical form (docs/session-format.md, "Fingerprint") is the JSON text of the answers, header
included, keyed by question id then row and field key, keys sorted, no whitespace, dates as
ISO ``YYYY-MM-DD`` strings, empty answers left out, encoded in UTF-8. Its SHA-256, in lower-case
hex, is the fingerprint. The position, the file name, the review marks and last year's answers are
not part of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass

from questionnaire.form.answers import Answers, is_empty

MARKER = "impronta SHA-256 delle risposte:"
#: The provenance line of a Markdown report and of its HTML rendering (one line in both). Reports
#: written before issue 28 named the session file after «oivtui» (``source``); today's do not.
_LINE = re.compile(
    r"^(?:\*|<p><em>)Generato da oivtui(?: (?P<source>.*))? · modulo (?P<form>\S+) (?P<version>\S+) · "
    + re.escape(MARKER)
    + r" (?P<digest>[^\s*<]+)(?:\*|</em></p>)$"
)
_SOURCE_NAME = re.compile(r"^dalla sessione «(?P<name>.*)»$")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _plain(value: object) -> object:
    """A value as JSON: dates as ISO strings, empty answers and tables dropped."""
    if isinstance(value, dict):
        out = {str(k): _plain(v) for k, v in value.items() if not is_empty(v)}
        return {k: v for k, v in out.items() if v != {}}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(answers: Answers) -> bytes:
    """The bytes the fingerprint is computed on (see the module docstring)."""
    text = json.dumps(_plain(answers.data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate cannot come from a file or a terminal, only from code: hash it, never crash.
    return text.encode("utf-8", "surrogatepass")


def fingerprint(answers: Answers) -> str:
    return hashlib.sha256(canonical(answers)).hexdigest()


# ---------------------------------------------------------------- reading a report back


@dataclass(frozen=True)
class Provenance:
    """What a report's provenance line says."""

    line: int
    source: str
    form: str
    version: str
    digest: str

    @property
    def name(self) -> str:
        """The session file's name as the line gives it, Markdown and HTML escapes undone."""
        match = _SOURCE_NAME.match(self.source)
        return html.unescape(_MD_ESCAPE.sub(r"\1", match["name"])) if match else ""


def find_provenance(text: str) -> Provenance | None:
    """The report's own provenance line: the last line of that shape (user text cannot forge one)."""
    lines = text.split("\n")
    for number in range(len(lines) - 1, -1, -1):
        match = _LINE.match(lines[number])
        if match:
            return Provenance(number, match["source"] or "", match["form"], match["version"], match["digest"])
    return None


def without_provenance(text: str) -> list[str]:
    """The report's lines, its provenance line left out."""
    lines = text.split("\n")
    found = find_provenance(text)
    return lines[: found.line] + lines[found.line + 1 :] if found else lines


def is_html(text: str) -> bool:
    return text.lstrip().lower().startswith(("<!doctype html", "<html"))
