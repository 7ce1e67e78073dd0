"""A filing's lines read against the form: header, staff table, block questions, 7A/7B."""

from __future__ import annotations

from questionnaire.form.model import Form
from questionnaire.importing.answers import read_question
from questionnaire.importing.header import read_header
from questionnaire.importing.lines import Line
from questionnaire.importing.outcome import Outcome
from questionnaire.importing.segment import cut
from questionnaire.importing.tables import read_counts, read_table, split_counts


def read_filing(form: Form, lines: list[Line], kind: str, ours: bool = False) -> Outcome:
    """Everything the lines say about the form's questions; nothing guessed (see docs/import.md)."""
    outcome = Outcome(form, kind=kind, ours=ours)
    pieces = cut(form, lines)
    for question in form.questions:
        if form.step(question.step).kind == "counts" and (question.id, "") in pieces.slots:
            pieces.slots[(question.id, "")] = split_counts(question, pieces.slots[(question.id, "")])
    started = {q for q, _line in pieces.starts}
    # A table or the annex counts as found once a row or a count of it is read, not by its heading.
    outcome.found.update(q for q in started if form.step(form.question(q).step).kind == "block")
    for question in form.questions:
        step = form.step(question.step)
        if step.kind == "header" or question.id not in started:
            continue
        if question.id in pieces.repeated:
            for address in question.addresses():
                outcome.doubt(address, "la domanda compare più volte nel documento")
            continue
        lines_of = pieces.slots.get((question.id, ""), [])
        if step.kind == "table":
            read_table(outcome, question, lines_of)
        elif step.kind == "counts":
            read_counts(outcome, question, lines_of)
        else:
            read_question(outcome, pieces, question)
    counted = [line for part in ("7A", "7B") for line in pieces.slots.get((part, ""), [])]
    read_header(outcome, pieces.outside, counted)
    return outcome
