"""The review step: every problem of the session (jump to it), preview and export of the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from questionnaire.rules import Problem
from screens.index import REVIEW_STEP
from screens.step import StepContext, StepScreen


class ReviewScreen(StepScreen):
    """Last step: what is missing or wrong, and the ways out (file, clipboard)."""

    BINDINGS = [
        Binding("f7", "app.preview", "Anteprima", id="review.preview"),
        Binding("f8", "app.export('md')", "Esporta", id="review.export"),
        Binding("f10", "app.copy_report", "Copia", id="review.copy"),
    ]
    step_id = REVIEW_STEP

    @dataclass
    class Jump(Message):
        address: str

    def __init__(self, context: StepContext, problems: list[Problem], progress: tuple[int, int]) -> None:
        super().__init__(context, None, "")
        self.problems = problems
        self.progress = progress

    def compose_body(self) -> Iterable[Widget]:
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        done, total = self.progress
        yield Static(
            f"Domande con risposta: {done} su {total} · errori: {errors} · avvisi: {warnings}",
            id="review-summary",
        )
        if self.context.pending:
            yield Static(
                f"↻ Passi ripresi dall'anno precedente ancora da rivedere: {len(self.context.pending)}",
                classes="review-banner",
            )
        yield Static(
            "Il rapporto si può esportare anche incompleto: sarà marcato come BOZZA."
            if self.problems
            else "Nessun problema: il rapporto è pronto.",
            classes="step-help",
        )
        with Horizontal(id="export-buttons"):
            yield Button("Anteprima F7", id="preview", compact=True)
            yield Button("Markdown F8", id="export-md", variant="primary", compact=True)
            yield Button("HTML", id="export-html", compact=True)
            yield Button("Copia F10", id="copy", compact=True)
        yield Static("", id="export-result")
        yield OptionList(*self._options(), id="problems")

    def _options(self) -> list[Option]:
        options = []
        for problem in self.problems:
            mark = ("✗ ", "bold red") if problem.is_error else ("⚠ ", "yellow")
            prompt = Text.assemble(mark, (f"{problem.question}: ", "bold"), problem.message)
            options.append(Option(prompt, id=f"{len(options)}:{problem.address}"))
        return options

    def focus_first(self) -> None:
        problems = self.query_one("#problems", OptionList)
        (problems if problems.option_count else self.query_one("#export-md", Button)).focus()

    def focus_address(self, address: str) -> bool:
        return False

    def show_result(self, text: str) -> None:
        self.query_one("#export-result", Static).update(text)

    @on(OptionList.OptionSelected, "#problems")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(str(event.option.id).split(":", 1)[1]))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"preview": "preview", "export-md": "export('md')", "export-html": "export('html')",
                   "copy": "copy_report"}
        if event.button.id in actions:
            self.run_action(f"app.{actions[event.button.id]}")
