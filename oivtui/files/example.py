"""The packaged example session: the Brescia 2024 monitoring, answer for answer."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from oivtui.files import storage
from oivtui.files.session import Session

EXAMPLE_NAME = "example-brescia-2024.toml"


def example_text() -> str:
    """The example session file's text, exactly as packaged."""
    return (resources.files("oivtui.files") / "data" / EXAMPLE_NAME).read_text("utf-8")


def example_session() -> Session:
    """A fresh session holding the example's answers, with no path (saving needs a new file)."""
    text = example_text()
    where = Path(EXAMPLE_NAME)
    return storage.from_document(storage.parse_toml(text, where), where, text)
