"""A PDF report's metadata: Info and XMP (title, author, subject, language, dates, PDF/A-2b
identification) and its document ID. No clock time: the dates are the signature date."""

from __future__ import annotations

import datetime as dt
import hashlib

from questionnaire.report.blocks import one_line, triennium
from questionnaire.report.markdown import ReportData
from questionnaire.report.pdf.faces import printable
from questionnaire.report.pdf.writer import CREATOR
from questionnaire.report.provenance import fingerprint

LANGUAGE = "it-IT"
#: Hashed with the fingerprint into the document ID of a copy for publication.
PUBLICATION = "oivtui senza impronta "
#: The dates of a report with no valid signature date (a draft): fixed, never the clock.
NO_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def signature_datetime(data: ReportData) -> dt.datetime:
    """The creation and modification date of the PDF: the signature date at midnight UTC."""
    value = data.answers.of_role(data.form, "signature_date")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return NO_DATE


def title(data: ReportData, draft: bool) -> str:
    administration = one_line(data.answers.text_of_role(data.form, "administration")) or "—"
    text = f"Monitoraggio OIV – {administration} – triennio {triennium(data.form, data.answers)}"
    return printable(f"BOZZA – {text}" if draft else text)


def subject(data: ReportData) -> str:
    return printable(" · ".join(d.title for d in data.form.documents))


def author(data: ReportData) -> str:
    return printable(one_line(data.answers.text_of_role(data.form, "administration"))) or "—"


_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _xml(text: str) -> str:
    """Text for XML content or a quoted attribute (xml.sax.saxutils would import urllib: ~20 ms)."""
    return text.translate(_XML)


def xmp(data: ReportData, draft: bool, producer: str, provenance: bool = True) -> str:
    """The XMP packet's content: Dublin Core, dates, producer and the PDF/A-2b identification.

    Each Info dictionary entry has its XMP twin with the same value (PDF/A-2, 6.6.3)."""
    when = signature_datetime(data).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "\n".join(
        [
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '  <rdf:Description rdf:about=""',
            '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
            '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
            "   <pdfaid:part>2</pdfaid:part>",
            "   <pdfaid:conformance>B</pdfaid:conformance>",
            f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title(data, draft))}</rdf:li></rdf:Alt>'
            "</dc:title>",
            f"   <dc:creator><rdf:Seq><rdf:li>{_xml(author(data))}</rdf:li></rdf:Seq></dc:creator>",
            f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(subject(data))}</rdf:li></rdf:Alt>'
            "</dc:description>",
            f"   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>",
            *([f"   <dc:source>{_xml(printable(data.name))}</dc:source>"] if provenance and data.name else []),
            f"   <xmp:CreateDate>{when}</xmp:CreateDate>",
            f"   <xmp:ModifyDate>{when}</xmp:ModifyDate>",
            f"   <xmp:MetadataDate>{when}</xmp:MetadataDate>",
            f"   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>",
            f"   <pdf:Producer>{_xml(producer)}</pdf:Producer>",
            f"   <xmpMM:DocumentID>uuid:{_uuid(document_id(data, provenance))}</xmpMM:DocumentID>",
            "  </rdf:Description>",
            " </rdf:RDF>",
            "</x:xmpmeta>",
        ]
    )


def _uuid(digest: str) -> str:
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"


def document_id(data: ReportData, provenance: bool = True) -> str:
    """The PDF's document ID: the answers' fingerprint, or for a copy without it (publication) a
    hash of the fingerprint, so that ``verify`` can tell such a copy apart."""
    digest = fingerprint(data.answers)
    return digest if provenance else hashlib.sha256(f"{PUBLICATION}{digest}".encode()).hexdigest()
