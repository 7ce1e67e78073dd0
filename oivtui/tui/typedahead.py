"""Keys typed for a field while a dialog opens: held, and put back into that field when it closes.

A dialog can come up while the user types (a file changed on disk, a key of the same burst that
opens one): the keys that follow were typed for the field, not for the dialog. Those that arrive
within ``DIALOG_GRACE`` of its opening (of its first frame, which a loaded machine draws late),
and each within ``TYPING_GAP`` of the one before, are *typed ahead*: a printable key (Space
included, which would press the focused button) is held, Backspace takes the last one off, an
Invio right after them presses nothing. The first other key
(Tab, an arrow, Esc), or a pause, ends the run: from then on the keys are the dialog's.

While it is open, the dialog says what it holds and where it will go (above its buttons). When it
closes, the text goes into the field the user came from, at its cursor, said in a notice that
names the field; when the dialog's choice made that impossible (the file reloaded,
the field gone), the notice quotes it in full. A dialog with a text field of its own (a path, the
palette) takes what is typed: nothing is held there.
"""

from __future__ import annotations

import inspect
import time
from typing import TYPE_CHECKING

from textual import events
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, TextArea

from oivtui.files.session import Session
from oivtui.tui.stray import box_of, put_into, quoted, takes_text_back
from questionnaire.form.kinds import clean
from screens.compat import has_pending_messages
from screens.dialogs.base import Dialog
from screens.ordered_input import InputEvent
from screens.widgets.fields import NOTICE_SECONDS, FieldBox
from screens.wizard import WizardScreen

if TYPE_CHECKING:
    from oivtui.tui.host import AppHost as _Host  # the App this is mixed into, as mypy sees it
else:
    _Host = object

#: Keys arriving this soon after a dialog opened were typed before the user could see it: a
#: person needs a quarter of a second to react to what appears, more to stop typing.
DIALOG_GRACE = 0.5
#: ... and so were the keys that follow them, each this soon after the one before (a typist's pace).
TYPING_GAP = 0.35


class TypedAhead(_Host):
    """``OivApp``'s keys typed for a field while a dialog opened over the wizard."""

    #: The text held for the field while the dialog is open.
    typed_ahead = ""
    #: The dialog over the wizard (None: none open), when it opened, and the last key of the run.
    _ahead_dialog: Screen | None = None
    _ahead_opened = 0.0
    _ahead_last = 0.0
    _ahead_open_run = False
    #: The field's widget focused on the wizard when the dialog opened, and the session it showed.
    _ahead_home: Widget | None = None
    _ahead_session: Session | None = None
    _ahead_said = ""

    def watch_dialogs(self) -> None:
        """Follow the screens: a dialog opening over the wizard, closing back onto it."""
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _screen_changed(self, screen: Screen) -> None:
        stack = self.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if self._ahead_dialog is None and isinstance(screen, ModalScreen) and isinstance(below, WizardScreen):
            self._ahead_dialog = screen
            self._ahead_opened = self._ahead_last = time.monotonic()
            self._ahead_open_run = True
            if not self.typed_ahead:  # else still held from the dialog before (Riprova): same field
                self._ahead_home, self._ahead_session = below.focused, self.session
            self.call_after_refresh(self._dialog_shown, screen)
        elif self._ahead_dialog is not None and isinstance(screen, WizardScreen):
            self._ahead_dialog = None  # the text goes back after the dialog's own callback (push_screen)

    def _dialog_shown(self, screen: Screen) -> None:
        """The dialog's first frame is out: the grace counts from when the user could see it. On a
        loaded machine the frame comes well after the push, and keys typed before it were the field's."""
        if self._ahead_dialog is screen:
            self._ahead_opened = max(self._ahead_opened, time.monotonic())

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, *, mode=None):  # type: ignore[no-untyped-def,override]
        """Textual's, with every dialog's callback followed by ``put_typed_ahead_back``: the choice
        is carried out first (a reload replaces the session), then the text goes where it can."""
        if isinstance(screen, ModalScreen):
            chosen = callback

            async def callback(result: object) -> None:
                # Textual awaits a callback that is a coroutine: so must this one, or it never runs.
                if chosen is not None and inspect.isawaitable(done := chosen(result)):
                    await done
                self.put_typed_ahead_back()

        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def typed_for_field(self, event: events.Key) -> bool:
        """True for a key typed ahead: it arrived in the run that began before the dialog showed."""
        dialog = self._ahead_dialog
        if dialog is None or self.screen is not dialog or not self._ahead_open_run:
            return False
        if dialog.query("Input, TextArea"):
            return False  # a dialog that takes text: what is typed is its own
        in_time = event.time <= self._ahead_opened + DIALOG_GRACE or event.time - self._ahead_last <= TYPING_GAP
        self._ahead_open_run = in_time
        if in_time:
            self._ahead_last = event.time
        return in_time

    def input_taken(self, event: InputEvent) -> bool:
        if isinstance(event, events.Paste) and self.pasted_on_dialog(event):
            return True
        if not isinstance(event, events.Key) or not self.typed_for_field(event):
            return super().input_taken(event)
        if event.is_printable and event.character:
            self.typed_ahead += event.character
        elif event.key == "backspace" and self.typed_ahead:
            self.typed_ahead = self.typed_ahead[:-1]
        elif event.key != "enter" or not self.typed_ahead:
            self._ahead_open_run = False  # a key for the dialog: the run is over
            return super().input_taken(event)
        self.say_typed_ahead_soon()
        return True  # held for the field; an Invio behind the text presses no button

    def pasted_on_dialog(self, event: events.Paste) -> bool:
        """A paste reaching a dialog that takes no text, however late: it was meant for the field
        (no button takes a paste, and Textual drops it without a word). Held as typed ahead when
        that field takes text; else quoted in full at once: onto a choice list its characters
        would be keys, and a digit in it would choose an option."""
        dialog = self._ahead_dialog
        if dialog is None or self.screen is not dialog or dialog.query("Input, TextArea") or not event.text:
            return False
        if not isinstance(self._ahead_home, Input | TextArea):
            self.quote_paste(event.text)
            return True
        self.typed_ahead += event.text
        self.say_typed_ahead_soon()
        return True

    def quote_paste(self, text: str) -> None:
        """A paste that no field will take: quoted in full, naming the field the user came from."""
        box = self.ahead_box()
        said = quoted(clean(text, multiline=True))
        self.notify(
            f"{box.named}: non prende testo incollato. Incollato mentre era aperta la finestra e non messo in "
            f"nessun campo: {said}. Se ti serve, incollalo in un campo di testo."
            if box is not None
            else f"Incollato mentre era aperta la finestra e non messo in nessun campo: {said}. Se ti serve, "
            "incollalo in un campo di testo.",
            severity="warning",
            timeout=NOTICE_SECONDS * 3,
            markup=False,
        )

    def typed_ahead_settled(self) -> None:
        if self.typed_ahead and self._ahead_dialog is not None:
            self.say_typed_ahead_soon()

    _ahead_timer: Timer | None = None

    def say_typed_ahead_soon(self) -> None:
        """Said once the run of keys has ended: one notice for « DOPO», not one for « » first."""
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        self._ahead_timer = self.set_timer(TYPING_GAP, self.say_typed_ahead)

    def say_typed_ahead(self) -> None:
        """On the dialog: what is held and where it will go (when it changed since last said)."""
        self._ahead_timer = None
        text = self.typed_ahead
        if self._ahead_dialog is None:
            return  # closed meanwhile: put back, said there
        if not text or text == self._ahead_said:
            return
        self._ahead_said = text
        where = self.ahead_box()
        into = f"in «{where.named}»" if where is not None else "nel campo dove eri"
        said = (
            f"Scritto mentre si apriva la finestra: {quoted(text)}. Non è andato alla finestra: lo rimetto "
            f"{into} quando la chiudi."
        )
        dialog = self.screen
        shown = isinstance(dialog, Dialog) and dialog.show_note(f"⚠ {said}")  # a toast would cover its buttons
        if not shown:
            self.notify(said, timeout=NOTICE_SECONDS * 2, markup=False)

    def ahead_box(self) -> FieldBox | None:
        return box_of(self._ahead_home)

    def put_typed_ahead_back(self, closing: bool = False) -> None:
        """The dialog closed: the text typed ahead into its field, or quoted whole if it cannot go.
        ``closing``: the app is closing with the dialog open (Ctrl+Q, a hang-up): into the field, to
        be saved; called again before the last save, for the keys that arrived in the meantime."""
        text, home = self.typed_ahead, self._ahead_home
        if not text or (self._ahead_dialog is not None and not closing):
            return  # nothing held, or another dialog came up: the text waits for it to close
        self.typed_ahead, self._ahead_said = "", ""
        if not closing:  # closing: keys read before it may still come, held for the same field
            self._ahead_home = None
        box = self.ahead_box_of(home)
        if box is None or home is None:
            why = "la sessione è stata ricaricata" if self.session is not self._ahead_session else "nessun campo"
            self.notify(
                f"Scritto mentre si apriva la finestra e non rimesso in un campo ({why}): {quoted(text)}. "
                "Se ti serve, riscrivilo.",
                severity="warning",
                timeout=NOTICE_SECONDS * 3,
                markup=False,
            )
            return
        put = put_into(home, box, text, focus=not closing)
        if put:  # else only control characters: the field's notice said they were taken out
            self.notify(
                f"Messo in «{box.named}»: {quoted(put)}, scritto mentre si apriva la finestra.",
                timeout=NOTICE_SECONDS * 2,
                markup=False,
            )

    def typed_ahead_settling(self) -> bool:
        """True while the field the text went back into has not yet handed its change on to the
        app (its messages and those of the widgets around it are still queued)."""
        home = self._ahead_home
        return home is not None and home.is_attached and any(map(has_pending_messages, home.ancestors_with_self))

    def ahead_box_of(self, home: Widget | None) -> FieldBox | None:
        """The field to put the text into: still on screen, of the same session, not read-only."""
        box = box_of(home) if self.session is self._ahead_session else None
        return box if box is not None and takes_text_back(box) else None
