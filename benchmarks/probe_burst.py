"""A burst of keys applied inside the app: ``probe_burst.py FILE KIND DELIVERY`` prints one JSON line.

FILE is written anew: a new, empty session, as ``oivtui new FILE`` opens.

The keys are posted to the app all at once, as the terminal driver posts them when they arrive
in one read (a paste without bracketed paste, an SSH packet). The clock stops at the first paint
made once every key has been applied and the key gate holds nothing more.

- KIND ``text``: 500 characters into a long answer (a paste into «Risposta» of question 1.1).
- KIND ``fields``: 504 keys across two fields of the header: names and Enter in one, Tab, a
  name in the other, Shift+Tab back, 14 times.
- DELIVERY ``ordered``: oivtui's key gate (``screens.ordered_input``); ``textual``: Textual's own
  ``App.on_event``, which hands every key to the widget focused when it arrives. Textual's is
  the baseline for ``text``: the ratio is what the ordering costs. It cannot be one for
  ``fields``: it puts that burst's keys in the wrong fields, so the burst is never applied.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from probe_start import Paints, shown_step, until_painted
from textual import events
from textual.app import App

KEYS = 500
LIMIT = 30.0
TEXT_AT = ("b1", "1.1/text")
#: The header's last two fields: the signatories (a text area: Enter starts a line) and the Azienda
#: Speciale (one line). 14 rounds of 36 keys, 56 of them Enter, Tab or Shift+Tab.
ROUND = [*"Mario Rossi", "enter", *"Anna Bianchi", "tab", *"Pro Brixia", "shift+tab"]
ROUNDS = 14


def text_keys() -> list[str]:
    return list(("Il Comune ha definito gli obiettivi strategici. " * 20)[:KEYS])


def text_applied(app: Any) -> bool:
    return (app.session.answers.get(TEXT_AT[1]) or "") == "".join(text_keys()).strip()


def field_keys() -> list[str]:
    return ROUND * ROUNDS


def fields_applied(app: Any) -> bool:
    answers = app.session.answers
    names = ("Mario Rossi\nAnna Bianchi" * ROUNDS).split("\n")
    return answers.get("header/signatories") == names and answers.get("header/special_agency") == "Pro Brixia" * ROUNDS


def new_session_app(path: Path) -> Any:
    """What ``oivtui new FILE`` opens: an empty session."""
    from oivtui.files.session import Session
    from oivtui.tui.app import OivApp

    return OivApp(Session(path=path))


def key_event(key: str) -> events.Key:
    if len(key) == 1:
        return events.Key("space" if key == " " else key, key)
    return events.Key(key, "\t" if key == "tab" else None)


async def main(path: Path, kind: str, delivery: str) -> None:
    if delivery == "textual":
        from screens.ordered_input import OrderedInputApp

        OrderedInputApp.on_event = App.on_event  # type: ignore[method-assign]
    path.unlink(missing_ok=True)
    app: Any = new_session_app(path)
    paints = Paints(app)
    async with app.run_test(size=(80, 24)):
        await until_painted(app, lambda: shown_step(app) == app.session.position.step, paints)
        if kind == "text":
            await app.goto(TEXT_AT[0])
            await until_painted(app, lambda: shown_step(app) == TEXT_AT[0], paints)
            app.wizard.current.boxes()[TEXT_AT[1]].focus_input()
            keys, done = text_keys(), text_applied
        else:
            app.wizard.current.boxes()["header/signatories"].focus_input()
            keys, done = field_keys(), fields_applied
        await asyncio.sleep(0.3)
        posted = [key_event(key) for key in keys]
        for event in posted:
            event.set_sender(app)

        def applied() -> bool:
            return not getattr(app, "input_in_flight", False) and done(app)

        paints.expect(applied)
        start = time.perf_counter()
        for event in posted:
            app.post_message(event)
        await until_painted(app, applied, paints, LIMIT)
        seconds = (paints.first if paints.first > start else time.perf_counter()) - start
        print(json.dumps({"seconds": seconds, "keys": len(posted)}), flush=True)
        os._exit(0)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
