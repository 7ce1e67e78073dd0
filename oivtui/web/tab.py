"""One browser tab of ``oivtui serve``: the wizard on the start screen, driven through textual-serve's pipes.

textual-serve starts this module once per websocket (``python -m oivtui.web.tab``) with Textual's
web protocol on standard input and output. Each tab is a whole ``oivtui``: the same sessions, the
same locks, the same saving on the way out.
"""

from __future__ import annotations

import os
import sys

from textual.drivers.web_driver import WebDriver

from oivtui.tui.terminal import TerminalLost


class TabDriver(WebDriver):
    """Textual's ``WebDriver``, which also ends the app when its server goes away.

    The server tells a tab to quit when its browser tab closes; when the server itself dies
    (killed, crashed) the tab's standard input reaches end of file, and ``WebDriver``'s input
    thread just returns, leaving the app alive with nobody to talk to. Here it saves and exits.
    """

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # end of input without the driver being stopped: the server is gone
            self.send_message(TerminalLost("server chiuso"))  # thread-safe


def main() -> int:
    # A session of its own: Ctrl+C in the server's terminal reaches the server only, which then
    # tells every tab to save and quit, and waits for them (oivtui/web/door.py).
    try:
        os.setsid()
    except OSError:
        pass  # already a session leader
    from oivtui.tui.launch import run_app

    return run_app(driver_class=TabDriver)


if __name__ == "__main__":
    sys.exit(main())
