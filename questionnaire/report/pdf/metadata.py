"""A PDF report's metadata, which Typst writes into both the Info dictionary and the XMP: title,
author (the OIV, the signatories' role), subject, keywords (the form and the answers' fingerprint)
and the date. No clock time: the date is the signature date."""

from __future__ import annotations

import datetime as dt

from questionnaire.report.blocks import one_line, triennium
from questionnaire.report.data import ReportData
from questionnaire.report.pdf.faces import printable
from questionnaire.report.provenance import MARKER, fingerprint

#: The author of a report whose signatories' role is not given.
OIV = "Organismo indipendente di valutazione"
#: The date of a report with no valid signature date (a draft): fixed, never the clock.
NO_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def signature_datetime(data: ReportData) -> dt.datetime:
    """The creation date of the PDF: the signature date at midnight UTC."""
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
    """Who signs the documents: the OIV, as the signatories' role names it (never the administration,
    which the OIV monitors)."""
    return printable(one_line(data.answers.text_of_role(data.form, "signatory_role"))) or OIV


def keywords(data: ReportData, provenance: bool = True) -> list[str]:
    """The form and, unless the copy is for publication, the answers' fingerprint (``verify`` reads it)."""
    form = f"modulo {data.form.id} {data.form.version}"
    return [form, f"{MARKER} {fingerprint(data.answers)}"] if provenance else [form]
