"""What the headless commands load: markdown-it only when HTML is asked for."""

from __future__ import annotations

import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", f"import sys\n{code}\nprint('\\n'.join(sys.modules))"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_markdown_report_does_not_load_markdown_it() -> None:
    loaded = loaded_after(
        "from oivtui.example import example_session\nfrom oivtui.report import render_markdown\n"
        "render_markdown(example_session())"
    )
    assert "oivtui.report" in loaded
    assert "markdown_it" not in loaded


def test_the_html_report_loads_markdown_it() -> None:
    loaded = loaded_after(
        "from oivtui.example import example_session\nfrom oivtui.report import render_html\n"
        "assert '<h1>' in render_html(example_session())"
    )
    assert "markdown_it" in loaded
