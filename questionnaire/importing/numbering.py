"""List numbers as Word and LibreOffice show them, where the document holds only their rules.

Word keeps «1.» «2.» «a)» out of the text: a paragraph names a list (``w:numPr``: ``w:numId``
and the level ``w:ilvl``, on the paragraph or its style) and ``numbering.xml`` says how each
level counts (``w:numFmt``), where it starts (``w:start``, a ``w:startOverride``) and how the
number is written (``w:lvlText`` «%1.%2.»). OpenDocument does the same with ``text:list`` and a
list style's levels (:func:`format_number` serves both).
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN: tuple[tuple[int, str], ...] = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"))
_ROMAN += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def format_number(value: int, fmt: str) -> str:
    """``value`` in a list's format: Word's numFmt names and OpenDocument's «1», «a», «A», «i», «I»."""
    if fmt in ("lowerLetter", "a", "upperLetter", "A"):
        letters = ""
        n = max(1, value)
        while n and len(letters) < 8:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt in ("upperLetter", "A") else letters
    if fmt in ("lowerRoman", "i", "upperRoman", "I") and value < 4000:
        out, n = "", max(1, value)
        for size, mark in _ROMAN:
            while n >= size:
                out, n = out + mark, n - size
        return out.upper() if fmt in ("upperRoman", "I") else out
    return str(value)


class Level:
    __slots__ = ("fmt", "text", "start")

    def __init__(self, fmt: str, text: str, start: int) -> None:
        self.fmt, self.text, self.start = fmt, text, start


class WordNumbering:
    """The numbers of a .docx's numbered paragraphs, counted in document order."""

    def __init__(self, numbering: Any | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self._counts: dict[str, dict[int, int]] = {}  # abstractNumId → level → last number given
        self._started: set[str] = set()  # numIds whose start overrides were applied
        if numbering is None:
            return
        for abstract in numbering.iter(f"{_W}abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = Level(
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", _int(_val(lvl, "start"), 1)
                )
            self._abstract[abstract.get(f"{_W}abstractNumId") or ""] = levels
        for num in numbering.iter(f"{_W}num"):
            overrides = {}
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{_W}ilvl"), 0)] = _int(start, 1)
            self._nums[num.get(f"{_W}numId") or ""] = (_val(num, "abstractNumId") or "", overrides)

    def label(self, num_id: str, level: int) -> str | None:
        """The number shown before the paragraph («1.», «1.2», «a)»); "" for a bullet; None when
        the paragraph is in no list (numId 0, or one the document does not define)."""
        if num_id not in self._nums:
            return None
        abstract, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract)
        if not levels or level not in levels:
            return None
        counts = self._counts.setdefault(abstract, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for at, start in overrides.items():
                counts[at] = start - 1
                for deeper in [k for k in counts if k > at]:
                    del counts[deeper]
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        this = levels[level]
        if this.fmt in ("bullet", "none"):
            return ""
        text = this.text
        for at in range(level, -1, -1):
            shown = levels.get(at)
            value = counts.get(at, shown.start if shown else 1)
            fmt = "decimal" if shown is None or shown.fmt == "bullet" else shown.fmt
            text = text.replace(f"%{at + 1}", format_number(value, fmt))
        return text


def _val(node: Any, name: str) -> str | None:
    child = node.find(f"{_W}{name}")
    return None if child is None else child.get(f"{_W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
