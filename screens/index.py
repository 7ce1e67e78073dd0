"""The step index: every step of the wizard with its state, to jump anywhere."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from questionnaire.model import Form

REVIEW_STEP = "review"
STATE_MARKS = {
    "empty": ("○", "dim"),
    "partial": ("◐", "yellow"),
    "complete": ("●", "green"),
    "errors": ("✗", "bold red"),
}
STATE_WORDS = {"empty": "vuoto", "partial": "parziale", "complete": "completo", "errors": "con errori"}
REVIEW_MARK = ("↻", "magenta")


def step_labels(form: Form) -> list[tuple[str, str]]:
    """(step id, short label) for each step of the wizard, the review step last."""
    labels = []
    for step in form.steps:
        if step.kind == "block":
            labels.append((step.id, f"{step.number} {step.title}"))
        elif step.kind == "counts":
            labels.append((step.id, f"Allegato {step.number}A/{step.number}B"))
        else:
            labels.append((step.id, step.title))
    labels.append((REVIEW_STEP, "Revisione ed esportazione"))
    return labels


class StepIndex(OptionList):
    """Steps with their state; Invio jumps to the highlighted one."""

    @dataclass
    class Jump(Message):
        step: str

    def __init__(self, form: Form, current: str, states: dict[str, str], pending: list[str]) -> None:
        self.form = form
        self.current = current
        super().__init__(*self._options(states, pending), id="index")
        self.border_title = "Indice"

    def _options(self, states: dict[str, str], pending: list[str]) -> list[Option]:
        return [
            Option(self._prompt(step_id, label, states.get(step_id, "empty"), step_id in pending), id=step_id)
            for step_id, label in step_labels(self.form)
        ]

    def _prompt(self, step_id: str, label: str, state: str, pending: bool) -> Text:
        mark, style = REVIEW_MARK if pending else STATE_MARKS.get(state, STATE_MARKS["empty"])
        if step_id == REVIEW_STEP:
            mark, style = "»", "bold"
        text = Text.assemble((mark, style), " ", label)
        if step_id == self.current:
            text.stylize("bold")
        return text

    def on_mount(self) -> None:
        ids = [step_id for step_id, _ in step_labels(self.form)]
        if self.current in ids:
            self.highlighted = ids.index(self.current)

    def refresh_states(self, states: dict[str, str], pending: list[str]) -> None:
        for step_id, label in step_labels(self.form):
            prompt = self._prompt(step_id, label, states.get(step_id, "empty"), step_id in pending)
            self.replace_option_prompt(step_id, prompt)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
