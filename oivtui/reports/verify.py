"""``oivtui verify`` on files: a report file read as text, checked against a session's answers.

The fingerprint and the provenance line are the domain's (questionnaire/report/provenance.py); the
check itself is questionnaire/report/verify.py.
"""

from __future__ import annotations

from pathlib import Path

from oivtui.files.inputs import read_input
from oivtui.files.session import Session
from oivtui.reports.render import report_data
from questionnaire.report.verify import Verdict
from questionnaire.report.verify import verify as verify_data


def verify(text: str | bytes, session: Session) -> Verdict:
    """Whether ``text`` (a Markdown or HTML report, or a PDF's bytes) is exactly what ``session``'s
    answers produce."""
    if isinstance(text, bytes):
        from questionnaire.report.pdf.verify import verify_pdf

        return verify_pdf(text, report_data(session))
    return verify_data(text, report_data(session))


def read_report(path: Path) -> str | bytes:
    """A report file's text (a PDF's bytes), checked as every file a command reads is (a regular
    file, at most :data:`~oivtui.files.inputs.MAX_INPUT` bytes, readable); a refusal or a text that is
    not UTF-8 becomes ValueError with an Italian message."""
    raw = read_input(Path(path))  # InputRefused is a ValueError
    if raw.startswith(b"%PDF-"):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(f"{path}, riga {line}: il file non è testo UTF-8: non è un resoconto di oivtui.") from None
