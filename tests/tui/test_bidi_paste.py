"""A bidi control pasted into a field is taken out and the user is told, as for any control
character: «Roma \u202egnp.exe\u202c» would show as «Roma exe.png» (issue 26)."""

from __future__ import annotations

from pathlib import Path

from oivtui.files import storage
from tests.tui.helpers import box, new_app
from tests.tui.test_fields_input import SIZE, notices, paste


async def test_a_pasted_bidi_override_is_removed_and_said(tmp_path: Path) -> None:
    seen: list[object] = []
    path = tmp_path / "s.toml"
    app = new_app(path)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await pilot.pause()
        box(app, "header/administration").focus_input()
        await pilot.pause()
        await paste(pilot, "Comune di \u202egnp.exe\u202c")
        said = "Dati generali – Amministrazione: tolti dal testo incollato i caratteri di controllo (non stampabili)."
        assert said in notices(seen)
        await pilot.press("ctrl+q")
    assert storage.load(path).answers.get("header/administration") == "Comune di gnp.exe"
    assert "\u202e" not in path.read_text("utf-8")
