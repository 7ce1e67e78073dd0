"""oivtui's own reports read back: the answers checked against the report's fingerprint.

A report writes a few things in a way that two sets of answers can share, and one thing not at
all: a short answer in the evaluator's own words joined to a text that goes on in lower case
(«**Risposta:** In parte, secondo…»: where does the short answer end?), a list right after the
lines of a paragraph (one line end or a blank line between them?), and the PIAO's adoption date.
The readings the report allows are tried against the fingerprint it carries: the one whose
SHA-256 is the report's is the answers, found, not guessed. With no match, the answers stay as
first read and the user is told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterator

from questionnaire.form.answers import Answers, Value
from questionnaire.form.kinds import kind_of
from questionnaire.importing.outcome import Outcome
from questionnaire.report.provenance import canonical, fingerprint

#: How far from the signature (or the triennium's first year) the PIAO's date is looked for: in
#: every reading, the two months before the signature (the monitoring is due within 30 days of the
#: PIAO); in the readings closest to what was read, two years before and one after.
_NEAR_BEFORE, _NEAR_AFTER = 62, 0
_DAYS_BEFORE, _DAYS_AFTER = 730, 365
_PLACEHOLDER = "0000-00-00"
#: At most this many readings are tried (each is one SHA-256 of the answers).
MAX_READINGS = 4096
#: The date is looked for far from the signature in at most this many readings.
MAX_DATED_READINGS = 16
#: «, » then lower case: where a report joins a short answer to the text it begins.
_JOIN = re.compile(r", (?=[^\W\d_A-ZÀ-Ý])")

Reading = dict[str, Value | None]

IDENTICAL = "Risposte identiche a quelle del resoconto (impronta SHA-256 verificata)."
DIFFERENT = (
    "Le risposte lette non hanno l'impronta scritta nel resoconto: il resoconto è stato modificato "
    "dopo l'esportazione, o alcune risposte (spazi, righe vuote) non si rileggono uguali. Controllale."
)
DIFFERENT_PDF = (
    "Le risposte lette da questo PDF non hanno l'impronta scritta nel resoconto: nel testo di un PDF "
    "gli a capo e i paragrafi non si distinguono sempre. Controlla i testi, o importa il resoconto in "
    "Markdown o HTML, che si rilegge identico."
)


def check_fingerprint(outcome: Outcome, digest: str, joins: tuple[tuple[str, str], ...] = ()) -> str:
    """Find the reading of the report whose fingerprint is ``digest`` and keep it; the sentence
    that says how it went. ``joins``: texts either side of a page break that a PDF does not tell
    a paragraph's end from a line's (:mod:`questionnaire.importing.pdf_ours`)."""
    choices = list(_ambiguities(outcome, joins))
    dated = _date_address(outcome)
    for number, combination in enumerate(_readings(choices)):
        trial = _applied(outcome.answers, combination)
        if fingerprint(trial) == digest:
            _adopt(outcome, combination)
            return IDENTICAL
        if dated:
            wide = number < MAX_DATED_READINGS
            day = _unprinted_date(outcome, trial, dated, digest, wide)
            if day is not None:
                _adopt(outcome, combination)
                source = "(data non stampata nel resoconto: ritrovata dall'impronta SHA-256 delle risposte)"
                outcome.put(dated, day, source)
                named = outcome.form.field_at(dated).label_in_sentence  # «data di adozione del PIAO»
                return IDENTICAL[:-2] + f", {named} compresa)."
    return DIFFERENT_PDF if outcome.kind == "PDF" else DIFFERENT


def _readings(choices: list[list[Reading]]) -> Iterator[tuple[Reading, ...]]:
    """Every combination of the readings, those that change least from what was first read first."""
    indexes = itertools.islice(itertools.product(*(range(len(c)) for c in choices)), MAX_READINGS)
    for combination in sorted(indexes, key=lambda picks: sum(1 for p in picks if p)):
        yield tuple(choice[pick] for choice, pick in zip(choices, combination, strict=True))


def _applied(answers: Answers, combination: tuple[Reading, ...]) -> Answers:
    trial = Answers({k: dict(v) for k, v in answers.data.items()})
    for reading in combination:
        for address, value in reading.items():
            trial.set(address, value)
    return trial


def _adopt(outcome: Outcome, combination: tuple[Reading, ...]) -> None:
    for reading in combination:
        for address, value in reading.items():
            outcome.answers.set(address, value)


# ---------------------------------------------------------------- what a report leaves open


def _ambiguities(outcome: Outcome, joins: tuple[tuple[str, str], ...]) -> Iterator[list[Reading]]:
    """For each place the report leaves open, its readings (the one first read first)."""
    answers = outcome.answers
    split = set()
    for question in outcome.form.questions:
        fields = {f.key: f for f in question.fields}
        if "choice" not in fields or "text" not in fields:
            continue
        choice = answers.get(f"{question.id}/choice")
        if isinstance(choice, str) and choice not in fields["choice"].options and _JOIN.search(choice):
            split.add(question.id)
            yield list(_joined_readings(question.id, choice, answers.get(f"{question.id}/text")))
    for question in outcome.form.questions:
        for fld in question.fields:
            address = f"{question.id}/{fld.key}"
            value = answers.get(address)
            if (
                kind_of(fld).shape == "text"
                and isinstance(value, str)
                and not (fld.key == "text" and question.id in split)
            ):
                edges = sorted(set(_list_edges(value)) | set(_page_edges(value, joins)))
                if edges and len(edges) <= 6:
                    yield [{address: v} for v in _edge_readings(value, edges)]


def _joined_readings(qid: str, choice: str, text: Value | None) -> Iterator[Reading]:
    """«In parte, secondo…»: the whole as the short answer, or cut at each «, » before lower case."""
    yield {f"{qid}/choice": choice, f"{qid}/text": text}
    rest = text if isinstance(text, str) else ""
    for match in _JOIN.finditer(choice):
        short, sentence = choice[: match.start()], choice[match.end() :]
        for glue in ("\n\n", "\n"):
            yield {f"{qid}/choice": short, f"{qid}/text": sentence + (glue + rest if rest else "")}


def _list_edges(value: str) -> list[int]:
    """Where a blank line stands between a list item («- …») and a line that is not one."""
    edges = []
    for match in re.finditer("\n\n", value):
        before = value[: match.start()].rsplit("\n", 1)[-1]
        after = value[match.end() :].split("\n", 1)[0]
        if before.startswith("- ") != after.startswith("- "):
            edges.append(match.start())
    return edges


def _page_edges(value: str, joins: tuple[tuple[str, str], ...]) -> Iterator[int]:
    """Where a blank line stands at a page break that may have ended only a line."""
    for before, after in joins:
        start = value.find(f"{before}\n\n{after}")
        if start >= 0:
            yield start + len(before)


def _edge_readings(value: str, edges: list[int]) -> Iterator[str]:
    """The text with each blank line beside a list kept or made one line end, every way."""
    for keep in itertools.product((True, False), repeat=len(edges)):
        out, last = [], 0
        for at, kept in zip(edges, keep, strict=True):
            out.append(value[last:at] + ("\n\n" if kept else "\n"))
            last = at + 2
        yield "".join(out) + value[last:]


# ---------------------------------------------------------------- the PIAO's date


def _date_address(outcome: Outcome) -> str:
    address = outcome.form.role("piao_date")
    return address if address and outcome.answers.get(address) is None else ""


def _unprinted_date(outcome: Outcome, trial: Answers, address: str, digest: str, wide: bool) -> dt.date | None:
    """The day whose fingerprint, with the other answers of ``trial``, is ``digest``."""
    around = _anchor(outcome, trial)
    if around is None:
        return None
    trial.set(address, _PLACEHOLDER)
    text = canonical(trial)
    trial.set(address, None)
    head, _sep, tail = text.partition(f'"{_PLACEHOLDER}"'.encode())
    hashed = hashlib.sha256(head)  # the answers before the date, hashed once for every day tried
    before, after = (_DAYS_BEFORE, _DAYS_AFTER) if wide else (_NEAR_BEFORE, _NEAR_AFTER)
    for offset in range(-before, after + 1):
        day = around + dt.timedelta(days=offset)
        trial_hash = hashed.copy()
        trial_hash.update(f'"{day.isoformat()}"'.encode() + tail)
        if trial_hash.hexdigest() == digest:
            return day
    return None


def _anchor(outcome: Outcome, answers: Answers) -> dt.date | None:
    signed = answers.of_role(outcome.form, "signature_date")
    if isinstance(signed, dt.date):
        return signed
    triennium = answers.text_of_role(outcome.form, "triennium")
    return dt.date(int(triennium[:4]), 1, 1) if triennium[:4].isdigit() else None
