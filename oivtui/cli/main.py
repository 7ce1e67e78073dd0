"""The ``oivtui`` command: headless example/validate/export, and the commands that open the TUI."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui.ask.lines import printable
from oivtui.cli.import_parser import cmd_import
from oivtui.cli.parser import EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, build_parser

if TYPE_CHECKING:
    from oivtui.files.lock import SessionLock
    from oivtui.files.session import Session
    from questionnaire.form.model import Form
    from questionnaire.form.rules import Problem

# Nothing heavy is imported here: storage (tomli-w and the rules), the report (markdown-it) and
# Textual are imported inside the commands that use them (tests/unit/test_lazy_imports.py),
# so that `oivtui validate` and `oivtui export` never load Textual at all.


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the return value is the process exit code."""
    _tolerant_streams()
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe must show up here, not in the interpreter's last flush
        return code
    except KeyboardInterrupt:
        _say("\nInterrotto.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    from oivtui.files.storage import SessionError

    try:
        return COMMANDS[args.command or "start"](args)
    except SessionError as exc:
        _say(f"oivtui: {_explained(str(exc), args)}")
        return EXIT_BAD_INPUT


def _explained(message: str, args: argparse.Namespace) -> str:
    given = getattr(args, "path", None)
    if not isinstance(given, str) or not args.command:
        return message
    from oivtui.files.pathhints import explained

    # The command the hint suggests again, with the arguments before the session (verify's report).
    command = f"verify {shlex.quote(args.report)}" if args.command == "verify" else args.command
    return explained(message, command, given)


# ---------------------------------------------------------------- headless commands


def cmd_example(args: argparse.Namespace) -> int:
    from oivtui.files.example import example_text

    path = Path(args.path)
    if os.path.lexists(path):
        _say(f"oivtui: {path}: esiste già e oivtui non sovrascrive file esistenti. Scegli un altro nome.")
        return EXIT_BAD_INPUT
    if not _write(path, example_text()):
        return EXIT_BAD_INPUT
    print(f"Sessione di esempio scritta in {path.absolute()}.")
    print(f"Per aprirla:         oivtui open {shlex.quote(str(path))}")
    print(f"Per controllarla:    oivtui validate {shlex.quote(str(path))}")
    print(f"Per il resoconto:    oivtui export {shlex.quote(str(path))} > resoconto.md")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from oivtui.files.storage import load
    from questionnaire.form.rules import INCOMPLETE, validate

    path = Path(args.path)
    session = load(path)
    problems = validate(session.form, session.answers, final=not args.bozza)
    for problem in problems:
        print(problem_line(session.form, problem))
    review = review_lines(session, final=not args.bozza)
    for line in review:
        print(line)
    sys.stdout.flush()
    errors = sum(1 for p in problems if p.is_error) + (0 if args.bozza else len(review))
    to_give = sum(1 for p in problems if p.code == INCOMPLETE)
    warnings = len(problems) + len(review) - errors - to_give
    _say(f"{path}: {_summary(errors, warnings, draft=args.bozza, to_give=to_give)}")
    return EXIT_ERRORS if errors else EXIT_OK


def review_lines(session: Session, final: bool) -> list[str]:
    """One line per step carried over from last year and not confirmed: an error for the final version."""
    from questionnaire.carryover import pending_names

    label = "" if final else "avviso: "
    origin = "importato da un documento" if session.imported is not None else "ripreso dall'anno scorso"
    pending = zip(session.to_review, pending_names(session.form, session.to_review), strict=True)
    return [
        printable(f"{name}: {label}da rivedere: è {origin} e non è ancora confermato. [{step}]")
        for step, name in pending
    ]


def problem_line(form: Form, problem: Problem) -> str:
    """``place: message [question/field]``: the place in the words the app uses («Blocco 1 – 1.1
    Gli obiettivi…», «Dati generali – Amministrazione»), the field's address in the session file
    last; ``avviso:`` before a warning's message, ``da completare:`` before an answer a draft
    still lacks."""
    label = "" if problem.is_error else "da completare: " if problem.code == "incomplete" else "avviso: "
    from questionnaire.form.places import place

    line = f"{place(form, problem.address)}: {label}{problem.message} [{problem.address}]"
    return printable(line.replace("\r\n", " ").replace("\n", " "))


def _summary(errors: int, warnings: int, draft: bool, to_give: int = 0) -> str:
    said = _count(errors, "errore", "errori") if errors else "nessun errore"
    if warnings:
        said += f", {_count(warnings, 'avviso', 'avvisi')}"
    if to_give:
        said += f", {_count(to_give, 'risposta da completare', 'risposte da completare')}"
    if draft:
        said += " (bozza: le risposte mancanti non sono errori)"
    return said + "."


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def cmd_export(args: argparse.Namespace) -> int:
    from oivtui.files.storage import load

    path = Path(args.path)
    out = Path(args.output) if args.output else None
    if out is not None and _same_file(out, path):
        _say(f"oivtui: {out}: è il file di sessione stesso; il resoconto va scritto in un altro file.")
        return EXIT_BAD_INPUT
    if out is not None and out.is_dir():
        _say(f"oivtui: {out}: è una cartella; indica il nome del file del resoconto.")
        return EXIT_BAD_INPUT
    fmt, message = export_format(out, args.format)
    if message:
        _say(f"oivtui: {message}")
        return EXIT_BAD_INPUT
    if fmt == "pdf" and out is None and sys.stdout.isatty():
        _say(f"oivtui: {PDF_ON_TERMINAL}")
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
        _write_stdout(text)
    elif not _write(out, text, private=False):
        return EXIT_BAD_INPUT
    else:
        _say(f"Resoconto scritto in {out}.")
    if draft:
        _say(f"Nota: il resoconto è segnato come BOZZA{_why_draft(len(blocking), len(session.to_review), path)}")
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
        counts.append(_count(blocking, "risposta mancante o da correggere", "risposte mancanti o da correggere"))
    if pending:
        counts.append(_count(pending, "passo da rivedere", "passi da rivedere"))
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


def cmd_ask(args: argparse.Namespace) -> int:
    # Deferred like the rest; ask never imports Textual.
    from oivtui.ask.walk import run

    return run(Path(args.path))


def cmd_verify(args: argparse.Namespace) -> int:
    from oivtui.files.storage import load
    from oivtui.reports.verify import read_report, verify

    report_path, path = Path(args.report), Path(args.path)
    try:
        text = read_report(report_path)
    except ValueError as exc:
        _say(f"oivtui: {exc}")
        return EXIT_BAD_INPUT
    verdict = verify(text, load(path))
    for message in verdict.messages:
        print(printable(f"{report_path}: {message}"))
    return EXIT_OK if verdict.ok else EXIT_ERRORS


# ---------------------------------------------------------------- the TUI


def cmd_tui(args: argparse.Namespace) -> int:
    """``oivtui``, ``oivtui new [FILE]``, ``oivtui open FILE``: check what we can, then start the app."""
    from oivtui.tui import collector

    collector.hold()  # until the app's first paint: the start makes objects to keep, not garbage
    try:
        return _start_tui(args)
    finally:
        collector.release(keep=False)  # the app never painted (a file that failed, no terminal): resumed


def _start_tui(args: argparse.Namespace) -> int:
    path = Path(args.path) if getattr(args, "path", None) else None
    new = args.command == "new"
    if new and path is not None and os.path.lexists(path):
        _say(f"oivtui: {path}: esiste già. Per riprenderla: oivtui open {shlex.quote(str(path))}")
        return EXIT_BAD_INPUT
    session: Session | None = None
    lock: SessionLock | None = None
    if args.command == "open":
        from oivtui.files.opening import lock_and_load

        # Locked, then read, once for the whole start: a broken file fails here (SessionError),
        # before the screen is taken over. Held by someone else: read unlocked, and the app asks.
        lock, session = lock_and_load(path)  # type: ignore[arg-type]
    from_previous = Path(args.from_previous) if getattr(args, "from_previous", None) else None
    form_id = getattr(args, "form_id", None)
    if form_id is not None and from_previous is not None:
        _say(
            "oivtui: --modulo e --from non vanno insieme: la sessione dell'anno scorso porta già il suo modulo "
            "(la riga form = del file)."
        )
        return EXIT_BAD_INPUT
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        if from_previous is not None and not interactive:
            return carry_over_headless(from_previous, path)
        if form_id is not None and not interactive:
            return new_on_form_headless(form_id, path)
        if not interactive:
            _say(
                "oivtui: l'interfaccia ha bisogno di un terminale interattivo (via ssh: ssh -t server oivtui). "
                "Senza terminale si possono usare validate, export e ask."
            )
            return EXIT_BAD_INPUT
        # Deferred: Textual is most of the start's imports, and validate/export must not load it at all.
        from oivtui.tui.launch import run_app

        result = run_app(path=path, new=new, from_previous=from_previous, session=session, lock=lock, form_id=form_id)
        return result if isinstance(result, int) else EXIT_OK
    finally:
        if lock is not None:
            lock.release()  # a no-op once the app has released it; needed when it never started


def carry_over_headless(last: Path, path: Path | None) -> int:
    """``oivtui new --from LAST [FILE]`` without a terminal: create the file and say what to do next."""
    from oivtui.files.carryover import create
    from oivtui.files.storage import data_dir

    done, message = create(last, path, data_dir())
    if done is None:
        _say(f"oivtui: {message}")
        return EXIT_BAD_INPUT
    return _created(done.session.path, f"dalla sessione dell'anno scorso {last}", done.notes)


def new_on_form_headless(form_id: str, path: Path | None) -> int:
    """``oivtui new --modulo MODULO [FILE]`` without a terminal: create the file on that form (``oivtui
    ask`` would start the default one) and say what to do next."""
    from oivtui.files import storage
    from oivtui.files.errors import errno_hint
    from oivtui.files.newsession import new_session

    folder = storage.data_dir()
    made: Path | None = None
    try:
        session, message = new_session(path, folder, form_id)  # makes the data folder the first time
        if session is not None and session.path is not None:
            storage.save(session)
            made = session.path
    except (storage.SaveError, OSError) as exc:
        cause = exc if isinstance(exc, OSError) else exc.__context__  # what save_error() translated
        where = path or folder
        hint = errno_hint(cause, where) if isinstance(cause, OSError) else str(exc)
        message = f"impossibile creare {where}: {hint}."
    if made is None:
        _say(f"oivtui: {message}")
        return EXIT_BAD_INPUT
    return _created(made, f"sul modulo {form_id}")


def _created(path: Path | None, origin: str, notes: Sequence[str] = ()) -> int:
    """What a ``new`` without a terminal says once it has made the file: where, from what, and how
    to fill it in."""
    target = shlex.quote(str(path))
    print(printable(f"Nuova sessione {path} {origin}."))
    for note in notes:
        print(printable(note))
    print(f"Per compilarla:         oivtui open {target}")
    print(f"A righe semplici:       oivtui ask {target}")
    return EXIT_OK


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
}


# ---------------------------------------------------------------- output


def _write(path: Path, text: str | bytes, *, private: bool = True) -> bool:
    """Write ``text`` atomically; False (with the reason said) when it cannot be written. A report
    (``private=False``) gets the user's umask, a session file 0600."""
    from oivtui.files.storage import SaveError, errno_hint, write_atomic

    try:
        write_atomic(path, text if isinstance(text, bytes) else text.encode("utf-8"), private=private)
    except SaveError as exc:
        cause = exc.__context__  # the OSError that save_error() translated
        reason = str(exc)
        if isinstance(cause, OSError):
            reason = errno_hint(cause, path)
        _say(f"oivtui: {path}: scrittura non riuscita ({reason}). Nessun file è stato modificato.")
        return False
    return True


def _write_stdout(text: str | bytes) -> None:
    """The report as UTF-8 whatever the locale (a PDF as is); control characters shown harmlessly
    on a terminal."""
    if isinstance(text, str) and sys.stdout.isatty():
        text = printable(text)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text if isinstance(text, str) else text.decode("latin-1"))
    else:
        sys.stdout.flush()
        buffer.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    sys.stdout.flush()


def _say(message: str) -> None:
    print(printable(message), file=sys.stderr, flush=True)


def _tolerant_streams() -> None:
    """A terminal in an odd encoding gets ``\\xe8`` rather than a UnicodeEncodeError traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout has no descriptor (embedded use): nothing will be flushed to a pipe
