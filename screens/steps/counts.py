"""The summary annex: whole-number counts, one per line, label beside its input."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Static

from questionnaire.form.model import Question
from screens.steps.step import StepView
from screens.widgets.fields import COUNT_CLASS


class CountsView(StepView):
    """Counts laid out compactly (label left, number right) so a whole annex fits at 80×24."""

    # A column between a label wrapped up to the input and the number: «…con risorse 17», not «risorse17».
    DEFAULT_CSS = """
    CountsView .count .field-input {
        margin-left: 1;
    }
    """

    def compose_question(self, question: Question) -> Iterable[Widget]:
        yield Static(question.title, classes="question-title", markup=False)
        if question.help:
            yield Static(question.help, classes="question-help", markup=False)
        for fld in question.fields:
            box = self.box(question, "", fld.key)
            box.add_class(COUNT_CLASS)
            yield box
