"""A session file the user made read-only is never written over, not even by root's rename."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_session


def test_a_save_over_a_read_only_file_fails_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    storage.save(example_session(), path)
    session = storage.load(path)
    path.chmod(0o444)
    before = path.read_bytes()
    session.answers.set("header/place", "Milano")
    with pytest.raises(storage.SaveError) as caught:
        storage.save(session)
    assert "è in sola lettura (permessi -r--r--r--)" in str(caught.value)
    assert path.read_bytes() == before


def test_read_only_reason_only_for_files_without_write_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.toml"
    path.write_text("format = 1\n", "utf-8")
    assert storage.read_only_reason(path) == ""
    assert storage.read_only_reason(tmp_path / "nuova.toml") == ""
    # a file of another user, 0644: its bits allow writing, but not to us (os.access says so)
    monkeypatch.setattr(storage.os, "access", lambda *_args, **_kw: False)
    assert "in sola lettura" in storage.read_only_reason(path)
