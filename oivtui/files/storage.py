"""Session files: TOML in, TOML out, written atomically; every failure as an Italian message."""

from __future__ import annotations

import errno
import os
import re
import shlex
import stat
import tempfile
from pathlib import Path

from oivtui.files.errors import ChangedOnDisk, NotAFile, SaveError, SessionError, errno_hint, save_error
from oivtui.files.reading import MAX_FILE_BYTES, TOP_KEYS, from_document, parse_toml, read_text
from oivtui.files.session import Session
from oivtui.files.writing import BANNER, TomlParts, dumps, to_document

#: The file format's parts live in their own modules (errors, reading, writing); this module is the
#: one the rest of oivtui asks, so their names are kept here too.
__all__ = [
    "BANNER",
    "MAX_FILE_BYTES",
    "NotAFile",
    "TOP_KEYS",
    "ChangedOnDisk",
    "SaveError",
    "SessionError",
    "TomlParts",
    "data_dir",
    "dumps",
    "errno_hint",
    "from_document",
    "leftover_temps",
    "load",
    "not_regular",
    "parse_toml",
    "read_only_reason",
    "read_text",
    "remove_leftover_temps",
    "rescue_path",
    "save",
    "save_error",
    "stamp_of",
    "temp_prefix",
    "to_document",
    "write_atomic",
    "write_session",
]


# ---------------------------------------------------------------- paths


def data_dir() -> Path:
    """Where sessions without an explicit path live (XDG_DATA_HOME/oivtui/sessioni)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "oivtui" / "sessioni"


def rescue_path(path: Path) -> Path:
    """Where a session goes when its own file cannot be written: XDG_DATA_HOME/oivtui/recupero/."""
    import hashlib  # only when a save failed: not loaded at every start

    digest = hashlib.sha256(str(Path(path).absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return data_dir().parent / "recupero" / f"{Path(path).stem}-{digest}.toml"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _own_temp_prefix(path: Path) -> str:
    """The prefix of this process's temp files beside ``path``: ``.NAME.oivtui-PID-`` (mkstemp adds
    random letters and ``.tmp``), so that a leftover can be told from a write still going on."""
    return f"{temp_prefix(path)}oivtui-{os.getpid()}-"


_TEMP_PID = re.compile(r"\.oivtui-(\d+)-[^.]*\.tmp$")


def leftover_temps(path: Path) -> list[Path]:
    """Temp files a killed save left beside ``path``."""
    try:
        return [p for p in path.parent.glob(f"{temp_prefix(path)}*.tmp") if p.is_file()]
    except OSError:
        return []


def remove_leftover_temps(path: Path, *, only_dead: bool = False) -> int:
    """Remove the temp files a killed write left beside ``path``; with ``only_dead``, only those
    whose writer is no longer running (without a lock, another export may be writing right now)."""
    removed = 0
    for temp in leftover_temps(path):
        if only_dead and _writer_alive(temp):
            continue
        try:
            temp.unlink()
            removed += 1
        except OSError:
            pass  # not ours to remove (permissions): harmless, the next save uses a new name
    return removed


def _writer_alive(temp: Path) -> bool:
    match = _TEMP_PID.search(temp.name)
    if match is None:
        return False  # an older oivtui's name, or no writer named: only a killed write leaves one
    try:
        os.kill(int(match[1]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's live process (or a name we cannot judge): leave it
    return True


def not_regular(path: Path) -> str:
    """What ``path`` is when it exists and is no regular file (Italian: «una FIFO»), else ""."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""  # nothing there (or the write's own error will say what is wrong)
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "una cartella"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un dispositivo"
    if stat.S_ISFIFO(mode):
        return "una FIFO (pipe con nome)"
    if stat.S_ISSOCK(mode):
        return "un socket"
    return "un file speciale"


def refuse_not_regular(path: Path) -> None:
    """SaveError when ``path`` exists and is no regular file: an atomic write would replace it
    (``os.replace`` replaces a device or a FIFO as well, for every process on the machine)."""
    kind = not_regular(path)
    if kind:
        raise NotAFile(path, f"è {kind}, non un file: oivtui scrive solo su un file normale o su un nome nuovo")


# ---------------------------------------------------------------- save


def save(session: Session, path: Path | None = None) -> Path:
    """Write the session atomically: temp file in the same folder, fsync, rename, fsync folder."""
    target = Path(path or session.path or "")
    if not target.name:
        raise SaveError("Nessun file indicato per il salvataggio.")
    if session.path is not None and target == Path(session.path):
        write_session(session, dumps(session))
    else:
        write_atomic(target, dumps(session).encode("utf-8"))
    return target


def stamp_of(path: Path) -> tuple[int, ...] | None:
    """What identifies one version of a file: device, inode, size, modification time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def read_only_reason(path: Path) -> str:
    """Why oivtui must not write over ``path`` (Italian), or "" when it may.

    A file with no write permission for this user, or none for anyone (``chmod 444``, which root
    could ignore: the owner said "do not change it"). The rename of an atomic save would replace it
    all the same, so the permission is checked here, not left to the system.
    """
    try:
        info = os.stat(path)
    except OSError:
        return ""  # no file yet (a new session), or the save's own error will say what is wrong
    if stat.S_IMODE(info.st_mode) & 0o222 and os.access(path, os.W_OK):
        return ""
    return (
        f"{path} è in sola lettura (permessi {stat.filemode(info.st_mode)}): oivtui non lo modifica. "
        f"Per modificarlo, rendilo scrivibile (chmod u+w {shlex.quote(Path(path).name)}) e riaprilo."
    )


def write_session(session: Session, text: str) -> None:
    """Write ``text`` over the session's own file, unless somebody changed that file since oivtui
    last read or wrote it (their version would be lost without a word), or made it read-only."""
    path = Path(session.path or "")
    reason = read_only_reason(path)
    if reason:
        raise SaveError(f"Salvataggio non riuscito: {reason} Le risposte restano in memoria.")
    if session.stamp is not None and stamp_of(path) != session.stamp:
        raise ChangedOnDisk(
            f"Salvataggio di {path} non riuscito: il file è stato modificato da un altro programma "
            "dopo che oivtui l'ha letto, e oivtui non lo sovrascrive. Le risposte restano in memoria; "
            "il file è intatto. Chiudi e riapri la sessione per vedere quelle modifiche."
        )
    write_atomic(path, text.encode("utf-8"))
    session.stamp = stamp_of(path)


def user_mode() -> int:
    """The mode a new file gets from the user's umask (0644 under umask 022), as other tools give it."""
    mask = os.umask(0o077)  # reading the umask means setting it: put it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(target: Path, data: bytes, *, private: bool = True) -> None:
    """Write ``data`` to ``target`` atomically. An existing file keeps its mode; a new one is 0600
    (a session file, private) or, with ``private=False`` (a report, meant to be shared), what the
    user's umask gives."""
    folder = target.parent if str(target.parent) else Path(".")
    refuse_not_regular(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o600 if private else user_mode()
    except OSError as exc:
        raise save_error(target, exc) from None
    try:
        fd, temp = tempfile.mkstemp(prefix=_own_temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise save_error(target, exc) from None
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        refuse_not_regular(target)  # again: something may have been put there while we wrote
        os.replace(temp, target)
    except SaveError:
        _unlink_quietly(temp)
        raise
    except OSError as exc:
        _unlink_quietly(temp)
        raise save_error(target, exc) from None
    _fsync_dir(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # a write that makes no progress would loop for ever
            raise OSError(errno.EIO, "write made no progress")
        view = view[written:]


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # the temp file may already be gone; the target is untouched either way


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # some file systems refuse to open folders: the rename is done all the same
    try:
        os.fsync(fd)
    except OSError:
        pass  # fsync of a folder is unsupported on some file systems; the data file was synced
    finally:
        os.close(fd)


# ---------------------------------------------------------------- load


def load(path: Path) -> Session:
    """Read a session file; a SessionError says in Italian what is wrong and where."""
    path = Path(path)
    stamp = stamp_of(path)  # before reading: a change in between shows up as a change, never hides
    text = read_text(path)
    doc = parse_toml(text, path)
    session = from_document(doc, path, text)
    session.path = path
    session.stamp = stamp
    return session
