"""``verify`` for a PDF report: the answers' fingerprint it carries (in its keywords, as the
provenance line says it) is the session's, its first revision is what those answers produce, and
every update appended after it only adds a signature.

The first revision's bytes are compared first: the same answers give the same bytes with the same
Typst. When the bytes differ, the pages' text decides: another patch version of Typst may write
other bytes for the same words, and the report still verifies. A viewer shows the last revision,
with every appended update applied, and an update may redefine any page: the updates after the
first revision are judged by :func:`questionnaire.report.pdf.revisions.appended`; a PAdES signature
passes, and the verdict says so; anything that changes what the document shows fails.
"""

from __future__ import annotations

import io
import logging
import re

from questionnaire.report.data import ReportData
from questionnaire.report.pdf.revisions import appended, first_revision_end
from questionnaire.report.provenance import MARKER, fingerprint
from questionnaire.report.verify import Verdict, report_variants, review_note

_DIGEST = re.compile(re.escape(MARKER) + r" ([0-9a-f]{64})")
_RAW_DIGEST = re.compile(rb"/Keywords\(modulo [^()]*" + re.escape(MARKER.encode()) + rb" ([0-9a-f]{64})\)")


def is_pdf(raw: bytes) -> bool:
    return raw.startswith(b"%PDF-")


class _Read:
    """What ``verify`` reads of a PDF: its keywords, its producer, each page's text."""

    def __init__(self, raw: bytes) -> None:
        from pypdf import PdfReader

        quiet = logging.getLogger("pypdf")
        level, quiet.level = quiet.level, logging.CRITICAL
        try:
            reader = PdfReader(io.BytesIO(raw), strict=False)
            info = reader.metadata
            self.keywords = str(info.get("/Keywords", "")) if info is not None else ""
            self.producer = str(info.get("/Creator", "")) if info is not None else ""
            text = "\n".join(page.extract_text() for page in reader.pages).replace("\u200b", "")
            self.lines = text.split("\n")
        except Exception:  # a damaged file is a file that does not verify
            self.keywords, self.producer, self.lines = "", "", []
        finally:
            quiet.setLevel(level)

    def digest(self, raw: bytes) -> str | None:
        """The fingerprint in the keywords; in the bytes of the Info dictionary when pypdf could not
        read the file (a signature appended by a tool pypdf does not follow)."""
        match = _DIGEST.search(self.keywords)
        if match is None and not self.lines:
            found = _RAW_DIGEST.search(raw)
            return found[1].decode("ascii") if found else None
        return match[1] if match else None


def verify_pdf(raw: bytes, data: ReportData) -> Verdict:
    """Whether ``raw`` (a PDF report) is what ``data``'s answers produce."""
    from questionnaire.report.pdf.typeset import render_pdf

    where = f"di «{data.name}»" if data.name else "della sessione"
    base_end = first_revision_end(raw)
    raw, whole = raw[:base_end], raw  # the report as exported; the updates after it are judged apart
    read, expected = _Read(raw), fingerprint(data.answers)
    digest = read.digest(raw)
    if digest is None:
        if "modulo " in read.keywords:
            return _publication_copy(raw, whole, read, data, where)
        return Verdict(False, ["il PDF non porta l'impronta delle risposte: non è stato prodotto da oivtui."])
    if digest != expected:
        return Verdict(
            False,
            [
                f"impronta diversa: il resoconto è stato generato da risposte diverse da quelle {where} "
                f"(nel resoconto {digest[:16]}…, nella sessione {expected[:16]}…)."
            ],
        )
    variants = report_variants(data)
    candidates = [render_pdf(variant, draft=draft) for variant, draft in variants]
    for candidate in candidates:  # Typst ends the file at %%EOF: a line end after it starts what was appended
        if len(candidate) < base_end and whole.startswith(candidate) and not whole[len(candidate) : base_end].strip():
            raw, base_end = candidate, len(candidate)
    ok = f"il resoconto corrisponde esattamente alle risposte {where} (impronta {expected})."
    if raw in candidates:
        return _with_updates(whole, base_end, [ok, *review_note(data, variants[candidates.index(raw)][0])])
    texts = [_Read(c).lines for c in candidates]
    ours = _Read(candidates[0]).producer
    at = max(_first_difference(raw, c) for c in candidates)
    if read.lines in texts and read.producer != ours:
        matched = variants[texts.index(read.lines)][0]
        same = (
            f"nota: il PDF è stato scritto con {read.producer or 'un programma sconosciuto'}, questa installazione "
            f"usa {ours}: i byte differiscono, il testo di ogni pagina coincide."
        )
        return _with_updates(whole, base_end, [ok, *review_note(data, matched), same])
    if read.lines in texts:
        return Verdict(
            False,
            [
                f"file modificato dopo l'esportazione: l'impronta e il testo delle pagine corrispondono alle risposte "
                f"{where}, ma il PDF non è quello che oivtui scrive (primo byte diverso alla posizione {at})."
            ],
        )
    line = max(_same_lines(read.lines, text) for text in texts) + 1
    said = [
        f"testo del resoconto modificato: l'impronta corrisponde alle risposte {where}, ma il testo del PDF non è "
        f"quello che producono (prima differenza alla riga {line} del testo estratto, al byte {at})."
    ]
    if read.producer != ours:
        said.append(
            f"nota: il PDF è stato scritto con {read.producer or 'un programma sconosciuto'}, questa installazione "
            f"usa {ours}: un'altra versione può impaginare diversamente. Verifica con la versione che l'ha scritto."
        )
    return Verdict(False, said)


def _with_updates(raw: bytes, base_end: int, said: list[str]) -> Verdict:
    """The verdict on a PDF whose first revision is the report: the updates after it may only sign it."""
    updates = appended(raw, base_end)
    if updates.problems:
        return Verdict(
            False,
            [
                f"il PDF è stato modificato dopo l'esportazione: {updates.problems[0]} Ciò che si vede aprendolo "
                "non è il resoconto che producono le risposte, anche se le sue prime parti lo sono."
            ],
        )
    if not updates.revisions:
        return Verdict(True, said)
    one = updates.revisions == 1
    updated = "un aggiornamento incrementale che" if one else f"{updates.revisions} aggiornamenti incrementali che"
    if updates.signatures:
        signatures = "una firma digitale" if updates.signatures == 1 else f"{updates.signatures} firme digitali"
        what = f"{'aggiunge' if one else 'aggiungono'} solo {signatures} (PAdES)"
        check = " oivtui non controlla la validità della firma: usa il programma di firma."
    else:
        what, check = f"non {'cambia' if one else 'cambiano'} nulla di ciò che mostra", ""
    note = f"nota: dopo il resoconto il file ha {updated} {what}; il resoconto è intatto.{check}"
    return Verdict(True, [*said, note])


def _publication_copy(raw: bytes, whole: bytes, read: _Read, data: ReportData, where: str) -> Verdict:
    """A copy for publication (``export --senza-impronta``) is never verified, as for Markdown and
    HTML (questionnaire/report/verify.py): it is said to be one, and its text compared all the same."""
    from questionnaire.report.pdf.typeset import render_pdf

    plain = (
        "copia senza impronta: il resoconto non porta l'impronta SHA-256 delle risposte (è una copia per la "
        "pubblicazione, esportata con «oivtui export --senza-impronta»), quindi non si può dimostrare da quali "
        "risposte venga."
    )
    candidates = [render_pdf(data, draft=draft, provenance=False) for draft in (None, True)]
    same = raw in candidates or read.lines in [_Read(c).lines for c in candidates]
    if same and not appended(whole, len(raw)).problems:
        return Verdict(False, [f"{plain} Il PDF coincide con quello che producono le risposte {where}."])
    return Verdict(False, [f"{plain} Inoltre il PDF non è quello che producono le risposte {where}."])


def _same_lines(a: list[str], b: list[str]) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _first_difference(a: bytes, b: bytes) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
