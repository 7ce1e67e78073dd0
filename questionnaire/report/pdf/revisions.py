"""What the updates appended to a PDF change: whether the last revision, the one every viewer shows,
differs from the first only by a digital signature.

An incremental update (bytes appended after the first ``%%EOF``) may redefine any object: a page's
content, a font, the document's metadata. A PAdES signature is such an update too. This module
compares the object graph of the first revision with that of the last, object by object, from the
trailer down, and allows only what a signature adds: the signature field and its widget (never
visible), the form that lists it (``/AcroForm``), the validation data (``/DSS``), the catalog's
``/Extensions`` and ``/Version``, the page's ``/Annots`` entry pointing to the widget, the signing
tool's name and dates in the metadata. Anything else, shown or not, is a change.

How the first revision itself is compared with the report the answers produce is the caller's
business (:mod:`questionnaire.report.pdf.verify`): this module needs only where it ends.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

if TYPE_CHECKING:
    from pypdf import PdfReader

#: The end of a revision: ``startxref``, its offset, ``%%EOF`` and its end of line.
_REVISION_END = re.compile(rb"startxref\s+\d+\s+%%EOF[ \t]*(?:\r\n|\r|\n)?")
#: What a signature adds to the catalog (ISO 32000-2 12.8, ETSI EN 319 142-1 5.4).
_CATALOG_ADDS = frozenset({"/AcroForm", "/DSS", "/Extensions", "/Version", "/Perms"})
#: What a signing tool may change in the document information dictionary.
_INFO_CHANGES = frozenset({"/Producer", "/ModDate"})
#: The metadata a reader may see (the title bar shows the title): Dublin Core, which must not change.
_DC = "{http://purl.org/dc/elements/1.1/}"
#: A page's entries in the user's words.
_PAGE_PARTS = {
    "/Contents": "il testo e i disegni",
    "/Resources": "i caratteri o le immagini",
    "/MediaBox": "il formato",
}
#: Annotation flags that keep a widget off the page: Hidden (2), NoView (6).
_HIDDEN = 0b10 | 0b100000


@dataclass
class Appended:
    """What the updates after the first revision do: ``problems`` (Italian, empty when they only add
    signatures), how many ``revisions`` were appended and how many ``signatures`` they add."""

    revisions: int = 0
    signatures: int = 0
    problems: list[str] = field(default_factory=list)


def first_revision_end(raw: bytes) -> int:
    """Where the first revision of ``raw`` ends (after its ``%%EOF`` line); ``len(raw)`` when no
    revision end is found."""
    match = _REVISION_END.search(raw)
    return match.end() if match else len(raw)


def appended(raw: bytes, base_end: int) -> Appended:
    """Whether what follows ``raw[:base_end]`` (the first revision) only adds signatures."""
    tail = raw[base_end:]
    if not tail.strip(b"\x00\t\n\f\r "):
        return Appended()
    revisions = len(_REVISION_END.findall(tail))
    if revisions == 0 or tail.rstrip()[-5:] != b"%%EOF":
        return Appended(revisions, 0, ["dopo il resoconto il file contiene dati che non sono un aggiornamento PDF."])
    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL
    try:
        first, last = _reader(raw[:base_end]), _reader(raw)
        diff = _Diff(first, last)
        diff.compare_trailers()
        diff.compare_pages()
    except Exception as exc:  # noqa: BLE001 - any failure to read the update is the verdict itself
        if isinstance(exc, (KeyboardInterrupt, MemoryError)):
            raise
        return Appended(
            revisions,
            0,
            [f"l'aggiornamento aggiunto al PDF non si legge ({type(exc).__name__}): non si può dire cosa mostra."],
        )
    finally:
        quiet.setLevel(level)
    return Appended(revisions, diff.signatures, diff.problems[:1])


def _reader(raw: bytes) -> PdfReader:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw), strict=True)
    if reader.is_encrypted:
        raise ValueError("cifrato")
    return reader


class _Diff:
    """The comparison of two revisions' objects, from their trailers down; the first difference found
    that a signature does not explain goes in ``problems``."""

    def __init__(self, first: PdfReader, last: PdfReader) -> None:
        self.first, self.last = first, last
        self.problems: list[str] = []
        self.signatures = 0
        self._seen: set[tuple[int, int]] = set()
        #: Pages met by a walk, compared as pages once it is over (:meth:`compare_pages`).
        self._later: list[tuple[Any, Any, int]] = []
        self._pages = {_number(page): n for n, page in enumerate(first.pages, start=1)}

    def compare_trailers(self) -> None:
        a, b = self.first.trailer, self.last.trailer
        if "/Encrypt" in b:
            self._problem("l'aggiornamento cifra il documento.")
        ids_a, ids_b = a.get("/ID"), b.get("/ID")
        if ids_a is None or ids_b is None or ids_a[0] != ids_b[0]:
            self._problem("l'aggiornamento cambia l'identificativo del documento (l'impronta).")
        self._info(a.get("/Info"), b.get("/Info"))
        self._catalog(a["/Root"], b["/Root"])

    # -- the parts a signature touches

    def _catalog(self, a: Any, b: Any) -> None:
        a, b = _resolve(a), _resolve(b)
        if not self._dicts(a, b, "il catalogo del documento"):
            return
        for key in sorted(set(a) | set(b)):
            if key == "/Metadata" and key in a and key in b:
                self._metadata(a[key], b[key])
            elif key == "/AcroForm" and key not in a:
                self._form(b[key])
            elif key in _CATALOG_ADDS and key not in a:
                continue
            elif key in ("/Version", "/Extensions"):
                continue
            else:
                self._entry(a, b, key, "il catalogo del documento")

    def _info(self, a: Any, b: Any) -> None:
        if a is None and b is None:
            return
        a, b = _resolve(a), _resolve(b)
        if not self._dicts(a, b, "le informazioni del documento"):
            return
        for key in sorted((set(a) | set(b)) - _INFO_CHANGES):
            self._entry(a, b, key, "le informazioni del documento")

    def _metadata(self, a: Any, b: Any) -> None:
        if _dublin_core(_resolve(a)) != _dublin_core(_resolve(b)):
            self._problem("l'aggiornamento cambia i metadati del documento (titolo, autore, descrizione o sessione).")

    def _form(self, form: Any) -> None:
        form = _resolve(form)
        if not _is_dict(form) or "/XFA" in form:
            self._problem("l'aggiornamento aggiunge un modulo che non è solo una firma.")
            return
        for entry in _resolve(form.get("/Fields", [])):
            if _field_type(_resolve(entry)) != "/Sig":
                self._problem("l'aggiornamento aggiunge al documento un campo che non è una firma.")
                return
            self.signatures += 1

    def _page(self, a: Any, b: Any, number: int) -> None:
        where = f"la pagina {number}"
        for key in sorted(set(a) | set(b), key=lambda key: (key == "/Parent", key)):  # the tree after the page
            if key == "/Annots":
                self._annotations(a.get(key), b.get(key), number)
            else:
                self._entry(a, b, key, where, _PAGE_PARTS.get(key, key))

    def _annotations(self, a: Any, b: Any, number: int) -> None:
        old = list(_resolve(a)) if a is not None else []
        new = list(_resolve(b)) if b is not None else []
        kept = zip(old, new[: len(old)], strict=True) if len(new) >= len(old) else None
        if kept is None or not all(self._same(x, y, f"le note della pagina {number}") for x, y in kept):
            self._problem(f"l'aggiornamento cambia le note della pagina {number}.")
            return
        for annotation in new[len(old) :]:
            widget = _resolve(annotation)
            if not _is_dict(widget) or widget.get("/Subtype") != "/Widget" or _field_type(widget) != "/Sig":
                self._problem(f"l'aggiornamento aggiunge alla pagina {number} qualcosa che non è una firma.")
                return
            if _visible(widget):
                self._problem(
                    f"la firma aggiunta ha un riquadro visibile sulla pagina {number}: ciò che mostra copre il "
                    "resoconto e non si può distinguere da una modifica. Firma il PDF con una firma invisibile."
                )
                return

    # -- the general comparison

    def _entry(self, a: Any, b: Any, key: str, where: str, part: str = "") -> None:
        part = part or key
        if key not in a or key not in b:
            self._problem(f"l'aggiornamento cambia {where} ({'aggiunge' if key in b else 'toglie'} {part}).")
        elif not self._same(a[key], b[key], where):
            self._problem(f"l'aggiornamento cambia {where} ({part}).")

    def _dicts(self, a: Any, b: Any, where: str) -> bool:
        if _is_dict(a) and _is_dict(b):
            return True
        self._problem(f"l'aggiornamento cambia {where}.")
        return False

    def _same(self, a: Any, b: Any, where: str) -> bool:
        """Whether ``a`` (first revision) and ``b`` (last) are the same object, deeply; a page found
        on the way is compared as a page (a signature may add its widget there), once the walk that
        found it is over.

        A worklist, not recursion: a tagged PDF's structure tree links thousands of elements (each to
        its parent, its page, its children), deeper than Python's recursion limit."""
        from pypdf.generic import StreamObject

        work = [(a, b)]
        while work:
            a, b = work.pop()
            pair = _pair(a, b)
            if pair is not None:
                if pair in self._seen:
                    continue
                self._seen.add(pair)
            page = self._pages.get(pair[0]) if pair is not None else None
            a, b = _resolve(a), _resolve(b)
            if page is not None and _is_dict(a) and _is_dict(b) and a.get("/Type") == b.get("/Type") == "/Page":
                self._later.append((a, b, page))  # its differences are said in the page's own words
            elif _is_dict(a) and _is_dict(b):
                if isinstance(a, StreamObject) != isinstance(b, StreamObject) or set(a) != set(b):
                    return False
                if isinstance(a, StreamObject) and _data(a) != _data(b):
                    return False
                work.extend(
                    (a.raw_get(key), b.raw_get(key)) for key in a
                )  # unresolved: their numbers are the walk's memory
            elif isinstance(a, list) and isinstance(b, list):
                if len(a) != len(b):
                    return False
                work.extend(zip(a, b, strict=True))
            elif not (type(a) is type(b) and a == b):
                return False
        return True

    def compare_pages(self) -> None:
        """The pages the walk met, each compared as a page (which may meet more of them)."""
        while self._later:
            self._page(*self._later.pop())

    def _problem(self, text: str) -> None:
        self.problems.append(text)


def _resolve(value: Any) -> Any:
    from pypdf.generic import IndirectObject

    seen = 0
    while isinstance(value, IndirectObject) and seen < 32:
        value, seen = value.get_object(), seen + 1
    return value


def _number(page: Any) -> int:
    reference = page.indirect_reference
    return int(reference.idnum) if reference is not None else -1


def _pair(a: Any, b: Any) -> tuple[int, int] | None:
    from pypdf.generic import IndirectObject

    if isinstance(a, IndirectObject) and isinstance(b, IndirectObject):
        return a.idnum, b.idnum
    return None


def _is_dict(value: Any) -> bool:
    from pypdf.generic import DictionaryObject

    return isinstance(value, DictionaryObject)


def _data(stream: Any) -> bytes | None:
    try:
        return bytes(stream.get_data())
    except (ValueError, TypeError, KeyError, NotImplementedError, zlib.error):
        return None
    except Exception as exc:  # noqa: BLE001 - pypdf's own errors: a stream that does not decode
        if isinstance(exc, (KeyboardInterrupt, MemoryError)):
            raise
        return None


def _field_type(item: Any) -> str | None:
    """A field's type, inherited from its parents (``/FT``)."""
    for _ in range(32):
        if not _is_dict(item):
            return None
        if "/FT" in item:
            return str(item["/FT"])
        item = _resolve(item.get("/Parent"))
    return None


def _visible(widget: Any) -> bool:
    flags = int(_resolve(widget.get("/F", 0)) or 0)
    if flags & _HIDDEN:
        return False
    rect = [float(_resolve(x)) for x in _resolve(widget.get("/Rect", [0, 0, 0, 0]))]
    return len(rect) == 4 and abs(rect[2] - rect[0]) > 0 and abs(rect[3] - rect[1]) > 0


def _dublin_core(stream: Any) -> list[tuple[str, str]] | None:
    """The Dublin Core values of an XMP packet (title, creator, description, source…), in the
    element or the attribute form, sorted; None when it is not XML."""
    data = _data(stream) if _is_dict(stream) else None
    if data is None:
        return None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    return sorted(_dc_values(root))


def _dc_values(root: ElementTree.Element) -> Iterator[tuple[str, str]]:
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.startswith(_DC):
                yield name[len(_DC) :], value.strip()
        if element.tag.startswith(_DC):
            text = " ".join(t.strip() for t in element.itertext() if t.strip())
            yield element.tag[len(_DC) :], text
