"""Command palette: «Vai al blocco N», to any step of the wizard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from screens.index import step_labels

if TYPE_CHECKING:
    from oivtui.app import OivApp


class GotoStep(Provider):
    """One command per step: «Vai a: 7 Target associati…»."""

    def commands(self) -> list[tuple[str, str]]:
        session = getattr(self.app, "session", None)
        if session is None:
            return []
        return [(step_id, f"Vai a: {label}") for step_id, label in step_labels(session.form)]

    def goto(self, step_id: str) -> Callable[[], Awaitable[None]]:
        return partial(cast("OivApp", self.app).goto, step_id)

    async def discover(self) -> Hits:
        for step_id, text in self.commands():
            yield DiscoveryHit(text, self.goto(step_id), help="Salta a questo passo")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for step_id, text in self.commands():
            score = matcher.match(f"{text} blocco {step_id.lstrip('b')}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), self.goto(step_id), help="Salta a questo passo")
