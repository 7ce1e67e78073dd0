"""A session: the form it answers, the answers, where the user was, and what still needs review."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from questionnaire.form.answers import Answers
from questionnaire.form.loader import DEFAULT_FORM, load_form
from questionnaire.form.model import Form

if TYPE_CHECKING:  # read only for a session that was imported: reading.py imports it then
    from questionnaire.importing.record import ImportRecord

FORMAT_VERSION = 1


@dataclass
class Position:
    """The step and field the user was on: where ``open`` resumes."""

    step: str = "header"
    field: str = ""


@dataclass
class Session:
    form_id: str = DEFAULT_FORM
    answers: Answers = field(default_factory=Answers)
    position: Position = field(default_factory=Position)
    #: Steps carried over from last year and not yet confirmed by the user.
    to_review: list[str] = field(default_factory=list)
    #: Last year's answers, for the side-by-side view of carried-over steps.
    previous: Answers | None = None
    #: The document the session was imported from (``oivtui import``): summary and source excerpts.
    imported: ImportRecord | None = None
    path: Path | None = None
    #: The file as oivtui last read or wrote it (``storage.stamp_of``): a save refuses to write
    #: over a file that changed since, e.g. saved by a holder that quit before this one took the lock.
    stamp: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

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
