"""The view of one wizard step: a scrolling column of questions, laid out by the step's kind.

Each kind of step (header, staff table, block, counts, review) is a ``StepView`` subclass; the
``WizardScreen`` keeps one view per step, built once and hidden when not shown, so moving
between steps shows a view instead of building a screen: mounting a block of questions is far
slower than switching to a built one (benchmarks/run.py: the step change).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from questionnaire.carryover import cleared_addresses
from questionnaire.form.answers import Answers
from questionnaire.form.model import Form, Question, Step, join_address
from questionnaire.form.rules import Problem
from screens.widgets.fields import FieldBox, field_box

REVIEW_BANNER = "review-banner"
HEADING_TITLE = "step-heading--title"
HEADING_HELP = "step-heading--help"


class StepContext(NamedTuple):
    """What a step view is handed by the app (attributes down)."""

    form: Form
    answers: Answers
    #: The steps carried over from last year and still to review (the session's own list).
    pending: Sequence[str] = ()
    read_only: bool = False
    previous: Answers | None = None
    #: For a session imported from a document (``oivtui import``): address → the source excerpt,
    #: or why the field was left empty. Shown under the field, whole with Ctrl+F.
    sources: Mapping[str, str] = {}


def review_banner(imported: bool = False) -> Static:
    """The line that says a step carried over from last year (or imported) still waits for review."""
    text = (
        "↻ Risposte importate da un documento: controllale (Ctrl+F mostra il testo letto), poi conferma "
        "il passo con F9 (o Ctrl+R)."
        if imported
        else "↻ Risposte riprese dall'anno precedente: rivedile, poi conferma il passo con F9 (o Ctrl+R)."
    )
    banner = Static(text, classes=REVIEW_BANNER)
    banner.display = True
    return banner


class StepHeading(Widget):
    """A step's title and, under it, the step's help if the form gives one: drawn by one widget.

    Two widgets (a Label and a Static) cost Textual twice as much to mount, style and lay out,
    for the same two lines of text.
    """

    DEFAULT_CSS = """
    StepHeading {
        width: 1fr;
        height: auto;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {HEADING_TITLE, HEADING_HELP}

    def __init__(self, title: str, help_text: str = "") -> None:
        super().__init__(classes="step-heading")
        self.heading_title = title
        self.help_text = help_text

    def render(self) -> Content:
        title = Content(self.heading_title).stylize(self.get_visual_style(HEADING_TITLE, partial=True))
        if not self.help_text:
            return title
        help_text = Content(self.help_text).stylize(self.get_visual_style(HEADING_HELP, partial=True))
        return Content("\n").join([title, help_text])


def view_id(step_id: str) -> str:
    return f"step-{step_id.replace('.', '_')}"


class StepView(VerticalScroll):
    """Base of every step view: subclasses say how the step's questions are laid out."""

    step_id = ""

    def __init__(self, context: StepContext, step: Step | None = None) -> None:
        super().__init__(id=view_id(step.id if step else self.step_id), classes="step-view")
        self.context = context
        self.step = step
        if step is not None:
            self.step_id = step.id
        #: Mounted empty, its questions composed later by ``fill`` (a view built ahead of time).
        self.deferred = False
        #: Set once the questions are composed and mounted.
        self.filled = asyncio.Event()
        self.filled.set()

    @property
    def heading(self) -> str:
        if self.step is None:
            return "Revisione ed esportazione"
        section = self.context.form.section(self.step.section).label if self.step.section else ""
        return f"{section} › {self.step.label}" if section else self.step.label

    def compose(self) -> ComposeResult:
        if self.deferred:
            return
        yield StepHeading(self.heading, self.step.help if self.step is not None else "")
        yield from self.compose_body()

    def defer(self) -> None:
        """Mount empty; ``fill`` composes the questions (call it in this view's own queue)."""
        self.deferred = True
        self.filled.clear()

    async def fill(self) -> None:
        """Compose and mount the questions of a view mounted empty.

        It runs in this view's own message queue: Textual waits for a mount in the parent's
        queue, and a parent of the focused field (the step switcher) that waits delays the key
        bindings bubbling through it (Ctrl+A, Ctrl+K…) behind the letters typed after them.
        """
        if self.deferred:
            self.deferred = False
            await self.recompose()
        self.filled.set()

    def on_show(self) -> None:
        """Once shown and laid out, bring the focused field into view.

        A step shown during a burst of keys (``Ctrl+N`` then Tab after Tab) gets its focus moved
        before it is laid out: Textual's own scroll to the focus then measures a widget of no size
        and does nothing, and the field the keys landed in would stay below the screen.
        """
        focused = self.app.focused
        if focused is not None and self in focused.ancestors and not self.region.overlaps(focused.region):
            focused.scroll_visible(animate=False, immediate=True)  # only one wholly out of sight: a
            # step shown as usual keeps its title in view (``focus_first``)

    def compose_body(self) -> Iterable[Widget]:
        if self.step_id in self.context.pending:  # most steps never have it: mounted when needed
            yield review_banner(bool(self.context.sources))
        for question in self.step.questions if self.step else ():
            yield from self.compose_question(question)

    def compose_question(self, question: Question) -> Iterable[Widget]:
        yield Static(question.title, classes="question-title", markup=False)
        if question.help:
            yield Static(question.help, classes="question-help", markup=False)
        for row in question.rows or [None]:
            if row is not None:
                yield Label(row.label, classes="row-label", markup=False)
            for fld in question.fields:
                yield self.box(question, row.key if row else "", fld.key)

    def box(self, question: Question, row: str, key: str) -> FieldBox:
        address = join_address(question.id, row, key)
        previous = None
        if self.context.previous is not None:  # carried over: "" marks «no answer last year»
            previous = self.context.previous.get(address)
            previous = "" if previous is None else previous
        field = question.field(key)
        box = field_box(field, address, self.context.answers.get(address), self.context.read_only, previous)
        box.source = self.context.sources.get(address, "")
        box.cleared = previous is not None and address in cleared_addresses(self.context.form)
        if field.relevant:  # a field that does not apply is hidden, so out of the Tab order too
            box.display = self.context.answers.relevant(question, row, field)
        return box

    def refresh_relevance(self) -> None:
        """Show the fields that apply as the answers now stand, hide the others (their answers stay)."""
        form, answers = self.context.form, self.context.answers
        for address, box in self.boxes().items():
            if box.field.relevant:
                shown = answers.is_relevant(form, address)
                if box.display != shown:
                    box.display = shown

    # ---------------------------------------------------------------- state from the app

    _boxes: dict[str, FieldBox] | None = None

    def boxes(self) -> dict[str, FieldBox]:
        """The step's fields by address, in screen order (they never change once composed)."""
        if self._boxes is None:
            found = {box.address: box for box in self.query(FieldBox)}
            if not (self.is_mounted and self.filled.is_set()):
                return found
            self._boxes = found
        return self._boxes

    def set_pending(self, pending: bool) -> None:
        """Show or hide the «to review» banner of a step carried over from last year."""
        # Among the view's first children: not a search of every widget of the step (each step change).
        banners = self.query_children(f".{REVIEW_BANNER}")
        if pending and not banners:
            self.mount(review_banner(bool(self.context.sources)), after=0)  # under the step's heading
        for banner in banners:
            if banner.display != pending:
                banner.display = pending

    def show_problems(self, problems: list[Problem], only: set[str] | None = None) -> None:
        """Show each field's first problem; ``only`` limits which fields may gain a new message."""
        by_address: dict[str, Problem] = {}
        for problem in problems:
            by_address.setdefault(problem.address, problem)
        for address, box in self.boxes().items():
            shown = by_address.get(address)
            if shown is None:
                box.show_problem(None, "")
            elif only is None or address in only or box.showing_problem:
                box.show_problem(shown.level, ("✗ " if shown.is_error else "⚠ ") + shown.message)

    def focus_address(self, address: str) -> bool:
        box = self.boxes().get(address)
        if box is None or not box.display:
            return False
        box.focus_input()
        self.call_after_refresh(self.scroll_to_field, box)
        return True

    def scroll_to_field(self, box: FieldBox) -> None:
        """Bring ``box`` to the top, or its question's title when the field fits under it.

        A field met on its own («Risposta breve», «Risposta») does not say which question it
        answers: resuming a session, or jumping from the review to a problem, shows the question too.
        """
        target: Widget = box
        # The box, or the row or table it is in: the view's own child, whose region is in the view's terms.
        node = next((n for n in box.ancestors_with_self if n.parent is self and isinstance(n, Widget)), box)
        title = self.question_title_above(node)
        room = self.scrollable_content_region.height
        if title is not None and node.virtual_region.bottom - title.virtual_region.y <= room:
            target = title
        target.scroll_visible(top=True, animate=False)

    def question_title_above(self, child: Widget) -> Widget | None:
        """The last question title above ``child`` (one of this view's children)."""
        title = None
        for node in self.children:
            if node is child:
                return title
            if node.has_class("question-title"):
                title = node
        return None

    def focus_first(self) -> None:
        box = next((b for b in self.boxes().values() if b.display), None)
        if box is not None:
            box.focus_input(scroll_visible=False)
        self.scroll_home(animate=False, immediate=True)  # the step's title stays in view, in the same paint
