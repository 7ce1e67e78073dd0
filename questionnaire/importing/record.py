"""What a session keeps of the document it was imported from: the file's name and format, the
per-step summary, and for each imported field its source excerpt or the reason it was left empty.
Stored as ``[imported]`` in the session file (docs/session-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportRecord:
    source: str = ""
    kind: str = ""
    summary: list[str] = field(default_factory=list)
    #: address → the document's text the answer was read from.
    excerpts: dict[str, str] = field(default_factory=dict)
    #: address → why the field was left empty (two marks, an unreadable number…).
    reasons: dict[str, str] = field(default_factory=dict)

    def note(self, address: str) -> str:
        """What to show under a field: the source excerpt and/or the reason it was left empty."""
        parts = []
        if address in self.reasons:
            parts.append(f"non importato: {self.reasons[address]}")
        if address in self.excerpts:
            parts.append(f"dal documento: «{self.excerpts[address]}»")
        return "\n".join(parts)

    def notes(self) -> dict[str, str]:
        """:meth:`note` of every field the import says something about."""
        return {address: self.note(address) for address in {**self.excerpts, **self.reasons}}

    def to_toml(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"source": self.source, "format": self.kind, "summary": list(self.summary)}
        if self.excerpts:
            doc["excerpts"] = dict(self.excerpts)
        if self.reasons:
            doc["reasons"] = dict(self.reasons)
        return doc

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> ImportRecord:
        """Read leniently, as ``[previous]`` is: a value of the wrong type is skipped, never fatal."""

        def text(key: str) -> str:
            value = raw.get(key, "")
            return value if isinstance(value, str) else ""

        def table(key: str) -> dict[str, str]:
            value = raw.get(key, {})
            if not isinstance(value, dict):
                return {}
            return {str(k): v for k, v in value.items() if isinstance(v, str)}

        summary = raw.get("summary", [])
        lines = [s for s in summary if isinstance(s, str)] if isinstance(summary, list) else []
        return cls(text("source"), text("format"), lines, table("excerpts"), table("reasons"))
