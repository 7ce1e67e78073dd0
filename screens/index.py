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
        self.labels = step_labels(form)
        self.shown: dict[str, tuple[str, bool]] = {}
        super().__init__(*self._options(states, pending), id="index")
        self.border_title = "Indice"

    def _options(self, states: dict[str, str], pending: list[str]) -> list[Option]:
        options = []
        for step_id, label in self.labels:
            self.shown[step_id] = (states.get(step_id, "empty"), step_id in pending)
            options.append(Option(self._prompt(step_id, label, *self.shown[step_id]), id=step_id))
        return options

    def _prompt(self, step_id: str, label: str, state: str, pending: bool) -> Text:
        mark, style = REVIEW_MARK if pending else STATE_MARKS.get(state, STATE_MARKS["empty"])
        if step_id == REVIEW_STEP:
            mark, style = "»", "bold"
        text = Text.assemble((mark, style), " ", label)
        if step_id == self.current:
            text.stylize("bold")
        return text

    def on_mount(self) -> None:
        self.set_current(self.current)

    def set_current(self, step_id: str) -> None:
        """Mark ``step_id`` as the step on screen (bold) and move the highlight to it."""
        ids = [s for s, _ in self.labels]
        if step_id not in ids:
            return
        old, self.current = self.current, step_id
        labels = dict(self.labels)
        for changed in {old, step_id}:
            if changed in self.shown:
                prompt = self._prompt(changed, labels[changed], *self.shown[changed])
                self.replace_option_prompt(changed, prompt)
        self.highlighted = ids.index(step_id)

    def refresh_states(self, states: dict[str, str], pending: list[str]) -> None:
        """Redraw only the steps whose state changed (this runs after every answer)."""
        for step_id, label in self.labels:
            shown = (states.get(step_id, "empty"), step_id in pending)
            if self.shown.get(step_id) != shown:
                self.shown[step_id] = shown
                self.replace_option_prompt(step_id, self._prompt(step_id, label, *shown))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
