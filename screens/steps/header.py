"""The header step: administration, triennium, dates, place and signatories."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from questionnaire.form.model import Question
from screens.steps.step import StepView


class HeaderView(StepView):
    """Data that both documents share; the question title is the step's own, so it is not repeated."""

    def compose_question(self, question: Question) -> Iterable[Widget]:
        for fld in question.fields:
            yield self.box(question, "", fld.key)
