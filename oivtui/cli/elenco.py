"""``oivtui elenco [--json]``: the saved sessions, most urgent first, with deadline and state.

The same list as the start screen, for a script or a cron job: no terminal needed. A file that
cannot be read is listed with the reason and never stops the list; a data folder that cannot be
read is exit 2.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from oivtui.cli.output import say
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_OK

if TYPE_CHECKING:
    import datetime as dt

    from oivtui.files.catalog import Entry, Summary


def cmd_elenco(args: argparse.Namespace) -> int:
    from oivtui.files import catalog, storage
    from oivtui.files.summarycache import SummaryCache
    from questionnaire.deadline import today

    folder = storage.data_dir()
    try:
        entries = catalog.list_sessions(folder)
    except OSError as exc:
        say(
            f"oivtui: impossibile leggere la cartella delle sessioni {folder} ({storage.errno_hint(exc)}). "
            "Controlla che esista e che si possa leggere."
        )
        return EXIT_BAD_INPUT
    cache = SummaryCache(folder)
    pairs = catalog.by_urgency([(e, None if e.copy_of else cache.summarise(e)) for e in entries])
    cache.save(entries)
    on = today()
    if args.json:
        print(json.dumps([as_json(e, s, on) for e, s in pairs], ensure_ascii=False, indent=2))
    else:
        for entry, summary in pairs:
            print(as_line(entry, summary, on))
        if not entries:
            say(f"Nessuna sessione salvata in {folder}.")
    return EXIT_OK


def as_json(entry: Entry, summary: Summary | None, on: dt.date) -> dict[str, Any]:
    item: dict[str, Any] = {"file": str(entry.path)}
    if entry.copy_of:
        copied = entry.copied.isoformat(timespec="seconds") if entry.copied else None
        return item | {"copy_of": str(entry.path.with_name(entry.copy_of)), "copied": copied}
    if summary is None or summary.error:
        return item | {"error": summary.error if summary else "non letto"}
    iso = lambda day: day.isoformat() if day else None  # noqa: E731
    return item | {
        "administration": summary.administration,
        "triennium": summary.triennium,
        "piao_date": iso(summary.piao_date),
        "deadline": iso(summary.deadline),
        "days_left": summary.days_left(on),
        "missing": summary.missing,
        "errors": summary.errors,
        "complete": summary.complete,
    }


def as_line(entry: Entry, summary: Summary | None, on: dt.date) -> str:
    """Administration, triennium, deadline, days left, state, file: columns split by « · »."""
    from oivtui.ask.lines import printable
    from questionnaire.deadline import days_left_text

    if entry.copy_of:
        when = f"{entry.copied:%d/%m/%Y %H:%M}" if entry.copied else ""
        return printable(f"copia del {when} di {entry.copy_of} · {entry.path}")
    if summary is None or summary.error:
        reason = (summary.error if summary else "non letto").replace("\n", " ")
        return printable(f"⚠ file non leggibile: {reason} · {entry.path}")
    if summary.deadline is None:
        due = "data di adozione non indicata: scadenza sconosciuta"
    else:
        due = f"scadenza {summary.deadline:%d/%m/%Y} · {days_left_text(summary.days_left(on) or 0)}"
    name = summary.administration or "(senza nome)"
    return printable(f"{name} · {summary.triennium or '-'} · {due} · {summary.state} · {entry.path}")
