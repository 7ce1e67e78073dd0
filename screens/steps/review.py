"""The review step: every problem of the session (jump to it), preview and export of the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from questionnaire.form.places import place
from questionnaire.form.rules import MISSING, Problem
from screens.steps.step import StepView
from screens.widgets.buttons import PressButton
from screens.widgets.index import REVIEW_STEP


def is_missing(problem: Problem) -> bool:
    """An answer still to give (an error of the final version): counted and marked apart from wrong answers."""
    return problem.code == MISSING and problem.is_error


#: Columns the five export buttons need side by side (labels, padding, gaps); narrower: two by two.
BUTTONS_WIDTH = 46
TWO_BY_TWO = "-two-by-two"

EXPORT_ACTIONS = {
    "preview": "preview",
    "export-md": "export('md')",
    "export-html": "export('html')",
    "export-pdf": "export('pdf')",
    "copy": "copy_report",
}


class ReviewView(StepView):
    """Last step: what is missing or wrong, and the ways out (file, clipboard). Refreshed on show."""

    DEFAULT_CSS = """
    #review-summary {
        text-style: bold;
    }

    #export-buttons {
        layout: grid;
        grid-size: 5;
        grid-columns: auto;
        grid-gutter: 0 1;
        height: auto;
        margin: 1 0;
    }

    #export-buttons.-two-by-two {
        grid-size: 2;
    }

    #export-buttons Button {
        min-width: 7;
    }

    #export-result {
        color: $success;
        height: auto;
    }

    /* The rest of the step, scrolling inside itself: the summary and the row of buttons above
       stay in view while the list has the focus (as «height: auto» it scrolled the whole step,
       and the buttons out of sight, with its first highlighted problem). */
    #problems {
        height: 1fr;
        min-height: 4;
    }
    """

    # Alt keys here: the Ctrl letters free in a text field are all taken by the wizard's keys,
    # and this step has no text field, so an Alt sequence split over a slow link (Esc, then the
    # letter) types nothing anywhere. (macOS terminals send Alt only with «Option as Meta».)
    # The F-keys stay; the palette (Ctrl+P) has them all.
    BINDINGS = [
        Binding("alt+a,f7", "app.preview", "Anteprima", id="review.preview"),  # A: anteprima
        Binding("alt+e,f8", "app.export('md')", "Esporta", id="review.export"),  # E: esporta (Markdown)
        # H: HTML. Not in the key bar (its button is on screen): the bar keeps room for «Indietro».
        Binding("alt+h", "app.export('html')", "HTML", id="review.export_html", show=False),
        Binding("alt+p", "app.export('pdf')", "PDF", id="review.export_pdf", show=False),  # P: PDF
        Binding("alt+c,f10", "app.copy_report", "Copia", id="review.copy"),  # C: copia
    ]
    step_id = REVIEW_STEP

    @dataclass
    class Jump(Message):
        address: str

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="review-summary")
        yield Static("", id="review-pending", classes="review-banner")
        yield Static("", id="review-advice", classes="step-help")
        with Container(id="export-buttons"):
            # Short labels (the key bar and F1 help say the keys): the five fit a line at 80 columns
            # with the index and a scrollbar beside them; on a narrower screen they go two by two.
            yield PressButton("Anteprima", id="preview", compact=True)
            yield PressButton("Markdown", id="export-md", variant="primary", compact=True)
            yield PressButton("HTML", id="export-html", compact=True)
            yield PressButton("PDF", id="export-pdf", compact=True)
            yield PressButton("Copia", id="copy", compact=True)
        yield Static("", id="export-result", markup=False)
        yield OptionList(id="problems")

    def on_resize(self, event: events.Resize) -> None:
        buttons = self.query_one("#export-buttons")
        buttons.set_class(self.scrollable_content_region.width < BUTTONS_WIDTH, TWO_BY_TWO)

    def update(self, problems: list[Problem], progress: tuple[int, int], pending: list[str]) -> None:
        """Show the session as it is now: counts, steps to review, one line per problem."""
        # An answer still to give is counted apart from an error, as the index marks them: ○ and ✗.
        missing = sum(1 for p in problems if is_missing(p))
        errors = sum(1 for p in problems if p.is_error) - missing
        done, total = progress
        self.query_one("#review-summary", Static).update(
            f"Domande con risposta: {done} su {total} · risposte mancanti: {missing} · errori: {errors}"
            f" · avvisi: {len(problems) - errors - missing}"
        )
        banner = self.query_one("#review-pending", Static)
        banner.display = bool(pending)
        banner.update(f"↻ Passi ripresi dall'anno precedente ancora da rivedere: {len(pending)}")
        self.query_one("#review-advice", Static).update(
            "Il resoconto si può esportare anche incompleto: sarà marcato come BOZZA."
            if problems or pending
            else "Nessun problema: il resoconto è pronto."
        )
        listing = self.query_one("#problems", OptionList)
        listing.set_options(self._options(problems))
        listing.display = bool(problems)
        if problems:
            listing.highlighted = 0  # Invio jumps to the first problem at once

    def _options(self, problems: list[Problem]) -> list[Option]:
        """Each problem under the step and question as the index and the step name them."""
        form = self.context.form
        options: list[Option] = []
        for problem in problems:
            if is_missing(problem):
                mark = ("○ ", "bold")
            elif problem.is_error:
                mark = ("✗ ", "bold red")
            else:
                mark = ("⚠ ", "yellow")
            prompt = Text.assemble(mark, (place(form, problem.address), "bold"), "\n  ", problem.message)
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
            event.stop()
            await self.run_action(f"app.{EXPORT_ACTIONS[event.button.id]}")  # a coroutine: not awaited, it did nothing
