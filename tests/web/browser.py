"""Debian's chromium, headless, driven by Playwright (``executable_path``: never a browser of Playwright's own).

The terminal in the page is xterm.js drawing on a canvas: what the tab shows is read from the
bytes its websocket receives (a wrapper around ``WebSocket`` installed before the page's scripts).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
#: As root chromium needs --no-sandbox; the rest keeps it off the network and quiet.
FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SPY = """
(() => {
  const Original = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screen = "";
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (typeof e.data !== "string") window.__screen += decoder.decode(e.data, {stream: true});
      });
    }
  };
})();
"""
ESCAPE = re.compile(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|[()][0-9A-Za-z]|.)")


def need_chromium() -> None:
    """Skipped without chromium or Playwright, except in CI (.ci/run installs both): there it fails."""
    missing = [
        what for what, there in (("chromium", os.path.exists(CHROMIUM)), ("playwright", _playwright())) if not there
    ]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: missing {', '.join(missing)} (.ci/run installs them)")
        pytest.skip(f"missing {', '.join(missing)}")


def _playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


class Tab:
    """One browser tab on the served wizard."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def text(self) -> str:
        """Everything the tab was sent, escape sequences removed."""
        return ESCAPE.sub("", self.page.evaluate("window.__screen"))

    def wait_for(self, words: str, timeout: float = 30) -> None:
        start = time.monotonic()
        while words not in self.text():
            if time.monotonic() - start > timeout:
                self.page.screenshot(path=str(Path(os.environ["HOME"]) / "failed.png"))
                raise AssertionError(f"{words!r} never shown; last: {self.text()[-1500:]!r}")
            time.sleep(0.05)

    def forget(self) -> None:
        """What was shown so far, forgotten: the next ``wait_for`` sees only what comes after."""
        self.page.evaluate("window.__screen = ''")

    def keyboard(self) -> Any:
        self.page.locator(".xterm-helper-textarea").focus()
        return self.page.keyboard


@contextmanager
def browser() -> Iterator[Any]:
    """A fresh headless chromium (a new profile folder) as a Playwright context."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    profile = Path(os.environ["HOME"]) / "chromium-profile"
    profile.mkdir()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            viewport={"width": 1100, "height": 700},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def open_tab(context: Any, url: str) -> Tab:
    page = context.new_page()
    page.add_init_script(SPY)
    page.goto(url)
    return Tab(page)
