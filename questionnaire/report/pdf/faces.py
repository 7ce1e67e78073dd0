"""The fonts a PDF report embeds (DejaVu Sans, shipped in ``fonts/``), and text as they can show it."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from questionnaire.report.pdf.writer.fonts import Face
from questionnaire.report.pdf.writer.truetype import TrueType, read_font

FONTS = Path(__file__).parent / "fonts"
#: Style -> (file, the PostScript-style name the PDF gives the face).
FONT_FILES = {
    "": ("DejaVuSans.ttf", "DejaVuSansBook"),
    "B": ("DejaVuSans-Bold.ttf", "DejaVuSansBold"),
    "I": ("DejaVuSans-Oblique.ttf", "DejaVuSansOblique"),
}
#: Shown in place of a character the embedded font has no glyph for (PDF/A forbids .notdef).
MISSING = "\ufffd"


@cache
def _fonts() -> dict[str, TrueType]:
    """The three faces of DejaVu Sans, read from the package (never from the system), once."""
    return {style: read_font(FONTS / file, name) for style, (file, name) in FONT_FILES.items()}


def faces() -> dict[str, Face]:
    """A document's faces by style ("", "B", "I"), each recording the glyphs the document uses."""
    return {style: Face(font, f"F{n}") for n, (style, font) in enumerate(_fonts().items(), 1)}


@cache
def _covered() -> frozenset[int]:
    """The code points every face has a glyph for."""
    maps = [set(font.cmap) for font in _fonts().values()]
    return frozenset(maps[0].intersection(*maps[1:]))


class _Shown(dict[str, str]):
    """Each character as the page shows it (see :func:`printable`), worked out once."""

    def __missing__(self, char: str) -> str:
        covered = _covered()
        if char == "\n":
            shown = char
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            shown = ""
        elif ord(char) not in covered and char.isspace():
            shown = " "
        else:
            shown = char if ord(char) in covered else MISSING
        self[char] = shown
        return shown


_SHOWN = _Shown({"\t": " "})


def printable(text: str) -> str:
    """``text`` as the page shows it: tabs as spaces, control and format characters out, a space
    with no glyph in the font as a plain space and any other such character as U+FFFD (never the
    font's empty box, .notdef, which PDF/A forbids)."""
    return "".join(map(_SHOWN.__getitem__, text))
