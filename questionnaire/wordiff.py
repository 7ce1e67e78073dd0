"""A word-level diff of two answers (last year's and this year's), and its summary in Italian."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Literal

Op = Literal["equal", "delete", "insert"]

#: A word and the whitespace after it; the text's leading whitespace is a unit with no word.
_UNIT = re.compile(r"(\S*)(\s*)")


def units(text: str) -> list[tuple[str, str]]:
    """``(word, whitespace after it)`` pairs whose concatenation is ``text``."""
    return [(m[1], m[2]) for m in _UNIT.finditer(text) if m[0]]


Opcode = Literal["replace", "delete", "insert", "equal"]


def _opcodes(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> list[tuple[Opcode, int, int, int, int]]:
    """Matched on the words alone, so a changed space never makes two equal words look different."""
    matcher = difflib.SequenceMatcher(None, [w for w, _ in before], [w for w, _ in after], autojunk=False)
    return matcher.get_opcodes()


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """``(op, text)`` chunks: the "equal" and "delete" ones rebuild ``old``, "equal" and "insert" ``new``.

    Words are compared whole; whitespace that changed between two equal words is a deletion of the
    old spacing and an insertion of the new. Neighbouring chunks never share an op.
    """
    before, after = units(old), units(new)
    out: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(before, after):
        if tag == "equal":
            for (word, space), (_word, new_space) in zip(before[i1:i2], after[j1:j2], strict=True):
                _append(out, "equal", word)
                if space == new_space:
                    _append(out, "equal", space)
                else:
                    _append(out, "delete", space)
                    _append(out, "insert", new_space)
            continue
        _append(out, "delete", "".join(w + s for w, s in before[i1:i2]))
        _append(out, "insert", "".join(w + s for w, s in after[j1:j2]))
    return out


def _append(out: list[tuple[Op, str]], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    elif op == "delete" and out and out[-1][0] == "insert":
        # keep "delete" before "insert" so a replacement always reads old → new
        if len(out) > 1 and out[-2][0] == "delete":
            out[-2] = ("delete", out[-2][1] + text)
        else:
            out.insert(len(out) - 1, (op, text))
    else:
        out.append((op, text))


def changed_words(old: str, new: str) -> int:
    """How many words changed: a replaced run counts its longer side, whitespace never counts."""
    before, after = units(old), units(new)
    count = 0
    for tag, i1, i2, j1, j2 in _opcodes(before, after):
        if tag != "equal":
            count += max(_words(before[i1:i2]), _words(after[j1:j2]))
    return count


def _words(chunk: list[tuple[str, str]]) -> int:
    return sum(1 for word, _space in chunk if word)


def diff_summary(old: str, new: str) -> str:
    """One Italian phrase: "invariato", "1 parola cambiata", "12 parole cambiate"…"""
    if old == new:
        return "invariato"
    if not old.strip():
        return "nuovo" if new.strip() else "cambiati solo spazi e a capo"
    if not new.strip():
        return "cancellato"
    count = changed_words(old, new)
    if count == 0:
        return "cambiati solo spazi e a capo"
    return "1 parola cambiata" if count == 1 else f"{count} parole cambiate"


def value_text(value: object) -> str:
    """Any stored answer as the text the diff compares: a list one item per line, a date as 26/02/2024."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
