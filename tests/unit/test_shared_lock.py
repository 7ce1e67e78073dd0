"""Two members of a group share a session: the lock file follows the session file's group mode,
so the second is told who holds the session, not «Permission denied» (issue 26)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.lock import SessionLock, lock_path

GROUP = 4600
FIRST, SECOND = 4601, 4602

_HOLD = """
import sys, time
from pathlib import Path
from oivtui.files.lock import SessionLock
SessionLock(Path(sys.argv[1])).acquire()
print("preso", flush=True)
time.sleep(60)
"""


def as_user(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={GROUP}", "--clear-groups", "--"]


@pytest.fixture
def shared() -> Iterator[Path]:
    """A group's folder (setgid, 2770) outside the test's private tmp (0700 for other users), with a
    session file the group may write (0660)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to act as two users")
    folder = Path(tempfile.mkdtemp(prefix="oivtui-gruppo-", dir="/tmp"))
    try:
        os.chown(folder, FIRST, GROUP)
        folder.chmod(0o2770)
        path = folder / "condivisa.toml"
        storage.save(example_session(), path)
        os.chown(path, FIRST, GROUP)
        path.chmod(0o660)
        yield path
    finally:
        shutil.rmtree(folder)


def test_the_second_member_is_told_who_holds_the_session(shared: Path) -> None:
    env = {**os.environ, "USER": "anna", "LOGNAME": "anna", "HOME": str(shared.parent)}
    holder = subprocess.Popen(
        [*as_user(FIRST), sys.executable, "-c", _HOLD, str(shared)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "preso\n"
        assert stat.S_IMODE(lock_path(shared).stat().st_mode) == 0o660  # the umask (022) did not take it
        env = {**env, "USER": "bruno", "LOGNAME": "bruno"}
        done = subprocess.run(
            [*as_user(SECOND), sys.executable, "-m", "oivtui", "ask", str(shared)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        assert done.returncode == 2
        assert f"è già aperto da anna su {os.uname().nodename} (processo {holder.pid}," in done.stderr
        assert "Permission denied" not in done.stderr and "Cartella in sola lettura" not in done.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_private_session_keeps_a_private_lock(tmp_path: Path) -> None:
    from oivtui.files.lock import lock_mode

    path = tmp_path / "mia.toml"
    storage.save(example_session(), path)
    path.chmod(0o600)
    with SessionLock(path):
        assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o600
    path.chmod(0o640)
    assert lock_mode(path) == 0o640
    assert lock_mode(tmp_path / "nuova.toml") == 0o600


def test_a_lock_system_error_in_ask_is_in_italian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ask printed the system's English text (``No space left on device``)."""
    import errno
    import io

    from oivtui.ask import walk

    def full(*_args: object, **_kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(walk.SessionLock, "acquire", full)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert walk.run(tmp_path / "s.toml", io.BytesIO(b""), io.StringIO()) == 2
    assert "impossibile bloccare la sessione (il disco è pieno: libera spazio)" in err.getvalue()
    assert "No space" not in err.getvalue()
