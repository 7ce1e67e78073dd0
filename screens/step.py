"""The frame every wizard step shares: title, index, scrolling body, status line, footer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from questionnaire.answers import Answers
from questionnaire.model import Form, Question, Step, join_address
from questionnaire.rules import Problem
from screens.fields import FieldBox, field_box
from screens.index import StepIndex

INDEX_HIDDEN = "-index-hidden"


@dataclass
class StepContext:
    """What a step screen is handed by the app (attributes down)."""

    form: Form
    answers: Answers
    states: dict[str, str]
    pending: list[str] = field(default_factory=list)
    read_only: bool = False
    previous: Answers | None = None
    title: str = ""
    #: Problems to show when the step opens (missing answers are left to the review step).
    problems: list[Problem] = field(default_factory=list)


class StatusLine(Static):
    """When the session was last saved, or why it was not; follows ``app.save_status``."""

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self.show)

    def show(self, status: str) -> None:
        self.update(status)


class StepScreen(Screen):
    """Base of every step screen: subclasses say how the step's questions are laid out."""

    BINDINGS = [
        Binding("f6", "app.next_step", "Avanti", id="step.next", priority=True),
        Binding("f5", "app.previous_step", "Indietro", id="step.previous", priority=True),
        Binding("f2", "toggle_index", "Indice", id="step.index"),
        Binding("f4", "app.edit_external", "Editor", id="field.editor"),
        Binding("f1", "app.help", "Aiuto", id="help"),
    ]
    step_id = ""

    def __init__(self, context: StepContext, step: Step | None = None, address: str = "") -> None:
        super().__init__(classes="step-screen")
        self.context = context
        self.step = step
        self.initial_address = address
        if step is not None:
            self.step_id = step.id

    def on_mount(self) -> None:
        self.show_problems(self.context.problems)
        if not (self.initial_address and self.focus_address(self.initial_address)):
            self.focus_first()

    @property
    def heading(self) -> str:
        if self.step is None:
            return "Revisione ed esportazione"
        section = self.context.form.section(self.step.section).label if self.step.section else ""
        return f"{section} › {self.step.label}" if section else self.step.label

    def compose(self) -> ComposeResult:
        yield Static(self.context.title, id="topbar")
        with Horizontal(id="main"):
            yield StepIndex(self.context.form, self.step_id, self.context.states, self.context.pending)
            with Vertical(id="content"):
                yield Label(self.heading, id="step-title")
                with VerticalScroll(id="body"):
                    yield from self.compose_body()
        yield StatusLine(id="status")
        yield Footer()

    def compose_body(self) -> Iterable[Widget]:
        if self.step is not None and self.step.help:
            yield Static(self.step.help, classes="step-help")
        if self.step is not None and self.step.id in self.context.pending:
            yield Static(
                "↻ Risposte riprese dall'anno precedente: rivedile, poi conferma con F9.",
                classes="review-banner",
            )
        for question in self.step.questions if self.step else ():
            yield from self.compose_question(question)

    def compose_question(self, question: Question) -> Iterable[Widget]:
        yield Static(question.title, classes="question-title")
        if question.help:
            yield Static(question.help, classes="question-help")
        for row in question.rows or [None]:
            if row is not None:
                yield Label(row.label, classes="row-label")
            for fld in question.fields:
                yield self.box(question, row.key if row else "", fld.key)

    def box(self, question: Question, row: str, key: str) -> Widget:
        address = join_address(question.id, row, key)
        return field_box(question.field(key), address, self.context.answers.get(address), self.context.read_only)

    # ---------------------------------------------------------------- state from the app

    def boxes(self) -> dict[str, FieldBox]:
        return {box.address: box for box in self.query(FieldBox)}

    def show_problems(self, problems: list[Problem], only: set[str] | None = None) -> None:
        """Show each field's first problem; ``only`` limits which fields may gain a new message."""
        by_address: dict[str, Problem] = {}
        for problem in problems:
            by_address.setdefault(problem.address, problem)
        for address, box in self.boxes().items():
            problem = by_address.get(address)
            shown = box.has_class("-error") or box.has_class("-warning")
            if problem is None:
                box.show_problem(None, "")
            elif only is None or address in only or shown:
                box.show_problem(problem.level, ("✗ " if problem.is_error else "⚠ ") + problem.message)

    def refresh_index(self, states: dict[str, str], pending: list[str]) -> None:
        self.query_one(StepIndex).refresh_states(states, pending)

    def focus_address(self, address: str) -> bool:
        box = self.boxes().get(address)
        if box is None:
            return False
        box.focus_input()
        self.call_after_refresh(box.scroll_visible, top=True, animate=False)
        return True

    def focus_first(self) -> None:
        boxes = list(self.query(FieldBox))
        if boxes:
            boxes[0].focus_input()

    def action_toggle_index(self) -> None:
        index = self.query_one(StepIndex)
        if index.has_focus:
            self.toggle_class(INDEX_HIDDEN)
            self.focus_first()
        elif self.has_class(INDEX_HIDDEN):
            self.remove_class(INDEX_HIDDEN)
            index.focus()
        else:
            index.focus()
