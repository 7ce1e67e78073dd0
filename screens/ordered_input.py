"""Keys and pastes delivered in order: each one meets the focus that the ones before it left.

Textual's ``App.on_event`` hands a key to the focused widget's queue and goes on to the next key
at once. A Tab, an Enter or an action moves the focus only later, when the key has been handled
(and, for a binding, has bubbled up to the app), so keys that arrive together (over SSH, a paste
without bracketed paste, a fast typist) went to the field being left: `"Comune A" Tab "2026"`
written at once ended as ``Comune A2026``.

``OrderedInputApp`` keeps the keys and pastes that arrive from the terminal in a queue of its own
and hands them to Textual one at a time:

- A printable character for a text field (Input, TextArea) goes on at once, with the next one
  behind it: the field takes it, and it cannot move the focus. A long paste stays as fast as in
  Textual alone.
- An Alt+letter (Esc then the letter) is a shortcut: it reaches Textual without its character, so
  no text field types the letter; the bindings still see it.
- While keys wait for their turn, the screen is not painted (``App.batch_update``): it is painted
  once they are all in.
- After any other key (Tab, Enter, an arrow, a function key, Ctrl+…) or a paste, the next one
  waits until it has settled: every message pump on its way (the
  widget it was handed to and its ancestors, the widget focused now and its ancestors, the
  screen, the app) has handled what it had queued. Each wait is one callback queued behind those
  messages (``call_later``), so nothing polls.
"""

from __future__ import annotations

import asyncio
from collections import deque
from contextlib import AbstractContextManager
from typing import Generic, TypeVar

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.widgets import Input, TextArea

from screens.compat import has_pending_messages, repaint_where_widgets_were

#: A key whose effects have not settled after this long lets the next one through anyway: a
#: handler that never returns must not leave the user without a keyboard.
MAX_SETTLE_SECONDS = 2.0

InputEvent = events.Key | events.Paste
ReturnType = TypeVar("ReturnType")


class OrderedInputApp(App[ReturnType], Generic[ReturnType]):
    """An ``App`` whose keys and pastes each wait for the previous one to settle.

    Its own names start with ``_gate_``: ``App`` has private names of its own (``_end_batch``…),
    and one of ours with the same name would silently replace Textual's.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A burst's scroll leaves Textual's map of the widgets stale: a toast expiring after it
        # kept its paint on screen (see the function).
        repaint_where_widgets_were()
        self._gate_held: deque[InputEvent] = deque()
        #: The pumps the last key handed out went through; empty once it has settled.
        self._gate_unsettled: list[MessagePump] = []
        self._gate_waiting = False
        self._gate_bound_for: tuple[object, frozenset[str]] = (None, frozenset())
        self._gate_batch: AbstractContextManager[None] | None = None
        self._gate_watchdog: asyncio.TimerHandle | None = None
        self._gate_wait_number = 0
        #: The key that waited once for the keys arriving with it (``input_look_ahead``).
        self._gate_looked_ahead: InputEvent | None = None
        self._gate_last_at = 0.0

    @property
    def input_in_flight(self) -> bool:
        """True while a key or paste is held, or the last one handed out has not settled."""
        return bool(self._gate_held) or self._gate_waiting

    @property
    def input_waiting(self) -> bool:
        """True while keys or pastes wait for their turn: work done per key can wait for the last."""
        return bool(self._gate_held)

    def input_settled(self) -> None:
        """Every key and paste received has been handled: do here what was put off while they came."""

    @property
    def input_next(self) -> InputEvent | None:
        """The key or paste that arrived with the one being handed out and comes right after it."""
        return self._gate_held[0] if self._gate_held else None

    @property
    def input_following(self) -> tuple[InputEvent, ...]:
        """Every key or paste that arrived with the one being handed out and waits behind it, in order."""
        return tuple(self._gate_held)

    @property
    def input_last_at(self) -> float:
        """When the last key or paste arrived from the terminal (``time.monotonic``; 0: none yet)."""
        return self._gate_last_at

    def input_look_ahead(self, event: InputEvent) -> bool:
        """True for a key whose handling depends on what arrives with it (``input_next``): it waits
        for the keys already queued behind it (one turn of the app's queue) before its turn."""
        return False

    def input_taken(self, event: InputEvent) -> bool:
        """A key or paste about to be handed to Textual, in its turn: True if the app takes it itself.

        It runs in the order the keys were typed, after the ones before have settled: what it sees
        (the focus, what they did) is what the user saw when typing it.
        """
        return False

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, InputEvent) or event.is_forwarded:
            await super().on_event(event)
            return
        if isinstance(event, events.Key) and event.key.startswith("alt+") and event.character:
            # Esc+letter is a shortcut, never text (AltGr letters arrive as characters of their
            # own): Textual hands it on as a printable letter, which a text field would type.
            event = events.Key(event.key, None)
        self._gate_held.append(event)
        self._gate_last_at = event.time
        if self._gate_waiting and self._gate_batch is None:
            # Keys are queuing up (a burst, a paste): paint once they are all in, not between two
            # of them. A frame costs more than a key: painting whenever the app had a moment
            # between keys made a burst of 500 keys across two fields take 2-3 s instead of 1.
            self._gate_batch = self.batch_update()
            self._gate_batch.__enter__()
        if not self._gate_waiting:
            await self._gate_hand_out()

    async def _gate_hand_out(self) -> None:
        """Hand held events to Textual, one at a time, each after the one before has settled."""
        while self._gate_held:
            event = self._gate_held[0]
            if event is not self._gate_looked_ahead and len(self._gate_held) == 1 and self.input_look_ahead(event):
                self._gate_looked_ahead = event  # the keys of the same read are queued behind it: take them in
                if self._gate_wait(self.call_later(self._gate_resume, self._gate_wait_number)):
                    return
            self._gate_looked_ahead = None
            target = self.focused or self.screen
            in_place = self._gate_typed_in_place(event, target)
            self._gate_held.popleft()
            before = self._gate_focus_chain(target)
            if not self.input_taken(event):
                await super().on_event(event)  # priority bindings, else to the focused widget
            if not in_place:
                self._gate_unsettled = before
                busy = self._gate_busy_pump()
                if busy is not None and self._gate_wait(self._gate_wait_behind(busy)):
                    return
        self._gate_unsettled = []
        self.input_settled()
        self._gate_end_batch()

    def _gate_end_batch(self) -> None:
        if self._gate_batch is not None:
            batch, self._gate_batch = self._gate_batch, None
            batch.__exit__(None, None, None)
            # A focus moved during the batch scrolled to where its widget was before the batch's
            # layout (nowhere, for a step just shown): once laid out, show it.
            self.call_after_refresh(self.reveal_focus)

    def reveal_focus(self) -> None:
        """Bring the focused widget into view (after a burst of keys has been painted)."""
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)

    def _gate_wait(self, scheduled: bool) -> bool:
        """Stop handing out until ``_gate_resume`` runs (when it could be scheduled).

        A watchdog (an asyncio timer: no task, no message) makes sure the keys still go out should
        the callback never run, a pump closing with it in its queue, say.
        """
        self._gate_waiting = scheduled
        if scheduled:
            self._gate_watchdog = asyncio.get_running_loop().call_later(
                MAX_SETTLE_SECONDS, self.call_later, self._gate_give_up
            )
        return scheduled

    async def _gate_resume(self, wait: int) -> None:
        """Runs on the app: hand out the next key once the last one has settled.

        ``wait`` numbers the wait this look belongs to: one the watchdog gave up on is dropped.
        Two chains of looks alive at once would each see the other's callback queued on the
        pumps and chase it for ever.
        """
        if not self._gate_waiting or wait != self._gate_wait_number:
            return
        busy = self._gate_busy_pump() if self._gate_unsettled else None
        if busy is not None and self._gate_wait_behind(busy):
            return
        await self._gate_go_on()

    async def _gate_give_up(self) -> None:
        if self._gate_waiting:
            self.log.warning(f"key gate: no settle after {MAX_SETTLE_SECONDS} s, going on")
            await self._gate_go_on()

    async def _gate_go_on(self) -> None:
        self._gate_wait_number += 1  # any look still under way belongs to the wait just ended
        self._gate_waiting = False
        self._gate_unsettled = []
        if self._gate_watchdog is not None:
            self._gate_watchdog.cancel()
            self._gate_watchdog = None
        await self._gate_hand_out()

    def _gate_typed_in_place(self, event: InputEvent, target: DOMNode) -> bool:
        """A character typed into a text field: it cannot move the focus, the next key may follow.

        Input and TextArea insert a printable character and stop the key there; no binding of the
        focused chain can take it instead.
        """
        if not (isinstance(event, events.Key) and event.is_printable and isinstance(target, Input | TextArea)):
            return False
        if target is not self._gate_bound_for[0]:
            self._gate_bound_for = (target, frozenset(self.active_bindings))
        return event.key not in self._gate_bound_for[1]

    def _gate_focus_chain(self, node: DOMNode | None = None) -> list[MessagePump]:
        """The pumps from ``node`` (by default the focused widget, or the screen) up to the app."""
        node = node or self.focused or self.screen
        return list(node.ancestors_with_self)

    def _gate_busy_pump(self) -> MessagePump | None:
        """The first pump on the key's way that still has messages queued (the app's own last)."""
        for pump in dict.fromkeys([*self._gate_unsettled, *self._gate_focus_chain()]):
            if pump is not self and has_pending_messages(pump):
                return pump
        return self if has_pending_messages(self) else None  # a focus() queues its change on the app

    def _gate_wait_behind(self, pump: MessagePump) -> bool:
        """Look again once ``pump`` has handled what it has queued (False: it is closing)."""
        wait = self._gate_wait_number
        if pump is self:
            return self.call_later(self._gate_resume, wait)
        return pump.call_later(self._gate_look_again, wait)

    def _gate_look_again(self, wait: int) -> None:
        """Runs on the pump waited behind: go on to the next busy pump, or back to the app."""
        if wait != self._gate_wait_number:
            return  # a wait given up on: its chain ends here
        busy = self._gate_busy_pump()
        if busy is None or busy is self or not self._gate_wait_behind(busy):
            self.call_later(self._gate_resume, wait)
