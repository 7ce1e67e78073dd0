"""Step views: one per kind of step (header, staff table, question block, counts, review)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from screens.widgets.index import REVIEW_STEP

if TYPE_CHECKING:
    from screens.steps.review import ReviewView
    from screens.steps.step import StepView


def is_review(view: StepView | None) -> TypeGuard[ReviewView]:
    """The review view, told by its step id: its module is imported only once it is first built."""
    return view is not None and view.step_id == REVIEW_STEP
