"""``verify`` for a PDF report: its document ID is the answers' fingerprint, its bytes are exactly
what those answers produce (:func:`questionnaire.report.pdf.layout.render_pdf` gives the same bytes each time).

A file that starts with those bytes and goes on (an incremental update: a PAdES signature added by
the signer's tool) is the same report, signed: it passes, and the verdict says so.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from questionnaire.report.markdown import ReportData
from questionnaire.report.pdf.metadata import document_id
from questionnaire.report.provenance import fingerprint
from questionnaire.report.verify import Verdict, report_variants, review_note

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
    found, expected = id_in(raw), fingerprint(data.answers)
    if found is None:
        return Verdict(
            False, ["il PDF non ha l'identificativo con l'impronta delle risposte: non è stato prodotto da oivtui."]
        )
    if found == document_id(data, provenance=False):
        return _publication_copy(raw, data, where)
    if found != expected:
        return Verdict(
            False,
            [
                f"impronta diversa: il resoconto è stato generato da risposte diverse da quelle {where} "
                f"(nel resoconto {found[:16]}…, nella sessione {expected[:16]}…)."
            ],
        )
    name = source_name(raw)
    if name is not None:  # rendered as the report names its session: a renamed session file still matches
        data = replace(data, name=name)
    variants = report_variants(data)
    candidates = [render_pdf(variant, draft=draft) for variant, draft in variants]
    ok = f"il resoconto corrisponde esattamente alle risposte {where} (impronta {expected})."
    notes = (
        []
        if name is None or name == where_name
        else [f"nota: il resoconto nomina la sessione «{name}», il file indicato è «{where_name}»."]
    )
    if raw in candidates:
        return Verdict(True, [ok, *notes, *review_note(data, variants[candidates.index(raw)][0])])
    original = next((c for c in candidates if raw.startswith(c)), None)
    if original is not None:
        added = (
            f"nota: il file continua dopo il resoconto con {len(raw) - len(original)} byte (un aggiornamento "
            "incrementale, per esempio una firma digitale PAdES); il resoconto è intatto."
        )
        return Verdict(True, [ok, *notes, added])
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


def producer(raw: bytes) -> str | None:
    """What wrote the PDF, as its XMP says (``pdf:Producer``: the writer's version, ``oivtui-pdf N``)."""
    match = _PRODUCER.search(raw)
    return html.unescape(match[1].decode("utf-8", "replace")) if match else None


def _publication_copy(raw: bytes, data: ReportData, where: str) -> Verdict:
    """A copy for publication (``export --senza-impronta``) is never verified, as for Markdown and
    HTML (questionnaire/report/verify.py): it is said to be one, and its bytes compared all the same."""
    from questionnaire.report.pdf.layout import render_pdf

    plain = (
        "copia senza impronta: il resoconto non porta l'impronta SHA-256 delle risposte (è una copia per la "
        "pubblicazione, esportata con «oivtui export --senza-impronta»), quindi non si può dimostrare da quali "
        "risposte venga."
    )
    candidates = [render_pdf(data, draft=draft, provenance=False) for draft in (None, True)]
    if any(raw.startswith(c) for c in candidates):
        return Verdict(False, [f"{plain} Il PDF coincide con quello che producono le risposte {where}."])
    return Verdict(False, [f"{plain} Inoltre il PDF non è quello che producono le risposte {where}."])


def _first_difference(a: bytes, b: bytes) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
