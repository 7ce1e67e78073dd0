"""The seven kinds of field of the packaged forms, registered with every piece."""

from __future__ import annotations

from questionnaire.form.kinds.numbers import (
    check_date,
    check_integer,
    check_triennium,
    date_in_report,
    holds_date,
    holds_integer,
    integer_in_report,
    parse_date,
    parse_integer,
    parse_triennium_answer,
    stored_date,
    stored_integer,
)
from questionnaire.form.kinds.registry import Kind, register
from questionnaire.form.kinds.text import (
    as_typed,
    check_choice,
    check_line,
    check_lines,
    check_text,
    format_plain,
    holds_lines,
    holds_text,
    parse_choice,
    parse_line,
    parse_lines,
    parse_text,
    stored_lines,
    stored_text,
)

register(
    Kind(
        name="text",
        label="testo",
        shape="text",
        parse=parse_text,
        format=format_plain,
        check=check_text,
        stored=stored_text,
        typed=False,
        holds=holds_text,
        compared_as=None,
        placeholder="",
        narrow=False,
        shown_as_kept=False,
        ask_hint="Testo libero, anche su più righe; una riga vuota termina.",
        numeric=False,
        in_report=as_typed,
    )
)
register(
    Kind(
        name="lines",
        label="elenco",
        shape="list",
        parse=parse_lines,
        format=format_plain,
        check=check_lines,
        stored=stored_lines,
        typed=False,
        holds=holds_lines,
        compared_as=None,
        placeholder="",
        narrow=False,
        shown_as_kept=False,
        ask_hint="Un elemento per riga; una riga vuota termina.",
        numeric=False,
        in_report=as_typed,
    )
)
register(
    Kind(
        name="line",
        label="riga di testo",
        shape="line",
        parse=parse_line,
        format=format_plain,
        check=check_line,
        stored=stored_text,
        typed=False,
        holds=holds_text,
        compared_as=str,
        placeholder="",
        narrow=False,
        shown_as_kept=False,
        ask_hint="Una riga.",
        numeric=False,
        in_report=as_typed,
    )
)
register(
    Kind(
        name="choice",
        label="risposta breve",
        shape="options",
        parse=parse_choice,
        format=format_plain,
        check=check_choice,
        stored=stored_text,
        typed=False,
        holds=holds_text,
        compared_as=str,
        placeholder="",
        narrow=False,
        shown_as_kept=False,
        ask_hint="Scrivi il numero della scelta.",
        numeric=False,
        in_report=as_typed,
    )
)
register(
    Kind(
        name="integer",
        label="numero intero",
        shape="line",
        parse=parse_integer,
        format=format_plain,
        check=check_integer,
        stored=stored_integer,
        typed=True,
        holds=holds_integer,
        compared_as=int,
        placeholder="0",
        narrow=True,
        shown_as_kept=False,
        ask_hint="Numero intero, da 0 in su.",
        numeric=True,
        in_report=integer_in_report,
    )
)
register(
    Kind(
        name="date",
        label="data",
        shape="line",
        parse=parse_date,
        format=format_plain,
        check=check_date,
        stored=stored_date,
        typed=True,
        holds=holds_date,
        compared_as=None,
        placeholder="GG/MM/AAAA",
        narrow=True,
        shown_as_kept=True,
        ask_hint="Data, per esempio 26/02/2024.",
        numeric=False,
        in_report=date_in_report,
    )
)
register(
    Kind(
        name="triennium",
        label="triennio",
        shape="line",
        parse=parse_triennium_answer,
        format=format_plain,
        check=check_triennium,
        stored=stored_text,
        typed=False,
        holds=holds_text,
        compared_as=None,
        placeholder="es. 2024-2026",
        narrow=True,
        shown_as_kept=True,
        ask_hint="Triennio: il primo e l'ultimo dei tre anni, per esempio 2025-2027.",
        numeric=False,
        in_report=as_typed,
    )
)
