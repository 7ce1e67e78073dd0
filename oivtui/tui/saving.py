"""The app's saving: the autosave timer, Ctrl+S, the reactions when the file changed on disk, and
leaving (Ctrl+Q, a closed terminal, SIGHUP/SIGTERM) with everything typed saved.

Mixed into ``OivApp`` (oivtui/tui/app.py), which owns ``session``, ``saver`` and the wizard. The
files' side of a change on disk (reading it, the differences, the copies beside) is
oivtui/files/diskchange.py.
"""

from __future__ import annotations

import asyncio
import signal
import time
from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from oivtui.files import storage
from oivtui.files.autosave import SAVE_DELAY, SAVE_LATE
from oivtui.files.session import Position, Session
from oivtui.tui.terminal import TerminalLost, input_pending

if TYPE_CHECKING:
    from textual.timer import Timer

    from oivtui.files.diskchange import DiskVersion

#: What read-only mode means, said wherever a user might expect a save.
READ_ONLY_SAID = "La sessione è aperta in sola lettura: niente viene salvato."
#: Keys typed just before a hang-up are already queued: handle them, then save again and exit.
SHUTDOWN_GRACE = 0.3
SHUTDOWN_MAX_WAIT = 1.0
#: ... and at most this long for text typed ahead, put back into its field, to reach the session.
SHUTDOWN_SETTLE = 0.5
#: The dialog about a file changed on disk, met by an autosave, waits for this long a pause in the
#: typing: opened between two keys, it took the keys after it (a 0.4 s pause was enough).
DISK_DIALOG_IDLE = 1.5


if TYPE_CHECKING:
    from oivtui.tui.host import AppHost as _Host  # the App this is mixed into, as mypy sees it
else:
    _Host = object


#: Ctrl+S where no session is open (the start screen).
NOTHING_TO_SAVE = (
    "Nessuna sessione aperta: qui non c'è nulla da salvare. Riprendi una sessione (Invio) o creane "
    "una nuova (n); da lì ogni risposta si salva da sola mentre scrivi."
)


class SavingMixin(_Host):
    """Saving for ``OivApp``: a save shortly after a change, at once on Ctrl+S, and what follows a
    save that found the file changed by another program."""

    # ---------------------------------------------------------------- saving

    def mark_changed(self) -> None:
        """The session changed in memory: the saver writes it at the next save."""
        if self.saver is not None:
            self.saver.changed()

    def schedule_save(self) -> None:
        """Save shortly. The status line keeps its words meanwhile (nothing sent per key on a slow
        link); if the change is still unsaved after ``SAVE_LATE``, it says so."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self.flush)
            self.set_timer(SAVE_LATE, partial(self._check_late, self._save_timer))
        self.update_status()

    def _check_late(self, timer: Timer) -> None:
        """The save planned with ``timer`` has not run yet (its change is unsaved): say so."""
        if self._save_timer is timer and self.saver is not None and self.saver.dirty:
            self.saver.late = True
            self.update_status()

    def flush(self, asked: bool = False) -> None:
        """Save now if anything changed since the last save (``asked``: the user asked, Ctrl+S)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.saver is None:
            return
        ok = self.saver.save()
        if not ok and self.saver.changed_on_disk and not self._shutting_down:
            # Edited by hand meanwhile: which version to keep is the user's call, asked at once on
            # Ctrl+S; an autosave waits for a pause in the typing, not to come up between two keys.
            if asked:
                self.ask_disk_change()
            else:
                self.ask_disk_change_when_idle()
        elif not ok:
            self.notify(
                self.saver.last_error, title="Salvataggio non riuscito", severity="error", timeout=15, markup=False
            )
        self.update_status()

    def update_status(self) -> None:
        self.save_status = self.saver.status if self.saver else ""

    def action_save(self) -> None:
        if self.read_only:
            self.notify(READ_ONLY_SAID, title="Sola lettura", severity="warning", markup=False)
            return
        if self.saver is not None:
            self.saver.changed()
            self.flush(asked=True)
            if not self.saver.last_error:
                self.notify(self.saver.status, title="Salvato", markup=False)
        else:  # the start screen: the key is on the bar, so it says why nothing happens
            self.notify(NOTHING_TO_SAVE, severity="warning")

    def action_confirm_review(self) -> None:
        """«Rivisto» (an imported or carried-over step checked by the user): saved at once."""
        session = self.session
        if session is None or session.position.step not in session.to_review:
            self.notify(
                f"{self.step_named}: il passo non è da rivedere, non c'è nulla da confermare.", severity="warning"
            )
            return
        if self.read_only:
            said = f"{self.step_named}: il passo resta da rivedere. {READ_ONLY_SAID}"
            self.notify(said, title="Sola lettura", severity="warning")
            return
        session.to_review.remove(session.position.step)
        self.mark_changed()
        self.flush()
        self.notify(f"{self.step_named}: passo confermato, non è più da rivedere.")
        wizard = self.wizard
        if wizard is not None and wizard.current is not None:
            wizard.current.set_pending(False)
            wizard.refresh_index(self.step_states(), session.to_review)
        self.refresh_bindings()

    # ---------------------------------------------------------------- the file changed on disk

    _disk_ask_timer: Timer | None = None

    def ask_disk_change_when_idle(self) -> None:
        """Ask which version to keep once the user has not typed for ``DISK_DIALOG_IDLE`` seconds."""
        quiet = time.monotonic() - self.input_last_at
        if quiet >= DISK_DIALOG_IDLE and not self.input_in_flight:
            self.ask_disk_change()
        elif self._disk_ask_timer is None:
            self._disk_ask_timer = self.set_timer(max(0.05, DISK_DIALOG_IDLE - quiet), self._disk_ask_due)

    def _disk_ask_due(self) -> None:
        self._disk_ask_timer = None
        if self.saver is not None and self.saver.changed_on_disk and not self._shutting_down:
            self.ask_disk_change_when_idle()  # typed again meanwhile: waits for the next pause

    def ask_disk_change(self) -> None:
        """A save found the file changed: show what differs and let the user choose (once at a time)."""
        from oivtui.files.diskchange import (  # deferred, as before the split: only a save that meets a change needs it
            differences,
            read_disk,
        )
        from screens.dialogs.disk_changed import DiskChanged

        session = self.session
        if session is None or session.path is None or isinstance(self.screen, DiskChanged):
            return
        disk = read_disk(session.path)
        if disk.session is None:
            self.ask_unreadable(session, disk)
            return
        items = differences(session.form, disk.session.answers, session.answers)
        self.push_screen(DiskChanged(session.path.name, items), lambda choice: self.disk_choice(choice, disk))

    def ask_unreadable(self, session: Session, disk: DiskVersion) -> None:
        """The file on disk no longer loads (or is gone): nothing to reload, the user's answers kept beside."""
        from oivtui.files.diskchange import save_mine_beside
        from screens.dialogs.disk_changed import DiskChanged

        try:
            kept = f"Le tue risposte sono salvate accanto, in {save_mine_beside(session).name}."
        except storage.SaveError as exc:
            kept = f"Non è stato possibile salvare le tue risposte accanto al file: {exc}"
        name = session.path.name if session.path is not None else ""
        self.push_screen(
            DiskChanged(name, [], problem=f"{disk.error}\n\n{kept}", can_keep=True),
            lambda choice: self.disk_choice(choice, disk),
        )

    def disk_choice(self, choice: str | None, disk: DiskVersion) -> None:
        if choice == "reload" and disk.session is not None:
            self.reload(disk.session)
        elif choice == "keep":
            self.keep_mine(disk)
        elif choice == "retry":
            self.ask_disk_change()
        else:
            self.notify(
                "Nessuna scelta: il file resta com'è e le tue risposte non sono salvate lì; oivtui lo chiede "
                "di nuovo al prossimo salvataggio (Ctrl+S).",
                title="File cambiato su disco",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def reload(self, fresh: Session) -> None:
        """Take the file's version: the user's answers go beside it first, then the wizard shows the file's."""
        from oivtui.files.diskchange import save_mine_beside

        mine = self.opened
        try:
            kept = save_mine_beside(mine)
        except storage.SaveError as exc:
            self.disk_change_failed(f"Non ricaricato: le tue risposte non si possono salvare accanto al file. {exc}")
            return
        fresh.position = mine.position  # stay where the user was
        self.take(fresh)
        self.call_later(self.show_again)  # on the app's own queue: the old wizard's handlers end first
        self.notify(
            f"Ricaricata la versione su disco. Le tue risposte di prima sono in {kept.name}.",
            title="File ricaricato",
            timeout=12,
            markup=False,
        )

    async def show_again(self) -> None:
        """The wizard rebuilt over the reloaded session, as at the start, on the step the user was on.

        The same screen, composed again: its views hold the answers that were just replaced, and a
        second wizard cannot be mounted beside it (one id), nor can it replace the app's first screen.
        """
        wizard, session = self.wizard, self.session
        if wizard is None or session is None:
            return
        self.workers.cancel_group(wizard, "prebuild")
        if session.position.step not in self.step_ids:
            session.position = Position(self.step_ids[0], "")
        wizard.views = {}
        wizard.start = wizard.shown_step = session.position.step
        wizard.states, wizard.pending = self.step_states(), session.to_review
        wizard.title_text = self.title_text()
        await wizard.recompose()
        view = wizard.current
        if view is not None:
            self.first_step(view)

    def disk_change_failed(self, message: str) -> None:
        """The user's choice about a file changed on disk could not be carried out: say why."""
        self.notify(message, title="File cambiato su disco", severity="error", timeout=15, markup=False)

    def keep_mine(self, disk: DiskVersion) -> None:
        """Write the user's answers over the file; the file's version (if any) is kept beside it first."""
        from oivtui.files.diskchange import DISK_TAG, keep_beside

        session, saver = self.opened, self.saver
        assert saver is not None and session.path is not None  # a session on screen has its file and saver
        said = ""
        if disk.data is not None:
            try:
                said = f" La versione su disco è in {keep_beside(session.path, DISK_TAG, disk.data).name}."
            except storage.SaveError as exc:
                self.disk_change_failed(f"Non salvato: la versione su disco non si può copiare accanto al file. {exc}")
                return
        session.stamp = disk.stamp  # the version just kept aside is the one to write over; any newer one is not
        saver.changed()
        if saver.save(force=True):
            self.notify(
                f"Salvate le tue risposte in {session.path.name}.{said}", title="Salvato", timeout=12, markup=False
            )
        self.update_status()
        if saver.changed_on_disk:
            self.ask_disk_change()  # changed once more meanwhile: choose again

    # ---------------------------------------------------------------- leaving: nothing typed is lost

    def install_signal_handlers(self) -> None:
        """SIGHUP (closed terminal, dropped SSH) and SIGTERM save and exit: Textual handles neither."""
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()

        def lost(why: str) -> None:
            self.post_message(TerminalLost(why))

        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, lost, f"segnale {signal.Signals(sig).name}")

    def shutdown(self, why: str) -> None:
        """Save at once, then again once the keys already read are handled, release, leave."""
        if self._shutting_down:
            return
        self._shutting_down = True
        self.put_typed_ahead_back(closing=True)  # keys typed as a dialog opened: saved with the rest
        self.flush()  # what is in memory is on disk now, whatever happens next
        self._deadline = time.monotonic() + SHUTDOWN_GRACE + SHUTDOWN_MAX_WAIT
        self.set_timer(SHUTDOWN_GRACE, self._finish_when_quiet)

    def _finish_when_quiet(self) -> None:
        """Let the keys typed before the hang-up reach their fields (bounded: exit within 2 s).

        A timer, not an awaiting handler: the app must keep handling its queue meanwhile. Keys
        that came in the grace while a dialog is open are held again (``typed_ahead``): they go
        into the field too, and the last save waits until the field has handed its change on.
        """
        now = time.monotonic()
        if (input_pending() or self.input_in_flight) and now < self._deadline:
            self.set_timer(0.05, self._finish_when_quiet)
            return
        if self.typed_ahead:
            self.put_typed_ahead_back(closing=True)
        if self.typed_ahead_settling() and now < self._deadline + SHUTDOWN_SETTLE:
            self.set_timer(0.02, self._finish_when_quiet)
            return
        self._finish_shutdown()

    def _finish_shutdown(self) -> None:
        self.flush()
        self.release()
        self.exit(self.exit_code)

    async def action_quit(self) -> None:
        self.shutdown("uscita")

    def on_unmount(self) -> None:
        """However the app ends (also before a shutdown timer fires): save, then free the file."""
        self._shutting_down = True  # too late for dialogs: a failed save goes to the emergency copy
        self.flush()
        self.release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
