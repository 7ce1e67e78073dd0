"""The parsed copy of each form file, kept under XDG_CACHE_HOME so the next process need not parse it.

The domain (questionnaire/form/loader.py) reads only its own form files; this cache is the shell's,
handed to it with ``loader.use_cache`` when a command starts (oivtui/cli/main.py).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from questionnaire.form import loader

#: Parsing the form's TOML is most of the cost of loading it (at every start, export and validation);
#: reading the same data back with ``marshal`` is a small fraction of it. The copy is checked as
#: Python checks its ``.pyc`` files: it is used only while the form file has the same path, size and
#: modification time it was made from. It is a cache: any trouble with it means reading the TOML.
CACHE_FORMAT = 1


def cache_path(path: Path) -> Path:
    """Where the parsed copy of the form file ``path`` lives: XDG_CACHE_HOME/oivtui/moduli/.

    The name holds a digest of the form file's whole path: two installations of oivtui for one user
    (a pipx copy and a checkout, two versions) each keep their own copy instead of replacing each
    other's at every start."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = sys.implementation.cache_tag or "python"
    where = zlib.crc32(os.fsencode(path))
    return Path(base) / "oivtui" / "moduli" / f"{path.stem}.{where:08x}.{tag}.marshal"


class FormCache:
    """:class:`questionnaire.form.loader.ParsedCache` on disk, one ``marshal`` file per form file."""

    def read(self, path: Path, stamp: tuple[int, int]) -> dict[str, Any] | None:
        try:
            kept = marshal.loads(cache_path(path).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not (isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[2], dict)):
            return None
        if kept[:2] != (CACHE_FORMAT, (str(path), *stamp)):
            return None
        return kept[2]

    def write(self, path: Path, stamp: tuple[int, int], data: dict[str, Any]) -> None:
        """Keep the parsed copy, atomically (a reader sees the old copy or the new one); never fails."""
        target = cache_path(path)
        temp = target.with_name(f".{target.name}.{os.getpid()}")
        try:
            blob = marshal.dumps((CACHE_FORMAT, (str(path), *stamp), data))
            target.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(blob)
            os.replace(temp, target)
        except (OSError, ValueError):  # a read-only or full disk, a value marshal cannot keep: no copy, no harm
            try:
                temp.unlink()
            except OSError:
                pass


def install() -> None:
    """From now on, forms are read from and kept in the disk cache."""
    loader.use_cache(FormCache())
