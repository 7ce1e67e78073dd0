"""The staff-assignment table: for each staff category, counts and choices side by side."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from questionnaire.form.kinds import kind_of
from questionnaire.form.model import Question
from screens.steps.step import StepView


class TableView(StepView):
    """Questions whose answers are rows (the three staff categories)."""

    def compose_question(self, question: Question) -> Iterable[Widget]:
        yield Static(question.title, classes="question-title", markup=False)
        for row in question.rows:
            numbers = [f for f in question.fields if kind_of(f).numeric]
            others = [f for f in question.fields if not kind_of(f).numeric]
            children: list[Widget] = [Label(row.label, classes="row-label", markup=False)]
            boxes = {f.key: self.box(question, row.key, f.key) for f in question.fields}
            for box in boxes.values():
                box.use_short = True
            if numbers:
                children.append(Horizontal(*(boxes[f.key] for f in numbers), classes="numbers"))
            children.extend(boxes[f.key] for f in others)
            yield Vertical(*children, classes="table-row")
