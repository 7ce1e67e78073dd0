"""The wizard's one screen: title, step index, the current step's view, status line, footer."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Self

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from questionnaire.form.model import Form
from screens.compat import focused_without_repaint, widgets_of_mount_wait
from screens.steps.step import StepView
from screens.widgets.index import StepIndex
from screens.widgets.keybar import KeyBar

INDEX_HIDDEN = "-index-hidden"
NARROW, TINY = 72, 50


class StatusLine(Static):
    """When the session was last saved, or why it was not; follows ``app.save_status``."""

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self.show)

    def show(self, status: str) -> None:
        if status != self.content:
            self.update(status, layout=False)  # one line, whatever it says: no layout of the screen


class WizardScreen(Screen):
    """Holds one view per visited step; moving between steps switches views, built once."""

    # Every action has a Ctrl key besides its F-key (a laptop, a phone over SSH, a terminal
    # that takes the F-keys for itself); the key bar shows the Ctrl one, F1 help and the
    # palette (Ctrl+P) both. Chosen among the Ctrl letters Textual's Input and TextArea leave
    # free (a/e/d/k/u/w/x/c/v/y/z edit text there) and that terminals deliver as they are:
    # Ctrl+H/I/J/M arrive as Backspace/Tab/Enter, Ctrl+B is tmux's prefix, Ctrl+S/Q/P are the
    # app's (save, quit, palette). What is left: F G L N O R T, one each. Priority: they must
    # work from inside a text field too, which would otherwise see the key first.
    # The contextual ones first: the key bar shows what fits, in this order.
    BINDINGS = [
        # R: «rivisto». Only on a step still to review (OivApp.check_action).
        Binding("ctrl+r,f9", "app.confirm_review", "Rivisto", id="step.confirm", priority=True),
        # F: the last free letter (C copies, D deletes in a text field). Only on a carried-over field.
        Binding("ctrl+f,f3", "app.compare", "Confronta", id="field.compare", priority=True),
        # N: «next».
        Binding("ctrl+n,f6", "app.next_step", "Avanti", id="step.next", priority=True),
        # T: «torna indietro» (Ctrl+B, «back», is tmux's prefix key and never reaches the app there).
        Binding("ctrl+t,f5", "app.previous_step", "Indietro", id="step.previous", priority=True),
        # G: «guida» (Ctrl+H is Backspace in a terminal).
        Binding("ctrl+g,f1", "app.help", "Aiuto", id="help", priority=True),
        # L: «lista dei passi».
        Binding("ctrl+l,f2", "toggle_index", "Indice", id="step.index", priority=True),
        # O: «open» the answer in $EDITOR (Ctrl+E moves to the end of the line in a text field).
        Binding("ctrl+o,f4", "app.edit_external", "Editor", id="field.editor", priority=True),
        # The review's Alt keys work on every step (the key gate keeps an Alt+letter from typing
        # its letter into a field). Not priority: on the review, its own bindings (shown) come first.
        Binding("alt+a", "app.preview", "Anteprima", id="wizard.preview", show=False),
        Binding("alt+e", "app.export('md')", "Esporta", id="wizard.export", show=False),
        Binding("alt+h", "app.export('html')", "HTML", id="wizard.export_html", show=False),
        Binding("alt+p", "app.export('pdf')", "PDF", id="wizard.export_pdf", show=False),
        Binding("alt+c", "app.copy_report", "Copia", id="wizard.copy", show=False),
    ]

    #: The app focuses the step's field itself, in ``started``: nothing is focused on the way there.
    AUTO_FOCUS = ""

    #: Textual's own, without its repaint of the whole screen on every focus change (each Tab, each
    #: step change): the widget losing the focus and the one gaining it restyle and redraw themselves.
    focused: Reactive[Widget | None] = focused_without_repaint()

    def __init__(
        self,
        form: Form,
        title: str,
        start: str,
        states: dict[str, str],
        pending: list[str],
        make_view: Callable[[str], StepView],
        started: Callable[[StepView], None],
    ) -> None:
        super().__init__(id="wizard")
        self.form = form
        self.title_text = title
        self.start = start
        self.states = states
        self.pending = pending
        self.make_view = make_view
        self.started = started
        self.views: dict[str, StepView] = {}
        #: The step whose view is shown; the other views built so far are mounted too, hidden.
        self.shown_step = start

    def compose(self) -> ComposeResult:
        # Docked (the title at the top, the status line and the keys at the bottom), then the index
        # and the step views side by side, straight on the screen (see WizardScreen in oivtui.tcss).
        yield Static(self.title_text, id="topbar", markup=False)
        yield StatusLine(id="status", markup=False)
        stray = Static(id="stray", markup=False)
        stray.display = False
        yield stray
        yield KeyBar()
        yield StepIndex(self.form, self.start, self.states, self.pending)
        first = self.views[self.start] = self.make_view(self.start)
        yield first

    @property
    def focus_chain(self) -> list[Widget]:
        """Textual's focus chain, in the order of the widgets on the page rather than of their places.

        Textual sorts the focusable widgets by where they were last laid out, and a widget just
        mounted (the own-wording line under a list) has no place until the next layout: it came
        first, and a Tab typed right after it (keys arriving together) went back to the list. The
        wizard's widgets are composed in reading order, so that order needs no layout.
        """
        order = {widget: n for n, widget in enumerate(self.walk_children(with_self=False))}
        return sorted(super().focus_chain, key=lambda widget: order.get(widget, -1))

    def post_message(self, message: Message) -> bool:
        """A screen not mounted yet needs no restyle when it is first shown: its widgets are styled as they mount.

        Textual sends a new screen ``ScreenResume`` before composing it, asking for a restyle of the
        whole screen once it is up; with a step's fields that second pass over every widget was a
        large share of the start, for styles that came out the same.
        """
        if isinstance(message, events.ScreenResume) and not self.is_mounted:
            message.refresh_styles = False
        return super().post_message(message)

    def on_mount(self) -> None:
        """The first view is mounted: the app fills and focuses it now, so the first paint shows it ready."""
        self.started(self.views[self.start])

    class Resized(Message):
        """The screen has a new width: the app fits the top bar's title to it (``set_title``)."""

    def on_resize(self, event: events.Resize) -> None:
        """A narrower terminal gets a narrower index; a very narrow one none (F2 brings it back)."""
        self.post_message(self.Resized())
        self.set_class(event.size.width < NARROW, "-narrow")
        if event.size.width < TINY and not self.query_one(StepIndex).has_focus:
            self.add_class(INDEX_HIDDEN)

    @property
    def current(self) -> StepView | None:
        return self.views.get(self.shown_step)

    async def view(self, step_id: str) -> StepView:
        """The step's view, built on first use, or waited for while it is being built."""
        if step_id not in self.views:
            self._build(step_id)
        view = self.views[step_id]
        await view.filled.wait()
        return view

    def _build(self, step_id: str) -> None:
        """Mount the step's view empty and hidden, and let it compose its questions in its own queue.

        Nothing here waits: a handler that waited for the mount would block this screen's queue,
        and so would Textual's own wait in the switcher's queue if the view were mounted full.
        """
        view = self.views[step_id] = self.make_view(step_id)
        view.defer()
        view.display = False
        self.mount(view)
        view.call_later(view.fill)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """A view mounted hidden (built ahead) asks for no repaint of the screen.

        Once a mount is done, Textual asks the parent for a layout and a repaint of all of it
        (``refresh(layout=True)``); the parent of the views is this screen, so each view built
        ahead sent the whole screen again (9 kB at 80×24 in 24-bit colour), for nothing new on
        it. The layout alone still paints whatever moved. Only that call is spared: the one made
        by Textual's wait for the mount of views all still hidden (``compat.widgets_of_mount_wait``);
        any other layout asked meanwhile (a text area grown by a line) repaints as it asks.
        """
        if layout and repaint and not regions and not recompose:
            mounted = widgets_of_mount_wait()
            if mounted and all(isinstance(w, StepView) and not w.display for w in mounted):
                repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    async def show_step(self, step_id: str) -> StepView:
        view = await self.view(step_id)
        view.refresh_relevance()  # an answer given on another step may have changed what applies here
        shown = self.current
        if shown is not view:
            if shown is not None:
                shown.display = False
            view.display = True
            self.shown_step = step_id
        self.query_one(StepIndex).set_current(step_id)
        return view

    def prebuild(self, step_ids: list[str]) -> None:
        """Build views ahead, one after the other, so that moving to them only switches views."""
        todo = [s for s in step_ids if s not in self.views]
        if not todo:
            # The views live as long as the app: keep them out of the garbage collector's full
            # passes, which were slow over this tree and landed on one step change in six.
            gc.freeze()
        elif self.is_attached and not getattr(self.app, "_shutting_down", False):
            self._build(todo[0])
            self.run_worker(self._built(todo[0], todo[1:]), group="prebuild", exit_on_error=False)

    async def _built(self, step_id: str, rest: list[str]) -> None:
        await self.views[step_id].filled.wait()
        self.call_after_refresh(self.prebuild, rest)

    def refresh_index(self, states: dict[str, str], pending: list[str]) -> None:
        self.query_one(StepIndex).refresh_states(states, pending)

    def show_stray(self, line: str) -> None:
        """The line that quotes what was typed where no field takes it (empty: hidden)."""
        stray = self.query_one("#stray", Static)
        stray.update(line)
        stray.display = bool(line)

    def set_title(self, title: str) -> None:
        """The top bar's text; the same text again is not painted again (bytes on a slow link)."""
        if title != self.title_text:
            self.title_text = title
            self.query_one("#topbar", Static).update(title, layout=False)  # one line, always

    def action_toggle_index(self) -> None:
        index = self.query_one(StepIndex)
        view = self.current
        if index.has_focus:
            self.toggle_class(INDEX_HIDDEN)
            if view is not None:
                view.focus_first()
        elif self.has_class(INDEX_HIDDEN):
            self.remove_class(INDEX_HIDDEN)
            index.focus()
        else:
            index.focus()
