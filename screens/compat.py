"""Every use of a private Textual name, each with its reason and a test (tests/unit/test_compat.py).

Textual is pinned to the minor version these were checked on (pyproject.toml). A Textual upgrade
that changes one of them makes its test fail, pointing here.
"""

from __future__ import annotations

from textual.message_pump import MessagePump


def has_pending_messages(pump: MessagePump) -> bool:
    """True while ``pump`` has a message queued that it has not started handling.

    Why: the key gate (``screens.ordered_input``) hands the next key to the focused widget only
    once the messages that the previous key caused have been handled, and Textual keeps no public
    probe of a message pump's queue. ``_pending_message`` is the one message that Textual's loop
    takes off the queue early, to see whether it supersedes the one before (``can_replace``).
    Cost: two attribute reads per pump in the focused chain, per key.
    """
    return not pump._message_queue.empty() or pump._pending_message is not None
