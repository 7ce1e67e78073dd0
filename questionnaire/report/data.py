"""What a report is made from (:class:`ReportData`), and whether it is a draft and why: the same for
every layout (questionnaire/report/blocks.py walks it, the Markdown, HTML and PDF render the walk)."""

from __future__ import annotations

from dataclasses import dataclass

from questionnaire.carryover import pending_names
from questionnaire.form.answers import Answers
from questionnaire.form.model import Form
from questionnaire.form.rules import Problem, validate


@dataclass(frozen=True)
class ReportData:
    """What a report is made from: the form, its answers, the steps carried over from last year and
    not yet confirmed, and the name of the session file (None for a session never saved)."""

    form: Form
    answers: Answers
    to_review: tuple[str, ...] = ()
    name: str | None = None


def blocking_problems(form: Form, answers: Answers) -> list[Problem]:
    """What keeps the report a draft: missing answers and errors (warnings do not)."""
    return [p for p in validate(form, answers, final=True) if p.is_error]


def is_draft(data: ReportData, draft: bool | None = None) -> tuple[bool, list[Problem]]:
    """Whether the report is a draft (``draft`` decides when given) and what blocks it.

    Steps still to review (carried over from last year) make a draft too: :func:`pending_review`.
    """
    if draft is False:
        return False, []
    problems = blocking_problems(data.form, data.answers)
    return (bool(problems or data.to_review) if draft is None else draft), problems


def pending_review(data: ReportData) -> list[str]:
    """The steps carried over from last year and not yet confirmed, named for the user."""
    return pending_names(data.form, data.to_review)


def problem_place(form: Form, problem: Problem) -> str:
    """Where a problem is, in the draft notice's words: «Domanda 1.1», «Allegato 7B»…"""
    question = form.question(problem.question)
    step = form.step(question.step)
    if step.kind == "header":
        return step.title
    if step.kind == "table":  # «Assegnazione degli obiettivi, domanda 1»: the section names the table
        return f"{form.section(step.section).title}, domanda {question.number}"
    if step.kind == "counts":
        return f"Allegato {question.number}"
    return f"Domanda {question.number}" if question.number else f"Blocco {step.number} ({question.text})"
