"""The report is one walk of the form (questionnaire/report/blocks.py) that the Markdown and the PDF
both render: neither layout reads the form or the answers itself, and the Markdown escapes only the
words a user typed."""

from __future__ import annotations

import ast
from pathlib import Path

from oivtui.files.example import example_session
from oivtui.reports.render import render_markdown, report_data
from questionnaire.report.blocks import Heading, Para, Text, report_blocks
from questionnaire.report.markdown import markdown

ROOT = Path(__file__).resolve().parents[2]
#: What a walk of the form needs: a layout that imports these walks the form a second time.
WALK = {"questionnaire.form.answers", "questionnaire.form.model", "questionnaire.carryover", "questionnaire.form.rules"}


def imports(path: Path) -> list[ast.ImportFrom]:
    return [node for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.ImportFrom)]


def test_the_markdown_and_the_pdf_render_the_blocks_and_do_not_walk_the_form() -> None:
    for layout in ("report/markdown.py", "report/pdf/typeset.py"):
        modules = {node.module for node in imports(ROOT / "questionnaire" / layout)}
        assert not modules & WALK, layout


def test_no_private_name_is_imported_from_another_module() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {alias.name}"
        for floor in ("questionnaire", "screens", "oivtui")
        for path in sorted((ROOT / floor).rglob("*.py"))
        for node in imports(path)
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert found == []


def test_only_the_words_a_user_typed_are_escaped() -> None:
    line = Text("**Nota** 1. ", Text.typed("*x* # 1. y"), " _z_")
    assert line == "**Nota** 1. *x* # 1. y _z_"  # the plain text a layout that need not know reads
    assert markdown(line) == "**Nota** 1. \\*x\\* # 1. y _z_"
    assert markdown(Text("# ", Text.typed("# a\n- b")), heading=True) == "# \\# a\\\n\\- b"


def test_the_markdown_report_is_its_blocks_in_order() -> None:
    """Each heading and paragraph of the walk is in the Markdown, in the walk's order."""
    session = example_session()
    _draft, blocks = report_blocks(report_data(session))
    report = render_markdown(session)
    at = 0
    for block in blocks:
        if isinstance(block, Heading):
            wanted = f"{'#' * block.level} {markdown(block.text, heading=True)}\n"
        elif isinstance(block, Para) and not block.style and not block.label:
            wanted = markdown(block.text)
        else:
            continue
        found = report.find(wanted, at)
        assert found >= 0, wanted
        at = found + len(wanted)
