"""Drawn pages as a PDF file identified as PDF/A-2b: the page tree, the embedded font subsets, the
Info dictionary and the XMP metadata stream, the sRGB output intent, the document ID."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from questionnaire.report.pdf.writer.canvas import A4, Page
from questionnaire.report.pdf.writer.fonts import Face
from questionnaire.report.pdf.writer.objects import Name, PdfFile, Ref, Stream, Value

#: The ICC's sRGB2014 (v2) profile, freely redistributable (icc/LICENSE): the output intent's.
SRGB = Path(__file__).parent.parent / "icc" / "sRGB2014.icc"


@dataclass(frozen=True)
class Metadata:
    """What the Info dictionary says (the XMP packet, ``xmp``, must say the same: PDF/A-2, 6.6.3)."""

    title: str
    author: str
    subject: str
    creator: str
    producer: str
    language: str
    created: dt.datetime
    xmp: str


def pdf_date(when: dt.datetime) -> str:
    """``D:YYYYMMDDHHmmSSZ``, the date in UTC."""
    return when.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def _xpacket(xmp: str) -> bytes:
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + xmp + '\n<?xpacket end="w"?>\n').encode(
        "utf-8"
    )


def _output_intent(pdf: PdfFile) -> dict[str, Value]:
    profile = pdf.add(Stream(SRGB.read_bytes(), {"N": 3, "Alternate": Name("DeviceRGB")}))
    return {
        "Type": Name("OutputIntent"),
        "S": Name("GTS_PDFA1"),
        "OutputConditionIdentifier": "sRGB",
        "OutputCondition": "IEC 61966-2-1:1999",
        "RegistryName": "http://www.color.org",
        "Info": "sRGB2014 (v2)",
        "DestOutputProfile": profile,
    }


def write_pdf(pages: list[Page], faces: list[Face], meta: Metadata, document_id: str) -> bytes:
    """The file: ``pages`` on A4, the faces that show a glyph embedded, ``document_id`` (hex) as ID."""
    pdf = PdfFile()
    tree = pdf.reserve()
    fonts: dict[str, Value] = {face.resource: face.embed(pdf) for face in faces if face.used}
    resources = pdf.add({"Font": fonts, "ProcSet": [Name("PDF"), Name("Text")]})
    kids: list[Value] = []
    for page in pages:
        content = pdf.add(Stream(page.content()))
        kids.append(
            pdf.add(
                {
                    "Type": Name("Page"),
                    "Parent": tree,
                    "MediaBox": [0, 0, A4[0], A4[1]],
                    "Resources": resources,
                    "Contents": content,
                }
            )
        )
    pdf.put(tree, {"Type": Name("Pages"), "Kids": kids, "Count": len(kids)})
    metadata = pdf.add(Stream(_xpacket(meta.xmp), {"Type": Name("Metadata"), "Subtype": Name("XML")}, compress=False))
    catalog: dict[str, Value] = {
        "Type": Name("Catalog"),
        "Pages": tree,
        "Metadata": metadata,
        "OutputIntents": [_output_intent(pdf)],
        "Lang": meta.language,
    }
    root = pdf.add(catalog)
    info: Ref = pdf.add(
        {
            "Title": meta.title,
            "Author": meta.author,
            "Subject": meta.subject,
            "Creator": meta.creator,
            "Producer": meta.producer,
            "CreationDate": pdf_date(meta.created),
        }
    )
    return pdf.output(root, info, document_id)
