"""The session's file changed on disk while it was open: what differs, and the two ways out.

«Ricarica» takes the file's version (the user's answers are kept beside it first); «Tieni le mie»
writes the user's answers (the file's version is kept beside it first). Neither loses a version.
A file that no longer loads is never written over without the user's word: the user's answers are
kept beside it at once, and the dialog says why it cannot be reloaded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from oivtui import storage
from oivtui.session import Position, Session
from questionnaire.wordiff import Op, value_text, word_diff
from questionnaire.answers import Answers
from questionnaire.model import Form, split_address

if TYPE_CHECKING:
    from oivtui.app import OivApp

#: Tags of the copies written beside the session: «NOME.su-disco-AAAAMMGG-HHMMSS.toml».
DISK_TAG = "su-disco"
MINE_TAG = "mie"


class DiskVersion(NamedTuple):
    """The file as it is on disk now: its session when it loads, else the Italian reason."""

    stamp: tuple[int, ...] | None
    data: bytes | None
    session: Session | None
    error: str


class Difference(NamedTuple):
    """One answer that differs: where (question and field, for the user) and the word diff."""

    label: str
    chunks: list[tuple[Op, str]]


def read_disk(path: Path) -> DiskVersion:
    """The file's stamp first, then its bytes: a change after this shows up at the next save."""
    stamp = storage.stamp_of(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return DiskVersion(None, None, None, f"{path} non c'è più: è stato cancellato o spostato.")
    except OSError as exc:
        return DiskVersion(stamp, None, None, f"{path}: impossibile leggere il file ({storage.errno_hint(exc)}).")
    try:
        session = storage.load(path)
    except storage.SessionError as exc:
        return DiskVersion(stamp, data, None, str(exc))
    return DiskVersion(stamp, data, session, "")


def answer_label(form: Form, address: str) -> str:
    """«Domanda 1.3 · Risposta», «Domanda 1 · Non dirigenti · In servizio», «Dati generali · Luogo…»."""
    qid, row, key = split_address(address)
    question = form.question(qid)
    field = question.field(key)
    parts = [f"Domanda {question.number}" if question.number else question.text]
    parts += [r.label for r in question.rows if r.key == row]
    parts.append(field.short or field.label)
    return " · ".join(parts)


def differences(form: Form, disk: Answers, mine: Answers) -> list[Difference]:
    """Every answer that differs, in form order, as a word diff from the disk's to the user's."""
    out = []
    for question in form.questions:
        for address in question.addresses():
            old, new = value_text(disk.get(address)), value_text(mine.get(address))
            if old != new:
                out.append(Difference(answer_label(form, address), word_diff(old, new)))
    return out


def beside_path(path: Path, tag: str, now: dt.datetime | None = None) -> Path:
    """«NOME.TAG-AAAAMMGG-HHMMSS.toml» next to ``path``; never an existing file."""
    stamp = f"{now or dt.datetime.now():%Y%m%d-%H%M%S}"
    candidate = path.with_name(f"{path.stem}.{tag}-{stamp}{path.suffix}")
    counter = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem}.{tag}-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate


def keep_beside(path: Path, tag: str, data: bytes) -> Path:
    """Write ``data`` next to ``path`` (mode 0600); ``SaveError`` when it cannot be written."""
    target = beside_path(path, tag)
    storage.write_atomic(target, data)
    return target


#: The user's answers last kept beside each session (text, file): «Riprova» on a file still broken
#: does not leave one more copy of the same answers.
_KEPT: dict[Path, tuple[str, Path]] = {}


def save_mine_beside(session: Session) -> Path:
    assert session.path is not None
    text = storage.dumps(session)
    last = _KEPT.get(session.path)
    if last is not None and last[0] == text and last[1].exists():
        return last[1]
    target = keep_beside(session.path, MINE_TAG, text.encode("utf-8"))
    _KEPT[session.path] = (text, target)
    return target


# ---------------------------------------------------------------- the app's side


def ask(app: OivApp) -> None:
    """A save found the file changed: show what differs and let the user choose (once at a time)."""
    from screens.disk_changed import DiskChanged

    session = app.session
    if session is None or session.path is None or isinstance(app.screen, DiskChanged):
        return
    disk = read_disk(session.path)
    if disk.session is None:
        ask_unreadable(app, session, disk)
        return
    items = differences(session.form, disk.session.answers, session.answers)
    app.push_screen(DiskChanged(session.path.name, items), lambda choice: chosen(app, choice, disk))


def ask_unreadable(app: OivApp, session: Session, disk: DiskVersion) -> None:
    """The file on disk no longer loads (or is gone): nothing to reload, the user's answers kept beside."""
    from screens.disk_changed import DiskChanged

    try:
        kept = f"Le tue risposte sono salvate accanto, in {save_mine_beside(session).name}."
    except storage.SaveError as exc:
        kept = f"Non è stato possibile salvare le tue risposte accanto al file: {exc}"
    app.push_screen(
        DiskChanged(session.path.name, [], problem=f"{disk.error}\n\n{kept}", can_keep=True),
        lambda choice: chosen(app, choice, disk),
    )


def chosen(app: OivApp, choice: str | None, disk: DiskVersion) -> None:
    if choice == "reload" and disk.session is not None:
        reload(app, disk.session)
    elif choice == "keep":
        keep_mine(app, disk)
    elif choice == "retry":
        ask(app)
    else:
        app.notify(
            "Nessuna scelta: il file resta com'è e le tue risposte non sono salvate lì; oivtui lo chiede "
            "di nuovo al prossimo salvataggio (Ctrl+S).",
            title="File cambiato su disco", severity="warning", timeout=10, markup=False,
        )


def reload(app: OivApp, fresh: Session) -> None:
    """Take the file's version: the user's answers go beside it first, then the wizard shows the file's."""
    mine = app.session
    try:
        kept = save_mine_beside(mine)
    except storage.SaveError as exc:
        app.notify(f"Non ricaricato: le tue risposte non si possono salvare accanto al file. {exc}",
                   title="File cambiato su disco", severity="error", timeout=15, markup=False)
        return
    fresh.position = mine.position  # stay where the user was
    app.take(fresh)
    app.call_later(show_again, app)  # on the app's own queue: the old wizard's handlers end first
    app.notify(f"Ricaricata la versione su disco. Le tue risposte di prima sono in {kept.name}.",
               title="File ricaricato", timeout=12, markup=False)


async def show_again(app: OivApp) -> None:
    """The wizard rebuilt over the reloaded session, as at the start, on the step the user was on.

    The same screen, composed again: its views hold the answers that were just replaced, and a
    second wizard cannot be mounted beside it (one id), nor can it replace the app's first screen.
    """
    wizard, session = app.wizard, app.session
    if wizard is None or session is None:
        return
    app.workers.cancel_group(wizard, "prebuild")
    if session.position.step not in app.step_ids:
        session.position = Position(app.step_ids[0], "")
    wizard.views = {}
    wizard.start = wizard.shown_step = session.position.step
    wizard.states, wizard.pending = app.step_states(), session.to_review
    wizard.title_text = app.title_text()
    await wizard.recompose()
    view = wizard.current
    if view is not None:
        app.first_step(view)


def keep_mine(app: OivApp, disk: DiskVersion) -> None:
    """Write the user's answers over the file; the file's version (if any) is kept beside it first."""
    session, saver = app.session, app.saver
    said = ""
    if disk.data is not None:
        try:
            said = f" La versione su disco è in {keep_beside(session.path, DISK_TAG, disk.data).name}."
        except storage.SaveError as exc:
            app.notify(f"Non salvato: la versione su disco non si può copiare accanto al file. {exc}",
                       title="File cambiato su disco", severity="error", timeout=15, markup=False)
            return
    session.stamp = disk.stamp  # the version just kept aside is the one to write over; any newer one is not
    saver.changed()
    if saver.save(force=True):
        app.notify(f"Salvate le tue risposte in {session.path.name}.{said}", title="Salvato", timeout=12,
                   markup=False)
    app.update_status()
    if saver.changed_on_disk:
        ask(app)  # changed once more meanwhile: choose again
