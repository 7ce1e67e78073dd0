"""``oivtui verify`` on files: a report file read as text, checked against a session's answers.

The fingerprint and the provenance line are the domain's (questionnaire/report/provenance.py); the
check itself is questionnaire/report/verify.py.
"""

from __future__ import annotations

from pathlib import Path

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
    """A report file's text (a PDF's bytes); OSError/UnicodeDecodeError become ValueError with an
    Italian message."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{path}: il file non esiste. Controlla il percorso.") from None
    except IsADirectoryError:
        raise ValueError(f"{path}: è una cartella, non un resoconto.") from None
    except OSError as exc:
        raise ValueError(f"{path}: impossibile leggere il file ({exc.strerror}).") from None
    if raw.startswith(b"%PDF-"):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(f"{path}, riga {line}: il file non è testo UTF-8: non è un resoconto di oivtui.") from None
