"""Texts: what every kind of field reads with (``clean``, ``Parsed``, ``FieldLike``), and the pieces
of the kinds whose answer is words: a free text, a line, a list of lines, a choice."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple, Protocol

#: A stored answer: a text, a whole number, a list of texts (one a line), a date.
Value = str | int | list[str] | dt.date

#: The longest answer accepted in one field: enough for pages of text, not for a pasted file.
MAX_TEXT = 200_000

#: Escape sequences (colours, arrow keys…) as a whole, then the control characters left.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROLS_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tabs and line ends stay
_SURROGATE = re.compile("[\ud800-\udfff]")


class Parsed(NamedTuple):
    """What a typed text means: a value (None for nothing typed), or the Italian ``error``."""

    value: Value | None
    error: str = ""


class FieldLike(Protocol):
    """What a kind reads of a field (``questionnaire.form.model.Field``)."""

    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def options(self) -> tuple[str, ...]: ...
    @property
    def other(self) -> bool: ...


def clean(text: str, multiline: bool = False) -> str:
    """``text`` without escape sequences and control characters; long texts keep tabs and line ends."""
    text = _ESCAPES.sub("", text)
    return (_CONTROLS_IN_TEXT if multiline else _CONTROLS_IN_LINE).sub("", text)


def has_controls(text: str, multiline: bool = False) -> bool:
    return clean(text, multiline) != text


def fold(text: str) -> str:
    """Lower case without accents or spaces around: «Sì» and «si» compare equal."""
    text = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(c for c in text if not unicodedata.combining(c))


def one_line(text: str) -> str:
    """Several lines (a paste) as one: the lines joined by a space, blank ones dropped."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


# ---------------------------------------------------------------- parse: what a person typed


def parse_text(fld: FieldLike, text: str) -> Parsed:
    text = clean(text, multiline=True)
    return Parsed(text if text.strip() else None)


def parse_line(fld: FieldLike, text: str) -> Parsed:
    text = clean(text).strip()
    return Parsed(text or None)


def parse_lines(fld: FieldLike, text: str) -> Parsed:
    items = [clean(line).strip() for line in text.splitlines()]
    return Parsed([item for item in items if item] or None)


def parse_choice(fld: FieldLike, text: str) -> Parsed:
    """A number (1 = the first option), an option's wording (accents and case aside), or own wording."""
    text = clean(text).strip()
    if not text:
        return Parsed(None)
    count = len(fld.options)
    if text.isdigit():
        number = int(text)
        if 1 <= number <= count:
            return Parsed(fld.options[number - 1])
        return Parsed(None, f"Scrivi un numero da 1 a {count + 1 if fld.other else count}.")
    for option in fld.options:
        if fold(option) == fold(text):
            return Parsed(option)
    if fld.other:
        return Parsed(text)
    return Parsed(None, f"«{text}» non è tra le scelte: scrivi il numero di una delle scelte (da 1 a {count}).")


# ---------------------------------------------------------------- format: a value as the field shows it


def format_plain(fld: FieldLike, value: Value | None) -> str:
    """A value as it is typed: 26/02/2024, one item per line, a number's digits, a text as it is."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


# ---------------------------------------------------------------- check: a stored value


def check_text(fld: FieldLike, value: object) -> str:
    if not isinstance(value, str):
        return f"«{fld.label}» deve essere un testo."
    if _SURROGATE.search(value):
        return f"«{fld.label}» contiene caratteri non validi (surrogati UTF-16): riscrivi o incolla di nuovo il testo."
    control = _CONTROLS_IN_TEXT.search(value)
    if control:  # a file edited by hand: the TUI and ``ask`` clean what is typed or pasted
        code = f"U+{ord(control.group()):04X}"
        return f"«{fld.label}» contiene un carattere di controllo ({code}) che non si vede: toglilo dal file."
    if len(value) > MAX_TEXT:
        size = f"{len(value):,} caratteri; massimo {MAX_TEXT:,}".replace(",", ".")
        return f"«{fld.label}» è troppo lungo ({size}): accorcialo."
    return ""


def check_line(fld: FieldLike, value: object) -> str:
    if isinstance(value, str) and "\n" in value:
        return f"«{fld.label}» deve stare su una sola riga."
    return check_text(fld, value)


def check_lines(fld: FieldLike, value: object) -> str:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"«{fld.label}» deve essere un elenco di testi, uno per riga."
    if sum(len(v) for v in value) > MAX_TEXT:
        return f"«{fld.label}» è troppo lungo: accorcialo."
    return next(filter(None, (check_line(fld, v) for v in value)), "")


def check_choice(fld: FieldLike, value: object) -> str:
    message = check_line(fld, value)
    if message:
        return message
    if not fld.other and value not in fld.options:
        allowed = ", ".join(f"«{o}»" for o in fld.options)
        return f"«{fld.label}»: «{value}» non è tra le risposte possibili ({allowed})."
    return ""


# ---------------------------------------------------------------- stored: a value read from a session file


def toml_type_name(value: object) -> str:
    """What a value read from TOML is, in Italian: «un testo», «un numero decimale»…"""
    names = {
        str: "un testo",
        bool: "vero/falso",
        int: "un numero",
        float: "un numero decimale",
        list: "un elenco",
        dict: "una tabella",
        dt.date: "una data",
        dt.datetime: "data e ora",
        dt.time: "un orario",
    }
    return names.get(type(value), type(value).__name__)


def stored_text(value: object) -> str:
    if not isinstance(value, str):
        return f"ci si aspetta un testo tra virgolette, trovato {toml_type_name(value)}."
    if len(value) > MAX_TEXT:
        return (
            f"la risposta è troppo lunga ({len(value):,} caratteri; massimo {MAX_TEXT:,}): "
            "accorciala o spostala in un allegato."
        ).replace(",", ".")
    return ""


def stored_lines(value: object) -> str:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return 'ci si aspetta un elenco di testi, es. ["Excel", "Infocamere"].'
    if sum(len(v) for v in value) > MAX_TEXT:
        return "l'elenco è troppo lungo: accorcialo."
    return ""


# ---------------------------------------------------------------- holds: last year's value, this year's kind


def holds_text(value: object) -> bool:
    return isinstance(value, str)


def holds_lines(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# ---------------------------------------------------------------- in the report


def as_typed(value: object) -> str | None:
    return None
