"""``oivtui serve`` in a real browser: start screen, a new session, an answer typed with the
browser's keyboard and found in the session file; the lock across tabs; tabs closed, server stopped."""

from __future__ import annotations

import time
import tomllib

from tests.tui.ptyrun import PtyApp
from tests.web.browser import browser, open_tab
from tests.web.served import URL, lock_files, served, sessions_folder, tab_processes, wait_until_no_tabs

START = "Nuova sessione"  # the start screen's first button
FORMS = "Piano della performance"  # the dialog that asks which form
WIZARD = "Triennio del PIAO"  # the first step's second field


def new_session(tab, answer: str) -> None:  # type: ignore[no-untyped-def]
    """From the start screen: n, the default form, an answer in the first field (Amministrazione)."""
    tab.wait_for(START)
    tab.keyboard().press("n")
    tab.wait_for(FORMS)
    tab.keyboard().press("Enter")
    tab.wait_for(WIZARD)
    tab.keyboard().type(answer)


def saved_answer() -> str | None:
    files = sorted(sessions_folder().glob("*.toml"))
    if len(files) != 1:
        return None
    return tomllib.loads(files[0].read_text("utf-8")).get("header", {}).get("administration")


def wait_saved(answer: str, timeout: float = 10) -> None:
    start = time.monotonic()
    while saved_answer() != answer:
        assert time.monotonic() - start < timeout, f"not saved: {saved_answer()!r}"
        time.sleep(0.05)


def test_an_answer_typed_in_the_browser_is_in_the_session_file() -> None:
    with served() as door, browser() as context:
        refused = context.new_page()
        assert refused.goto(door.base + "/").status == 401  # the address without the token: no page
        assert "Nuova sessione" not in refused.content()
        refused.close()
        tab = open_tab(context, door.url)
        new_session(tab, "Comune di Prova")
        wait_saved("Comune di Prova")
        assert tab.page.url == door.base + "/"  # the token left the address bar
        tab.page.reload()  # the cookie lets the reload in: a new process, on the start screen
        tab.wait_for("Comune di Prova")  # the saved session, listed


def test_a_closed_tab_saves_and_ends_its_process_within_2_s() -> None:
    with served() as door, browser() as context:
        tab = open_tab(context, door.url)
        new_session(tab, "Comune di Chiusura")
        wait_saved("Comune di Chiusura")
        assert len(tab_processes()) == 1 and len(lock_files()) == 1
        tab.keyboard().type(" Alta")
        time.sleep(0.3)  # the keys reach the process (the autosave may still be pending)
        tab.page.close()
        assert wait_until_no_tabs(2.0) <= 2.0
        assert saved_answer() == "Comune di Chiusura Alta"
        assert lock_files() == []


def test_a_second_tab_on_an_open_session_gets_the_locks_message() -> None:
    with served() as door, browser() as context:
        first = open_tab(context, door.url)
        new_session(first, "Comune Condiviso")
        wait_saved("Comune Condiviso")
        second = open_tab(context, door.base + "/")  # the cookie is enough
        second.wait_for("Comune Condiviso")  # listed on the start screen, and highlighted
        second.keyboard().press("Enter")
        second.wait_for("Sessione già aperta")
        first.keyboard().type(" Uno")
        wait_saved("Comune Condiviso Uno")  # the first tab still writes


def test_ctrl_c_in_the_servers_terminal_saves_every_tab_and_leaves_no_process() -> None:
    # Ctrl+C typed in its terminal (made its controlling one by setsid -c): SIGINT to its foreground group.
    server = PtyApp("serve", "--port", "0", prefix=["setsid", "-c", "-w"])
    try:
        assert server.wait_for(b"Ctrl+C", 30)
        found = URL.search(server.output.decode("utf-8", "replace"))
        assert found is not None
        base, url = found.group(1), found.group(0)
        with browser() as context:
            tabs = [open_tab(context, url)]
            new_session(tabs[0], "Comune Interrotto")
            wait_saved("Comune Interrotto")
            tabs.append(open_tab(context, base + "/"))
            tabs[1].wait_for("Comune Interrotto")  # the second tab, on the start screen
            tabs[0].keyboard().type(" Fine")
            time.sleep(0.3)
            assert len(tab_processes()) == 2
            server.key(b"\x03")
            assert server.wait_exit(15) == 0
            assert tab_processes() == []
            assert saved_answer() == "Comune Interrotto Fine"
            assert lock_files() == []
            assert b"Traceback" not in server.output
    finally:
        server.kill()


def test_a_killed_server_leaves_no_tab_behind() -> None:
    with served() as door, browser() as context:
        tab = open_tab(context, door.url)
        new_session(tab, "Comune Orfano")
        wait_saved("Comune Orfano")
        door.process.kill()  # SIGKILL: no goodbye to the tabs; their input pipe closes
        door.process.wait()
        wait_until_no_tabs(5)
        assert saved_answer() == "Comune Orfano"
        assert lock_files() == []


def test_twenty_tabs_opened_and_closed_leave_no_process_and_no_lock() -> None:
    with served() as door, browser() as context:
        for round_ in range(4):  # 4 × 5 tabs: each makes its own session (its own lock), then closes
            tabs = [open_tab(context, door.base + "/" if round_ or i else door.url) for i in range(5)]
            for i, tab in enumerate(tabs):
                new_session(tab, f"Comune {round_}-{i}")
            assert len(lock_files()) == 5
            for tab in tabs:
                tab.page.close()
            wait_until_no_tabs(10)
        assert len(list(sessions_folder().glob("*.toml"))) == 20
        assert lock_files() == []
        assert door.process.poll() is None  # the server is still serving
