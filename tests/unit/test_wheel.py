"""The package as users install it: the wheel built, installed into a fresh venv, and run from there.

The editable install the tests use reads the checkout; an installed wheel has only what the build
packs. A data file left out of it (a form, the fonts, the ICC profile, the example, the stylesheet)
or an import that works only beside the sources fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)]
    done = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [built] = out.glob("oivtui-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the wheel installed by pip (so with its ``oivtui`` command); the
    dependencies come from this environment's site-packages on PYTHONPATH, whose .pth files (the
    editable install's among them) are not read there, so the checkout stays out of reach."""
    where = tmp_path_factory.mktemp("venv")
    venv.create(where, with_pip=True)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)]
    done = subprocess.run(pip, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "PYTHONSAFEPATH": "1"}
    return where / "bin", env


def test_the_wheel_packs_the_three_floors_and_their_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "oivtui/cli/main.py",
        "oivtui/files/data/example-brescia-2024.toml",
        "oivtui/tui/oivtui.tcss",
        "questionnaire/form/data/civit-23-2013.toml",
        "questionnaire/form/data/civit-23-2013-piano-performance.toml",
        "screens/wizard.py",
    ):
        assert needed in names, needed
    assert not any(name.startswith("tests/") for name in names)


def test_the_installed_wheel_writes_the_example_and_exports_it(installed, tmp_path: Path) -> None:
    bin_, env = installed
    session, report, pdf = tmp_path / "es.toml", tmp_path / "es.md", tmp_path / "es.pdf"
    where = subprocess.run(
        [str(bin_ / "python"), "-c", "import oivtui, questionnaire, screens; print(oivtui.__file__, screens.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.returncode == 0 and str(ROOT) not in where.stdout, where.stdout + where.stderr
    command = str(bin_ / "oivtui")
    for args in (
        ["example", str(session)],
        ["export", str(session), "-o", str(report)],
        ["export", str(session), "-o", str(pdf)],
    ):
        done = subprocess.run([command, *args], cwd=tmp_path, env=env, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
    assert "Camera di Commercio" in report.read_text("utf-8")
    assert pdf.read_bytes().startswith(b"%PDF-")
    done = subprocess.run(
        [str(bin_ / "python"), "-m", "oivtui", "validate", str(session)], cwd=tmp_path, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
