"""The Textual app: owns the session, moves between steps, validates, saves, exports."""

from __future__ import annotations

import gc
import importlib
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ScreenStackError
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from oivtui.files import storage
from oivtui.files.autosave import Autosaver
from oivtui.files.lock import LockedError, SessionLock
from oivtui.files.opening import lock_and_read
from oivtui.files.session import Position, Session
from oivtui.tui import collector
from oivtui.tui.dialogs import DialogActions, notice
from oivtui.tui.palette import actions_provider, goto_provider
from oivtui.tui.saving import READ_ONLY_SAID, SavingMixin
from oivtui.tui.stray import StrayKeys
from oivtui.tui.terminal import InvalidInput, PasteCleaned, SafeLinuxDriver, TerminalLost
from oivtui.tui.typedahead import TypedAhead
from questionnaire.deadline import days_left, deadline_label, deadline_problem, filing_deadline
from questionnaire.form.rules import INCOMPLETE, Problem, check_question, validate
from screens.compat import SendsChangesOnly
from screens.ordered_input import OrderedInputApp
from screens.steps import is_review
from screens.steps.step import StepContext, StepView
from screens.widgets.fields import CONTROLS_NOTICE, NOTICE_SECONDS, FieldBox, TextBox, about, focused_box
from screens.widgets.index import REVIEW_STEP, StepIndex, step_labels
from screens.widgets.shorten import shorten_end
from screens.wizard import WizardScreen

if TYPE_CHECKING:
    from screens.steps.review import ReviewView

#: Build the views F6/F5 lead to once the user has had a moment on the step (a build blocks ~0.1–0.5 s).
PREBUILD_DELAY = 0.6
#: Allocations between two collections of the youngest generation (Python's default: 700).
GC_YOUNG_THRESHOLD = 10_000

#: The view of each kind of step, as "module:class": imported when a step of that kind is first
#: built, so the start imports only the first step's (the others are built while the user reads).
STEP_VIEWS: dict[str, str] = {
    "header": "screens.steps.header:HeaderView",
    "table": "screens.steps.table:TableView",
    "block": "screens.steps.block:BlockView",
    "counts": "screens.steps.counts:CountsView",
    REVIEW_STEP: "screens.steps.review:ReviewView",
}


def view_class(kind: str) -> type[StepView]:
    module, name = STEP_VIEWS[kind].split(":")
    return getattr(importlib.import_module(module), name)


#: Characters of the administration's name the top bar keeps however long the rest.
TITLE_NAME = 30


class OivApp(SavingMixin, DialogActions, TypedAhead, StrayKeys, SendsChangesOnly, OrderedInputApp[int]):
    """The wizard. ``session`` is None until the user picks one on the start screen."""

    CSS_PATH = "oivtui.tcss"
    TITLE = "oivtui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Esci", id="app.quit", priority=True),
        Binding("ctrl+s", "save", "Salva", id="app.save"),
        Binding("ctrl+c", "quit", "Esci", id="app.interrupt", priority=True, show=False),
        # Textual's own palette binding says «palette»: this one, with the same key, speaks Italian.
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Comandi", id="app.palette", priority=True, show=False),
        # The wizard offers «Rivisto» and «Confronta» only where they apply (check_action); elsewhere
        # their keys reach these instead, which say why nothing happens: no key goes unanswered.
        Binding("ctrl+r,f9", "why_not('confirm_review')", "Rivisto", id="app.confirm.why", show=False),
        Binding("ctrl+f,f3", "why_not('compare')", "Confronta", id="app.compare.why", show=False),
    ]
    #: What the status line says of the last save. Only the status line shows it: no repaint of the
    #: whole screen when it changes (a reactive's default), which came after every autosave.
    save_status: reactive[str] = reactive("", repaint=False)

    def __init__(
        self,
        session: Session | None = None,
        *,
        read_only: bool = False,
        folder: Path | None = None,
        driver_class: type | None = None,
    ) -> None:
        if driver_class is None and os.name == "posix":
            driver_class = SafeLinuxDriver
        super().__init__(driver_class=driver_class)
        # Our own commands only: Textual's system commands (Theme, Keys, Screenshot…) speak English.
        self.COMMANDS = {actions_provider, goto_provider}  # type: ignore[misc]  # per instance
        self.session = session
        self.read_only = read_only
        self.folder = folder or storage.data_dir()
        self.lock: SessionLock | None = None
        self.saver: Autosaver | None = None
        self.problems: list[Problem] = []
        self._save_timer: Timer | None = None
        self._revalidate_due = False
        self.exit_code = 0
        self._shutting_down = False
        self._deadline = 0.0

    # ---------------------------------------------------------------- start and stop

    def get_default_screen(self) -> Screen:
        """Opened from the command line with its file locked already: the wizard is the first screen.

        It then composes and paints once, as the app's own screen; otherwise (start screen, a lock
        still to take) a blank screen comes first and ``on_mount`` decides.
        """
        if self.session is not None and (self.lock is not None or self.read_only):
            self.take(self.session)
            return self.wizard_screen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.install_signal_handlers()
        self.watch_dialogs()
        # Drawing a step allocates tens of thousands of short-lived objects (Textual makes seven
        # caches per line strip): with the default threshold (700) the collector ran ~35 times
        # per step change, a visible part of its median and p95 (benchmarks/run.py), for ~1 MB more.
        gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        # The collector, held off since the command started (oivtui/tui/collector.py): back once the
        # first screen is painted.
        self.screen.call_after_refresh(collector.release)
        if self.wizard is not None:
            return  # opened in get_default_screen
        if self.session is None:
            from oivtui.files import catalog
            from oivtui.files.summarycache import SummaryCache
            from screens.start import StartScreen  # DataTable & co.: only for the start screen

            known = SummaryCache(self.folder)
            start = StartScreen(self.folder, catalog.list_sessions, known.summarise, known.cached, known.save)
            self.push_screen(start)
        else:
            self.call_later(self.begin, self.session)

    @on(TerminalLost)
    def _terminal_lost(self, event: TerminalLost) -> None:
        self.shutdown(event.why)

    @on(InvalidInput)
    def _invalid_input(self) -> None:
        said = (
            "Il terminale ha inviato byte non UTF-8: sono stati ignorati. Controlla la codifica "
            "del terminale (es. LANG=it_IT.UTF-8)."
        )
        self.notify(about(focused_box(self.focused), said), severity="warning", markup=False)

    @on(PasteCleaned)
    def _paste_cleaned(self) -> None:
        said = about(focused_box(self.focused), CONTROLS_NOTICE)
        self.notify(said, severity="warning", timeout=NOTICE_SECONDS, markup=False)

    # ---------------------------------------------------------------- opening a session

    def begin(self, session: Session) -> None:
        """Take ``session`` (locked already, or lock it now) and show the step it was left at."""
        if self.lock is None and not self.read_only and session.path is not None:
            reason = storage.read_only_reason(session.path)
            if reason:  # chmod 444: shown, never written over
                self.read_only = True
                self.take(session)
                self.open_wizard()
                self.push_screen(notice("File in sola lettura", f"{reason} {READ_ONLY_SAID}"))
                return
            try:
                self.lock, read, message = lock_and_read(session)
            except LockedError as exc:
                self.ask_read_only(session, "Sessione già aperta", str(exc))
                return
            except OSError as exc:
                self.no_lock(session, exc)
                return
            if read is None:
                self.lock = None  # released by lock_and_read
                self.push_screen(notice("Impossibile aprire la sessione", message))
                return
            session = read
        self.take(session)
        self.open_wizard()

    def take(self, session: Session) -> None:
        """Make ``session`` (locked, or read-only) the app's: saver, problems, status line."""
        self.session = session
        self.saver = Autosaver(session, read_only=self.read_only)
        if session.path is not None and not session.path.exists():
            self.saver.save(force=True)
        self.sub_title = session.administration or str(session.path or "")
        self.problems = validate(session.form, session.answers)
        self.update_status()

    def first_step(self, view: StepView) -> None:
        """The wizard's first view is mounted: bring it up to date and focus it before the first paint."""
        position = self.opened.position
        self.step_shown(view, position.field, moved=False)
        self.show_carry_over_notes()

    # ---------------------------------------------------------------- moving between steps

    @property
    def opened(self) -> Session:
        """The session being edited: every handler past the start screen has one."""
        if self.session is None:
            raise RuntimeError("no session open yet")
        return self.session

    @property
    def step_ids(self) -> list[str]:
        return [step_id for step_id, _ in step_labels(self.session.form)] if self.session else []

    @property
    def step_named(self) -> str:
        """The step the user is on, as the index names it («14 Ruolo dell'OIV…»): notices say it."""
        session = self.session
        return dict(step_labels(session.form)).get(session.position.step, "") if session else ""

    @property
    def wizard(self) -> WizardScreen | None:
        try:
            screen = self.screen
        except ScreenStackError:  # the app is closing: a field's Left arrives after the last screen
            return None
        return screen if isinstance(screen, WizardScreen) else None

    def title_text(self) -> str:
        """«Administration · PIAO 2024-2026 · SOLA LETTURA · scadenza 01/03/2024, tra 5 giorni» in
        one line of the screen: the deadline said shorter, and a long name cut (to no less than
        ``TITLE_NAME`` characters), rather than the end lost."""
        session = self.opened
        rest = [f"{session.form.plan or 'triennio'} {session.triennium}"] if session.triennium else []
        rest += ["SOLA LETTURA"] if self.read_only else []
        due = filing_deadline(session.form, session.answers)
        name, room = session.administration or "Nuova sessione", self.size.width - 2
        if due is not None:
            used = min(len(name), TITLE_NAME) + len(" · ".join(["", *rest, ""]))
            rest.append(deadline_label(due, days_left(due), room - used))
        return " · ".join([shorten_end(name, max(TITLE_NAME, room - len(" · ".join(["", *rest])))), *rest])

    @on(WizardScreen.Resized)
    def _fit_title(self, event: WizardScreen.Resized) -> None:
        """The top bar fits the title to the terminal's width: again at each new width."""
        self.refresh_title()

    def refresh_title(self) -> None:
        """The top bar says the administration, triennium and deadline as answered: once the field
        that changed them is left, not at each key (the whole line again over the link, per key)."""
        wizard = self.wizard
        if wizard is not None and self.session is not None:
            wizard.set_title(self.title_text())

    def make_view(self, step_id: str) -> StepView:
        session = self.opened
        context = StepContext(
            form=session.form,
            answers=session.answers,
            pending=session.to_review,
            read_only=self.read_only,
            previous=session.previous,
            sources=session.imported.notes() if session.imported is not None else {},
        )
        if step_id == REVIEW_STEP:
            return view_class(REVIEW_STEP)(context)
        step = session.form.step(step_id)
        return view_class(step.kind)(context, step)

    def wizard_screen(self) -> WizardScreen:
        session = self.opened
        if session.position.step not in self.step_ids:  # a step this form no longer has
            session.position = Position(self.step_ids[0], "")
        return WizardScreen(
            session.form,
            self.title_text(),
            session.position.step,
            self.step_states(),
            session.to_review,
            self.make_view,
            self.first_step,
        )

    def open_wizard(self) -> None:
        screen = self.wizard_screen()
        if self.on_start_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    async def show_step(self, step_id: str, address: str = "") -> None:
        """Show a step (its view is built once), focus ``address`` or the first field, save."""
        wizard = self.wizard
        if wizard is None:
            return
        if step_id not in self.step_ids:
            step_id, address = self.step_ids[0], ""
        self.revalidate_if_due()  # the step being left, while it is still the current one
        self.opened.position = Position(step_id, address)
        view = await wizard.show_step(step_id)
        self.refresh_title()  # a field of the step left may have changed it (its Left may come later)
        self.step_shown(view, address)

    def step_shown(self, view: StepView, address: str, moved: bool = True) -> None:
        """``view`` is the step on screen now: update it, focus ``address`` (or its first field), save."""
        self.prepare_view(view)
        if not (address and view.focus_address(address)):
            view.focus_first()
        self.refresh_bindings()
        if moved and self.saver is not None:
            self.saver.changed()  # the position is saved too: resume where the user left off
            self.call_after_refresh(self.flush)  # paint the step first, then write
        wizard = self.wizard
        if wizard is not None:
            self.set_timer(PREBUILD_DELAY, partial(wizard.prebuild, self.neighbours(view.step_id)))

    def neighbours(self, step_id: str) -> list[str]:
        """The steps F6 and F5 lead to from ``step_id``: built ahead, while the user reads."""
        ids = self.step_ids
        here = ids.index(step_id)
        return [ids[i] for i in (here + 1, here - 1) if 0 <= i < len(ids)]

    def prepare_view(self, view: StepView) -> None:
        """Bring a (possibly long built) view up to date with the session before it shows."""
        session = self.opened
        view.set_pending(view.step_id in session.to_review)
        if is_review(view):
            progress = session.answers.form_progress(session.form)
            view.update(self.full_problems(), progress, session.to_review)
        else:
            view.show_problems([p for p in self.step_problems(view.step_id) if p.code != "missing"])

    async def action_next_step(self) -> None:
        await self.move(+1)

    async def action_previous_step(self) -> None:
        await self.move(-1)

    async def move(self, delta: int) -> None:
        if self.session is None or self.wizard is None:
            return
        ids = self.step_ids
        here = ids.index(self.session.position.step) if self.session.position.step in ids else 0
        target = max(0, min(len(ids) - 1, here + delta))
        if target != here:
            await self.show_step(ids[target])

    async def goto(self, step_id: str, address: str = "") -> None:
        await self.show_step(step_id, address)

    async def goto_address(self, address: str) -> None:
        qid = address.split("/", 1)[0]
        await self.show_step(self.opened.form.question(qid).step, address)

    @on(StepIndex.Jump)
    async def _index_jump(self, event: StepIndex.Jump) -> None:
        await self.goto(event.step)

    async def on_review_view_jump(self, event: ReviewView.Jump) -> None:  # named, as ReviewView loads late
        await self.goto_address(event.address)

    # ---------------------------------------------------------------- answers in, problems out

    @on(FieldBox.Changed)
    def _answer(self, event: FieldBox.Changed) -> None:
        if self.session is None or self.read_only:
            return
        if not self.session.answers.set(event.address, event.value):
            return
        if self.wizard is not None and self.wizard.current is not None:
            self.wizard.current.refresh_relevance()  # at once, even in a burst: the next Tab must see it
        self.mark_changed()
        self.schedule_save()
        if self.input_waiting:  # a burst of keys: check the step once they are all in
            self._revalidate_due = True
        else:
            self.revalidate_step(only=set())

    def reveal_focus(self) -> None:
        """After a burst: the focused field in view, and a list's hint under it (laid out only now)."""
        super().reveal_focus()
        box = focused_box(self.focused)
        if isinstance(box, TextBox) and box.crowded:
            box.call_after_refresh(box.keep_hint_in_sight)

    def input_settled(self) -> None:
        self.revalidate_if_due()
        self.stray_settled()
        self.typed_ahead_settled()

    def revalidate_if_due(self) -> None:
        """Check the step now if answers came in a burst and it was put off: before a field's
        problem is shown, before the step is left, once the burst is in."""
        if self._revalidate_due:
            self._revalidate_due = False
            self.revalidate_step(only=set())

    @on(FieldBox.Left)
    def _left(self, event: FieldBox.Left) -> None:
        self.revalidate_if_due()
        self.refresh_title()
        view = self.wizard.current if self.wizard else None
        if view is not None:
            view.show_problems(self.step_problems(view.step_id), only={event.address})
            box = view.boxes().get(event.address)
            if box is not None:
                box.refresh_previous(self.opened.answers.get(event.address))

    @on(FieldBox.Entered)
    def _entered(self, event: FieldBox.Entered) -> None:
        if event.widget is not None:
            self.stray_home = event.widget  # where Invio puts text typed on a stop that takes none
        session = self.session
        if session is not None and session.position.field != event.address:
            session.position.field = event.address
            if self.saver is not None:
                self.saver.changed()  # written with the next save (an answer, a step, quitting): no write per Tab

    def revalidate_step(self, only: set[str] | None) -> None:
        """Re-check the questions of the current step; cheap enough for every keystroke."""
        session = self.opened
        step_id = session.position.step
        if step_id == REVIEW_STEP:
            return
        step = session.form.step(step_id)
        ids = {q.id for q in step.questions}
        fresh = [p for q in step.questions for p in check_question(q, session.answers)]
        self.problems = [p for p in self.problems if p.question not in ids] + fresh
        wizard = self.wizard
        if wizard is not None and wizard.current is not None:
            wizard.current.show_problems(fresh, only=only)
            wizard.refresh_index(self.step_states(), session.to_review)

    def step_problems(self, step_id: str) -> list[Problem]:
        if step_id == REVIEW_STEP:
            return []
        ids = {q.id for q in self.opened.form.step(step_id).questions}
        return [p for p in self.problems if p.question in ids]

    def full_problems(self) -> list[Problem]:
        """The final version's problems, and first the deadline when it is near or past."""
        session = self.opened
        near = deadline_problem(session.form, session.answers)
        return ([near] if near else []) + validate(session.form, session.answers, final=True)

    def step_states(self) -> dict[str, str]:
        if self.session is None:
            return {}
        form, answers = self.session.form, self.session.answers
        with_errors = {form.question(p.question).step for p in self.problems if p.is_error}
        to_give = {form.question(p.question).step for p in self.problems if p.code == INCOMPLETE}
        states: dict[str, str] = {s.id: answers.step_state(s, s.id in with_errors, s.id in to_give) for s in form.steps}
        return states

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """«Rivisto» is offered only on a step still to review, «Confronta» only on a field carried over,
        «Avanti» and «Indietro» only where there is a step that way."""
        if action == "confirm_review":
            session = self.session
            return session is not None and session.position.step in session.to_review
        if action == "compare":
            box = focused_box(self.focused)
            return box is not None and (box.previous is not None or bool(box.source))
        if action in ("next_step", "previous_step") and self.session is not None:
            # Not offered where there is no step that way: the key bar keeps its room for the others.
            ids = self.step_ids
            return self.session.position.step != (ids[-1] if action == "next_step" else ids[0])
        return True

    def action_why_not(self, action: str) -> None:
        """A key of an action not offered here: the action itself says why (a notice)."""
        if self.wizard is not None:
            getattr(self, f"action_{action}")()

    # ---------------------------------------------------------------- the start screen and the palette

    @property
    def on_start_screen(self) -> bool:
        return self.screen.id == "start"

    def on_start_screen_begin(self, event) -> None:  # StartScreen.Begin, imported only with it
        self.handle_start(event.how, event.path)
