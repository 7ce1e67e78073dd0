"""Ways to change a PDF report after it was exported, as an attacker or a signer would: an
incremental update (pypdf's incremental writer, or objects appended by hand) that changes what a
page shows, and a real PAdES signature made with pyHanko and a certificate made on the spot."""

from __future__ import annotations

import datetime
import io
import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

Tamper = Callable[[bytes], bytes]

#: The operators that show text: their strings are glyph codes in the current font (Typst writes
#: Type0 fonts with Identity-H, two bytes a glyph, numbered per subset: each font face of each
#: document has its own numbers, so a character is found and written through that font's map).
SHOWS = (b"Tj", b"TJ", b"'", b'"')


def to_unicode(font: DictionaryObject) -> dict[bytes, str]:
    """The font's glyph codes (two bytes) and the text each stands for, from its ToUnicode map."""
    cmap = font["/ToUnicode"].get_object().get_data()
    out: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[bytes.fromhex(code.decode())] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first, size = int(uni, 16), len(low) // 2
            for n in range(int(low, 16), int(high, 16) + 1):
                out[n.to_bytes(size, "big")] = chr(first + n - int(low, 16))
    return out


def page_fonts(page: PageObject) -> dict[str, dict[bytes, str]]:
    """Each font resource of the page (``/f0``, ``/f1``…) with its glyph codes."""
    fonts = page["/Resources"].get_object().get("/Font", {})
    return {str(name): to_unicode(ref.get_object()) for name, ref in fonts.get_object().items()}


def text_of(raw: bytes, number: int) -> str:
    return PdfReader(io.BytesIO(raw)).pages[number].extract_text()


@dataclass
class Run:
    """One text-showing operation: its strings (in a TJ array, split by kerning numbers) read as
    glyph codes of the font current at that point."""

    strings: list[tuple[list[Any], int]]  # where each string sits: (its container, its index)
    glyphs: dict[bytes, str]  # the font's codes and what they stand for

    def codes(self) -> list[tuple[int, int, bytes]]:
        """Each glyph code: which string, at which byte, the code."""
        out = []
        for k, (box, at) in enumerate(self.strings):
            data = bytes(box[at])
            out += [(k, i, data[i : i + 2]) for i in range(0, len(data) - 1, 2)]
        return out

    def put(self, where: list[tuple[int, int]], codes: list[bytes]) -> None:
        """Writes ``codes`` at the places ``where`` (in place when as many; otherwise all at the first
        place and the other places dropped)."""
        if len(codes) != len(where):
            codes = [b"".join(codes)] + [b""] * (len(where) - 1)
        datas = [bytearray(bytes(box[at])) for box, at in self.strings]
        for (k, i), code in sorted(zip(where, codes, strict=True), reverse=True):
            datas[k][i : i + 2] = code
        for (box, at), data in zip(self.strings, datas, strict=True):
            box[at] = ByteStringObject(bytes(data))

    def text(self) -> tuple[str, list[int]]:
        """What the run shows, and for each character the index of the code it comes from."""
        text, owner = "", []
        for n, (_, _, code) in enumerate(self.codes()):
            shown = self.glyphs.get(code, "\ufffd")
            text += shown
            owner += [n] * len(shown)
        return text, owner


def _as_bytes(operands: list[Any]) -> None:
    """Every string kept as the bytes read: pypdf decodes a string of glyph codes as text and would
    write it back otherwise (with a byte order mark), changing glyphs that were not to change."""
    for i, item in enumerate(operands):
        if isinstance(item, list):
            _as_bytes(item)
        elif isinstance(item, TextStringObject):
            operands[i] = ByteStringObject(item.original_bytes)


def runs(reader: PdfReader, number: int) -> tuple[ContentStream, list[Run]]:
    """The page's content stream, parsed, and its text runs in drawing order."""
    page = reader.pages[number]
    fonts = page_fonts(page)
    stream = ContentStream(page.get_contents(), reader)
    found: list[Run] = []
    font: dict[bytes, str] = {}
    for operands, operator in stream.operations:
        _as_bytes(operands)
        if operator == b"Tf":
            font = fonts.get(str(operands[0]), {})
        elif operator in SHOWS:
            if operator == b"TJ":
                box = operands[0]
                places = [(box, i) for i, item in enumerate(box) if isinstance(item, ByteStringObject)]
            else:
                places = [(operands, len(operands) - 1)]
            found.append(Run(places, font))
    return stream, found


def codes_for(run: Run, text: str) -> list[bytes]:
    """The run's font's glyph codes that show ``text``, one a character."""
    table = {shown: code for code, shown in sorted(run.glyphs.items(), reverse=True)}
    missing = [c for c in text if c not in table]
    if missing:
        raise KeyError(f"the font's subset has no glyph for {missing!r} (it has {sorted(table)!r})")
    return [table[c] for c in text]


def replaced(raw: bytes, old: str, new: str | Callable[[str, set[str]], str], *, whole: bool) -> tuple[int, bytes]:
    """The first page showing ``old`` in one text run, and its content drawn with ``new`` instead
    (written with the same font's glyph codes). ``new`` may be made from the characters that font
    has, for a subset that lacks one (``whole``: ``old`` not part of a longer word or number)."""
    reader = PdfReader(io.BytesIO(raw))
    for number in range(len(reader.pages)):
        stream, found = runs(reader, number)
        for run in found:
            text, owner = run.text()
            for match in re.finditer(re.escape(old), text):
                start, end = match.span()
                if whole and (text[start - 1 : start].isalnum() or text[end : end + 1].isalnum()):
                    continue
                if start and owner[start - 1] == owner[start] or end < len(owner) and owner[end] == owner[end - 1]:
                    continue  # a glyph that stands for more than the matched characters (a ligature)
                now = new if isinstance(new, str) else new(old, set(run.glyphs.values()))
                codes = run.codes()
                run.put([codes[n][:2] for n in sorted(set(owner[start:end]))], codes_for(run, now))
                stream.operations = stream.operations  # drawn again from the changed operations
                return number, stream.get_data()
    raise AssertionError(f"{old!r} on no page")


def changed_page(raw: bytes, number: int, data: bytes, *, by_hand: bool) -> bytes:
    """An update (pypdf's incremental writer or objects appended by hand) that gives the page the
    content ``data``; it must change what the page shows, or a test passing would prove nothing."""
    if by_hand:
        out = append_content(raw, number, lambda _: data)
    else:

        def edit(writer: PdfWriter) -> None:
            contents = writer.pages[number].get_contents()
            assert contents is not None
            contents.set_data(data)
            writer.pages[number][NameObject("/Contents")] = writer._add_object(contents)

        out = incremental(raw, edit)
    assert text_of(out, number) != text_of(raw, number), "the update changes nothing a reader sees"
    return out


def replace_text(
    old: str, new: str | Callable[[str, set[str]], str], *, by_hand: bool = False, whole: bool = True
) -> Tamper:
    """An update that redefines the content of the page showing ``old`` to show ``new``."""

    def tamper(raw: bytes) -> bytes:
        number, data = replaced(raw, old, new, whole=whole)
        out = changed_page(raw, number, data, by_hand=by_hand)
        if isinstance(new, str):
            assert text_of(out, number).count(new) > text_of(raw, number).count(new), f"{new!r} not shown"
        return out

    return tamper


def document_fonts(reader: PdfReader | PdfWriter) -> list[IndirectObject]:
    """Every font object the pages use, once each."""
    seen: dict[int, IndirectObject] = {}
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).get_object().values():
            seen.setdefault(ref.idnum, ref)
    return list(seen.values())


def swap_font(raw: bytes, number: int = 0, rng: random.Random | None = None) -> bytes:
    """An update that draws the text of a page set in one font (the first, or one at random) in
    another font object of the document: the regular text in the bold face, say."""

    def edit(writer: PdfWriter) -> None:
        fonts = writer.pages[number]["/Resources"]["/Font"]
        names = sorted(fonts)
        name = rng.choice(names) if rng else names[0]
        others = [ref for ref in document_fonts(writer) if ref.idnum != fonts.raw_get(name).idnum]
        fonts[NameObject(name)] = rng.choice(others) if rng else others[0]
        writer.pages[number]["/Resources"][NameObject("/Font")] = fonts

    out = incremental(raw, edit)
    assert text_of(out, number) != text_of(raw, number), "the swapped font shows the same text"
    return out


def append_content(raw: bytes, number: int, change: Callable[[bytes], bytes]) -> bytes:
    """Objects appended by hand after ``%%EOF``: the page's content stream redefined under its own
    object number, a cross-reference section and a trailer pointing back to the first one."""
    reader = PdfReader(io.BytesIO(raw))
    reference = reader.pages[number].raw_get("/Contents")
    assert isinstance(reference, IndirectObject), "a page drawn by one content stream"
    data = zlib.compress(change(reader.pages[number].get_contents().get_data()))
    at = len(raw)
    body = (
        f"{reference.idnum} 0 obj\n<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
        + data
        + b"\nendstream\nendobj\n"
    )
    prev = int(re.findall(rb"startxref\s+(\d+)", raw)[-1])
    trailer = reader.trailer
    ids = b"".join(b"<" + i.original_bytes.hex().encode() + b">" for i in trailer["/ID"])
    xref = at + len(body)
    tail = (
        body
        + f"xref\n0 1\n0000000000 65535 f \n{reference.idnum} 1\n{at:010d} 00000 n \n".encode()
        + f"trailer\n<< /Size {trailer['/Size']} /Root {trailer.raw_get('/Root').idnum} 0 R ".encode()
        + (f"/Info {trailer.raw_get('/Info').idnum} 0 R " if "/Info" in trailer else "").encode()
        + f"/Prev {prev} /ID [".encode()
        + ids
        + f"] >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return raw + tail


def sign(raw: bytes, *, visible: bool = False, field: str = "Firma") -> bytes:
    """A PAdES signature appended by pyHanko, with a self-signed certificate made here."""
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ec.generate_private_key(ec.SECP256R1())
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "Mario Rossi")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        cx509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    signer = signers.SimpleSigner(
        signing_cert=x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=SimpleCertificateStore(),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(raw))
    if visible:
        fields.append_signature_field(writer, fields.SigFieldSpec(field, on_page=0, box=(60, 60, 260, 120)))
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    return bytes(signers.sign_pdf(writer, meta, signer=signer).getvalue())


#: Each tampering the issue names, by what it changes.
TAMPERS: dict[str, Tamper] = {
    "un numero": replace_text("57", "58"),
    "una parola": replace_text("Brescia", "Bergamo"),
    "una parola, a mano": replace_text("Brescia", "Bergamo", by_hand=True),
    "l'impronta": lambda raw: replace_text(_digest(raw)[:4], _other, whole=False)(raw),
    "un carattere": swap_font,
}


def _digest(raw: bytes) -> str:
    """The fingerprint the provenance line shows (the SHA-256 of the answers)."""
    shown = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    found = re.search(r"impronta SHA-256 delle risposte:\s*([0-9a-f]{64})", shown)
    assert found, "no fingerprint shown"
    return found[1]


def _other(text: str, present: set[str]) -> str:
    """Each character of ``text`` changed into another of its kind (a digit into a digit, a letter
    into a letter) that the font's subset has a glyph for: a subset holds only the glyphs the
    report uses, so «0» may not be there to draw."""
    return "".join(
        next(c for c in sorted(present) if c != old and (c.isdigit() if old.isdigit() else c.isalpha())) for old in text
    )


def incremental(raw: bytes, edit: Callable[[PdfWriter], None]) -> bytes:
    """An incremental update written by pypdf after ``edit`` changed the document."""
    writer = PdfWriter(io.BytesIO(raw), incremental=True)
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def change_glyph(rng: random.Random) -> Tamper:
    """One glyph of one text run, on a random page, drawn as another character of the same font
    (not a space for a space)."""

    def tamper(raw: bytes) -> bytes:
        reader = PdfReader(io.BytesIO(raw))
        number = rng.randrange(len(reader.pages))
        stream, found = runs(reader, number)
        run = rng.choice([run for run in found if run.codes() and run.glyphs])
        codes = run.codes()
        k, i, code = rng.choice(codes)
        now = run.glyphs.get(code)
        others = sorted(c for c, shown in run.glyphs.items() if shown != now and not shown.isspace())
        run.put([(k, i)], [rng.choice(others)])
        stream.operations = stream.operations
        return changed_page(raw, number, stream.get_data(), by_hand=rng.random() < 0.5)

    return tamper


def page_edit(rng: random.Random) -> Tamper:
    """A random page drawn otherwise: another face for its text, another size, a note over it."""
    from pypdf.annotations import FreeText
    from pypdf.generic import ArrayObject, FloatObject

    def tamper(raw: bytes) -> bytes:
        pages = len(PdfReader(io.BytesIO(raw)).pages)
        number, how = rng.randrange(pages), rng.choice(["font", "size", "note"])
        if how == "font":
            return swap_font(raw, number, rng)

        def edit(writer: PdfWriter) -> None:
            page = writer.pages[number]
            if how == "size":
                page[NameObject("/MediaBox")] = ArrayObject([FloatObject(v) for v in (0, 0, 612, 792)])
            else:
                writer.add_annotation(number, FreeText(text="58", rect=(100, 100, 200, 130)))

        return incremental(raw, edit)

    return tamper


def document_edit(rng: random.Random) -> Tamper:
    """The document's title, its metadata or an action run when it opens."""
    from pypdf.generic import DictionaryObject, TextStringObject

    def tamper(raw: bytes) -> bytes:
        how = rng.choice(["title", "action", "metadata"])

        def edit(writer: PdfWriter) -> None:
            if how == "title":
                writer.add_metadata({"/Title": "Monitoraggio OIV – Comune di Bergamo"})
            elif how == "action":
                action = DictionaryObject(
                    {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
                )
                writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
            else:
                stream = writer._root_object["/Metadata"].get_object()
                stream.set_data(stream.get_data().replace(b"Brescia", b"Bergamo"))
                writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)

        return incremental(raw, edit)

    return tamper


def flip_byte(rng: random.Random) -> Tamper:
    """One bit of one byte of the report itself."""

    def tamper(raw: bytes) -> bytes:
        at = rng.randrange(len(raw))
        return raw[:at] + bytes([raw[at] ^ (1 << rng.randrange(8))]) + raw[at + 1 :]

    return tamper
