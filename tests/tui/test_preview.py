"""The preview (Alt+A): the report's opening painted at once, the rest laid out after it, all of it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown

from oivtui.files import storage
from oivtui.files.example import example_text
from oivtui.reports.render import render_markdown
from oivtui.tui.app import OivApp
from screens.compat import screen_strips
from screens.dialogs.preview import FIRST_LINES, Preview, split_report
from tests.tui.effects import SIZE
from tests.tui.helpers import wait_for


def example(tmp_path: Path) -> OivApp:
    path = tmp_path / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    return OivApp(storage.load(path))


def shown(app: OivApp) -> str:
    return "\n".join(strip.text for strip in screen_strips(app.screen))


async def test_the_preview_shows_the_reports_opening_first_then_all_of_it(tmp_path: Path) -> None:
    app = example(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("alt+a")
        await wait_for(pilot, lambda: isinstance(app.screen, Preview), "the preview")
        preview: Preview = app.screen  # type: ignore[assignment]
        assert len(preview.parts) > 1 and "".join(preview.parts) == render_markdown(app.opened)
        assert len(preview.parts[0].splitlines()) <= 2 * FIRST_LINES  # composed with the opening alone
        await wait_for(pilot, lambda: "Camera di Commercio di Brescia" in shown(app), "the opening painted")
        await wait_for(pilot, lambda: preview.complete, "every part laid out")
        await pilot.pause()
        assert [md.source for md in preview.query(Markdown)] == preview.parts
        await pilot.press("end")  # the report's end is there to scroll to
        await wait_for(pilot, lambda: "Prof. Cristian Carini" in shown(app), "the signature at the end")


def test_the_parts_begin_at_headings_and_join_into_the_report(tmp_path: Path) -> None:
    path = tmp_path / "esempio.toml"
    path.write_text(example_text(), "utf-8")
    markdown = render_markdown(storage.load(path))
    parts = split_report(markdown)
    assert "".join(parts) == markdown
    assert len(parts[0].splitlines()) >= FIRST_LINES
    assert all(part.startswith("#") for part in parts[1:])


def test_a_heading_inside_a_fenced_block_or_right_after_text_is_no_place_to_cut() -> None:
    markdown = "a\n\nb\n\nc\n\n```\n\n# not a heading\n```\n\nd\n# not after a blank line\n\n# here\ne\n"
    assert split_report(markdown, first_lines=2, part_lines=2) == [
        "a\n\nb\n\nc\n\n```\n\n# not a heading\n```\n\nd\n# not after a blank line\n\n",
        "# here\ne\n",
    ]
