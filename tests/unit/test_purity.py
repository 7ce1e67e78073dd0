"""The core and the headless commands never import Textual or Rich (as harlequin checks for its own core)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import questionnaire

CORE = sorted(
    {m.name for m in pkgutil.walk_packages(questionnaire.__path__, "questionnaire.")}
    | {"questionnaire", "oivtui.files.storage", "oivtui.files.session", "oivtui.cli.main", "oivtui.reports.render"}
)


def modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_questionnaire_package_has_its_expected_modules() -> None:
    expected = {
        "questionnaire.form.model",
        "questionnaire.form.answers",
        "questionnaire.form.loader",
        "questionnaire.form.rules",
    }
    assert expected <= set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_module_imports_neither_textual_nor_rich(module: str) -> None:
    loaded = modules_after_import(module)
    assert module in loaded
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_command_line_module_defers_the_report_and_markdown() -> None:
    loaded = modules_after_import("oivtui.cli.main")
    assert "markdown_it" not in loaded
    assert "oivtui.reports.render" not in loaded
