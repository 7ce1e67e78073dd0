"""The summaries of the saved sessions, kept between runs: XDG_CACHE_HOME/oivtui/elenchi/.

One JSON file per data folder maps each session file to its stamp (inode, size, modification and
change times) and its summary. A summary is used only while the file has that stamp and the cache
was written by this version of oivtui (a new form rule, a new count); anything wrong with the
cache means reading the files again, never a wrong list. Today's date is not in it: days left are
counted when shown.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import zlib
from pathlib import Path
from typing import Any

from oivtui import __version__
from oivtui.files import storage
from oivtui.files.catalog import Entry, Summary, summarise

FORMAT = 1


def version_tag() -> str:
    """This oivtui and its forms: a form edited in place (a new rule, another number of days)
    makes the kept summaries stale, as a new oivtui does."""
    from questionnaire.form import loader

    forms = sorted(Path(loader.__file__).parent.joinpath("data").glob("*.toml"))
    stamps = [f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in forms]
    return " ".join([__version__, *stamps])


def cache_path(folder: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    where = zlib.crc32(os.fsencode(folder.resolve()))
    return Path(base) / "oivtui" / "elenchi" / f"{where:08x}.json"


class SummaryCache:
    """The summaries of one data folder: :meth:`cached` never reads a session, :meth:`summarise`
    reads one and remembers it (from any thread), :meth:`save` writes what changed."""

    def __init__(self, folder: Path) -> None:
        self.path = cache_path(folder)
        self.kept: dict[str, tuple[list[int], Summary]] = _read(self.path)
        self.changed = False
        self.lock = threading.Lock()

    def cached(self, entry: Entry) -> Summary | None:
        kept = self.kept.get(str(entry.path))
        return kept[1] if kept is not None and tuple(kept[0]) == entry.stamp else None

    def summarise(self, entry: Entry) -> Summary:
        summary = self.cached(entry) or summarise(entry.path)
        with self.lock:
            if self.kept.get(str(entry.path)) != (list(entry.stamp), summary):
                self.kept[str(entry.path)] = (list(entry.stamp), summary)
                self.changed = True
        return summary

    def save(self, entries: list[Entry] | None = None) -> None:
        """Write the cache if it changed, keeping only ``entries`` (the files still there). A cache
        that cannot be written is no failure: the files are read again next time."""
        with self.lock:
            if entries is not None:
                there = {str(e.path) for e in entries}
                if set(self.kept) - there:
                    self.kept = {k: v for k, v in self.kept.items() if k in there}
                    self.changed = True
            if not self.changed:
                return
            doc = {"format": FORMAT, "version": version_tag(), "files": {k: _dump(*v) for k, v in self.kept.items()}}
            self.changed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            storage.write_atomic(self.path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        except (OSError, storage.SaveError):
            pass  # a cache: without it the next list reads the files again


def _dump(stamp: list[int], s: Summary) -> dict[str, Any]:
    return {
        "stamp": stamp,
        "summary": [
            s.administration,
            s.triennium,
            s.done,
            s.total,
            s.error,
            s.piao_date.isoformat() if s.piao_date else None,
            s.deadline.isoformat() if s.deadline else None,
            s.missing,
            s.errors,
        ],
    }


def _read(path: Path) -> dict[str, tuple[list[int], Summary]]:
    try:
        doc = json.loads(path.read_bytes())
        if doc.get("format") != FORMAT or doc.get("version") != version_tag():
            return {}
        return {name: _load(item) for name, item in doc["files"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _load(item: dict[str, Any]) -> tuple[list[int], Summary]:
    admin, triennium, done, total, error, piao, due, missing, errors = item["summary"]
    day = dt.date.fromisoformat
    summary = Summary(
        str(admin),
        str(triennium),
        int(done),
        int(total),
        str(error),
        day(piao) if piao else None,
        day(due) if due else None,
        int(missing),
        int(errors),
    )
    return [int(n) for n in item["stamp"]], summary
