"""The fingerprint of a session's answers, the report line that carries it, and ``verify``.

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
from pathlib import Path

from oivtui.session import Session
from questionnaire.answers import Answers, is_empty

MARKER = "impronta SHA-256 delle risposte:"
#: The provenance line of a Markdown report and of its HTML rendering (one line in both).
_LINE = re.compile(
    r"^(?:\*|<p><em>)Generato da oivtui (?P<source>.*) · modulo (?P<form>\S+) (?P<version>\S+) · "
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


def source_name(session: Session) -> str:
    return f"dalla sessione «{session.path.name}»" if session.path is not None else "da una sessione non salvata"


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
            return Provenance(number, match["source"], match["form"], match["version"], match["digest"])
    return None


def without_provenance(text: str) -> list[str]:
    """The report's lines, its provenance line left out."""
    lines = text.split("\n")
    found = find_provenance(text)
    return lines[: found.line] + lines[found.line + 1 :] if found else lines


def is_html(text: str) -> bool:
    return text.lstrip().lower().startswith(("<!doctype html", "<html"))


@dataclass
class Verdict:
    """The outcome of :func:`verify`: ``ok`` and what to tell the user, in Italian."""

    ok: bool
    messages: list[str]


def verify(text: str, session: Session) -> Verdict:
    """Whether ``text`` (a Markdown or HTML report) is exactly what ``session``'s answers produce."""
    from oivtui.report import render_html, render_markdown  # markdown-it: only verify needs it here

    text = text.replace("\r\n", "\n")
    found = find_provenance(text)
    if found is None:
        return Verdict(False, [
            "il resoconto non contiene la riga «Generato da oivtui … impronta SHA-256 delle risposte»: "
            "non è stato prodotto da questa versione di oivtui, oppure la riga è stata tolta."
        ])
    render = render_html if is_html(text) else render_markdown
    body = without_provenance(text)
    candidates = [without_provenance(render(session, draft=draft)) for draft in (None, True)]
    expected = fingerprint(session.answers)
    where = f"di «{session.path.name}»" if session.path else "della sessione"
    if found.digest != expected:
        return Verdict(False, [
            f"impronta diversa: il resoconto è stato generato da risposte diverse da quelle {where} "
            f"(nel resoconto {found.digest[:16]}…, nella sessione {expected[:16]}…)."
        ])
    if body not in candidates:
        line = _first_difference(body, candidates) + 1
        return Verdict(False, [
            f"testo del resoconto modificato: l'impronta corrisponde alle risposte {where}, ma il testo non è "
            f"quello che producono (prima differenza alla riga {line})."
        ])
    messages = [f"il resoconto corrisponde esattamente alle risposte {where} (impronta {expected})."]
    return Verdict(True, messages + _notes(found, session))


def _first_difference(body: list[str], candidates: list[list[str]]) -> int:
    """The 0-based line where ``body`` first departs from the candidate it follows longest."""
    best = 0
    for candidate in candidates:
        pairs = enumerate(zip(body, candidate, strict=False))
        same = next((i for i, (a, b) in pairs if a != b), min(len(body), len(candidate)))
        best = max(best, same)
    return best


def _notes(found: Provenance, session: Session) -> list[str]:
    notes = []
    name = session.path.name if session.path else ""
    if found.name and name and found.name != name:
        notes.append(f"nota: il resoconto nomina la sessione «{found.name}», il file indicato è «{name}».")
    form = session.form
    if (found.form, found.version) != (form.id, form.version):
        notes.append(f"nota: il resoconto cita il modulo {found.form} {found.version}, oivtui usa {form.id} "
                     f"{form.version}; il testo coincide comunque.")
    return notes


def read_report(path: Path) -> str:
    """A report file's text; OSError/UnicodeDecodeError become ValueError with an Italian message."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{path}: il file non esiste. Controlla il percorso.") from None
    except IsADirectoryError:
        raise ValueError(f"{path}: è una cartella, non un resoconto.") from None
    except OSError as exc:
        raise ValueError(f"{path}: impossibile leggere il file ({exc.strerror}).") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(f"{path}, riga {line}: il file non è testo UTF-8: non è un resoconto di oivtui.") from None
