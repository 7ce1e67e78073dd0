"""What the app's mixins use of the App they are mixed into: a class for the type checker only.

``SavingMixin`` (app_saving.py) and ``DialogActions`` (app_dialogs.py) are parts of ``OivApp``
(app.py); typing them against ``OivApp`` itself would import the app from its own parts, a cycle.
They subclass ``AppHost`` under ``TYPE_CHECKING`` only (``object`` at run time): mypy then checks
every name they use against these declarations, and ``OivApp`` against the same declarations when
it implements them. Nothing imports this module at run time.
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path

from textual.timer import Timer

from oivtui.files.autosave import Autosaver
from oivtui.files.lock import SessionLock
from oivtui.files.session import Session
from screens.ordered_input import OrderedInputApp
from screens.steps.step import StepView
from screens.wizard import WizardScreen


class AppHost(OrderedInputApp[int]):
    """The state and the methods of ``OivApp`` that its mixins rely on."""

    session: Session | None
    read_only: bool
    folder: Path
    lock: SessionLock | None
    saver: Autosaver | None
    _save_timer: Timer | None
    _shutting_down: bool
    _deadline: float
    typed_ahead: str
    exit_code: int

    @abstractmethod
    def begin(self, session: Session) -> None: ...

    @abstractmethod
    def take(self, session: Session) -> None: ...

    @abstractmethod
    def first_step(self, view: StepView) -> None: ...

    @abstractmethod
    def title_text(self) -> str: ...

    @abstractmethod
    def put_typed_ahead_back(self, closing: bool = False) -> None: ...

    @abstractmethod
    def typed_ahead_settling(self) -> bool: ...

    @abstractmethod
    def step_states(self) -> dict[str, str]: ...

    @property
    @abstractmethod
    def opened(self) -> Session: ...

    @property
    @abstractmethod
    def step_ids(self) -> list[str]: ...

    @property
    @abstractmethod
    def step_named(self) -> str: ...

    @property
    @abstractmethod
    def wizard(self) -> WizardScreen | None: ...

    @property
    @abstractmethod
    def on_start_screen(self) -> bool: ...
