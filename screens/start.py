"""The start screen: saved sessions, and the ways to begin a new one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from screens.widgets.buttons import PressButton
from screens.widgets.keybar import KeyBar

#: Rows added before the first paint, then per refresh; sessions read around the cursor.
FIRST_ROWS, MORE_ROWS, SUMMARY_WINDOW = 40, 200, 40
COLUMNS = ("Amministrazione", "Triennio", "Completa", "Ultimo salvataggio", "File")


class Entry(Protocol):
    """A saved session as the list shows it before reading it (the app's catalogue makes them)."""

    @property
    def path(self) -> Path: ...

    @property
    def modified(self) -> dt.datetime: ...


class Summary(Protocol):
    """What one session file says, read in the background; ``error`` when it cannot be read."""

    @property
    def administration(self) -> str: ...

    @property
    def triennium(self) -> str: ...

    @property
    def completeness(self) -> str: ...

    @property
    def error(self) -> str: ...


class SessionTable(DataTable):
    """The saved sessions, whose cells fill in as the files are read.

    A cell changed with ``update_cell(update_width=True)`` widens its column only when the table
    is next idle; lines the table drew in between stay in its caches at the old width, so a name
    or «⚠ file non leggibile» could stay cut («⚠ file non legg») for good: Textual #3533. When
    cells were widened, the caches are dropped on that idle, before the table measures the columns
    anew (this handler runs ahead of the table's own), through ``notify_style_update``.
    """

    #: Cells were updated with their widths since the table was last idle.
    widened = False

    def on_idle(self) -> None:
        if self.widened:
            self.widened = False
            self.notify_style_update()


class StartScreen(Screen):
    """Lists the sessions of the data folder; Invio opens the highlighted one."""

    DEFAULT_CSS = """
    #start-body {
        padding: 0 1;
    }

    #start-intro {
        height: auto;
        margin-bottom: 1;
    }

    #sessions {
        height: 1fr;
    }

    #start-buttons {
        height: auto;
        margin-top: 1;
        layout: grid;  /* five buttons do not fit one row of 80 columns: three a row */
        grid-size: 3;
        grid-rows: auto;
        grid-gutter: 0 1;
    }

    #start-buttons Button {
        width: 100%;
    }
    """

    BINDINGS = [
        Binding("n", "begin('new')", "Nuova", id="start.new"),
        Binding("o", "begin('open')", "Apri file", id="start.open"),
        Binding("e", "begin('example')", "Esempio", id="start.example"),
        Binding("p", "begin('previous')", "Da anno prec.", id="start.previous"),
        Binding("i", "begin('import')", "Importa", id="start.import"),
        Binding("ctrl+g,f1", "app.help", "Aiuto", id="help"),  # G: «guida», as in the wizard
    ]

    @dataclass
    class Begin(Message):
        """The user chose how to start: ``new``, ``open``, ``example``, ``previous``, ``import`` or ``path``."""

        how: str
        path: Path | None = None

    def __init__(
        self,
        folder: Path,
        list_sessions: Callable[[Path], Sequence[Entry]],
        summarise: Callable[[Path], Summary],
    ) -> None:
        """``list_sessions`` lists ``folder`` cheaply, ``summarise`` reads one file (in a thread):
        the app hands both, the screen knows no session file."""
        super().__init__(id="start")
        self.folder = folder
        self.list_sessions = list_sessions
        self.summarise = summarise
        self.entries: list[Entry] = []
        self.summarised: set[Path] = set()

    def compose(self) -> ComposeResult:
        yield Static("oivtui · Monitoraggio OIV sull'avvio del ciclo della performance", id="topbar")
        with Vertical(id="start-body"):
            yield Static("", id="start-intro", markup=False)
            yield SessionTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="start-buttons"):
                yield PressButton("Nuova sessione", id="new", variant="primary")
                yield PressButton("Apri file…", id="open")
                yield PressButton("Esempio compilato", id="example")
                yield PressButton("Nuova da precedente", id="previous")
                yield PressButton("Importa documento…", id="import")
        yield KeyBar()  # the wizard's: the same look, and Italian («^P Comandi», not «^p palette»)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label)
        self.entries = list(self.list_sessions(self.folder))
        self.add_rows(0)
        self.query_one("#start-intro", Static).update(self.intro())
        (table if self.entries else self.query_one("#new", Button)).focus()
        self.call_after_refresh(self.summarise_around, 0)  # the list first, then the files read

    def add_rows(self, start: int) -> None:
        """Rows in chunks, the first one before the first paint: 1,000 sessions open as fast as ten."""
        table = self.query_one(DataTable)
        chunk = FIRST_ROWS if start == 0 else MORE_ROWS
        for entry in self.entries[start : start + chunk]:
            saved = Text(f"{entry.modified:%d/%m/%Y %H:%M}")
            table.add_row(Text("…"), Text(""), Text(""), saved, Text(entry.path.name), key=str(entry.path))
        if start + chunk < len(self.entries):
            self.call_after_refresh(self.add_rows, start + chunk)

    def intro(self) -> str:
        if not self.entries:
            return (
                "Nessuna sessione salvata in " + str(self.folder) + ".\n"
                "Inizia una nuova sessione (n) o guarda l'esempio compilato di Brescia 2024 (e)."
            )
        return f"Sessioni salvate in {self.folder}: Invio per riprendere quella evidenziata."

    def summarise_around(self, row: int) -> None:
        """Read the sessions the list shows (and a screenful beyond), each file once."""
        wanted = [e for e in self.entries[row : row + SUMMARY_WINDOW] if e.path not in self.summarised]
        if wanted:
            self.summarised.update(e.path for e in wanted)
            self.fill_summaries(wanted)

    @work(thread=True, group="summaries")
    def fill_summaries(self, entries: list[Entry]) -> None:
        """Read sessions in the background; the list is usable at once and fills in as they come."""
        results = [(entry, self.summarise(entry.path)) for entry in entries]
        self.app.call_from_thread(self.show_summaries, results)

    def show_summaries(self, results: list[tuple[Entry, Summary]]) -> None:
        table = self.query_one(SessionTable)
        table.widened = True
        for entry, summary in results:
            key = str(entry.path)
            if summary.error:
                table.update_cell(key, "Amministrazione", "⚠ file non leggibile", update_width=True)
                continue
            table.update_cell(key, "Amministrazione", Text(summary.administration or "(senza nome)"), update_width=True)
            table.update_cell(key, "Triennio", Text(summary.triennium), update_width=True)
            table.update_cell(key, "Completa", summary.completeness)

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        self.summarise_around(max(0, event.cursor_row - SUMMARY_WINDOW // 2))

    @on(DataTable.RowSelected)
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Begin("path", Path(str(event.row_key.value))))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.post_message(self.Begin(str(event.button.id)))

    def action_begin(self, how: str) -> None:
        self.post_message(self.Begin(how))
