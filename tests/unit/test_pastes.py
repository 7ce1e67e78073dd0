"""Pastes are cleaned of escape sequences and control characters, however the reads split them."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from oivtui.tui.pastes import END, START, PasteCleaner, clean


def run(pieces: list[str]) -> tuple[str, bool]:
    cleaner = PasteCleaner()
    out = "".join(cleaner.feed(piece) for piece in pieces)
    return out, cleaner.removed


def test_colours_and_bells_inside_a_paste_go_tabs_and_lines_stay() -> None:
    text = f"x{START}J\x1b[31mK\x07L\tM\r\nN\x7f\x01{END}y"
    assert run([text]) == (f"x{START}JKL\tM\r\nN{END}y", True)


def test_keys_outside_a_paste_pass_untouched() -> None:
    keys = "ab\x1b[A\x1bOP\x07\x7f\tc"
    assert run([keys]) == (keys, False)


@pytest.mark.parametrize("cut", range(1, 30))
def test_a_paste_split_anywhere_across_two_reads_comes_out_the_same(cut: int) -> None:
    text = f"a{START}J\x1b[31mK\x1b]0;title\x07L{END}b"
    whole, _ = run([text])
    assert run([text[:cut], text[cut:]])[0] == whole == f"a{START}JKL{END}b"


@given(
    st.text(alphabet=st.sampled_from(["a", "\x1b", "[", "3", "1", "m", "\x07", "\n", "~", "2", "0"]), max_size=40),
    st.lists(st.integers(min_value=0, max_value=60), max_size=4),
)
def test_whatever_is_pasted_the_paste_ends_and_holds_no_control(body: str, cuts: list[int]) -> None:
    assume(END not in body and START not in body)  # a terminal never sends them inside a paste
    text = f"{START}{body}{END}z"
    points = sorted({c for c in cuts if 0 < c < len(text)})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    out, _ = run(pieces)
    assert out.startswith(START) and out.endswith(f"{END}z")
    inner = out[len(START) : -len(END) - 1]
    assert inner == clean(inner)
    assert "\x1b" not in inner
