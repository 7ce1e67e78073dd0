"""A TrueType face as a PDF font: text encoded as glyph IDs, and the font's objects (a Type0 font
with Identity-H encoding over a CIDFontType2 whose CIDs are glyph IDs, the subset embedded as
``FontFile2``, a ``W`` array of the widths used, a ``ToUnicode`` map for extraction and search)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from questionnaire.report.pdf.writer.objects import Name, PdfFile, Ref, Stream, Value
from questionnaire.report.pdf.writer.truetype import TrueType

#: The replacement character, shown for a character the face lacks if a caller let one through.
REPLACEMENT = 0xFFFD


class _ByChar(dict[str, int]):
    """A value per character, computed the first time it is asked for."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, char: str) -> int:
        value = self[char] = self._compute(char)
        return value


class Face:
    """A face used by a document: its font, and the glyphs (with their text) the pages show."""

    def __init__(self, font: TrueType, resource: str) -> None:
        self.font = font
        self.resource = resource  # the name in the pages' /Font resources: F1, F2…
        self.used: dict[int, str] = {}  # glyph ID -> the character it shows (for ToUnicode)
        self._glyphs = _ByChar(self._glyph)
        self._advances = _ByChar(lambda char: font.width(self._glyphs[char]))
        self._hex: dict[str, str] = {}

    def _glyph(self, char: str) -> int:
        cmap = self.font.cmap
        return cmap.get(ord(char)) or cmap.get(REPLACEMENT, 0)

    def encode(self, text: str) -> bytes:
        """``text`` as the hex string of its glyph IDs, two bytes each (Identity-H)."""
        known = self._hex
        for char in set(text) - known.keys():
            glyph = self._glyphs[char]
            self.used.setdefault(glyph, char)
            known[char] = f"{glyph:04X}"
        return b"<" + "".join(map(known.__getitem__, text)).encode("ascii") + b">"

    def width(self, text: str) -> int:
        """The advance width of ``text``, in thousandths of an em."""
        return sum(map(self._advances.__getitem__, text))

    def tag(self) -> str:
        """The six-letter subset tag, from the glyphs used (the same glyphs, the same tag)."""
        digest = hashlib.sha256(",".join(map(str, sorted(self.used))).encode("ascii")).digest()
        return "".join(chr(ord("A") + b % 26) for b in digest[:6])

    def embed(self, pdf: PdfFile) -> Ref:
        """The font's objects, added to ``pdf``; the Type0 font's reference."""
        font = self.font
        name = Name(f"{self.tag()}+{font.name}")
        program = font.subset(set(self.used))
        descriptor: dict[str, Value] = {
            "Type": Name("FontDescriptor"),
            "FontName": name,
            "Flags": 4 | (64 if font.italic_angle else 0),  # symbolic (not Adobe's Latin set); italic
            "FontBBox": [font.scaled(v) for v in font.bbox],
            "ItalicAngle": font.italic_angle,
            "Ascent": font.scaled(font.ascent),
            "Descent": font.scaled(font.descent),
            "CapHeight": font.scaled(font.cap_height),
            "StemV": 87,
            "FontFile2": pdf.add(Stream(program, {"Length1": len(program)})),
        }
        cid_font: dict[str, Value] = {
            "Type": Name("Font"),
            "Subtype": Name("CIDFontType2"),
            "BaseFont": name,
            "CIDSystemInfo": {"Registry": "Adobe", "Ordering": "Identity", "Supplement": 0},
            "FontDescriptor": pdf.add(descriptor),
            "DW": font.width(0),
            "W": self._widths(),
            "CIDToGIDMap": Name("Identity"),
        }
        return pdf.add(
            {
                "Type": Name("Font"),
                "Subtype": Name("Type0"),
                "BaseFont": name,
                "Encoding": Name("Identity-H"),
                "DescendantFonts": [pdf.add(cid_font)],
                "ToUnicode": pdf.add(Stream(self._to_unicode())),
            }
        )

    def _widths(self) -> list[Value]:
        """``W``: runs of consecutive glyph IDs, each with its widths."""
        out: list[Value] = []
        run: list[Value] = []
        last = -2
        for glyph in sorted(self.used):
            if glyph != last + 1:
                if run:
                    out += [run[0], run[1:]]
                run = [glyph]
            run.append(self.font.width(glyph))
            last = glyph
        if run:
            out += [run[0], run[1:]]
        return out

    def _to_unicode(self) -> bytes:
        """A CMap from the two-byte codes (glyph IDs) to the characters they show."""
        pairs = [f"<{g:04X}> <{_utf16(c)}>" for g, c in sorted(self.used.items())]
        chunks = [pairs[at : at + 100] for at in range(0, len(pairs), 100)]
        body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
        return (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        ).encode("ascii")


def _utf16(char: str) -> str:
    return char.encode("utf-16-be").hex().upper()
