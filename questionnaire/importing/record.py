"""What a session keeps of the document it was imported from: the file's name and format, the
per-step summary, and for each imported field its source excerpt or the reason it was left empty.
Stored as ``[imported]`` in the session file (docs/session-format.md)."""

from __future__ import annotations

from typing import Any


class ImportRecord:
    """A plain class rather than a dataclass: one less set of generated methods to compile at every
    start (see ``oivtui.session.Session``). Same constructor, ``repr`` and ``==``."""

    def __init__(
        self,
        source: str = "",
        kind: str = "",
        summary: list[str] | None = None,
        excerpts: dict[str, str] | None = None,
        reasons: dict[str, str] | None = None,
    ) -> None:
        self.source = source
        self.kind = kind
        self.summary = [] if summary is None else summary
        #: address → the document's text the answer was read from.
        self.excerpts = {} if excerpts is None else excerpts
        #: address → why the field was left empty (two marks, an unreadable number…).
        self.reasons = {} if reasons is None else reasons

    def _value(self) -> tuple[object, ...]:
        return (self.source, self.kind, self.summary, self.excerpts, self.reasons)

    def __repr__(self) -> str:
        return (
            f"ImportRecord(source={self.source!r}, kind={self.kind!r}, summary={self.summary!r}, "
            f"excerpts={self.excerpts!r}, reasons={self.reasons!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ImportRecord)
        return self._value() == other._value()

    __hash__ = None  # type: ignore[assignment]

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
