"""The word-level diff the review view shows between last year's answer and this year's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from questionnaire.wordiff import diff_summary, value_text, word_diff


def side(chunks: Sequence[tuple[str, str]], skip: str) -> str:
    return "".join(text for op, text in chunks if op != skip)


def test_unchanged_text_is_one_equal_chunk_and_reads_invariato() -> None:
    text = "Gli obiettivi sono coerenti con il Piano."
    assert word_diff(text, text) == [("equal", text)]
    assert diff_summary(text, text) == "invariato"


def test_a_replaced_word_is_deleted_then_inserted() -> None:
    chunks = word_diff("il piano 2024-2026 è coerente", "il piano 2025-2027 è coerente")
    assert chunks == [
        ("equal", "il piano "),
        ("delete", "2024-2026 "),
        ("insert", "2025-2027 "),
        ("equal", "è coerente"),
    ]
    assert diff_summary("il piano 2024-2026 è coerente", "il piano 2025-2027 è coerente") == "1 parola cambiata"


def test_changed_words_are_counted() -> None:
    old = "Gli obiettivi strategici sono otto e coerenti"
    new = "Gli obiettivi operativi sono nove e coerenti con il mandato"
    assert diff_summary(old, new) == "5 parole cambiate"  # two replaced, three added
    # Punctuation belongs to its word: "coerenti." → "coerenti," is one changed word.
    assert diff_summary("sono coerenti.", "sono coerenti, anzi") == "2 parole cambiate"


def test_a_changed_space_does_not_count_as_a_changed_word() -> None:
    old, new = "prima riga\nseconda riga", "prima riga seconda  riga"
    assert diff_summary(old, new) == "cambiati solo spazi e a capo"
    assert ("equal", "seconda") in word_diff(old, new)


def test_new_and_removed_answers_are_named() -> None:
    assert diff_summary("", "Nuova risposta") == "nuovo"
    assert diff_summary("Vecchia risposta", "") == "cancellato"


def test_stored_values_become_text_to_compare() -> None:
    assert value_text(["Excel", "Infocamere"]) == "Excel\nInfocamere"
    assert value_text(dt.date(2024, 2, 26)) == "26/02/2024"
    assert value_text(22) == "22"
    assert value_text(None) == ""


words = st.lists(st.sampled_from(["a", "b", "c", "obiettivi", "è", " ", "  ", "\n", "\t"]), max_size=30)


@given(words.map("".join), words.map("".join))
def test_the_chunks_rebuild_both_texts(old: str, new: str) -> None:
    chunks = word_diff(old, new)
    assert side(chunks, "insert") == old
    assert side(chunks, "delete") == new
    assert all(text for _op, text in chunks)
    assert all(a[0] != b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert (diff_summary(old, new) == "invariato") == (old == new)
