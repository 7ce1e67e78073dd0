"""A TrueType font read for a PDF: its character map, advance widths and metrics, and a subset of
the font program holding only the glyphs a document uses.

The subset keeps every glyph ID where it was (the ``glyf`` entries of unused glyphs are emptied,
``loca`` rewritten), so that a PDF can map CIDs to glyph IDs with ``/CIDToGIDMap /Identity`` and
the font's ``hmtx`` stays valid as it is. A composite glyph brings its components along. Tables a
PDF viewer does not read (``cmap``, ``name``, ``kern``, ``GSUB``, ``GPOS``…) are left out; ``post``
is cut to its glyph-name-free header (format 3).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

#: The tables a subset keeps (the ones a PDF renderer of a CIDFontType2 uses), in tag order.
KEPT = ("OS/2", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "prep")

# Composite glyph flags (the OpenType spec, table 'glyf').
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_2X2 = 0x0080


class FontError(ValueError):
    """The file is not a TrueType font this module can read."""


@dataclass
class TrueType:
    """One TrueType font: its tables' bytes, and what a PDF needs to know of it."""

    name: str
    tables: dict[str, bytes]
    units: int  # units per em
    cmap: dict[int, int]  # code point -> glyph ID
    advances: list[int]  # glyph ID -> advance width, in font units
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float
    _widths: dict[int, int] = field(default_factory=dict)

    def scaled(self, value: int) -> int:
        """A value in font units, in thousandths of an em (the PDF's glyph space)."""
        return round(value * 1000 / self.units)

    def width(self, glyph: int) -> int:
        """A glyph's advance width in thousandths of an em."""
        width = self._widths.get(glyph)
        if width is None:
            advances = self.advances
            width = self._widths[glyph] = self.scaled(advances[min(glyph, len(advances) - 1)])
        return width

    def subset(self, glyphs: set[int]) -> bytes:
        """The font program with the outlines of ``glyphs`` (and of .notdef, and of every component
        of a composite glyph) only, glyph IDs unchanged."""
        return subset(self.tables, glyphs)


def read_font(path: Path, name: str) -> TrueType:
    return parse(path.read_bytes(), name)


def parse(data: bytes, name: str) -> TrueType:
    """The font in ``data`` (a TrueType file, not a collection)."""
    if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise FontError("not a TrueType font")
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for at in range(12, 12 + 16 * count, 16):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, at)
        tables[tag.decode("latin-1")] = data[offset : offset + length]
    missing = {"head", "hhea", "hmtx", "loca", "glyf", "maxp"} - set(tables)
    if missing:
        raise FontError(f"tables missing: {sorted(missing)}")
    head, hhea = tables["head"], tables["hhea"]
    units = struct.unpack_from(">H", head, 18)[0]
    bbox = struct.unpack_from(">hhhh", head, 36)
    ascent, descent = struct.unpack_from(">hh", hhea, 4)
    metrics = struct.unpack_from(">H", hhea, 34)[0]
    glyphs = struct.unpack_from(">H", tables["maxp"], 4)[0]
    advances = [a for a, _ in struct.iter_unpack(">Hh", tables["hmtx"][: 4 * metrics])]
    advances += [advances[-1]] * (glyphs - metrics)
    cap_height = ascent
    os2 = tables.get("OS/2", b"")
    if len(os2) >= 90 and struct.unpack_from(">H", os2, 0)[0] >= 2:
        cap_height = struct.unpack_from(">h", os2, 88)[0]
    post = tables.get("post", b"")
    angle = struct.unpack_from(">i", post, 4)[0] / 65536 if len(post) >= 8 else 0.0
    return TrueType(
        name=name,
        tables=tables,
        units=units,
        cmap=_cmap(tables["cmap"]) if "cmap" in tables else {},  # none in a subset
        advances=advances,
        bbox=(bbox[0], bbox[1], bbox[2], bbox[3]),
        ascent=ascent,
        descent=descent,
        cap_height=cap_height,
        italic_angle=angle,
    )


# ---------------------------------------------------------------- cmap


def _cmap(table: bytes) -> dict[int, int]:
    """The Unicode character map: format 12 (all planes) when the font has one, else format 4."""
    count = struct.unpack_from(">H", table, 2)[0]
    found: dict[int, int] = {}
    for at in range(4, 4 + 8 * count, 8):
        platform, encoding, offset = struct.unpack_from(">HHI", table, at)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3)):
            found.setdefault(struct.unpack_from(">H", table, offset)[0], offset)
    if 12 in found:
        return _format_12(table, found[12])
    if 4 in found:
        return _format_4(table, found[4])
    raise FontError("no Unicode character map (format 4 or 12)")


def _format_12(table: bytes, offset: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", table, offset + 12)[0]
    cmap = {}
    for start, end, glyph in struct.iter_unpack(">III", table[offset + 16 : offset + 16 + 12 * groups]):
        for code in range(start, end + 1):
            cmap[code] = glyph + code - start
    return cmap


def _format_4(table: bytes, offset: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
    ranges_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", table, ranges_at)
    cmap = {}
    for n, (start, end, delta, rng) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        if start == 0xFFFF:
            continue
        for code in range(start, end + 1):
            if rng == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = ranges_at + 2 * n + rng + 2 * (code - start)
                glyph = struct.unpack_from(">H", table, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                cmap[code] = glyph
    return cmap


# ---------------------------------------------------------------- subsetting


def _offsets(tables: dict[str, bytes]) -> list[int]:
    long = struct.unpack_from(">h", tables["head"], 50)[0] == 1
    loca = tables["loca"]
    if long:
        return list(struct.unpack(f">{len(loca) // 4}I", loca))
    return [2 * o for o in struct.unpack(f">{len(loca) // 2}H", loca)]


def _components(glyph: bytes) -> list[int]:
    """The glyph IDs a composite glyph is made of (none for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found, at = [], 10
    while True:
        flags, component = struct.unpack_from(">HH", glyph, at)
        found.append(component)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        at += 2 if flags & _HAVE_SCALE else 4 if flags & _HAVE_XY_SCALE else 8 if flags & _HAVE_2X2 else 0
        if not flags & _MORE_COMPONENTS:
            return found


def subset(tables: dict[str, bytes], used: set[int]) -> bytes:
    offsets = _offsets(tables)
    glyf = tables["glyf"]
    count = len(offsets) - 1
    keep: set[int] = set()
    todo = [0, *used]
    while todo:
        glyph = todo.pop()
        if glyph in keep or glyph >= count:
            continue
        keep.add(glyph)
        todo.extend(_components(glyf[offsets[glyph] : offsets[glyph + 1]]))
    pieces, loca, at = [], [0], 0
    for glyph in range(count):
        if glyph in keep:
            piece = glyf[offsets[glyph] : offsets[glyph + 1]]
            piece += b"\0" * (-len(piece) % 4)
            pieces.append(piece)
            at += len(piece)
        loca.append(at)
    out = dict(tables)
    out["glyf"] = b"".join(pieces)
    out["loca"] = struct.pack(f">{len(loca)}I", *loca)
    head = bytearray(tables["head"])
    head[8:12] = b"\0\0\0\0"  # checkSumAdjustment: set below, over the whole file
    head[50:52] = struct.pack(">h", 1)  # long loca offsets
    out["head"] = bytes(head)
    if "post" in out:
        out["post"] = struct.pack(">I", 0x00030000) + tables["post"][4:32]
    return _assemble({tag: out[tag] for tag in KEPT if tag in out})


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return int(sum(struct.unpack(f">{len(data) // 4}I", data))) & 0xFFFFFFFF


def _assemble(tables: dict[str, bytes]) -> bytes:
    """A TrueType file of ``tables`` (tags in ascending order, each padded to four bytes)."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    directory, body = [], []
    at = 12 + 16 * count
    for tag in sorted(tables):
        data = tables[tag]
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), at, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        at += len(padded)
    font = bytearray(header + b"".join(directory) + b"".join(body))
    if "head" in tables:
        head_at = 12 + 16 * count + sum(len(b) for tag, b in zip(sorted(tables), body, strict=True) if tag < "head")
        adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
        font[head_at + 8 : head_at + 12] = struct.pack(">I", adjustment)
    return bytes(font)
