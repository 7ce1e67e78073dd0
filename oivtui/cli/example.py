"""``oivtui example FILE``: the packaged example session written to a new file."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from oivtui.cli.output import say, write_file
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_OK


def cmd_example(args: argparse.Namespace) -> int:
    from oivtui.files.example import example_text

    path = Path(args.path)
    if os.path.lexists(path):
        say(f"oivtui: {path}: esiste già e oivtui non sovrascrive file esistenti. Scegli un altro nome.")
        return EXIT_BAD_INPUT
    if not write_file(path, example_text()):
        return EXIT_BAD_INPUT
    print(f"Sessione di esempio scritta in {path.absolute()}.")
    print(f"Per aprirla:         oivtui open {shlex.quote(str(path))}")
    print(f"Per controllarla:    oivtui validate {shlex.quote(str(path))}")
    print(f"Per il resoconto:    oivtui export {shlex.quote(str(path))} > resoconto.md")
    return EXIT_OK
