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
from screens.step import StepView

EXPORT_ACTIONS = {
    "preview": "preview",
    "export-md": "export('md')",
    "export-html": "export('html')",
    "copy": "copy_report",
}


class ReviewView(StepView):
    """Last step: what is missing or wrong, and the ways out (file, clipboard). Refreshed on show."""

    DEFAULT_CSS = """
    #review-summary {
        text-style: bold;
    }

    #export-buttons {
        height: auto;
        margin: 1 0;
    }

    #export-buttons Button {
        margin-right: 1;
        min-width: 10;
    }

    #export-result {
        color: $success;
        height: auto;
    }

    #problems {
        height: auto;
        max-height: 100%;
    }
    """

    BINDINGS = [
        Binding("f7", "app.preview", "Anteprima", id="review.preview"),
        Binding("f8", "app.export('md')", "Esporta", id="review.export"),
        Binding("f10", "app.copy_report", "Copia", id="review.copy"),
    ]
    step_id = REVIEW_STEP

    @dataclass
    class Jump(Message):
        address: str

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="review-summary")
        yield Static("", id="review-pending", classes="review-banner")
        yield Static("", id="review-advice", classes="step-help")
        with Horizontal(id="export-buttons"):
            yield Button("Anteprima F7", id="preview", compact=True)
            yield Button("Markdown F8", id="export-md", variant="primary", compact=True)
            yield Button("HTML", id="export-html", compact=True)
            yield Button("Copia F10", id="copy", compact=True)
        yield Static("", id="export-result", markup=False)
        yield OptionList(id="problems")

    def update(self, problems: list[Problem], progress: tuple[int, int], pending: list[str]) -> None:
        """Show the session as it is now: counts, steps to review, one line per problem."""
        errors = sum(1 for p in problems if p.is_error)
        done, total = progress
        self.query_one("#review-summary", Static).update(
            f"Domande con risposta: {done} su {total} · errori: {errors} · avvisi: {len(problems) - errors}"
        )
        banner = self.query_one("#review-pending", Static)
        banner.display = bool(pending)
        banner.update(f"↻ Passi ripresi dall'anno precedente ancora da rivedere: {len(pending)}")
        self.query_one("#review-advice", Static).update(
            "Il rapporto si può esportare anche incompleto: sarà marcato come BOZZA."
            if problems or pending
            else "Nessun problema: il rapporto è pronto."
        )
        listing = self.query_one("#problems", OptionList)
        listing.set_options(self._options(problems))
        listing.display = bool(problems)

    @staticmethod
    def _options(problems: list[Problem]) -> list[Option]:
        options: list[Option] = []
        for problem in problems:
            mark = ("✗ ", "bold red") if problem.is_error else ("⚠ ", "yellow")
            prompt = Text.assemble(mark, (f"{problem.question}: ", "bold"), problem.message)
            options.append(Option(prompt, id=f"{len(options)}:{problem.address}"))
        return options

    def focus_first(self) -> None:
        problems = self.query_one("#problems", OptionList)
        target = problems if problems.option_count else self.query_one("#export-md", Button)
        self.screen.set_focus(target, scroll_visible=False)  # now, not after the app's queue: same paint
        self.scroll_home(animate=False, immediate=True)

    def focus_address(self, address: str) -> bool:
        return False

    def show_result(self, text: str) -> None:
        self.query_one("#export-result", Static).update(text)

    @on(OptionList.OptionSelected, "#problems")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(str(event.option.id).split(":", 1)[1]))

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        if event.button.id in EXPORT_ACTIONS:
            await self.run_action(f"app.{EXPORT_ACTIONS[event.button.id]}")  # a coroutine: not awaited, nothing runs
