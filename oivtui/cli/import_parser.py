"""The ``import`` subcommand's arguments and entry point; the work is in oivtui/cli/import_command.py,
imported only when the command runs (it loads the document readers)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from questionnaire.form.loader import DEFAULT_FORM


def add_import_parser(commands: Any, forms: list[str]) -> None:
    """Register ``oivtui import`` on the CLI's subparsers; ``forms``: the packaged forms' ids."""
    parser = commands.add_parser(
        "import",
        help="nuova sessione da un monitoraggio già compilato (testo, Markdown, HTML, .docx, .odt, PDF)",
        description="Legge un monitoraggio già compilato (il modello Word o LibreOffice, il PDF con il testo, "
        "una pagina web, il testo estratto da un PDF, o un resoconto di oivtui) e scrive una nuova sessione, "
        "con ogni passo «da rivedere» e, sotto ogni risposta, il brano del documento da cui è stata letta. "
        "Il documento non viene modificato; una SESSIONE esistente non viene mai sovrascritta. Codice di uscita: 0 "
        "sessione scritta, 2 documento illeggibile o non di monitoraggio (nessun file scritto).",
    )
    parser.add_argument(
        "document", metavar="DOCUMENTO", help="documento da leggere (il formato si riconosce dal contenuto)"
    )
    parser.add_argument("path", nargs="?", metavar="SESSIONE", help="file della nuova sessione (non deve esistere)")
    parser.add_argument(
        "--anno-successivo",
        dest="next_year",
        action="store_true",
        help="il documento è dell'anno scorso: triennio spostato di un anno, date da inserire (come new --from)",
    )
    parser.add_argument(
        "--modulo",
        dest="form_id",
        choices=forms,
        metavar="MODULO",
        help=f"il modulo su cui leggerlo, tra: {', '.join(forms)}; predefinito: quello che un resoconto di "
        f"oivtui dichiara nella sua ultima riga, altrimenti {DEFAULT_FORM}",
    )


def cmd_import(args: argparse.Namespace) -> int:
    from oivtui.cli.import_command import run  # the document readers: only for this command

    code, lines = run(Path(args.document), Path(args.path) if args.path else None, args.next_year, args.form_id)
    stream = sys.stdout if code == 0 else sys.stderr
    for line in lines:
        print(line.translate(_CONTROLS), file=stream)
    return code


#: Control characters a document may hold are not sent to the terminal.
_CONTROLS = {c: None for c in [*range(0, 9), *range(11, 32), 127]}
