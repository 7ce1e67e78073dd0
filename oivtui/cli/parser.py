"""The ``oivtui`` command line as argparse sees it: the commands, their options, Italian help.

``oivtui/cli/main.py`` runs what this parses; the exit codes are shared by both.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from oivtui import __version__
from oivtui.cli.import_parser import add_import_parser
from questionnaire.form.loader import DEFAULT_FORM, available_forms

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `head` makes any Unix tool exit with

DESCRIPTION = (
    "Questionario OIV nel terminale: monitoraggio sull'assegnazione degli obiettivi e "
    "sull'avvio del ciclo della performance (delibera CiVIT 23/2013)."
)
EPILOG = """\
esempi:
  oivtui                          elenco delle sessioni salvate
  oivtui elenco                   le sessioni salvate, la più urgente per prima (--json per gli script)
  oivtui new relazione-2024.toml  nuova sessione in quel file
  oivtui new --from relazione-2024.toml relazione-2025.toml
                                  nuova sessione per il triennio successivo, dalle risposte dell'anno scorso
  oivtui new --modulo civit-23-2013-piano-performance relazione-2021.toml
                                  nuova sessione sul modulo di prima del PIAO (Piano della performance)
  oivtui ask relazione-2025.toml  compila a righe semplici (lettori di schermo, script, TERM=dumb)
  oivtui open relazione-2024.toml riprende una sessione
  oivtui example prova.toml       scrive una sessione di esempio completa
  oivtui validate prova.toml      controlla le risposte (codice di uscita 1 se ci sono errori)
  oivtui export prova.toml > prova.md
  ssh server oivtui export prova.toml --format html > prova.html
  ssh server oivtui export prova.toml --format pdf > prova.pdf
  oivtui verify prova.md prova.toml  il resoconto viene proprio da queste risposte?
  oivtui import monitoraggio-2024.pdf relazione-2025.toml --anno-successivo
                                  nuova sessione dal documento dell'anno scorso (testo, HTML, .docx, PDF)

Le sessioni create senza indicare un file (oivtui, poi «Nuova sessione») sono in
$XDG_DATA_HOME/oivtui/sessioni/, di solito ~/.local/share/oivtui/sessioni/: per esportarne una,
oivtui export ~/.local/share/oivtui/sessioni/NOME.toml > resoconto.md
"""

#: argparse's own messages are English (gettext): the ones a user meets, in Italian.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), r"mancano gli argomenti: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"argomenti non riconosciuti: \1"),
    (
        re.compile(r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)"),
        r"\1: scelta non valida \2 (possibili: \3)",
    ),
    (re.compile(r"argument (.+?): expected one argument"), r"\1: manca il valore"),
    (re.compile(r"ambiguous option: (.*) could match (.*)"), r"opzione ambigua: \1 (può essere \2)"),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


def italian_group_titles(parser: argparse.ArgumentParser) -> None:
    """The headings of the help's two default groups in Italian: «argomenti», «opzioni».

    argparse keeps those two groups private (``_positionals``, ``_optionals``) and gives no public
    way to name them but gettext, which would translate every Python program's help: this is the one
    place that touches them. tests/unit/test_cli.py fails if argparse renames or drops them.
    """
    parser._positionals.title = "argomenti"
    parser._optionals.title = "opzioni"


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Italian: headings, -h, and the usual error messages."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        italian_group_titles(self)
        self.add_argument("-h", "--help", action="help", help="mostra questo aiuto ed esce")

    def error(self, message: str) -> NoReturn:
        for pattern, italian in _ARGPARSE_MESSAGES:
            message = pattern.sub(italian, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: errore: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="oivtui", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument(
        "--version", action="version", version=f"oivtui {__version__}", help="mostra la versione ed esce"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMANDO", title="comandi", parser_class=_Parser)

    new = commands.add_parser(
        "new",
        help="nuova sessione (nel file indicato, o tra le sessioni salvate)",
        description="Apre l'interfaccia su una sessione nuova.",
    )
    new.add_argument("path", nargs="?", metavar="FILE", help="file della nuova sessione (non deve esistere)")
    new.add_argument(
        "--from",
        dest="from_previous",
        metavar="PRECEDENTE",
        help="parte dalla sessione dell'anno scorso: triennio spostato di un anno, risposte ricopiate "
        "e da rivedere; senza terminale crea solo il file",
    )
    forms = available_forms()
    new.add_argument(
        "--modulo",
        dest="form_id",
        choices=forms,
        metavar="MODULO",
        help=f"il modulo da compilare, tra: {', '.join(forms)} (predefinito {DEFAULT_FORM}); "
        "senza terminale crea solo il file (poi oivtui ask)",
    )

    open_ = commands.add_parser(
        "open", help="riprende una sessione salvata", description="Apre l'interfaccia sulla sessione salvata nel file."
    )
    open_.add_argument("path", metavar="FILE", help="file di sessione (.toml)")

    example = commands.add_parser(
        "example",
        help="scrive una sessione di esempio completa (Camera di Commercio di Brescia, 2024)",
        description="Scrive nel file indicato una sessione di esempio completa; non sovrascrive file esistenti.",
    )
    example.add_argument("path", metavar="FILE", help="file da creare (non deve esistere)")

    validate = commands.add_parser(
        "validate",
        help="controlla le risposte di una sessione",
        description="Elenca i problemi della sessione, uno per riga («domanda/campo: messaggio»). "
        "Codice di uscita: 0 nessun errore (avvisi ammessi), 1 errori, 2 file illeggibile.",
    )
    validate.add_argument("path", metavar="FILE", help="file di sessione (.toml)")
    _add_draft(validate, "non segnala le risposte obbligatorie ancora mancanti")

    export = commands.add_parser(
        "export",
        help="scrive il resoconto (Markdown, HTML o PDF) sullo standard output o in un file",
        description="Scrive il resoconto dei due documenti; senza -o lo stampa sullo standard output, "
        "così funziona anche via ssh: ssh server oivtui export sessione.toml > resoconto.md",
    )
    export.add_argument("path", metavar="FILE", help="file di sessione (.toml)")
    export.add_argument(
        "-o",
        "--output",
        metavar="USCITA",
        help="file in cui scrivere il resoconto; il formato segue l'estensione (.md, .html, .htm, .pdf)",
    )
    export.add_argument(
        "--format",
        choices=("md", "html", "pdf"),
        default=None,
        help="formato del resoconto: md (Markdown, predefinito), html o pdf (A4, da firmare; non sul "
        "terminale: con -o o reindirizzato in un file); con -o deve concordare con l'estensione del file",
    )
    _add_draft(export, "segna il resoconto come bozza anche se è completo")
    export.add_argument(
        "--senza-impronta",
        action="store_true",
        help="copia per la pubblicazione: senza la riga finale «Generato da oivtui … impronta»; "
        "oivtui verify dirà che la copia non porta l'impronta",
    )

    ask = commands.add_parser(
        "ask",
        help="compila il questionario a righe semplici (lettori di schermo, script, TERM=dumb)",
        description="Percorre il questionario una domanda alla volta su standard input e output, senza "
        "interfaccia a schermo intero né colori, e salva dopo ogni risposta (crea il file se non esiste). "
        "Scelte numerate; una riga vuota termina un testo lungo; invio lascia la risposta attuale; "
        "? aiuto, < indietro, - cancella, ! salva ed esce. Funziona anche con le risposte da uno script: "
        "oivtui ask sessione.toml < risposte.txt",
    )
    ask.add_argument("path", metavar="FILE", help="file di sessione (.toml), creato se non esiste")

    verify = commands.add_parser(
        "verify",
        help="controlla che un resoconto sia stato prodotto proprio dalle risposte di una sessione",
        description="Confronta l'impronta SHA-256 scritta in fondo al resoconto (Markdown, HTML o PDF) con quella "
        "delle risposte della sessione, e il testo del resoconto con quello che la sessione produce. "
        "Codice di uscita: 0 corrispondono, 1 no, 2 file illeggibile.",
    )
    verify.add_argument("report", metavar="RESOCONTO", help="resoconto (.md, .html o .pdf) prodotto da oivtui export")
    verify.add_argument("path", metavar="FILE", help="file di sessione (.toml)")
    add_import_parser(commands, forms)

    elenco = commands.add_parser(
        "elenco",
        help="elenca le sessioni salvate, la più urgente per prima: scadenza, giorni rimasti, cosa manca",
        description="Una riga per sessione salvata: amministrazione, triennio, scadenza (data di adozione del "
        "PIAO più i giorni che il modulo concede), giorni rimasti, cosa manca, file. Le sessioni aperte "
        "per scadenza, poi quelle complete; un file illeggibile è elencato con il motivo. Non serve un "
        "terminale. Codice di uscita: 0 elenco scritto, 2 cartella delle sessioni illeggibile.",
    )
    elenco.add_argument(
        "--json",
        action="store_true",
        help="una lista di oggetti per gli script: file, administration, triennium, piao_date, deadline "
        "(date ISO), days_left, missing, errors, complete",
    )
    return parser


def _add_draft(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--bozza", action="store_true", help=text)
