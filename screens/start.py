"""The start screen: saved sessions, and the ways to begin a new one."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from questionnaire.deadline import days_left, days_left_text, is_near, list_order
from screens.widgets.buttons import PressButton
from screens.widgets.keybar import KeyBar
from screens.widgets.shorten import shorten_end, shorten_middle

#: Rows added before the first paint, then per refresh; sessions read per batch in the background.
FIRST_ROWS, MORE_ROWS, READ_BATCH = 40, 200, 20
#: Seconds between two sortings of the list while many files are read (the first start).
RESORT_EVERY = 3.0
#: The columns: the session (administration; triennium and file), the deadline (date; days left),
#: the state (what is missing; last save). Each row is two lines.
SESSION, DEADLINE, STATE = "Sessione", "Scadenza", "Stato"
#: Least widths of the deadline and state columns («data di adozione», «salvata 04/12 13:26»); they
#: grow to their longest text («scaduto da 1008 giorni»), and the session column takes the rest of
#: the screen, so nothing runs past its edge at 80 columns.
DEADLINE_WIDTH, STATE_WIDTH, MIN_SESSION_WIDTH = 16, 19, 24
#: Outside the columns: the body's padding (2), the scrollbar (2), two cell paddings per column (6).
FRAME_WIDTH = 10
ROW_HEIGHT = 2
NEAR_STYLE, PAST_STYLE = "bold yellow", "bold red"


class Entry(Protocol):
    """A saved session as the list shows it before reading it (the app's catalogue makes them);
    a kept copy («Ricarica», «Tieni le mie») names the session file it copies and when."""

    @property
    def path(self) -> Path: ...

    @property
    def modified(self) -> dt.datetime: ...

    @property
    def copy_of(self) -> str: ...

    @property
    def copied(self) -> dt.datetime | None: ...


class Summary(Protocol):
    """What one session file says, read in the background; ``error`` when it cannot be read."""

    @property
    def administration(self) -> str: ...

    @property
    def triennium(self) -> str: ...

    @property
    def error(self) -> str: ...

    @property
    def deadline(self) -> dt.date | None: ...

    @property
    def state(self) -> str: ...

    @property
    def complete(self) -> bool: ...


E = TypeVar("E", bound=Entry)


def sort_key(entry: Entry, summary: Summary | None) -> tuple[int, dt.date, float]:
    """Most urgent first (``questionnaire.deadline.list_order``)."""
    unread = summary is None or bool(summary.error)
    deadline = None if summary is None else summary.deadline
    complete = summary is not None and summary.complete
    return list_order(deadline, complete, entry.modified.timestamp(), unread=unread, copy=bool(entry.copy_of))


class StartScreen(Screen[None], Generic[E]):
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
        list_sessions: Callable[[Path], Sequence[E]],
        summarise: Callable[[E], Summary],
        cached: Callable[[E], Summary | None] = lambda entry: None,
        remember: Callable[[list[E]], None] = lambda entries: None,
    ) -> None:
        """``list_sessions`` lists ``folder`` cheaply; ``cached`` gives what was read of a file
        before (at once), ``summarise`` reads one file (in a thread); ``remember`` keeps what was
        read for the next time. The app hands them all: the screen knows no session file."""
        super().__init__(id="start")
        self.folder = folder
        self.list_sessions = list_sessions
        self.summarise = summarise
        self.cached = cached
        self.remember = remember
        self.entries: list[E] = []
        self.summaries: dict[Path, Summary] = {}
        #: Files read by this screen (not those the cache knew).
        self.summarised: set[Path] = set()
        self.unreadable_folder = ""
        #: Widths of the three columns (the session's, the deadline's, the state's).
        self.widths = (0, 0, 0)
        self.session_width = 0
        #: Rebuilt lists so far: a chunk of rows for an older one is dropped.
        self.generation = 0
        #: Files are being read in the background: the list is sorted again when they are all read.
        self.reading = False
        self.sorted_at = 0.0

    def compose(self) -> ComposeResult:
        yield Static("oivtui · Monitoraggio OIV sull'avvio del ciclo della performance", id="topbar")
        with Vertical(id="start-body"):
            yield Static("", id="start-intro", markup=False)
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="start-buttons"):
                yield PressButton("Nuova sessione", id="new", variant="primary")
                yield PressButton("Apri file…", id="open")
                yield PressButton("Esempio compilato", id="example")
                yield PressButton("Nuova da precedente", id="previous")
                yield PressButton("Importa documento…", id="import")
        yield KeyBar()  # the wizard's: the same look, and Italian («^P Comandi», not «^p palette»)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        try:
            entries = list(self.list_sessions(self.folder))
        except OSError as exc:
            entries, self.unreadable_folder = [], exc.strerror or str(exc)
        for entry in entries:
            known = None if entry.copy_of else self.cached(entry)
            if known is not None:
                self.summaries[entry.path] = known
        self.entries = self.in_order(entries)
        self.add_columns()
        self.add_rows(0)
        self.query_one("#start-intro", Static).update(self.intro())
        (table if self.entries else self.query_one("#new", Button)).focus()
        unread = [e for e in self.entries if not e.copy_of and e.path not in self.summaries]
        if unread:
            self.call_after_refresh(self.read_all, unread)  # the list first, then the files read
        else:
            self.remember(self.entries)  # forgets files gone since

    def column_widths(self) -> tuple[int, int, int]:
        """The deadline and state columns as wide as their longest text, the session the rest."""
        known = [s for s in self.summaries.values() if not s.error]
        due = max([DEADLINE_WIDTH, *(len(days_left_text(days_left(s.deadline))) for s in known if s.deadline)])
        state = max([STATE_WIDTH, *(len(s.state) for s in known)])
        return max(MIN_SESSION_WIDTH, self.app.size.width - due - state - FRAME_WIDTH), due, state

    def add_columns(self) -> None:
        table = self.query_one(DataTable)
        self.widths = self.column_widths()
        self.session_width = self.widths[0]
        for label, width in zip((SESSION, DEADLINE, STATE), self.widths, strict=True):
            table.add_column(label, key=label, width=width)

    def in_order(self, entries: Sequence[E]) -> list[E]:
        return sorted(entries, key=lambda e: sort_key(e, self.summaries.get(e.path)))

    def add_rows(self, start: int, generation: int = 0, first: int = FIRST_ROWS) -> None:
        """Rows in chunks, the first one (``first`` rows) before the first paint: 1,000 sessions
        open as fast as ten. A chunk of a list since rebuilt (another ``generation``) adds nothing."""
        if generation != self.generation:
            return
        table = self.query_one(DataTable)
        chunk = first if start == 0 else MORE_ROWS
        for entry in self.entries[start : start + chunk]:
            table.add_row(*self.cells(entry), height=ROW_HEIGHT, key=str(entry.path))
        if start + chunk < len(self.entries):
            self.call_after_refresh(self.add_rows, start + chunk, generation)

    def cells(self, entry: Entry) -> tuple[Text, Text, Text]:
        """The three two-line cells of a row: session, deadline, state."""
        width, name = self.session_width, entry.path.name
        saved = f"salvata {entry.modified:%d/%m %H:%M}"
        if entry.copy_of:
            when = f" del {entry.copied:%d/%m %H:%M}" if entry.copied else ""
            title = f"copia{when}\ndi {shorten_middle(entry.copy_of, width - 3)}"
            return Text(title, style="dim"), Text(""), Text(f"copia\n{saved}")
        summary = self.summaries.get(entry.path)
        if summary is None:
            return Text(f"…\n{shorten_middle(name, width)}"), Text(""), Text(f"\n{saved}")
        if summary.error:
            first = Text("⚠ file non leggibile", style=PAST_STYLE)
            return first + Text(f"\n{shorten_middle(name, width)}"), Text(""), Text(f"da correggere\n{saved}")
        administration = shorten_end(summary.administration or "(senza nome)", width)
        below = f"{summary.triennium} · " if summary.triennium else ""
        below += shorten_middle(name, width - len(below))
        return Text(f"{administration}\n{below}"), self.deadline_cell(summary), Text(f"{summary.state}\n{saved}")

    def deadline_cell(self, summary: Summary) -> Text:
        if summary.deadline is None:
            return Text("data di adozione\nnon indicata")
        left = days_left(summary.deadline)
        style = "" if summary.complete or not is_near(left) else PAST_STYLE if left < 0 else NEAR_STYLE
        return Text(f"{summary.deadline:%d/%m/%Y}\n") + Text(days_left_text(left), style=style)

    def intro(self) -> str:
        if self.unreadable_folder:
            return (
                f"Impossibile leggere la cartella delle sessioni {self.folder} ({self.unreadable_folder}).\n"
                "Inizia una nuova sessione in un altro file (o) o guarda l'esempio compilato (e)."
            )
        if not self.entries:
            return (
                "Nessuna sessione salvata in " + str(self.folder) + ".\n"
                "Inizia una nuova sessione (n) o guarda l'esempio compilato di Brescia 2024 (e)."
            )
        said = f"Sessioni salvate in {self.folder}, la più urgente per prima: Invio riprende quella evidenziata."
        if self.reading:
            read = sum(1 for e in self.entries if e.copy_of or e.path in self.summaries)
            said += f"\nLettura delle sessioni: {read} di {len(self.entries)} (poi solo quelle che cambiano)…"
        return said

    def read_all(self, unread: list[E]) -> None:
        """Read the files the cache did not know, a batch at a time, then sort the list again."""
        self.summarised.update(e.path for e in unread)
        self.reading = True
        self.sorted_at = time.monotonic()
        self.fill_summaries(unread)

    @work(thread=True, group="summaries", exclusive=True)
    def fill_summaries(self, entries: list[E]) -> None:
        """Read sessions in the background; the list is usable at once and fills in as they come."""
        for start in range(0, len(entries), READ_BATCH):
            batch = [(entry, self.summarise(entry)) for entry in entries[start : start + READ_BATCH]]
            self.app.call_from_thread(self.show_summaries, batch)
        self.app.call_from_thread(self.resort)

    def show_summaries(self, results: list[tuple[E, Summary]]) -> None:
        table = self.query_one(DataTable)
        for entry, summary in results:
            self.summaries[entry.path] = summary
            key = str(entry.path)
            if key in table.rows:
                for column, cell in zip((SESSION, DEADLINE, STATE), self.cells(entry), strict=True):
                    table.update_cell(key, column, cell)
        if len(results) == READ_BATCH:  # not the last batch: say how far, sort what was read now and then
            self.query_one("#start-intro", Static).update(self.intro())
            if time.monotonic() - self.sorted_at > RESORT_EVERY:
                self.sorted_at = time.monotonic()
                self.remember(self.entries)  # kept even if the user leaves before the end
                self.rebuild()

    def resort(self) -> None:
        """Every file read: the rows in order of urgency, the cursor on the same session."""
        self.reading = False
        self.remember(self.entries)
        self.query_one("#start-intro", Static).update(self.intro())
        self.rebuild()

    def on_resize(self, event: events.Resize) -> None:
        if self.entries and self.widths != self.column_widths():
            self.rebuild()

    def rebuild(self) -> None:
        """The rows again, in order and at the columns' widths, when either changed; the cursor
        stays on the session the user moved to (else on the most urgent)."""
        ordered = self.in_order(self.entries)
        if ordered == self.entries and self.column_widths() == self.widths:
            return
        table = self.query_one(DataTable)
        highlighted = self.highlighted() if table.cursor_row > 0 else None
        self.entries = ordered
        self.generation += 1
        table.clear(columns=True)
        self.add_columns()
        index = next((i for i, e in enumerate(ordered) if e.path == highlighted), 0)
        self.add_rows(0, self.generation, first=max(FIRST_ROWS, index + 1))
        table.move_cursor(row=index)

    def highlighted(self) -> Path | None:
        """The session under the cursor, None when the list is empty."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return Path(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    @on(DataTable.RowSelected)
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Begin("path", Path(str(event.row_key.value))))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.action_begin(str(event.button.id))

    def action_begin(self, how: str) -> None:
        """«Nuova da precedente» starts from the highlighted session (a kept copy or an unreadable
        file is no session to start from: then the path is asked, as with an empty list)."""
        path = self.highlighted() if how == "previous" else None
        if path is not None and not self.startable(path):
            path = None
        self.post_message(self.Begin(how, path))

    def startable(self, path: Path) -> bool:
        entry = next((e for e in self.entries if e.path == path), None)
        summary = self.summaries.get(path)
        return entry is not None and not entry.copy_of and (summary is None or not summary.error)
