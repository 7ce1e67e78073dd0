"""A session's report: the session's form, answers, review marks and file name handed to the
domain's rendering (questionnaire/report/markdown.py), which reads no file."""

from __future__ import annotations

from oivtui.files.session import Session
from questionnaire.form.rules import Problem
from questionnaire.report import html as report_html
from questionnaire.report import markdown as report


def report_data(session: Session) -> report.ReportData:
    """What the report is made from: the session's form, answers, steps to review and file name."""
    name = session.path.name if session.path is not None else None
    return report.ReportData(session.form, session.answers, tuple(session.to_review), name)


def is_draft(session: Session, draft: bool | None = None) -> tuple[bool, list[Problem]]:
    """Whether the report is a draft (``draft`` decides when given) and what blocks it."""
    return report.is_draft(report_data(session), draft)


def render_markdown(session: Session, *, draft: bool | None = None, provenance: bool = True) -> str:
    """Both documents as Markdown (see :func:`questionnaire.report.markdown.render_markdown`)."""
    return report.render_markdown(report_data(session), draft=draft, provenance=provenance)


def render_html(session: Session, *, draft: bool | None = None, provenance: bool = True) -> str:
    """Both documents as a printable HTML page (see :func:`questionnaire.report.html.render_html`)."""
    return report_html.render_html(report_data(session), draft=draft, provenance=provenance)


def render_pdf(session: Session, *, draft: bool | None = None, provenance: bool = True) -> bytes:
    """Both documents as one A4 PDF (see :func:`questionnaire.report.pdf.typeset.render_pdf`)."""
    # Deferred: Typst and the template are loaded by the PDF export only.
    from questionnaire.report.pdf.typeset import render_pdf as render

    return render(report_data(session), draft=draft, provenance=provenance)
