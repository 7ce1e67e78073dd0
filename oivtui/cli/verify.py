"""``oivtui verify REPORT FILE``: whether a report is exactly what a session's answers produce."""

from __future__ import annotations

import argparse
from pathlib import Path

from oivtui.ask.lines import printable
from oivtui.cli.output import say
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_ERRORS, EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from oivtui.files.storage import load
    from oivtui.reports.verify import read_report, verify

    report_path, path = Path(args.report), Path(args.path)
    try:
        text = read_report(report_path)
    except ValueError as exc:
        say(f"oivtui: {exc}")
        return EXIT_BAD_INPUT
    verdict = verify(text, load(path))
    for message in verdict.messages:
        print(printable(f"{report_path}: {message}"))
    return EXIT_OK if verdict.ok else EXIT_ERRORS
