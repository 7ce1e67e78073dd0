"""The Textual app: owns the session, moves between steps, validates, saves, exports."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from oivtui import storage
from oivtui.autosave import SAVE_DELAY, Autosaver
from oivtui.lock import LockedError, SessionLock
from oivtui.session import Position, Session
from oivtui.terminal import InvalidInput, SafeLinuxDriver, TerminalLost
from questionnaire.rules import Problem, check_question, validate
from screens.block import BlockScreen
from screens.counts import CountsScreen
from screens.fields import FieldBox
from screens.header import HeaderScreen
from screens.index import REVIEW_STEP, StepIndex, step_labels
from screens.review import ReviewScreen
from screens.start import StartScreen
from screens.step import StepContext, StepScreen
from screens.table import TableScreen

STEP_SCREENS: dict[str, type[StepScreen]] = {
    "header": HeaderScreen,
    "table": TableScreen,
    "block": BlockScreen,
    "counts": CountsScreen,
}


class OivApp(App[int]):
    """The wizard. ``session`` is None until the user picks one on the start screen."""

    CSS_PATH = "oivtui.tcss"
    TITLE = "oivtui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+s", "save", "Salva", id="app.save"),
        Binding("ctrl+q", "quit", "Esci", id="app.quit", priority=True),
        Binding("ctrl+c", "quit", "Esci", id="app.interrupt", priority=True, show=False),
        Binding("f9", "confirm_review", "Confermo", id="step.confirm", show=False),
    ]
    save_status: reactive[str] = reactive("")

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
        from oivtui.commands import GotoStep  # noqa: PLC0415 — imports screens, after App init

        self.COMMANDS = App.COMMANDS | {GotoStep}
        self.session = session
        self.read_only = read_only
        self.folder = folder or storage.data_dir()
        self.lock: SessionLock | None = None
        self.saver: Autosaver | None = None
        self.problems: list[Problem] = []
        self._save_timer: Timer | None = None
        self.exit_code = 0

    # ---------------------------------------------------------------- start and stop

    def on_mount(self) -> None:
        self.install_signal_handlers()
        if self.session is None:
            self.push_screen(StartScreen(self.folder))
        else:
            self.call_later(self.begin, self.session)

    def install_signal_handlers(self) -> None:
        """SIGHUP (closed terminal, dropped SSH) and SIGTERM save and exit: Textual handles neither."""
        if self.is_headless:
            return
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, self.shutdown, f"segnale {signal.Signals(sig).name}")

    def shutdown(self, why: str) -> None:
        """Save what is in memory, release the lock, leave. Safe to call more than once."""
        self.flush()
        self.release()
        self.exit(self.exit_code)

    @on(TerminalLost)
    def _terminal_lost(self, event: TerminalLost) -> None:
        self.shutdown(event.why)

    @on(InvalidInput)
    def _invalid_input(self) -> None:
        self.notify(
            "Il terminale ha inviato byte non UTF-8: sono stati ignorati. Controlla la codifica "
            "del terminale (es. LANG=it_IT.UTF-8).",
            severity="warning",
        )

    async def action_quit(self) -> None:
        self.shutdown("uscita")

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ---------------------------------------------------------------- opening a session

    def begin(self, session: Session) -> None:
        """Take ``session`` (locked already, or lock it now) and show the step it was left at."""
        if self.lock is None and not self.read_only and session.path is not None:
            try:
                self.lock = SessionLock(session.path).acquire()
            except LockedError as exc:
                self.ask_read_only(session, exc)
                return
            except OSError as exc:
                self.notify(f"Impossibile creare il blocco accanto a {session.path}: {exc.strerror}.",
                            severity="error", timeout=10)
                return
            storage.remove_leftover_temps(session.path)
        self.session = session
        self.saver = Autosaver(session, read_only=self.read_only)
        if session.path is not None and not session.path.exists():
            self.saver.save(force=True)
        self.sub_title = session.administration or str(session.path or "")
        self.problems = validate(session.form, session.answers)
        self.update_status()
        self.show_step(session.position.step, session.position.field, first=True)

    def ask_read_only(self, session: Session, error: LockedError) -> None:
        from screens.modals import Notice

        def chosen(answer: str | None) -> None:
            if answer == "readonly":
                self.read_only = True
                self.begin(session)
            elif self.session is None and not isinstance(self.screen, StartScreen):
                self.exit(3)

        self.push_screen(
            Notice("Sessione già aperta", str(error), (("readonly", "Apri in sola lettura"), ("close", "Chiudi"))),
            chosen,
        )

    # ---------------------------------------------------------------- moving between steps

    @property
    def step_ids(self) -> list[str]:
        return [step_id for step_id, _ in step_labels(self.session.form)] if self.session else []

    def context(self, problems: list[Problem] | None = None) -> StepContext:
        session = self.session
        assert session is not None
        title = session.administration or "Nuova sessione"
        if session.triennium:
            title += f" · PIAO {session.triennium}"
        if self.read_only:
            title += " · SOLA LETTURA"
        return StepContext(
            form=session.form,
            answers=session.answers,
            states=self.step_states(),
            pending=session.to_review,
            read_only=self.read_only,
            previous=session.previous,
            title=title,
            problems=problems or [],
        )

    def make_screen(self, step_id: str, address: str = "") -> StepScreen:
        session = self.session
        if step_id == REVIEW_STEP:
            progress = session.answers.form_progress(session.form)
            return ReviewScreen(self.context(), self.full_problems(), progress)
        step = session.form.step(step_id)
        ids = {q.id for q in step.questions}
        shown = [p for p in self.problems if p.question in ids and p.code != "missing"]
        return STEP_SCREENS[step.kind](self.context(shown), step, address)

    def show_step(self, step_id: str, address: str = "", first: bool = False) -> None:
        if step_id not in self.step_ids:
            step_id, address = self.step_ids[0], ""
        self.session.position = Position(step_id, address)
        if self.saver is not None:
            self.saver.changed()  # the position is saved too: resume where the user left off
        self.flush()
        screen = self.make_screen(step_id, address)
        if first or not isinstance(self.screen, StepScreen):
            self.switch_or_push(screen)
        else:
            self.switch_screen(screen)

    def switch_or_push(self, screen: Screen) -> None:
        if isinstance(self.screen, StartScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_next_step(self) -> None:
        self.move(+1)

    def action_previous_step(self) -> None:
        self.move(-1)

    def move(self, delta: int) -> None:
        if self.session is None:
            return
        ids = self.step_ids
        here = ids.index(self.session.position.step) if self.session.position.step in ids else 0
        target = max(0, min(len(ids) - 1, here + delta))
        if target != here:
            self.show_step(ids[target])

    def goto(self, step_id: str, address: str = "") -> None:
        self.show_step(step_id, address)

    def goto_address(self, address: str) -> None:
        qid = address.split("/", 1)[0]
        self.show_step(self.session.form.question(qid).step, address)

    @on(StepIndex.Jump)
    def _index_jump(self, event: StepIndex.Jump) -> None:
        self.goto(event.step)

    @on(ReviewScreen.Jump)
    def _review_jump(self, event: ReviewScreen.Jump) -> None:
        self.goto_address(event.address)

    # ---------------------------------------------------------------- answers in, problems out

    @on(FieldBox.Changed)
    def _answer(self, event: FieldBox.Changed) -> None:
        if self.session is None or self.read_only:
            return
        if not self.session.answers.set(event.address, event.value):
            return
        self.saver.changed()
        self.schedule_save()
        self.revalidate_step(only=set())

    @on(FieldBox.Left)
    def _left(self, event: FieldBox.Left) -> None:
        if isinstance(self.screen, StepScreen):
            self.screen.show_problems(self.step_problems(), only={event.address})

    @on(FieldBox.Entered)
    def _entered(self, event: FieldBox.Entered) -> None:
        if self.session is not None:
            self.session.position.field = event.address

    def revalidate_step(self, only: set[str] | None) -> None:
        """Re-check the questions of the current step; cheap enough for every keystroke."""
        session = self.session
        step_id = session.position.step
        if step_id == REVIEW_STEP:
            return
        step = session.form.step(step_id)
        ids = {q.id for q in step.questions}
        fresh = [p for q in step.questions for p in check_question(q, session.answers)]
        self.problems = [p for p in self.problems if p.question not in ids] + fresh
        screen = self.screen
        if isinstance(screen, StepScreen):
            screen.show_problems(fresh, only=only)
            screen.refresh_index(self.step_states(), session.to_review)

    def step_problems(self) -> list[Problem]:
        step = self.session.form.step(self.session.position.step)
        ids = {q.id for q in step.questions}
        return [p for p in self.problems if p.question in ids]

    def full_problems(self) -> list[Problem]:
        return validate(self.session.form, self.session.answers, final=True)

    def step_states(self) -> dict[str, str]:
        if self.session is None:
            return {}
        form, answers = self.session.form, self.session.answers
        with_errors = {form.question(p.question).step for p in self.problems if p.is_error}
        states = {s.id: answers.step_state(s, s.id in with_errors) for s in form.steps}
        return states

    # ---------------------------------------------------------------- saving

    def schedule_save(self) -> None:
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self.flush)
        self.update_status()

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.saver is None:
            return
        ok = self.saver.save()
        if not ok:
            self.notify(self.saver.last_error, title="Salvataggio non riuscito", severity="error", timeout=15)
        self.update_status()

    def update_status(self) -> None:
        self.save_status = self.saver.status if self.saver else ""

    def action_save(self) -> None:
        if self.saver is not None:
            self.saver.changed()
            self.flush()
            if not self.saver.last_error:
                self.notify(self.saver.status, title="Salvato")

    # ---------------------------------------------------------------- actions that open dialogs

    def action_help(self) -> None:
        from oivtui.help import help_for

        from screens.modals import Help

        self.push_screen(Help(*help_for(self.focused)))

    def action_edit_external(self) -> None:
        from oivtui.editor import edit_in_editor

        edit_in_editor(self)

    def action_preview(self) -> None:
        from oivtui.report import render_markdown

        from screens.modals import Preview

        self.push_screen(Preview(render_markdown(self.session)))

    def action_export(self, fmt: str = "md") -> None:
        from oivtui.exporting import export_next_to_session

        message = export_next_to_session(self.session, fmt)
        self.report_export(message)

    def action_copy_report(self) -> None:
        from oivtui.report import render_markdown

        self.copy_to_clipboard(render_markdown(self.session))
        self.report_export(
            "Rapporto inviato agli appunti del terminale (OSC 52). Funziona solo se il terminale lo "
            "permette (in tmux: set -g set-clipboard on): se non lo trovi, esporta su file (F8)."
        )

    def report_export(self, message: str) -> None:
        screen = self.screen
        if hasattr(screen, "show_result"):
            screen.show_result(message)
        self.notify(message, timeout=8)

    def action_confirm_review(self) -> None:
        session = self.session
        if session is None or session.position.step not in session.to_review:
            return
        session.to_review.remove(session.position.step)
        self.saver.changed()
        self.flush()
        self.notify("Passo confermato: non è più da rivedere.")
        if isinstance(self.screen, StepScreen):
            self.show_step(session.position.step, session.position.field)

    # ---------------------------------------------------------------- the start screen

    @on(StartScreen.Begin)
    def _start(self, event: StartScreen.Begin) -> None:
        from oivtui.starting import handle_start

        handle_start(self, event.how, event.path)


def run_app(path: Path | None = None, new: bool = False, from_previous: Path | None = None) -> int:
    """Run the TUI; returns the process exit code. Load errors are printed before the UI starts."""
    from oivtui.starting import prepare_session

    session, message = prepare_session(path, new, from_previous)
    if message:
        import sys

        print(message, file=sys.stderr)
        return 2
    app = OivApp(session)
    if session is not None and session.path is not None:
        try:
            app.lock = SessionLock(session.path).acquire()
            storage.remove_leftover_temps(session.path)
        except LockedError:
            pass  # the app asks whether to open read-only
    code = app.run()
    app.release()
    return code if isinstance(code, int) else app.exit_code

