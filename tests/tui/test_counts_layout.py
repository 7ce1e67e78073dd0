"""The summary annex at 80 columns: each count's label and its number stay apart."""

from __future__ import annotations

import re
from pathlib import Path

from oivtui.files.example import example_session
from oivtui.tui.app import OivApp
from tests.tui.helpers import current, goto, shown_lines

SIZE = (80, 24)


async def test_every_count_label_is_apart_from_its_number_at_80_columns(tmp_path: Path) -> None:
    session = example_session()
    session.path = tmp_path / "s.toml"
    app = OivApp(session)
    async with app.run_test(size=SIZE) as pilot:
        view = await goto(pilot, "annex")
        checked = 0
        for address, box in view.boxes().items():
            value = session.answers.get(address)
            if value is None:
                continue
            box.scroll_visible(top=True, animate=False, immediate=True)
            await pilot.pause()
            first = shown_lines(app, box)[0]
            # «Numero obiettivi operativi con risorse 17», never «…con risorse17»
            assert re.search(rf"[^\d\s]\s+{value}$", first), (address, first)
            checked += 1
        assert checked >= 15
        assert current(app).step_id == "annex"
