"""``oivtui serve``: the wizard in a web browser (oivtui/web/), on this computer only unless told otherwise."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import sys
from typing import Any

from oivtui.cli.output import say

DEFAULT_PORT = 8000
EXIT_OK, EXIT_BAD_INPUT = 0, 2  # oivtui/cli/parser.py's: it imports this module, which cannot import it back


def add_serve_parser(commands: Any) -> None:
    """Register ``oivtui serve`` on the CLI's subparsers."""
    serve = commands.add_parser(
        "serve",
        help="apre il questionario in un browser web (un processo per scheda, dietro un token)",
        description="Serve il questionario a un browser web: ogni scheda è un oivtui, sulle stesse sessioni e "
        "con gli stessi lucchetti. Stampa l'indirizzo da aprire, con un token segreto nuovo a ogni avvio. "
        "Ascolta solo su questo computer (127.0.0.1); da un altro computer si usa un tunnel SSH: "
        "ssh -L 8000:127.0.0.1:8000 server. Ctrl+C salva ogni scheda e chiude.",
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, metavar="N", help=f"porta (predefinita {DEFAULT_PORT})"
    )
    serve.add_argument("--host", default="127.0.0.1", metavar="H", help="indirizzo su cui ascoltare (127.0.0.1)")
    serve.add_argument(
        "--esponi-in-rete",
        dest="expose",
        action="store_true",
        help="consente un --host diverso da questo computer: la connessione non è cifrata, meglio un tunnel SSH",
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def cmd_serve(args: argparse.Namespace) -> int:
    """Check the address, then serve until Ctrl+C; the tabs save and quit before the command ends."""
    host, port = args.host, args.port
    if not 0 <= port <= 65535:
        say(f"oivtui: --port {port}: la porta va da 1 a 65535 (0: una qualsiasi libera).")
        return EXIT_BAD_INPUT
    tunnel = f"ssh -L {port or DEFAULT_PORT}:127.0.0.1:{port or DEFAULT_PORT} server"
    if not is_loopback(host):
        if not args.expose:
            say(
                f"oivtui: --host {host} renderebbe il questionario raggiungibile da altri computer, senza "
                f"cifratura. Meglio lasciare 127.0.0.1 e usare un tunnel SSH dal proprio computer: {tunnel} "
                "(poi si apre nel browser l'indirizzo stampato). Per ascoltare davvero su quell'indirizzo: "
                "aggiungere --esponi-in-rete."
            )
            return EXIT_BAD_INPUT
        say(
            f"oivtui: attenzione: in ascolto su {host}, raggiungibile da altri computer. La connessione NON è "
            "cifrata (niente TLS): chi vede la rete legge il token e le risposte. Meglio un tunnel SSH: "
            f"{tunnel}"
        )
    import asyncio  # here, not at the top: every command's parser imports this module (asyncio: ~30 ms)

    from oivtui.web.door import Door, new_token, quiet_logging

    quiet_logging()
    door = Door(host, port, new_token())

    def started(door: Door) -> None:
        print(f"oivtui serve: aprire nel browser http://{url_host(host)}:{door.bound_port}/?token={door.token}")
        print("oivtui serve: Ctrl+C per chiudere (ogni scheda salva prima di chiudersi).", flush=True)

    try:
        asyncio.run(door.run(started))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            say(f"oivtui: la porta {port} è già in uso da un altro programma: sceglierne un'altra con --port.")
        elif exc.errno == errno.EADDRNOTAVAIL:
            say(f"oivtui: --host {host}: questo computer non ha quell'indirizzo.")
        elif exc.errno == errno.EACCES:
            say(f"oivtui: la porta {port} è riservata all'amministratore: sceglierne una sopra 1023 con --port.")
        else:
            say(f"oivtui: impossibile ascoltare su {host}:{port}: {exc.strerror or exc}.")
        return EXIT_BAD_INPUT
    say(("\n" if sys.stderr.isatty() else "") + "oivtui serve: chiuso.")  # after the terminal's «^C»
    return EXIT_OK
