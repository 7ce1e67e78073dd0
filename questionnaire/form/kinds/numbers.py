"""Whole numbers, dates and the triennium: the pieces of the kinds whose text means a number."""

from __future__ import annotations

import datetime as dt
import re

from questionnaire.form.kinds.registry import kind_of
from questionnaire.form.kinds.text import FieldLike, Parsed, check_line, clean, fold, stored_text, toml_type_name

MAX_COUNT = 10_000_000

MONTHS = ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre").split()

# ---------------------------------------------------------------- parse: what a person typed


#: (As text, as the patterns of ``_DATES``' second and third forms: ``re`` compiles them when first
#: used and keeps them; the start, which reads no such number or date, does not pay for them.)
_GROUPED = r"\d{1,3}(?P<sep>[. \u00a0\u202f'])\d{3}(?:(?P=sep)\d{3})*"


def parse_integer(fld: FieldLike, text: str) -> Parsed:
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


def parse_date(fld: FieldLike, text: str) -> Parsed:
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


def parse_triennium_answer(fld: FieldLike, text: str) -> Parsed:
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


def italian_date(value: dt.date) -> str:
    """26 febbraio 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


# ---------------------------------------------------------------- check: a stored value


def _check_typed(fld: FieldLike, value: object) -> str:
    """A text in a number or date field is what was typed and is not (yet) one: the parser says why."""
    return kind_of(fld).parse(fld, str(value)).error  # quotes what was typed: shown under its field


def check_integer(fld: FieldLike, value: object) -> str:
    if isinstance(value, str):
        return _check_typed(fld, value) or f"«{fld.label}» deve essere un numero intero, per esempio 12."
    if isinstance(value, bool) or not isinstance(value, int):
        return f"«{fld.label}» deve essere un numero intero, per esempio 12."
    if value < 0:
        return f"«{fld.label}» non può essere negativo: scrivi un numero intero da 0 in su."
    if value > MAX_COUNT:
        return f"«{fld.label}» è fuori misura ({value}): controlla il numero."
    return ""


def check_date(fld: FieldLike, value: object) -> str:
    if isinstance(value, str):
        return _check_typed(fld, value) or f"«{fld.label}» deve essere una data, per esempio 26/02/2024."
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return f"«{fld.label}» deve essere una data, per esempio 26/02/2024."
    if not 1990 <= value.year <= 2200:
        return f"«{fld.label}»: l'anno {value.year} non è plausibile."
    return ""


def check_triennium(fld: FieldLike, value: object) -> str:
    return check_line(fld, value) or _check_typed(fld, value)


# ---------------------------------------------------------------- stored: a value read from a session file


def stored_integer(value: object) -> str:
    if isinstance(value, str):  # typed but not (yet) a number: validation says why
        return stored_text(value)
    if isinstance(value, float):  # 1.000 written for a thousand reads as 1.0
        return (
            "ci si aspetta un numero intero, trovato un numero decimale: scrivi solo cifre, "
            "senza punto né virgola (mille: 1000, non 1.000)."
        )
    if isinstance(value, bool) or not isinstance(value, int):
        return f"ci si aspetta un numero intero, trovato {toml_type_name(value)}."
    if abs(value) > 2**53:
        return "il numero è fuori misura: controllalo."
    return ""


def stored_date(value: object) -> str:
    if isinstance(value, str):  # typed in the UI but not (yet) a date: validation says so
        return stored_text(value)
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return f"ci si aspetta una data come 2024-02-26 (senza virgolette), trovato {toml_type_name(value)}."
    return ""


# ---------------------------------------------------------------- holds: last year's value, this year's kind


def holds_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def holds_date(value: object) -> bool:
    """A typed-but-invalid date is kept as text, as storage does."""
    return isinstance(value, str) or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))


# ---------------------------------------------------------------- in the report


def thousands(value: int) -> str:
    """A count as Italian writes it, with a dot every three digits: 1.250, 12.000; 999 and less as
    it is. Reports, and the messages that quote a count, write it so; import reads it back."""
    return f"{value:,}".replace(",", ".")


def integer_in_report(value: object) -> str | None:
    return thousands(value) if isinstance(value, int) and not isinstance(value, bool) else None


def date_in_report(value: object) -> str | None:
    return italian_date(value) if isinstance(value, dt.date) else None
