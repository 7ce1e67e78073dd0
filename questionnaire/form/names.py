"""Several names typed on one line of a «one per line» field («Prof. Mario Rossi, Dott.ssa Anna
Bianchi»): found, and put one per line."""

from __future__ import annotations

import re

#: Between two names on one line: a comma or a semicolon.
SEPARATOR = re.compile(r"\s*[,;]\s*")


def split_names(line: str) -> list[str]:
    """The names of ``line`` when it holds several, each of two words at least («Prof. Mario
    Rossi, Dott.ssa Anna Bianchi»); else ``[line]``. «Rossi, Mario» (a surname, then the name)
    stays one: a single word is no name on its own."""
    parts = [part for part in SEPARATOR.split(line.strip()) if part]
    if len(parts) > 1 and all(len(part.split()) >= 2 for part in parts):
        return parts
    return [line]


def crowded_lines(lines: list[str]) -> list[str]:
    """The lines of ``lines`` that hold several names."""
    return [line for line in lines if len(split_names(line)) > 1]


def one_per_line(lines: list[str]) -> list[str]:
    """``lines`` with each line of several names split into one line per name."""
    return [name for line in lines for name in split_names(line)]
