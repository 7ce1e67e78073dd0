"""The fonts a PDF report embeds (DejaVu Sans, shipped in ``fonts/``), and text as they can show it."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
#: Shown in place of a character the embedded font has no glyph for (PDF/A forbids .notdef).
MISSING = "\ufffd"


#: The code points every face of the embedded font has a glyph for, once a document has read them.
_COVERED: set[int] = set()


def add_fonts(pdf: FPDF) -> None:
    """The three faces of DejaVu Sans, read from the package (never from the system)."""
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, FONTS / name)
    if not _COVERED:
        faces = [set(pdf.fonts[f"{FAMILY.lower()}{style}"].cmap) for style in FONT_FILES]  # type: ignore[union-attr]
        _COVERED.update(faces[0].intersection(*faces[1:]))


def _covered() -> set[int]:
    if not _COVERED:
        from fpdf import FPDF

        add_fonts(FPDF())
    return _COVERED


def printable(text: str) -> str:
    """``text`` as the page shows it: tabs as spaces, control and format characters out, a space
    with no glyph in the font as a plain space and any other such character as U+FFFD (never the
    font's empty box, .notdef, which PDF/A forbids)."""
    covered = _covered()
    out = []
    for char in text.replace("\t", " "):
        if char == "\n":
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            continue
        elif ord(char) not in covered and char.isspace():
            out.append(" ")
        else:
            out.append(char if ord(char) in covered else MISSING)
    return "".join(out)
