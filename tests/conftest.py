"""Fixtures for every test: the user's own sessions and settings stay out of reach."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

#: root reads and writes whatever the permission bits say; without these two capabilities it obeys them.
DROP_ROOT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG folders point into the test's tmp_path (subprocesses inherit them); the cache
    (the form's parsed copy) into a folder of its own, outside the one tests watch for unwanted writes."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    return tmp_path


def _caps_can_be_dropped() -> bool:
    probe = subprocess.run([*DROP_ROOT_OVERRIDE, "true"], capture_output=True)
    return probe.returncode == 0


@pytest.fixture
def unprivileged() -> list[str]:
    """A command prefix under which permission bits apply (empty for a normal user; setpriv for root)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None or not _caps_can_be_dropped():
        pytest.skip("running as root and the permission override cannot be dropped")
    return list(DROP_ROOT_OVERRIDE)
