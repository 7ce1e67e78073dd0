"""Scoring an import of a corpus document against its known answers: questions found, staff
table and annex values exact, wrong values, and the share of the source's phrases kept in the
report of the imported session. Used by tests/corpus/test_corpus.py and benchmarks/import_table.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from oivtui.files import storage
from oivtui.files.session import Session
from oivtui.reports.render import render_markdown
from questionnaire.form.answers import Answers, is_empty
from questionnaire.form.loader import load_form
from questionnaire.importing.document import read_document, table_labels, table_options
from questionnaire.importing.filing import read_filing
from questionnaire.importing.outcome import Outcome
from questionnaire.importing.recognise import norm

HERE = Path(__file__).parent
DOCUMENTS = HERE / "documents"
ANSWERS = HERE / "answers"
SEED = HERE.parent / "data" / "seed_brescia_2024.md"
#: The documents converted from the seed's own text (the others are the template filled in).
SEED_MADE = ("seed-pandoc", "seed-libreoffice", "seed-chromium")


def documents() -> list[Path]:
    return sorted(p for p in DOCUMENTS.iterdir() if p.is_file())


def known(document: Path) -> Session:
    """The answers a corpus document was made from: ``answers/NAME.toml`` for ``NAME-….ext``."""
    return storage.load(ANSWERS / f"{document.name.split('-')[0]}.toml")


@dataclass
class Score:
    document: str
    kind: str = ""
    found: int = 0
    questions: int = 0
    exact: int = 0
    values: int = 0
    #: (address, expected, read, excerpt) of every value read wrong.
    wrong: list[tuple[str, object, object, str]] = field(default_factory=list)
    phrases: float = 0.0
    outcome: Outcome | None = None


def import_outcome(path: Path, form_id: str) -> Outcome:
    form = load_form(form_id)
    document = read_document(path.read_bytes(), table_labels([form]), table_options([form]))
    return read_filing(form, document.lines, document.kind, document.provenance is not None)


def score(path: Path) -> Score:
    expected = known(path)
    form = expected.form
    outcome = import_outcome(path, form.id)
    result = Score(path.name, outcome.kind, outcome=outcome)
    result.questions = sum(1 for q in form.questions if q.id not in outcome.header_questions)
    result.found = outcome.recognised
    for question in form.questions:
        kind = form.step(question.step).kind
        for address in question.addresses():
            want, got = expected.answers.get(address), outcome.answers.get(address)
            if kind in ("table", "counts") and not is_empty(want):
                result.values += 1
                result.exact += want == got
            if not is_empty(got) and wrong(form.field_at(address).kind, want, got):
                result.wrong.append((address, want, got, outcome.excerpts.get(address, "")))
    result.phrases = phrase_share(path, expected, outcome)
    return result


def wrong(kind: str, want: object, got: object) -> bool:
    """A value read that is not the answer: every number, option, date and name exactly; a text
    when the answer is empty there or when most of what was read is not in it (another field's
    text, a table's header)."""
    if is_empty(want):
        return True
    if kind not in ("text",):
        if isinstance(want, list) and isinstance(got, list):
            return [norm(w) for w in want] != [norm(g) for g in got]
        return want != got
    read, answer = norm(str(got)).split(), f" {norm(str(want))} "
    grams = [" ".join(read[i : i + 3]) for i in range(max(1, len(read) - 2))]
    kept = sum(1 for g in grams if f" {g} " in answer)
    return kept < 0.8 * len(grams)


def phrases_of(text: str) -> list[str]:
    """A text's sentences and clauses, Markdown marks, checkboxes and table rows aside."""
    out = []
    for line in text.splitlines():
        if "\t" in line or "|" in line or not line.strip():
            continue
        line = re.sub(r"<[^>]+>|[*#☒☐]|^\s*- ", "", line).strip()
        out += [p.strip() for p in re.split(r"(?<=[.;:?!])\s+(?![^()]*\))", line) if len(p.strip()) > 1]
    return [norm(p) for p in out if norm(p)]


def phrase_share(path: Path, expected: Session, outcome: Outcome) -> float:
    """The share of the source's phrases in the imported session's report: the seed's for a
    document made from the seed's text, else those of the known answers' own report."""
    from_seed = path.name.startswith(SEED_MADE)
    source = SEED.read_text("utf-8") if from_seed else render_markdown(expected)
    imported = Session(form_id=expected.form_id, answers=Answers(outcome.answers.data))
    report = f" {norm(render_markdown(imported))} "
    phrases = phrases_of(source)
    if not from_seed:  # the form's own wordings are in every report: only the answers' phrases count
        blank = f" {norm(render_markdown(Session(form_id=expected.form_id)))} "
        phrases = [p for p in phrases if f" {p} " not in blank]
    return sum(1 for p in phrases if f" {p} " in report) / max(1, len(phrases))
