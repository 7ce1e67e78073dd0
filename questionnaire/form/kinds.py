"""The kinds of field, one parser each: typed text → value or an Italian message, value → text, checks.

The app's fields, ``oivtui ask`` and the session loader all read what a person wrote through
``parse``, so «26 febbraio 2024», «1.000» or «12,5» mean the same thing (or get the same
message) wherever they are typed. Control characters never get past ``clean``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from questionnaire.form.answers import Value
from questionnaire.form.model import Field

#: The longest answer accepted in one field: enough for pages of text, not for a pasted file.
MAX_TEXT = 200_000
MAX_COUNT = 10_000_000

MONTHS = ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre").split()

#: Escape sequences (colours, arrow keys…) as a whole, then the control characters left.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
#: The bidirectional controls (embeddings, overrides, isolates): invisible, they reorder what a
#: reader sees («Roma \u202egnp.exe\u202c» shows as «Roma exe.png»), so they count as controls.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_CONTROLS_IN_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")
_CONTROLS_IN_TEXT = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")  # tabs, line ends stay
_SURROGATE = re.compile("[\ud800-\udfff]")


class Parsed(NamedTuple):
    """What a typed text means: a value (None for nothing typed), or the Italian ``error``."""

    value: Value | None
    error: str = ""


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


def _parse_text(fld: Field, text: str) -> Parsed:
    text = clean(text, multiline=True)
    return Parsed(text if text.strip() else None)


def _parse_line(fld: Field, text: str) -> Parsed:
    text = clean(text).strip()
    return Parsed(text or None)


def _parse_lines(fld: Field, text: str) -> Parsed:
    items = [clean(line).strip() for line in text.splitlines()]
    return Parsed([item for item in items if item] or None)


#: (As text, as the patterns of ``_DATES``' second and third forms: ``re`` compiles them when first
#: used and keeps them; the start, which reads no such number or date, does not pay for them.)
_GROUPED = r"\d{1,3}(?P<sep>[. \u00a0\u202f'])\d{3}(?:(?P=sep)\d{3})*"


def _parse_integer(fld: Field, text: str) -> Parsed:
    text = clean(text).strip()
    if not text:
        return Parsed(None)
    digits = text[1:] if text[0] in "+-" else text
    if re.fullmatch(_GROUPED, digits):  # 1.000 or 1 000: Italian thousands
        digits = re.sub(r"\D", "", digits)
    if not digits.isascii() or not digits.isdigit():
        if re.fullmatch(r"\d+[.,]\d+", digits):
            return Parsed(None, f"«{text}» non è un numero intero: scrivi solo cifre, senza virgola (per esempio 12).")
        return Parsed(None, f"«{text}» non è un numero: scrivi un numero intero con sole cifre, per esempio 12.")
    if text[0] == "-" and int(digits):
        return Parsed(None, f"«{text}»: il numero non può essere negativo; scrivi un numero intero da 0 in su.")
    if len(digits) > 9 or int(digits) > MAX_COUNT:
        return Parsed(None, f"«{text}» è fuori misura: controlla il numero.")
    return Parsed(int(digits))


_DATES = (
    r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})",
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
    r"(?P<d>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<y>\d{4})",
)
DATE_HINT = "scrivi la data come 26/02/2024 o 26 febbraio 2024"


def _parse_date(fld: Field, text: str) -> Parsed:
    text = clean(text).strip()
    if not text:
        return Parsed(None)
    folded = fold(text)
    for pattern in _DATES:
        match = re.fullmatch(pattern, folded)
        if match:
            return _date_of(text, match)
    return Parsed(None, f"«{text}» non è una data: {DATE_HINT}.")


def _date_of(text: str, match: re.Match[str]) -> Parsed:
    day, year = int(match["d"]), int(match["y"])
    name = match.groupdict().get("month")
    if name is not None:
        if name not in MONTHS:
            return Parsed(None, f"«{name}» non è un mese: {DATE_HINT}.")
        month = MONTHS.index(name) + 1
    else:
        month = int(match["m"])
        if not 1 <= month <= 12:
            return Parsed(None, f"«{text}»: il mese {month} non esiste; {DATE_HINT}.")
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return Parsed(None, f"«{text}»: il {day} {MONTHS[month - 1]} {year} non esiste; controlla il giorno.")
    if not 1990 <= year <= 2200:
        return Parsed(None, f"«{text}»: l'anno {year} non è plausibile.")
    return Parsed(value)


_TRIENNIUM = re.compile(r"^\s*(\d{4})\s*[-–—/]\s*(\d{4})\s*$")
TRIENNIUM_HINT = "scrivi il triennio come primo e ultimo dei tre anni, per esempio 2024-2026"


def parse_triennium(text: str) -> tuple[int, int] | None:
    """(first, last) years of "2024-2026" (also with –, — or /), or None."""
    match = _TRIENNIUM.match(text)
    return (int(match[1]), int(match[2])) if match else None


def _parse_triennium(fld: Field, text: str) -> Parsed:
    text = clean(text).strip()
    if not text:
        return Parsed(None)
    if parse_triennium(text) is None:
        if re.fullmatch(r"\d{4}", text):
            first = int(text)
            years = f"{first}-{first + 2}"
            message = f"«{text}» è un anno solo: scrivi il primo e l'ultimo dei tre anni, per esempio {years}."
            return Parsed(None, message)
        return Parsed(None, f"«{text}» non è un triennio: {TRIENNIUM_HINT}.")
    return Parsed(text)


def _parse_choice(fld: Field, text: str) -> Parsed:
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


def format_value(fld: Field, value: Value | None) -> str:
    """How a stored value reads in its field (and in ``oivtui ask``): 26/02/2024, one item per line…"""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


def italian_date(value: dt.date) -> str:
    """26 febbraio 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


# ---------------------------------------------------------------- check: a stored value


def _check_text(fld: Field, value: object) -> str:
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


def _check_line(fld: Field, value: object) -> str:
    if isinstance(value, str) and "\n" in value:
        return f"«{fld.label}» deve stare su una sola riga."
    return _check_text(fld, value)


def _check_lines(fld: Field, value: object) -> str:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"«{fld.label}» deve essere un elenco di testi, uno per riga."
    if sum(len(v) for v in value) > MAX_TEXT:
        return f"«{fld.label}» è troppo lungo: accorcialo."
    return next(filter(None, (_check_line(fld, v) for v in value)), "")


def _check_typed(fld: Field, value: object) -> str:
    """A text in a number or date field is what was typed and is not (yet) one: the parser says why."""
    return PARSERS[fld.kind](fld, str(value)).error  # quotes what was typed: shown under its field


def _check_integer(fld: Field, value: object) -> str:
    if isinstance(value, str):
        return _check_typed(fld, value) or f"«{fld.label}» deve essere un numero intero, per esempio 12."
    if isinstance(value, bool) or not isinstance(value, int):
        return f"«{fld.label}» deve essere un numero intero, per esempio 12."
    if value < 0:
        return f"«{fld.label}» non può essere negativo: scrivi un numero intero da 0 in su."
    if value > MAX_COUNT:
        return f"«{fld.label}» è fuori misura ({value}): controlla il numero."
    return ""


def _check_date(fld: Field, value: object) -> str:
    if isinstance(value, str):
        return _check_typed(fld, value) or f"«{fld.label}» deve essere una data, per esempio 26/02/2024."
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return f"«{fld.label}» deve essere una data, per esempio 26/02/2024."
    if not 1990 <= value.year <= 2200:
        return f"«{fld.label}»: l'anno {value.year} non è plausibile."
    return ""


def _check_choice(fld: Field, value: object) -> str:
    message = _check_line(fld, value)
    if message:
        return message
    if not fld.other and value not in fld.options:
        allowed = ", ".join(f"«{o}»" for o in fld.options)
        return f"«{fld.label}»: «{value}» non è tra le risposte possibili ({allowed})."
    return ""


def _check_triennium(fld: Field, value: object) -> str:
    return _check_line(fld, value) or _check_typed(fld, value)


# ---------------------------------------------------------------- the registry


PARSERS: dict[str, Callable[[Field, str], Parsed]] = {
    "text": _parse_text,
    "line": _parse_line,
    "lines": _parse_lines,
    "integer": _parse_integer,
    "date": _parse_date,
    "choice": _parse_choice,
    "triennium": _parse_triennium,
}

CHECKS: dict[str, Callable[[Field, object], str]] = {
    "text": _check_text,
    "line": _check_line,
    "lines": _check_lines,
    "integer": _check_integer,
    "date": _check_date,
    "choice": _check_choice,
    "triennium": _check_triennium,
}

#: Kinds whose value is not a text: what was typed is kept as a text until it reads as one.
TYPED_KINDS = frozenset({"integer", "date"})


def parse(fld: Field, text: str) -> Parsed:
    """What ``text``, as a person typed it, means for ``fld``: its value, or why it cannot be one."""
    return PARSERS[fld.kind](fld, text)


def check(fld: Field, value: object) -> str:
    """An Italian message when a stored ``value`` cannot be an answer of ``fld``, else ""."""
    if value is None:
        return ""
    checker = CHECKS.get(fld.kind)
    return checker(fld, value) if checker else ""


def to_store(fld: Field, text: str) -> Value | None:
    """What a field keeps of ``text``: its value, or, when it is not one, the text as typed (cleaned)
    so nothing is lost and validation says what is wrong; never a number the user did not type."""
    parsed = parse(fld, text)
    if parsed.error:
        return clean(text, multiline=fld.is_long).strip() or None
    return parsed.value
