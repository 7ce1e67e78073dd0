"""The ``oivtui`` command: parse the command line, run the command, turn failures into exit codes.

One module per command beside this one (example, validate, export, verify, ask, tui, elenco, and
import_parser/import_command); what they print goes through output.py.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable

from oivtui.cli.ask import cmd_ask
from oivtui.cli.elenco import cmd_elenco
from oivtui.cli.example import cmd_example
from oivtui.cli.export import cmd_export
from oivtui.cli.import_parser import cmd_import
from oivtui.cli.output import say, silence_stdout, tolerant_streams
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_OK, build_parser
from oivtui.cli.tui import cmd_tui
from oivtui.cli.validate import cmd_validate
from oivtui.cli.verify import cmd_verify

# Nothing heavy is imported here: storage (tomli-w and the rules), the report (markdown-it) and
# Textual are imported inside the commands that use them (tests/unit/test_lazy_imports.py),
# so that `oivtui validate` and `oivtui export` never load Textual at all.


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the return value is the process exit code."""
    tolerant_streams()
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe must show up here, not in the interpreter's last flush
        return code
    except KeyboardInterrupt:
        say("\nInterrotto.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    from oivtui.files import formcache
    from oivtui.files.storage import SessionError

    formcache.install()  # every command reads the form: the next process finds it parsed

    try:
        return COMMANDS[args.command or "start"](args)
    except SessionError as exc:
        say(f"oivtui: {_explained(str(exc), args)}")
        return EXIT_BAD_INPUT


def _explained(message: str, args: argparse.Namespace) -> str:
    given = getattr(args, "path", None)
    if not isinstance(given, str) or not args.command:
        return message
    from oivtui.files.pathhints import explained

    # The command the hint suggests again, with the arguments before the session (verify's report).
    command = f"verify {shlex.quote(args.report)}" if args.command == "verify" else args.command
    return explained(message, command, given)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "start": cmd_tui,
    "new": cmd_tui,
    "open": cmd_tui,
    "example": cmd_example,
    "validate": cmd_validate,
    "export": cmd_export,
    "ask": cmd_ask,
    "verify": cmd_verify,
    "import": cmd_import,
    "elenco": cmd_elenco,
}
