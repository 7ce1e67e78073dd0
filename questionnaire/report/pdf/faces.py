"""The fonts a PDF report uses (DejaVu Sans, shipped in ``fonts/``: Typst is given these and no
others), and text as they can show it.

Typst refuses to write a PDF/A with a character its fonts have no glyph for (PDF/A forbids the
empty box, .notdef): such a character is shown as U+FFFD, which DejaVu Sans has. Which characters
the fonts cover is read from their character maps (``cmap``, format 4: DejaVu Sans has only the
Basic Multilingual Plane), once.
"""

from __future__ import annotations

import re
import struct
from functools import cache
from pathlib import Path

FONTS = Path(__file__).parent / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
#: Shown in place of a character the fonts have no glyph for.
MISSING = "\ufffd"

#: Control and format characters (Unicode categories Cc and Cf, tab and newline apart) and
#: surrogates: tests/unit/test_report_pdf.py checks the list against ``unicodedata``.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff]"
)


def cmap_ranges(font: bytes) -> list[tuple[int, int]]:
    """The code point ranges a TrueType font maps to a glyph (its Unicode ``cmap`` of format 4)."""
    (count,) = struct.unpack_from(">H", font, 4)
    tables = {}
    for at in range(12, 12 + 16 * count, 16):
        tag, _sum, offset, length = struct.unpack_from(">4sIII", font, at)
        tables[tag] = font[offset : offset + length]
    cmap = tables[b"cmap"]
    (subtables,) = struct.unpack_from(">H", cmap, 2)
    for at in range(4, 4 + 8 * subtables, 8):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, at)
        if (platform, encoding) in ((3, 1), (0, 3)) and struct.unpack_from(">H", cmap, offset)[0] == 4:
            return _format_4(cmap, offset)
    raise ValueError("no Unicode character map of format 4")


def _format_4(table: bytes, offset: int) -> list[tuple[int, int]]:
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
    ranges_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", table, ranges_at)
    covered: list[tuple[int, int]] = []
    for n, (start, end, delta, rng) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        if start == 0xFFFF:
            continue
        if rng == 0:  # every code of the segment has a glyph, but the one delta maps to glyph 0
            zero = -delta & 0xFFFF
            covered += [(start, zero - 1), (zero + 1, end)] if start <= zero <= end else [(start, end)]
            continue
        for code in range(start, end + 1):
            (glyph,) = struct.unpack_from(">H", table, ranges_at + 2 * n + rng + 2 * (code - start))
            if glyph and (glyph + delta) & 0xFFFF:
                covered.append((code, code))
    return covered


@cache
def _uncovered() -> re.Pattern[str]:
    """A character that one of the faces lacks (so that the text looks the same in each)."""
    marks = []
    for name in FONT_FILES:
        mark = bytearray(0x10000)  # 1 where the face has a glyph
        for lo, hi in cmap_ranges((FONTS / name).read_bytes()):
            mark[lo : hi + 1] = b"\x01" * (hi + 1 - lo)
        marks.append(mark)
    every = [c for c, flags in enumerate(zip(*marks, strict=True)) if all(flags) and c != ord("\n")]
    runs: list[list[int]] = []
    for code in every:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else "") for lo, hi in runs)
    return re.compile(f"[^{ranges}\n]")


def _shown(match: re.Match[str]) -> str:
    return " " if match[0].isspace() else MISSING


def printable(text: str) -> str:
    """``text`` as the page shows it: tabs as spaces, control and format characters out (a soft
    hyphen, a zero-width space or a direction mark typed in an answer would otherwise steer the
    typesetting), a space the fonts lack as a plain space and any other such character as U+FFFD."""
    return _uncovered().sub(_shown, INVISIBLE.sub("", text).replace("\t", " "))
