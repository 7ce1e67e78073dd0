"""PDF objects and the file that holds them: numbered indirect objects, a cross-reference table,
a trailer with the document ID. The same objects give the same bytes (no clock, no randomness).

Python values stand for PDF objects: ``None`` null, ``bool``, ``int``, ``float`` (at most four
decimals), ``str`` a text string, :class:`Name`, ``list`` an array, ``dict`` a dictionary (keys
are names), :class:`Ref` an indirect reference, :class:`Stream` a stream, :class:`Raw` bytes
written as they are (a hex string, say).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import TypeAlias

#: The header, then a comment of four bytes above 127: the file is binary (PDF/A-2, 6.1.2).
HEADER = b"%PDF-1.7\n%\xe9\xeb\xf1\xbf\n"


class Name(str):
    """A PDF name, written ``/Name``."""


class Ref(int):
    """An indirect reference to object number ``self``, written ``n 0 R``."""


class Raw(bytes):
    """Bytes written into the file as they are."""


@dataclass
class Stream:
    """A stream: its dictionary (``Length`` and ``Filter`` are added) and its data, deflated
    unless ``compress`` is false (the XMP metadata stays readable as text)."""

    data: bytes
    entries: dict[str, Value] = field(default_factory=dict)
    compress: bool = True


Value: TypeAlias = "None | bool | int | float | str | Name | Ref | Raw | list[Value] | dict[str, Value] | Stream"

_ESCAPES = {ord("\\"): "\\\\", ord("("): "\\(", ord(")"): "\\)", ord("\r"): "\\r", ord("\n"): "\\n"}


def number(value: float) -> str:
    """A number as PDF writes it: an integer, or up to four decimals, never an exponent."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_string(text: str) -> bytes:
    """A text string: ASCII as a literal ``(…)``, anything else as UTF-16BE with a byte order mark."""
    if text.isascii():
        return b"(" + text.translate(_ESCAPES).encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _name(name: str) -> bytes:
    out = []
    for byte in name.encode("utf-8"):
        char = chr(byte)
        out.append(char if 33 <= byte <= 126 and char not in "#/%()<>[]{}" else f"#{byte:02X}")
    return b"/" + "".join(out).encode("ascii")


def serialise(value: Value) -> bytes:
    if value is None:
        return b"null"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, Ref):
        return b"%d 0 R" % value
    if isinstance(value, int | float):
        return number(value).encode("ascii")
    if isinstance(value, Name):
        return _name(value)
    if isinstance(value, str):
        return text_string(value)
    if isinstance(value, Raw):
        return bytes(value)
    if isinstance(value, list):
        return b"[" + b" ".join(serialise(v) for v in value) + b"]"
    if isinstance(value, dict):
        return b"<< " + b" ".join(_name(k) + b" " + serialise(v) for k, v in value.items()) + b" >>"
    raise TypeError(f"not a direct PDF object: {type(value).__name__}")  # a Stream is always indirect


def _object(value: Value) -> bytes:
    if not isinstance(value, Stream):
        return serialise(value)
    data = zlib.compress(value.data, 6) if value.compress else value.data
    entries = dict(value.entries)
    if value.compress:
        entries["Filter"] = Name("FlateDecode")
    entries["Length"] = len(data)
    return serialise(entries) + b"\nstream\n" + data + b"\nendstream"


class PdfFile:
    """Indirect objects, numbered from 1 in the order they are added or reserved."""

    def __init__(self) -> None:
        self._objects: list[Value | None] = []

    def reserve(self) -> Ref:
        """A number for an object given later with :meth:`put`."""
        self._objects.append(None)
        return Ref(len(self._objects))

    def put(self, ref: Ref, value: Value) -> Ref:
        self._objects[ref - 1] = value
        return ref

    def add(self, value: Value) -> Ref:
        return self.put(self.reserve(), value)

    def output(self, root: Ref, info: Ref, document_id: str) -> bytes:
        """The whole file; ``document_id`` (hex) is both IDs of the trailer."""
        out = bytearray(HEADER)
        offsets = []
        for number_, value in enumerate(self._objects, 1):
            if value is None:
                raise ValueError(f"object {number_} reserved and never given")
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number_ + _object(value) + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
        trailer: dict[str, Value] = {
            "Size": len(offsets) + 1,
            "Root": root,
            "Info": info,
            "ID": [Raw(f"<{document_id}>".encode("ascii"))] * 2,
        }
        out += b"trailer\n" + serialise(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)
