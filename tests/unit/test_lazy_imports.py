"""What is loaded when: markdown-it only when HTML is asked for; opening a session, only its first screen's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from oivtui.files.example import example_text


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_markdown_report_does_not_load_markdown_it() -> None:
    loaded = loaded_after(
        "from oivtui.files.example import example_session\nfrom oivtui.reports.render import render_markdown\n"
        "render_markdown(example_session())"
    )
    assert "oivtui.reports.render" in loaded
    assert "markdown_it" not in loaded


def test_the_html_report_loads_markdown_it() -> None:
    loaded = loaded_after(
        "from oivtui.files.example import example_session\nfrom oivtui.reports.render import render_html\n"
        "assert '<h1>' in render_html(example_session())"
    )
    assert "markdown_it" in loaded


def test_opening_a_session_loads_only_what_its_first_screen_needs(tmp_path: Path) -> None:
    """``oivtui open FILE`` up to its first screen (as ``cli.cmd_tui`` and ``launch.run_app`` do it)."""
    path = tmp_path / "s.toml"
    path.write_text(example_text(), "utf-8")
    loaded = loaded_after(
        "import asyncio\nfrom pathlib import Path\nfrom oivtui.files.opening import lock_and_load\n"
        f"lock, session = lock_and_load(Path({str(path)!r}))\n"
        "from oivtui.tui.app import OivApp\napp = OivApp(session)\napp.lock = lock\n"
        "async def first_screen():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.wizard is not None and app.focused is not None\n"
        "asyncio.run(first_screen())"
    )
    assert "oivtui.tui.app" in loaded
    for module in (
        "importlib.resources",  # the form is read from the folder beside questionnaire/form/loader.py
        "oivtui.files.carryover",  # only a session made from last year's, by this process, has notes to show
        "oivtui.tui.starting",  # the start screen's and `new`'s
        "oivtui.reports.render",
        "markdown_it",  # the export's
        "hashlib",  # a failed save's rescue copy
        "screens.steps.review",
        "screens.steps.block",
        "screens.steps.counts",  # other kinds of step: built after the first
    ):
        assert module not in loaded, module


def imported_by(tmp_path: Path, *args: str) -> set[str]:
    """The modules ``oivtui ARGS`` imports, as ``python -X importtime`` lists them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "oivtui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def test_only_the_pdf_export_imports_typst(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(example_text(), "utf-8")
    for args in (
        ("--help",),
        ("validate", "s.toml"),
        ("export", "s.toml"),
        ("export", "s.toml", "--format", "html"),
        ("ask", "s.toml"),
    ):
        loaded = imported_by(tmp_path, *args)
        assert "questionnaire.report.markdown" in loaded or args[0] in ("--help", "validate", "ask"), args
        assert not {"typst", "questionnaire.report.pdf.typeset", "fpdf", "PIL"} & loaded, args
    loaded = imported_by(tmp_path, "export", "s.toml", "-o", "s.pdf")
    assert {"typst", "questionnaire.report.pdf.typeset"} <= loaded
    # Typst is a compiled extension: none of fpdf2's heavy imports (~380 ms).
    assert not {"fpdf", "fontTools", "PIL", "urllib.request", "xml.etree.ElementTree"} & loaded


#: The document readers of ``oivtui import`` (python-docx, lxml, pypdf, PDFium, pdfplumber).
READERS = {"docx", "lxml", "pypdf", "pypdfium2", "pypdfium2_raw", "pdfplumber", "pdfminer"}


def test_only_import_loads_the_document_readers(tmp_path: Path) -> None:
    """validate, export, ask and the app's start load none of the readers; import of a PDF does."""
    (tmp_path / "s.toml").write_text(example_text(), "utf-8")
    for args in (("validate", "s.toml"), ("export", "s.toml"), ("export", "s.toml", "-o", "s.pdf"), ("ask", "s.toml")):
        loaded = {module.split(".")[0] for module in imported_by(tmp_path, *args)}
        assert not READERS & loaded, (args, READERS & loaded)
    start = loaded_after(
        "import asyncio\nfrom oivtui.tui.app import OivApp\napp = OivApp(None)\n"
        "async def start():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(start())"
    )
    assert "oivtui.tui.app" in start and not READERS & {module.split(".")[0] for module in start}
    loaded = imported_by(tmp_path, "import", str(tmp_path / "s.pdf"), "back.toml")
    assert {"pypdfium2"} <= {module.split(".")[0] for module in loaded}


def test_pdfplumber_reads_only_a_page_whose_rules_can_close_a_cell(tmp_path: Path) -> None:
    """pdfplumber (~0.15 s) builds a table's cells from its rules: a PDF whose staff table has none
    (pandoc's HTML printed by Chromium) never loads it; one whose table is ruled (Word's) does."""
    corpus = Path(__file__).parent.parent / "corpus" / "documents"
    for name, wanted in (
        ("seed-chromium.pdf", False),
        ("comune-libreoffice.pdf", False),
        ("seed-word-symbols.pdf", True),
    ):
        loaded = imported_by(tmp_path, "import", str(corpus / name), f"{name}.toml")
        assert ("pdfplumber" in loaded) is wanted, name
