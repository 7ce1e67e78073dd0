"""``oivtui export FILE``: the report in Markdown, HTML or PDF, on stdout or to a file."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from oivtui.cli.output import count, refuse_target, say, write_file, write_stdout
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from oivtui.files.storage import load

    path = Path(args.path)
    out = Path(args.output) if args.output else None
    if out is not None and _same_file(out, path):
        say(f"oivtui: {out}: è il file di sessione stesso; il resoconto va scritto in un altro file.")
        return EXIT_BAD_INPUT
    refusal = refuse_target(out) if out is not None else ""
    if refusal:
        say(f"oivtui: {refusal}")
        return EXIT_BAD_INPUT
    fmt, message = export_format(out, args.format)
    if message:
        say(f"oivtui: {message}")
        return EXIT_BAD_INPUT
    if fmt == "pdf" and out is None and sys.stdout.isatty():
        say(f"oivtui: {PDF_ON_TERMINAL}")
        return EXIT_BAD_INPUT
    session = load(path)
    # Deferred: the report pulls in markdown-it, that only export needs.
    from oivtui.reports import render as report

    draft, blocking = report.is_draft(session, True if args.bozza else None)
    text: str | bytes
    provenance = not args.senza_impronta
    if fmt == "pdf":
        text = report.render_pdf(session, draft=draft, provenance=provenance)
    else:
        text = (report.render_html if fmt == "html" else report.render_markdown)(
            session, draft=draft, provenance=provenance
        )
    if out is None:
        write_stdout(text)
    elif not write_file(out, text, private=False):
        return EXIT_BAD_INPUT
    else:
        say(f"Resoconto scritto in {out}.")
    if draft:
        say(f"Nota: il resoconto è segnato come BOZZA{_why_draft(len(blocking), len(session.to_review), path)}")
    return EXIT_OK


#: The report's format named by the output file's extension (lower case).
EXTENSION_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
#: Formats a user may expect from the extension but oivtui cannot write yet.
NOT_YET = {".docx": "Word", ".odt": "OpenDocument"}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}
PDF_ON_TERMINAL = (
    "il PDF non si scrive sul terminale. Indica un file (-o resoconto.pdf) o reindirizza l'uscita "
    "(oivtui export FILE --format pdf > resoconto.pdf)."
)


def export_format(out: Path | None, asked: str | None) -> tuple[str, str]:
    """(format, "") for ``export``: the one of ``-o``'s extension, else ``--format``, else Markdown;
    ("", Italian message) when the two disagree or the extension names a format not written yet.

    An extension oivtui does not know (``.txt``, none) leaves the choice to ``--format``
    (Markdown without it): a report is text, and a name like ``resoconto-2024`` is fine.
    """
    suffix = out.suffix.lower() if out is not None else ""
    if suffix in NOT_YET:
        return "", (
            f"{out}: formato {NOT_YET[suffix]} non ancora disponibile. Esporta in Markdown (.md), in "
            "HTML (.html) o in PDF (.pdf)."
        )
    implied = EXTENSION_FORMATS.get(suffix)
    if implied and asked and asked != implied:
        return "", (
            f"{out}: l'estensione {suffix} indica il formato {FORMAT_NAMES[implied]}, ma --format "
            f"chiede {FORMAT_NAMES[asked]}. Togli --format o cambia l'estensione del file."
        )
    return implied or asked or "md", ""


def _why_draft(blocking: int, pending: int, path: Path) -> str:
    if not blocking and not pending:
        return " (--bozza)."
    counts = []
    if blocking:
        counts.append(count(blocking, "risposta mancante o da correggere", "risposte mancanti o da correggere"))
    if pending:
        counts.append(count(pending, "passo da rivedere", "passi da rivedere"))
    them = "li" if pending else "le"  # "le risposte", "i passi"
    return f": {', '.join(counts)} (oivtui validate {shlex.quote(str(path))} {them} elenca)."


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass  # one of them does not exist (yet): compare the resolved names instead
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop: not the session file, which loads fine
        return False
