"""A session: the form it answers, the answers, where the user was, and what still needs review."""

from __future__ import annotations

from pathlib import Path

from questionnaire.answers import Answers
from questionnaire.importing.record import ImportRecord
from questionnaire.loader import DEFAULT_FORM, load_form
from questionnaire.model import Form

FORMAT_VERSION = 1


class Position:
    """The step and field the user was on: where ``open`` resumes."""

    def __init__(self, step: str = "header", field: str = "") -> None:
        self.step = step
        self.field = field

    def __repr__(self) -> str:
        return f"Position(step={self.step!r}, field={self.field!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Position)
        return (self.step, self.field) == (other.step, other.field)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value: as a dataclass's


class Session:
    """A session: its form, the answers, where the user was, what still needs review.

    Plain classes rather than dataclasses, here and for ``Answers`` and ``ImportRecord``: a
    dataclass compiles its generated methods when its module is imported, ~3 M instructions each
    at every start (benchmarks/instructions.py). Same constructor, ``repr`` and ``==``.
    """

    def __init__(
        self,
        form_id: str = DEFAULT_FORM,
        answers: Answers | None = None,
        position: Position | None = None,
        to_review: list[str] | None = None,
        previous: Answers | None = None,
        imported: ImportRecord | None = None,
        path: Path | None = None,
        stamp: tuple[int, ...] | None = None,
    ) -> None:
        self.form_id = form_id
        self.answers = Answers() if answers is None else answers
        self.position = Position() if position is None else position
        #: Steps carried over from last year and not yet confirmed by the user.
        self.to_review = [] if to_review is None else to_review
        #: Last year's answers, for the side-by-side view of carried-over steps.
        self.previous = previous
        #: The document the session was imported from (``oivtui import``): summary and source excerpts.
        self.imported = imported
        self.path = path
        #: The file as oivtui last read or wrote it (``storage.stamp_of``): a save refuses to write
        #: over a file that changed since, e.g. saved by a holder that quit before this one took the lock.
        #: Not part of the session's value (``repr``, ``==``).
        self.stamp = stamp

    def _value(self) -> tuple[object, ...]:
        return (self.form_id, self.answers, self.position, self.to_review, self.previous, self.imported, self.path)

    def __repr__(self) -> str:
        names = ("form_id", "answers", "position", "to_review", "previous", "imported", "path")
        return f"Session({', '.join(f'{n}={v!r}' for n, v in zip(names, self._value(), strict=True))})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Session)
        return self._value() == other._value()

    __hash__ = None  # type: ignore[assignment]

    @property
    def form(self) -> Form:
        return load_form(self.form_id)

    @property
    def administration(self) -> str:
        """The answer of the field the form names the administration (its ``[roles]``)."""
        return self.answers.text_of_role(self.form, "administration")

    @property
    def triennium(self) -> str:
        return self.answers.text_of_role(self.form, "triennium")
