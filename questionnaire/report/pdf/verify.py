"""``verify`` for a PDF report: its document ID is the answers' fingerprint, its first revision is
exactly what those answers produce (:func:`questionnaire.report.pdf.layout.render_pdf` gives the same
bytes each time), and every update appended after it only adds a signature.

A viewer shows the last revision, with every appended update applied: an update may redefine any
page. So the first revision is compared with the report the answers produce, and the updates after
it are judged by :func:`questionnaire.report.pdf.revisions.appended`: a PAdES signature passes,
and the verdict says so; anything that changes what the document shows fails.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from questionnaire.report.markdown import ReportData
from questionnaire.report.pdf.metadata import document_id
from questionnaire.report.pdf.revisions import appended, first_revision_end
from questionnaire.report.provenance import fingerprint
from questionnaire.report.verify import Verdict, provenance_differs, report_variants, review_note

#: The permanent document ID (the first of the two) of the trailer: the answers' fingerprint.
_ID = re.compile(rb"/ID\s*\[\s*<([0-9a-fA-F]{64})>")
_SOURCE = re.compile(rb"<dc:source>([^<]*)</dc:source>")
_PRODUCER = re.compile(rb"<pdf:Producer>([^<]*)</pdf:Producer>")


def is_pdf(raw: bytes) -> bool:
    return raw.startswith(b"%PDF-")


def id_in(raw: bytes) -> str | None:
    """The first document ID of the report's own trailer (the last ``trailer`` keyword: a signature
    added afterwards writes a cross-reference stream, not a new ``trailer``), in lower case."""
    at = raw.rfind(b"trailer")
    match = _ID.search(raw, at if at >= 0 else 0)
    return match[1].decode("ascii").lower() if match else None


def source_name(raw: bytes) -> str | None:
    """The session file's name as the report's XMP gives it (``dc:source``), or None."""
    match = _SOURCE.search(raw)
    return html.unescape(match[1].decode("utf-8", "replace")) if match else None


def verify_pdf(raw: bytes, data: ReportData) -> Verdict:
    """Whether ``raw`` (a PDF report) is exactly what ``data``'s answers produce."""
    from questionnaire.report.pdf.layout import render_pdf

    where = f"di «{data.name}»" if data.name else "della sessione"
    where_name = data.name
    base_end = first_revision_end(raw)
    raw, whole = raw[:base_end], raw  # the report as exported; the updates after it are judged apart
    found, expected = id_in(raw), fingerprint(data.answers)
    if found is None:
        return Verdict(
            False, ["il PDF non ha l'identificativo con l'impronta delle risposte: non è stato prodotto da oivtui."]
        )
    if found == document_id(data, provenance=False):
        return _publication_copy(raw, whole, data, where)
    if found != expected:
        return Verdict(
            False,
            [
                f"impronta diversa: il resoconto è stato generato da risposte diverse da quelle {where} "
                f"(nel resoconto {found[:16]}…, nella sessione {expected[:16]}…)."
            ],
        )
    name = source_name(raw)
    session = data
    if name is not None:  # rendered as the report names its session, to tell a renamed one from an edit
        data = replace(data, name=name)
    variants = report_variants(data)
    candidates = [render_pdf(variant, draft=draft) for variant, draft in variants]
    ok = f"il resoconto corrisponde esattamente alle risposte {where} (impronta {expected})."
    if raw in candidates and name is not None and name != where_name:
        return Verdict(False, provenance_differs(name, data.form.id, data.form.version, session))
    if raw in candidates:
        return _with_updates(whole, base_end, [ok, *review_note(data, variants[candidates.index(raw)][0])])
    at = max(_first_difference(raw, c) for c in candidates)
    said = [
        f"testo del resoconto modificato: l'impronta corrisponde alle risposte {where}, ma il PDF non è "
        f"quello che producono (primo byte diverso alla posizione {at})."
    ]
    theirs, ours = producer(raw), producer(candidates[0])
    if theirs != ours:
        said.append(
            f"nota: il PDF è stato scritto con {theirs or 'un programma sconosciuto'}, questa installazione usa "
            f"{ours}: un'altra versione può impaginare diversamente. Verifica con la versione che l'ha scritto."
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


def producer(raw: bytes) -> str | None:
    """What wrote the PDF, as its XMP says (``pdf:Producer``: the writer's version, ``oivtui-pdf N``)."""
    match = _PRODUCER.search(raw)
    return html.unescape(match[1].decode("utf-8", "replace")) if match else None


def _publication_copy(raw: bytes, whole: bytes, data: ReportData, where: str) -> Verdict:
    """A copy for publication (``export --senza-impronta``) is never verified, as for Markdown and
    HTML (questionnaire/report/verify.py): it is said to be one, and its bytes compared all the same."""
    from questionnaire.report.pdf.layout import render_pdf

    plain = (
        "copia senza impronta: il resoconto non porta l'impronta SHA-256 delle risposte (è una copia per la "
        "pubblicazione, esportata con «oivtui export --senza-impronta»), quindi non si può dimostrare da quali "
        "risposte venga."
    )
    candidates = [render_pdf(data, draft=draft, provenance=False) for draft in (None, True)]
    if raw in candidates and not appended(whole, len(raw)).problems:
        return Verdict(False, [f"{plain} Il PDF coincide con quello che producono le risposte {where}."])
    return Verdict(False, [f"{plain} Inoltre il PDF non è quello che producono le risposte {where}."])


def _first_difference(a: bytes, b: bytes) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
