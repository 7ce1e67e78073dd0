"""A block of sub-questions (blocks 1–16): short answer, free text, examples, notes."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Static

from questionnaire.form.model import Question
from screens.steps.step import StepView


class BlockView(StepView):
    """Any of the sixteen blocks: the form data says which questions and fields it holds."""

    def compose_question(self, question: Question) -> Iterable[Widget]:
        if question.id.endswith(".notes"):
            yield Static(question.text, classes="question-title notes-title", markup=False)
            for fld in question.fields:
                yield self.box(question, "", fld.key)
            return
        yield from super().compose_question(question)
