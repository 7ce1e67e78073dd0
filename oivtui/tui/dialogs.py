"""The app's dialogs: help, compare, editor, preview, export, the notes of a carried-over session, a
lock that cannot be had, and the start screen's choices. Mixed into ``OivApp`` (oivtui/tui/app.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui.files import storage
from oivtui.files.lock import lock_path
from oivtui.files.session import Session
from screens.steps import is_review
from screens.widgets.fields import focused_box

#: What the palette says when nothing matches what was typed.
NO_COMMAND_FOUND = "Nessun comando corrisponde: prova con un'altra parola (Esc per chiudere)"


def notice(title: str, text: str):  # -> screens.dialogs.notice.Notice, imported on use
    from screens.dialogs.notice import Notice

    return Notice(title, text)


def new_session_forms() -> list[tuple[str, str, str]]:
    """The packaged forms a new session can follow, the default first: (id, the plan it names or
    its id, its title and version), for the start screen's «Nuova sessione»."""
    from questionnaire.form.loader import DEFAULT_FORM, available_forms, load_form

    ids = sorted(available_forms(), key=lambda form_id: (form_id != DEFAULT_FORM, form_id))
    forms = [load_form(form_id) for form_id in ids]
    return [(form.id, form.plan or form.id, f"{form.title}, versione {form.version}") for form in forms]


if TYPE_CHECKING:
    from oivtui.tui.host import AppHost as _Host  # the App this is mixed into, as mypy sees it
else:
    _Host = object


class DialogActions(_Host):
    """``OivApp``'s actions that open a dialog, an editor or a file, and the start screen's choices."""

    def action_help(self) -> None:
        from oivtui.tui.help import help_for
        from screens.dialogs.notice import help_dialog

        form = self.session.form if self.session is not None else None
        self.push_screen(help_dialog(*help_for(self.focused, form, start=self.on_start_screen)))

    def action_compare(self) -> None:
        """Ctrl+F, F3: last year's answer against this year's, word by word; for an imported
        answer, the text of the document it was read from."""
        from questionnaire.wordiff import diff_summary, value_text, word_diff
        from screens.dialogs.notice import compare_dialog

        box = focused_box(self.focused)
        if box is not None and box.source:  # an imported session: the document's text it was read from
            from screens.dialogs.notice import source_dialog

            self.push_screen(source_dialog(box.field.label, box.source))
            return
        if box is None:
            self.notify(
                "Porta il cursore su una risposta, poi premi Ctrl+F (o F3) per confrontarla con l'anno precedente.",
                severity="warning",
            )
            return
        if box.previous is None:
            self.notify(
                f"{box.named}: qui non c'è una risposta dell'anno precedente da confrontare.",
                severity="warning",
                markup=False,
            )
            return
        old, new = value_text(box.previous or None), value_text(self.opened.answers.get(box.address))
        title = f"Confronto con l'anno precedente: {box.field.label}"
        self.push_screen(compare_dialog(title, word_diff(old, new), diff_summary(old, new)))

    def action_split_names(self) -> None:
        """Palette «Dividi i nomi, uno per riga»: the list on this step (the focused one first) with
        several names on a line («Prof. Mario Rossi, Dott.ssa Anna Bianchi») gets one per line."""
        from screens.widgets.fields import TextBox

        view = self.wizard.current if self.wizard is not None else None
        boxes = [b for b in view.boxes().values() if isinstance(b, TextBox) and b.crowded] if view else []
        focused = focused_box(self.focused)
        box = focused if focused in boxes else (boxes[0] if boxes else None)
        if box is None or not isinstance(box, TextBox):
            self.notify(f"{self.step_named}: nessuna riga ha più nomi separati da virgole.", severity="warning")
            return
        count = len(box.crowded)
        box.split_crowded()
        box.focus_input()
        lines = "una riga divisa" if count == 1 else f"{count} righe divise"
        self.notify(f"{box.named}: ora un nome per riga ({lines}; Ctrl+Z per tornare indietro).")

    def action_command_palette(self) -> None:
        """Textual's palette in Italian: placeholder and «nothing found» (Textual's: «Search for
        commands…», «No matches found»)."""
        from textual.command import CommandPalette

        from screens.compat import palette_saying

        # Textual types ``is_open``'s argument App[object]; App is invariant in its return type.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = palette_saying(NO_COMMAND_FOUND, placeholder="Cerca un comando…", id="--command-palette")
            self.push_screen(palette)

    def action_edit_external(self) -> None:
        from oivtui.tui.editor import edit_in_editor

        edit_in_editor(self)

    def action_preview(self) -> None:
        from oivtui.reports.render import render_markdown
        from screens.dialogs.preview import Preview

        self.push_screen(Preview(render_markdown(self.opened)))

    def action_export(self, fmt: str = "md") -> None:
        from oivtui.reports.export import export_next_to_session

        message = export_next_to_session(self.opened, fmt)
        self.report_export(message)

    def action_copy_report(self) -> None:
        from oivtui.reports.render import render_markdown

        self.copy_to_clipboard(render_markdown(self.opened))
        self.report_export(
            "Resoconto inviato agli appunti del terminale (OSC 52). Funziona solo se il terminale lo "
            "permette (in tmux: set -g set-clipboard on): se non lo trovi, esporta su file (Alt+E o F8)."
        )

    def report_export(self, message: str) -> None:
        view = self.wizard.current if self.wizard else None
        if is_review(view):
            view.show_result(message)
        self.notify(message, timeout=8, markup=False)

    # ---------------------------------------------------------------- opening a session

    def show_carry_over_notes(self) -> None:
        """A session just made from last year's: say what was carried over and what was not."""
        # Only this process makes such notes, with carryover imported: not imported to find none.
        carryover = sys.modules.get("oivtui.files.carryover")
        notes = carryover.notes_for(self.opened.path) if carryover is not None and self.opened.path else []
        if notes:
            self.push_screen(notice("Sessione ripresa dall'anno precedente", "\n".join(f"• {n}" for n in notes)))

    def ask_read_only(self, session: Session, title: str, text: str) -> None:
        from screens.dialogs.notice import Notice

        def chosen(answer: str | None) -> None:
            if answer == "readonly":
                self.read_only = True
                self.begin(session)
            elif self.saver is None and not self.on_start_screen:  # nothing else to show: not a blank screen
                self.exit(3)

        self.push_screen(
            Notice(title, text, (("readonly", "Apri in sola lettura"), ("close", "Chiudi"))),
            chosen,
        )

    def no_lock(self, session: Session, exc: OSError) -> None:
        """No lock can be made beside the file (a read-only folder): nor can a save be written there."""
        path = session.path
        assert path is not None  # only a session with a file takes a lock
        hint = storage.errno_hint(exc, path)
        if path.exists():
            self.ask_read_only(
                session,
                "Cartella in sola lettura",
                (
                    f"Impossibile creare il blocco {lock_path(path).name} accanto a {path} ({hint}): in questa "
                    "cartella oivtui non può né bloccare né salvare la sessione. Puoi aprirla in sola lettura "
                    "(le modifiche non vengono salvate), oppure chiudere e copiarla in una cartella in cui "
                    "puoi scrivere."
                ),
            )
            return

        def closed(_answer: str | None) -> None:
            if self.saver is None and not self.on_start_screen:
                self.exit(2)

        text = f"Impossibile creare la sessione {path} ({hint}). Scegli una cartella in cui puoi scrivere."
        self.push_screen(notice("Impossibile creare la sessione", text), closed)

    # ---------------------------------------------------------------- the start screen

    def handle_start(self, how: str, path: Path | None) -> None:
        """React to a start-screen choice: open, create, or ask for a path first."""
        from oivtui.files.newsession import new_session
        from oivtui.tui.starting import example_session_file, open_session, prepare_session
        from screens.dialogs.ask_path import AskPath
        from screens.dialogs.notice import Notice

        def begin(result: tuple[Session | None, str]) -> None:
            session, message = result
            if message:
                self.push_screen(Notice("Impossibile aprire la sessione", message))
            elif session is not None:
                self.begin(session)

        if how == "path" and path is not None:
            begin(open_session(path, None))
        elif how == "new":
            forms = new_session_forms()
            if len(forms) == 1:
                begin(new_session(None, self.folder))
            else:

                def on_form(form_id: str | None) -> None:
                    if form_id:
                        begin(new_session(None, self.folder, form_id))

                text = "\n\n".join(f"{label}: {title}." for _form_id, label, title in forms)
                buttons = tuple((form_id, label) for form_id, label, _title in forms)
                intro = "Su quale modulo? Scegli quello del piano che l'amministrazione ha adottato."
                self.push_screen(Notice("Nuova sessione", text, buttons, intro=intro), on_form)
        elif how == "example":
            try:
                begin(open_session(example_session_file(self.folder), None))
            except storage.SaveError as exc:
                begin((None, str(exc)))
        elif how == "open":

            def open_typed(text: str | None) -> None:
                if text:
                    begin(open_session(Path(text).expanduser(), None))

            self.push_screen(AskPath("Apri file…", "Percorso del file di sessione (.toml):"), open_typed)
        elif how == "import":
            self.push_screen(
                AskPath("Importa documento…", IMPORT_PROMPT, completion=True),
                lambda text: self.import_document(Path(text).expanduser()) if text else None,
            )
        elif how == "previous" and path is not None:  # the session highlighted in the list
            begin(prepare_session(None, True, path, self.folder))
        elif how == "previous":

            def start_from_typed(text: str | None) -> None:
                if text:
                    begin(prepare_session(None, True, Path(text).expanduser(), self.folder))

            self.push_screen(
                AskPath("Nuova da sessione precedente", "File della sessione dell'anno scorso (.toml):"),
                start_from_typed,
            )

    # ---------------------------------------------------------------- import

    def import_document(self, source: Path) -> None:
        """``oivtui import`` from the start screen: read the document in a thread, show the summary
        (or the command line's error: nothing written), then open the new session."""
        from oivtui.files.importing import ImportFailed, create
        from screens.dialogs.notice import Notice

        def done(result: object) -> None:
            if isinstance(result, ImportFailed):
                self.push_screen(Notice("Impossibile importare il documento", f"{result} Nessun file scritto."))
                return
            from oivtui.tui.starting import open_session

            path = result.session.path  # type: ignore[attr-defined]
            text = "\n".join(result.lines)  # type: ignore[attr-defined]

            def opened(_answer: str | None) -> None:
                session, message = open_session(path, None)
                if message:
                    self.push_screen(Notice("Impossibile aprire la sessione", message))
                elif session is not None:
                    self.begin(session)

            self.push_screen(Notice("Documento importato", f"Nuova sessione {path}.\n\n{text}"), opened)

        def work() -> None:
            try:
                result: object = create(source, None, self.folder, False)
            except ImportFailed as exc:
                result = exc
            self.call_from_thread(done, result)

        self.notify(f"Lettura di {source.name}…", timeout=3)
        self.run_worker(work, thread=True, group="import", exit_on_error=False)


IMPORT_PROMPT = (
    "Il monitoraggio già compilato da cui creare una nuova sessione (Word .docx, LibreOffice .odt, "
    "PDF con il testo, pagina web .html, testo o Markdown). Il documento non viene modificato."
)
