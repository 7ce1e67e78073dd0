"""Command palette (Ctrl+P): every action under its Italian name, and «Vai a …» any step of the wizard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import NamedTuple, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from screens.widgets.fields import SPLIT_COMMAND
from screens.widgets.index import step_labels


class GoesToSteps(Protocol):
    """What the «Vai a …» commands need of the app (not ``OivApp`` itself: app imports this module)."""

    async def goto(self, step_id: str, address: str = "") -> None: ...


class Command(NamedTuple):
    """One palette entry: the title searched and shown, a line of help, the action it runs.

    ``target`` is ``app`` or ``screen`` (the screen the palette was opened on); the action method
    is called directly, not through ``run_action``: an action the context does not allow (compare
    on a field without last year's answer) then says why instead of doing nothing.
    """

    title: str
    help: str
    target: str
    action: str
    args: tuple[str, ...] = ()
    #: The key besides the palette, shown in the help line.
    keys: str = ""


WIZARD = (
    Command("Avanti: passo successivo", "Il passo dopo questo", "app", "next_step", keys="Ctrl+N, F6"),
    Command("Indietro: passo precedente", "Il passo prima di questo", "app", "previous_step", keys="Ctrl+T, F5"),
    Command(
        "Indice dei passi",
        "Mostra l'indice e ci porta il cursore (Invio salta al passo)",
        "screen",
        "toggle_index",
        keys="Ctrl+L, F2",
    ),
    Command(
        "Aiuto sul campo e sui tasti", "Che cosa chiede il campo e quali tasti usare", "app", "help", keys="Ctrl+G, F1"
    ),
    Command(
        "Confronta con l'anno precedente",
        "La risposta del campo contro quella dell'anno scorso, o il testo del documento da cui è stata importata",
        "app",
        "compare",
        keys="Ctrl+F, F3",
    ),
    Command(
        "Editor esterno per il testo lungo",
        "Modifica la risposta nel tuo $VISUAL/$EDITOR",
        "app",
        "edit_external",
        keys="Ctrl+O, F4",
    ),
    Command(
        "Rivisto: conferma il passo ripreso",
        "Il passo ripreso dall'anno scorso non è più da rivedere",
        "app",
        "confirm_review",
        keys="Ctrl+R, F9",
    ),
    Command(
        SPLIT_COMMAND,
        "Una riga con più nomi separati da virgole («Prof. Mario Rossi, Dott.ssa Anna Bianchi») "
        "diventa una riga per nome",
        "app",
        "split_names",
    ),
    Command("Anteprima del resoconto", "Il resoconto come sarà esportato", "app", "preview", keys="Alt+A, F7"),
    Command(
        "Esporta il resoconto in Markdown",
        "Scrive il file .md accanto alla sessione",
        "app",
        "export",
        ("md",),
        keys="Alt+E, F8",
    ),
    Command(
        "Esporta il resoconto in HTML",
        "Scrive il file .html accanto alla sessione",
        "app",
        "export",
        ("html",),
        keys="Alt+H",
    ),
    Command(
        "Esporta il resoconto in PDF",
        "Scrive il file .pdf (A4, da firmare) accanto alla sessione",
        "app",
        "export",
        ("pdf",),
        keys="Alt+P",
    ),
    Command(
        "Copia il resoconto negli appunti",
        "In Markdown, con OSC 52 (se il terminale lo permette)",
        "app",
        "copy_report",
        keys="Alt+C, F10",
    ),
    Command("Salva subito", "Il salvataggio è comunque automatico", "app", "save", keys="Ctrl+S"),
    Command("Esci (salva e chiude)", "Salva la sessione ed esce", "app", "quit", keys="Ctrl+Q"),
)

START = (
    Command("Nuova sessione", "Una sessione vuota tra quelle salvate", "screen", "begin", ("new",), keys="n"),
    Command("Apri file…", "Una sessione da un file indicato", "screen", "begin", ("open",), keys="o"),
    Command("Esempio compilato", "La sessione di esempio di Brescia 2024", "screen", "begin", ("example",), keys="e"),
    Command(
        "Nuova da sessione precedente",
        "Il triennio successivo, dalle risposte dell'anno scorso",
        "screen",
        "begin",
        ("previous",),
        keys="p",
    ),
    Command(
        "Importa documento…",
        "Una nuova sessione da un monitoraggio già compilato (Word, LibreOffice, PDF, pagina web)",
        "screen",
        "begin",
        ("import",),
        keys="i",
    ),
    Command("Aiuto sui tasti", "I tasti di questa schermata e del questionario", "app", "help", keys="Ctrl+G, F1"),
    Command("Esci", "Chiude oivtui", "app", "quit", keys="Ctrl+Q"),
)

#: The commands of each screen, by the screen's id; a dialog offers only «Esci».
BY_SCREEN = {"wizard": WIZARD, "start": START}
ELSEWHERE = (WIZARD[-1],)


class Actions(Provider):
    """The actions of the screen under the palette, each with its keys in the help line."""

    def commands(self) -> tuple[Command, ...]:
        return BY_SCREEN.get(self.screen.id or "", ELSEWHERE)

    def callback(self, command: Command) -> partial:
        target = self.app if command.target == "app" else self.screen
        return partial(getattr(target, f"action_{command.action}"), *command.args)

    @staticmethod
    def help_line(command: Command) -> str:
        return f"{command.help} · {command.keys}" if command.keys else command.help

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.title, self.callback(command), help=self.help_line(command))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), self.callback(command), help=self.help_line(command))


class GotoStep(Provider):
    """One command per step: «Vai a: 7 Target associati…»."""

    def commands(self) -> list[tuple[str, str]]:
        session = getattr(self.app, "session", None)
        if session is None or self.screen.id != "wizard":
            return []
        return [(step_id, f"Vai a: {label}") for step_id, label in step_labels(session.form)]

    def goto(self, step_id: str) -> Callable[[], Awaitable[None]]:
        return partial(cast(GoesToSteps, self.app).goto, step_id)

    async def discover(self) -> Hits:
        for step_id, text in self.commands():
            yield DiscoveryHit(text, self.goto(step_id), help="Salta a questo passo")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for step_id, text in self.commands():
            score = matcher.match(f"{text} blocco {step_id.lstrip('b')}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), self.goto(step_id), help="Salta a questo passo")
