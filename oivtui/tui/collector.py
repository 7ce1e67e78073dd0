"""The TUI's start without the garbage collector's passes.

Starting the TUI imports Textual and builds the first screen: hundreds of thousands of objects,
nearly all of them kept for the whole session (modules, classes, styles, widgets). The collector's
passes over them while they were being made found next to nothing to free, and cost 2.5% of the
start's instructions (benchmarks/instructions.py). ``hold()``, first thing of a TUI command, turns
the collector off; ``release()``, once the app's first screen is painted, freezes what the start
built (``gc.freeze``: out of every later pass, as the wizard does with its step views: put off, the
passes would only have come after the first paint) and turns the collector back on.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """No collector's passes until ``release()``; a no-op if the collector is off already."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release(keep: bool = True) -> None:
    """Turn the collector back on, if ``hold`` turned it off (never one somebody else turned off);
    with ``keep``, once the first screen is painted, what was built so far is frozen first. Safe to
    call more than once."""
    global _held
    if _held:
        _held = False
        if keep:
            gc.freeze()
        gc.enable()
