"""Several names on one line of the signatories: found and split, one per line."""

from __future__ import annotations

from questionnaire.form.names import crowded_lines, one_per_line, split_names


def test_a_line_of_names_separated_by_commas_is_split() -> None:
    assert split_names("Prof. Mario Rossi, Dott.ssa Anna Bianchi") == ["Prof. Mario Rossi", "Dott.ssa Anna Bianchi"]
    assert split_names("Mario Rossi; Anna Bianchi ;Luca Verdi") == ["Mario Rossi", "Anna Bianchi", "Luca Verdi"]


def test_a_surname_then_a_name_stays_one_line() -> None:
    assert split_names("Rossi, Mario") == ["Rossi, Mario"]
    assert split_names("Prof. Cristian Carini") == ["Prof. Cristian Carini"]


def test_only_the_crowded_lines_are_split_in_place() -> None:
    lines = ["Prof. Cristian Carini", "Prof. Mario Rossi, Dott.ssa Anna Bianchi", "Rossi, Mario"]
    assert crowded_lines(lines) == ["Prof. Mario Rossi, Dott.ssa Anna Bianchi"]
    assert one_per_line(lines) == [
        "Prof. Cristian Carini",
        "Prof. Mario Rossi",
        "Dott.ssa Anna Bianchi",
        "Rossi, Mario",
    ]
