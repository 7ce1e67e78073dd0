"""``verify``: whether a report's text is exactly what a set of answers produces."""

from __future__ import annotations

from dataclasses import dataclass, replace

from questionnaire.report.html import render_html
from questionnaire.report.markdown import ReportData, is_draft, render_markdown
from questionnaire.report.provenance import find_provenance, fingerprint, is_html, without_provenance


@dataclass
class Verdict:
    """The outcome of :func:`verify`: ``ok`` and what to tell the user, in Italian."""

    ok: bool
    messages: list[str]


def verify(text: str, data: ReportData) -> Verdict:
    """Whether ``text`` (a Markdown or HTML report) is exactly what ``data``'s answers produce."""
    text = text.replace("\r\n", "\n")
    found = find_provenance(text)
    if found is None:
        return _without_fingerprint(text, data)
    render = render_html if is_html(text) else render_markdown
    body = without_provenance(text)
    variants = report_variants(data)
    rendered = [render(variant, draft=draft) for variant, draft in variants]
    candidates = [without_provenance(report) for report in rendered]
    expected = fingerprint(data.answers)
    where = f"di «{data.name}»" if data.name else "della sessione"
    if found.digest != expected:
        return Verdict(
            False,
            [
                f"impronta diversa: il resoconto è stato generato da risposte diverse da quelle {where} "
                f"(nel resoconto {found.digest[:16]}…, nella sessione {expected[:16]}…)."
            ],
        )
    if body not in candidates:
        line = _first_difference(body, candidates) + 1
        return Verdict(
            False,
            [
                f"testo del resoconto modificato: l'impronta corrisponde alle risposte {where}, ma il testo non è "
                f"quello che producono (prima differenza alla riga {line})."
            ],
        )
    index = candidates.index(body)
    shown, produced = text.split("\n")[found.line], _provenance_line(rendered[index])
    if shown != produced:
        return Verdict(False, provenance_differs(found.name, found.form, found.version, data, found.line + 1))
    messages = [f"il resoconto corrisponde esattamente alle risposte {where} (impronta {expected})."]
    return Verdict(True, messages + review_note(data, variants[index][0]))


def provenance_differs(name: str, form: str, version: str, data: ReportData, line: int | None = None) -> list[str]:
    """Why a report whose answers and text match fails all the same: its provenance line (the
    session's name, the form and its version) is not the one the session produces. Whether it was
    edited or the session file renamed, the line shown is not what was verified."""
    at = f" (riga {line})" if line else ""
    said = [
        f"riga dell'impronta diversa{at}: le risposte e il testo coincidono, ma la riga «Generato da oivtui…» "
        "non è quella che produce la sessione indicata."
    ]
    session = data.name or ""
    if name != session:
        said.append(
            f"il resoconto nomina la sessione «{name}», il file indicato è «{session}»: se hai rinominato il file "
            f"dopo l'esportazione, verificane una copia che si chiami «{name}»."
        )
    if (form, version) != (data.form.id, data.form.version):
        said.append(
            f"il resoconto cita il modulo {form} {version}, questa installazione di oivtui usa {data.form.id} "
            f"{data.form.version}: verifica con la versione di oivtui che lo ha prodotto."
        )
    return said


def _provenance_line(report: str) -> str:
    found = find_provenance(report)
    return report.split("\n")[found.line] if found else ""


def report_variants(data: ReportData) -> list[tuple[ReportData, bool | None]]:
    """What a report of ``data``'s answers may have been exported from, and as which draft: the
    session as it is (as a draft or marked one), and, when it has steps «da rivedere», the same
    session before they were marked (a report imported with ``oivtui import``, or carried over with
    ``new --from``, was exported before; its draft notice, if any, did not list them). Never a
    draft with its notice taken away: a session with answers missing is a draft in every variant."""
    out: list[tuple[ReportData, bool | None]] = []
    for variant in (data, replace(data, to_review=())) if data.to_review else (data,):
        out.append((variant, None))
        if not is_draft(variant)[0]:
            out.append((variant, True))
    return out


def review_note(data: ReportData, matched: ReportData) -> list[str]:
    """The note for a report that matches the session as it was before its steps were marked to review."""
    if matched.to_review == data.to_review:
        return []
    return [
        f"nota: la sessione ha {len(data.to_review)} passi «da rivedere» (importati da un documento o ripresi "
        "dall'anno scorso) che il resoconto non elenca: è stato esportato prima; le risposte sono le stesse."
    ]


def _without_fingerprint(text: str, data: ReportData) -> Verdict:
    """A report with no provenance line is never verified: nothing in it ties it to a set of answers.
    A copy for publication (``export --senza-impronta``) is said to be one, plainly, and its text is
    still compared with what the answers produce."""
    render = render_html if is_html(text) else render_markdown
    body = text.split("\n")
    candidates = [render(data, draft=draft, provenance=False).split("\n") for draft in (None, True)]
    candidates += [without_provenance(render(data, draft=draft)) for draft in (None, True)]  # the line cut out
    where = f"di «{data.name}»" if data.name else "della sessione"
    plain = (
        "copia senza impronta: il resoconto non porta l'impronta SHA-256 delle risposte (è una copia per la "
        "pubblicazione, esportata con «oivtui export --senza-impronta», oppure la riga «Generato da oivtui …» "
        "è stata tolta), quindi non si può dimostrare da quali risposte venga."
    )
    if body in candidates:
        said = f"Il testo coincide con quello che producono le risposte {where}."
    else:
        line = _first_difference(body, candidates) + 1
        said = f"Inoltre il testo non è quello che producono le risposte {where} (prima differenza alla riga {line})."
    return Verdict(False, [f"{plain} {said}"])


def _first_difference(body: list[str], candidates: list[list[str]]) -> int:
    """The 0-based line where ``body`` first departs from the candidate it follows longest."""
    best = 0
    for candidate in candidates:
        pairs = enumerate(zip(body, candidate, strict=False))
        same = next((i for i, (a, b) in pairs if a != b), min(len(body), len(candidate)))
        best = max(best, same)
    return best
