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

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

Tamper = Callable[[bytes], bytes]


def glyphs(raw: bytes) -> dict[str, str]:
    """Each character's glyph code (4 hex digits) in the report's fonts, from their ToUnicode maps
    (oivtui's subsets keep the font's glyph numbers, the same in the three faces)."""
    out: dict[str, str] = {}
    reader = PdfReader(io.BytesIO(raw))
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        cmap = font.get_object()["/ToUnicode"].get_object().get_data()
        for code, uni in re.findall(rb"<([0-9A-F]{4})>\s*<([0-9A-F]{4})>", cmap):
            out.setdefault(chr(int(uni, 16)), code.decode())
    return out


def hex_text(raw: bytes, text: str) -> bytes:
    table = glyphs(raw)
    return "".join(table[c] for c in text).encode()


def page_with(raw: bytes, code: bytes) -> int:
    reader = PdfReader(io.BytesIO(raw))
    for number, page in enumerate(reader.pages):
        if code in page.get_contents().get_data():
            return number
    raise AssertionError(f"{code!r} on no page")


def replace_text(old: str, new: str, *, by_hand: bool = False) -> Tamper:
    """An update that redefines the content of the page showing ``old`` to show ``new``."""

    def tamper(raw: bytes) -> bytes:
        before, after = hex_text(raw, old), hex_text(raw, new)
        number = page_with(raw, before)
        if by_hand:
            return append_content(raw, number, lambda data: data.replace(before, after, 1))
        writer = PdfWriter(io.BytesIO(raw), incremental=True)
        contents = writer.pages[number].get_contents()
        assert contents is not None
        contents.set_data(contents.get_data().replace(before, after, 1))
        writer.pages[number][NameObject("/Contents")] = writer._add_object(contents)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    return tamper


def swap_font(raw: bytes) -> bytes:
    """An update that draws the regular text of the first page in the bold face."""
    writer = PdfWriter(io.BytesIO(raw), incremental=True)
    fonts = writer.pages[0]["/Resources"]["/Font"]
    fonts[NameObject("/F1")] = fonts["/F2"]
    writer.pages[0]["/Resources"][NameObject("/Font")] = fonts
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def append_content(raw: bytes, number: int, change: Callable[[bytes], bytes]) -> bytes:
    """Objects appended by hand after ``%%EOF``: the page's content stream redefined under its own
    object number, a cross-reference section and a trailer pointing back to the first one."""
    reader = PdfReader(io.BytesIO(raw))
    reference = reader.pages[number].raw_get("/Contents")
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
        + f"/Info {trailer.raw_get('/Info').idnum} 0 R /Prev {prev} /ID [".encode()
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
    "l'impronta": lambda raw: replace_text(_digest(raw)[:4], _other(_digest(raw)[:4]))(raw),
    "un carattere": swap_font,
}


def _digest(raw: bytes) -> str:
    return PdfReader(io.BytesIO(raw)).trailer["/ID"][0].original_bytes.hex()


def _other(text: str) -> str:
    return "".join("0" if c != "0" else "1" for c in text)


def incremental(raw: bytes, edit: Callable[[PdfWriter], None]) -> bytes:
    """An incremental update written by pypdf after ``edit`` changed the document."""
    writer = PdfWriter(io.BytesIO(raw), incremental=True)
    edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def change_glyph(rng: random.Random) -> Tamper:
    """One glyph of one text run, on a random page, drawn as another character of the font."""

    def tamper(raw: bytes) -> bytes:
        codes = sorted(set(glyphs(raw).values()) - {"0003"})  # not a space for a space
        reader = PdfReader(io.BytesIO(raw))
        number = rng.randrange(len(reader.pages))
        data = reader.pages[number].get_contents().get_data()
        runs = [m for m in re.finditer(rb"<((?:[0-9A-F]{4})+)> Tj", data)]
        run = rng.choice(runs)
        text = run[1].decode()
        at = rng.randrange(len(text) // 4) * 4
        new = rng.choice([c for c in codes if c != text[at : at + 4]])
        changed = data[: run.start(1)] + (text[:at] + new + text[at + 4 :]).encode() + data[run.end(1) :]
        if rng.random() < 0.5:
            return append_content(raw, number, lambda _: changed)

        def edit(writer: PdfWriter) -> None:
            contents = writer.pages[number].get_contents()
            assert contents is not None
            contents.set_data(changed)
            writer.pages[number][NameObject("/Contents")] = writer._add_object(contents)

        return incremental(raw, edit)

    return tamper


def page_edit(rng: random.Random) -> Tamper:
    """A random page drawn otherwise: another face for its text, another size, a note over it."""
    from pypdf.annotations import FreeText
    from pypdf.generic import ArrayObject, FloatObject

    def tamper(raw: bytes) -> bytes:
        pages = len(PdfReader(io.BytesIO(raw)).pages)
        number, how = rng.randrange(pages), rng.choice(["font", "size", "note"])

        def edit(writer: PdfWriter) -> None:
            page = writer.pages[number]
            if how == "font":
                fonts = page["/Resources"]["/Font"]
                a, b = rng.sample(sorted(fonts), 2)
                fonts[NameObject(a)], fonts[NameObject(b)] = fonts.raw_get(b), fonts.raw_get(a)
            elif how == "size":
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
