"""``oivtui ask FILE``: the questionnaire in plain lines (oivtui/ask/)."""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_ask(args: argparse.Namespace) -> int:
    # Deferred like the rest; ask never imports Textual.
    from oivtui.ask.walk import run

    return run(Path(args.path))
