"""``oivtui validate FILE``: every problem of a session, one line each, in the words the app uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oivtui.ask.lines import printable
from oivtui.cli.output import count, say
from oivtui.cli.parser import EXIT_ERRORS, EXIT_OK

if TYPE_CHECKING:
    from oivtui.files.session import Session
    from questionnaire.form.model import Form
    from questionnaire.form.rules import Problem


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
    say(f"{path}: {_summary(errors, warnings, draft=args.bozza, to_give=to_give)}")
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
    said = count(errors, "errore", "errori") if errors else "nessun errore"
    if warnings:
        said += f", {count(warnings, 'avviso', 'avvisi')}"
    if to_give:
        said += f", {count(to_give, 'risposta da completare', 'risposte da completare')}"
    if draft:
        said += " (bozza: le risposte mancanti non sono errori)"
    return said + "."
