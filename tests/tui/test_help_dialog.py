"""The help (Ctrl+G / F1) at 80×24: it scrolls, its wrapped lines keep their indent, and it names
every key, Ctrl+L on the index included."""

from __future__ import annotations

from pathlib import Path

from oivtui.tui.app import OivApp
from screens.compat import screen_strips
from screens.dialogs.notice import Notice
from screens.widgets.hanging import wrap_hanging
from tests.tui.effects import SIZE, fresh
from tests.tui.helpers import wait_for


def screen_text(app: OivApp) -> list[str]:
    return [strip.text for strip in screen_strips(app.screen)]


def inside_box(line: str) -> str:
    """A line of the dialog without its frame (█ … █) and the box's padding."""
    return line.split("█")[1][1:] if line.count("█") >= 2 else ""


async def test_wrapped_key_descriptions_stay_in_their_column_at_80_columns(tmp_path: Path) -> None:
    app = fresh(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, Notice), "the help")
        await pilot.pause()
        seen: list[str] = []
        for _ in range(8):  # page by page, the focus on «Chiudi»
            seen.extend(inside_box(line) for line in screen_text(app))
            await pilot.press("pagedown")
            await pilot.pause()
        at = next(i for i, line in enumerate(seen) if line.startswith("  Ctrl+F  F3   confronta"))
        assert seen[at + 1].startswith(" " * 15 + "(sessioni"), seen[at : at + 2]  # under «confronta»
        assert any(line.startswith("  Ctrl+R  F9") for line in seen)
        assert any(line.startswith("  Ctrl+Q       salva ed esci") for line in seen)  # the last key: reached


def test_ctrl_l_on_the_index_hiding_it_is_in_the_help() -> None:
    from oivtui.tui.help import KEYS

    assert "Ctrl+L  F2   indice dei passi (Invio per saltare); sull'indice lo nasconde" in KEYS


def test_a_hand_wrapped_line_is_joined_and_wrapped_again_under_its_description() -> None:
    text = "  1, 2, 3…     sceglie quell'opzione; una lettera\n               va all'opzione che inizia con essa"
    assert wrap_hanging(text, 40).split("\n") == [
        "  1, 2, 3…     sceglie quell'opzione;",
        "               una lettera va",
        "               all'opzione che inizia",
        "               con essa",
    ]
