"""Each private Textual name in screens/compat.py still means what it meant when it was chosen."""

from __future__ import annotations

import asyncio
import inspect
import io
import os
import signal
import sys
import threading
import time
from collections.abc import AsyncIterator

import pytest
from rich.color import Color as RichColor
from rich.console import Console as RichConsole
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual._compositor import ChopsUpdate
from textual.app import App, ComposeResult
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from screens.compat import (
    ChangedChops,
    KeyParser,
    SendsChangesOnly,
    ShownCells,
    driver_output,
    focused_without_repaint,
    has_pending_messages,
    key_parser,
    screen_strips,
    widgets_of_mount_wait,
    wrap_driver_output,
)

#: Each private name, when Textual changes it, makes a test here fail or hang: a hang fails in seconds.
pytestmark = pytest.mark.timeout(30)


class Slow(Message):
    """Handled slowly, so that others queue up behind it."""


class Probe(Static):
    def __init__(self) -> None:
        super().__init__()
        self.handled = 0
        self.release = asyncio.Event()

    async def on_slow(self, message: Slow) -> None:
        await self.release.wait()
        self.handled += 1


class ProbeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Probe()


async def test_a_message_queued_behind_a_busy_handler_is_pending_until_handled() -> None:
    app = ProbeApp()
    async with app.run_test() as pilot:
        probe = app.query_one(Probe)
        await pilot.pause()
        assert not has_pending_messages(probe)
        probe.post_message(Slow())
        probe.post_message(Slow())
        await asyncio.sleep(0.05)  # the first is being handled, the second waits in the queue
        assert has_pending_messages(probe)
        probe.release.set()
        for _ in range(100):
            if probe.handled == 2:
                break
            await asyncio.sleep(0.01)
        assert probe.handled == 2
        assert not has_pending_messages(probe)


async def test_a_message_posted_from_a_callback_is_pending_for_the_app() -> None:
    app = ProbeApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        seen: list[bool] = []

        def look() -> None:
            app.call_later(lambda: None)
            seen.append(has_pending_messages(app))

        app.call_later(look)
        await pilot.pause()
        assert seen == [True]
        assert not has_pending_messages(app)


# ---------------------------------------------------------------- Screen.focused without repaint


def declared(reactive: object) -> dict[str, object]:
    """A reactive's options, as it reports them (its Rich repr), but its name."""
    return {key: value for key, value, *_default in reactive.__rich_repr__() if key != "name"}  # type: ignore[attr-defined]


def test_focused_without_repaint_differs_from_textuals_focused_in_repaint_only() -> None:
    textuals = declared(inspect.getattr_static(Screen, "focused"))
    ours = declared(focused_without_repaint())
    assert textuals["repaint"] is True and ours["repaint"] is False
    assert {**textuals, "repaint": False} == ours
    assert callable(getattr(Screen, "_watch_focused", None))  # Textual's watcher, still run for ours


class Quiet(Screen[None]):
    focused = focused_without_repaint()
    CSS = "Input { border: tall #000000; } Input:focus { border: tall #ff0000; }"

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")


class QuietApp(App[None]):
    CSS = Quiet.CSS

    def on_mount(self) -> None:
        self.push_screen(Quiet())


RED = RichColor.parse("#ff0000")


def red(widget: Widget) -> bool:
    """The widget's border is drawn in red (its focus style)."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    colours = {seg.style.color for strip in strips for seg in strip if seg.style is not None}
    return RED in colours


async def test_a_focus_change_without_repaint_still_redraws_both_widgets_and_moves_the_bindings() -> None:
    app = QuietApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        one, two = app.screen.query_one("#one", Input), app.screen.query_one("#two", Input)
        one.focus()
        await pilot.pause()
        assert app.screen.focused is one and red(one) and not red(two)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is two and red(two) and not red(one)
        await pilot.press("x")
        await pilot.pause()
        assert (one.value, two.value) == ("", "x")


# ---------------------------------------------------------------- the composed screen (tests)


class Layered(App[None]):
    CSS = "#over { dock: top; width: 20; height: 1; }"

    def compose(self) -> ComposeResult:
        yield Static("under the line, drawn first", id="under")
        yield Static("OVER", id="over")


async def test_screen_strips_are_the_composed_screen_line_by_line() -> None:
    app = Layered()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        strips = screen_strips(app.screen)
        assert len(strips) == 5 and all(strip.cell_length == 40 for strip in strips)
        assert [strip.text.rstrip() for strip in strips[:2]] == ["OVER", "under the line, drawn first"]


class ScrolledUnderAToast(App[None]):
    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll

        with VerticalScroll(id="step"):
            for number in range(60):
                yield Static(f"riga {number}")


async def test_a_toast_expiring_after_a_scroll_has_its_cells_repainted() -> None:
    """``repaint_where_widgets_were``: a scroll lays out only what is in sight and leaves the full
    map stale (``_full_map_invalidated``, ``_visible_map``); the toast's removal rebuilds it lazily
    (``full_map``) without the toast, before the layout that would have found it gone. The cells
    it covered must still be among those repainted (``_dirty_regions`` at ``render_partial_update``)."""
    from textual.containers import VerticalScroll

    from screens.compat import repaint_where_widgets_were

    repaint_where_widgets_were()
    repaint_where_widgets_were()  # idempotent: wrapped once
    app = ScrolledUnderAToast()
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        app.notify("Un avviso sopra le righe, che scade presto.", timeout=1.0)
        await pilot.pause(0.3)
        (toast,) = app.screen.query("Toast")
        toast_cells = toast.region
        compositor = app.screen._compositor
        repainted: list[Region] = []
        render = compositor.render_partial_update

        def recorded() -> object:
            repainted.extend(compositor._dirty_regions)
            return render()

        compositor.render_partial_update = recorded  # type: ignore[method-assign,assignment]
        app.query_one("#step", VerticalScroll).scroll_to(y=10, animate=False)
        await pilot.pause(0.3)
        assert compositor._full_map_invalidated and compositor._visible_map is not None  # laid out in sight only
        repainted.clear()
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.screen.query("Toast"):
                break
        await pilot.pause(0.1)
        assert not app.screen.query("Toast")
        covered = [cells for cells in repainted if cells.overlaps(toast_cells)]
        assert covered and Region.from_union(covered).contains_region(toast_cells), repainted
        assert app.screen.size.region not in repainted  # those cells, not the whole screen


async def test_a_toast_moved_down_after_a_scroll_has_the_cells_it_left_repainted() -> None:
    """Two toasts, the lower one shorter: when it expires the upper one moves down to the bottom.
    After a scroll the lazy rebuild already holds the upper one at its new place: the cells it
    left (its old top rows) must be repainted too, not only the ones of the toast gone."""
    from textual.containers import VerticalScroll

    from screens.compat import repaint_where_widgets_were

    repaint_where_widgets_were()
    app = ScrolledUnderAToast()
    async with app.run_test(size=(60, 24), notifications=True) as pilot:
        app.notify("Il primo avviso, che resta più a lungo sullo schermo.", timeout=3.0)
        app.notify("Il secondo, breve.", timeout=0.8)
        await pilot.pause(0.3)
        upper, lower = sorted(app.screen.query("Toast"), key=lambda toast: toast.region.y)
        was = upper.region
        compositor = app.screen._compositor
        repainted: list[Region] = []
        render = compositor.render_partial_update

        def recorded() -> object:
            repainted.extend(compositor._dirty_regions)
            return render()

        compositor.render_partial_update = recorded  # type: ignore[method-assign,assignment]
        app.query_one("#step", VerticalScroll).scroll_to(y=10, animate=False)
        await pilot.pause(0.3)
        repainted.clear()
        for _ in range(60):
            await pilot.pause(0.05)
            if not lower.is_attached:
                break
        await pilot.pause(0.2)
        assert upper.is_attached and upper.region != was  # moved down
        left = was.intersection(Region(was.x, was.y, was.width, upper.region.y - was.y))
        covered = [cells for cells in repainted if cells.overlaps(left)]
        assert left and covered and Region.from_union(covered).contains_region(left), repainted


# ---------------------------------------------------------------- the Linux driver


class DriverApp:
    """What a driver talks to, here: the messages it sends."""

    def __init__(self) -> None:
        self.messages: list[object] = []

    async def _post_message(self, message: object) -> bool:
        self.messages.append(message)
        return True


@pytest.fixture
async def linux_driver() -> AsyncIterator[LinuxDriver]:
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    app = DriverApp()
    driver = LinuxDriver(app, debug=False)  # type: ignore[arg-type]
    driver.posted = app.messages  # type: ignore[attr-defined]
    yield driver
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_the_key_parser_reads_keys_pastes_and_a_lone_escape() -> None:
    """``KeyParser`` (``textual._xterm_parser.XTermParser``) turns text into the driver's events."""
    parser = KeyParser(False)
    events_ = list(parser.feed("a\x1b[A\x1b[200~x\ny\x1b[201~"))
    assert [e.key for e in events_ if isinstance(e, events.Key)] == ["a", "up"]
    assert [e.text for e in events_ if isinstance(e, events.Paste)] == ["x\ny"]
    assert list(parser.feed("\x1b")) == []  # Esc alone: maybe the start of a sequence...
    time.sleep(0.2)
    assert [e.key for e in parser.tick() if isinstance(e, events.Key)] == ["escape"]  # ...until tick() says not


async def test_key_parser_takes_the_drivers_debug_flag(linux_driver: LinuxDriver) -> None:
    assert "XTermParser(self._debug)" in inspect.getsource(LinuxDriver.run_input_thread)
    assert isinstance(key_parser(linux_driver), KeyParser)


async def test_the_driver_output_is_what_the_writer_thread_gets(linux_driver: LinuxDriver) -> None:
    """``_file`` is set when the driver is made and handed to the writer thread by ``start_application_mode``."""
    assert driver_output(linux_driver) is sys.__stderr__
    assert "WriterThread(self._file)" in inspect.getsource(LinuxDriver.start_application_mode)
    wrapped = io.StringIO()
    wrap_driver_output(linux_driver, lambda stream: wrapped)
    assert driver_output(linux_driver) is wrapped


async def test_the_input_thread_runs_run_input_thread_on_fileno_until_exit_event(linux_driver: LinuxDriver) -> None:
    """What ``oivtui.tui.terminal.SafeLinuxDriver`` overrides and reads: public names, undocumented."""
    assert "target=self._run_input_thread" in inspect.getsource(LinuxDriver.start_application_mode)
    assert "self.run_input_thread()" in inspect.getsource(LinuxDriver._run_input_thread)
    assert isinstance(linux_driver.fileno, int)
    assert isinstance(linux_driver.exit_event, threading.Event)
    read_end, write_end = os.pipe()
    linux_driver.fileno = read_end
    thread = threading.Thread(target=linux_driver.run_input_thread, daemon=True)
    thread.start()
    os.write(write_end, b"q")
    for _ in range(100):
        await asyncio.sleep(0.01)
        if linux_driver.posted:  # type: ignore[attr-defined]
            break
    linux_driver.exit_event.set()
    thread.join(2)
    os.close(read_end)
    os.close(write_end)
    assert not thread.is_alive()
    sent = linux_driver.posted  # type: ignore[attr-defined]
    assert [m.key for m in sent if isinstance(m, events.Key)] == ["q"]  # sent with send_message


def test_the_palettes_no_matches_line_is_where_palette_saying_replaces_it() -> None:
    """``palette_saying`` rewrites Textual's ``_start_no_matches_countdown`` with another text: the
    method still adds «No matches found» as one disabled option after a countdown, with the names
    the rewrite uses (tests/tui/test_italian.py checks the Italian line on screen)."""
    from textual.command import CommandPalette

    source = inspect.getsource(CommandPalette._start_no_matches_countdown)
    for piece in (
        "self._stop_no_matches_countdown()",
        '"No matches found"',
        "disabled=True",
        "id=self._NO_MATCHES",
        "self._list_visible = True",
        "self._list_visible = False",
        "self._no_matches_timer = self.set_timer(",
        "self._NO_MATCHES_COUNTDOWN",
    ):
        assert piece in source, piece
    assert source.count("add_option") == 1 and "CommandList" in source


class MountWatch(Screen[None]):
    """Records, for each layout it is asked for, which mount's wait asked (``widgets_of_mount_wait``)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[list[Widget] | None] = []

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False):  # type: ignore[no-untyped-def]
        if layout:
            self.asked.append(widgets_of_mount_wait())
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


async def test_the_layout_asked_by_a_mounts_wait_names_the_mounted_widgets_and_no_other_does() -> None:
    app = App[None]()
    async with app.run_test() as pilot:
        screen = MountWatch()
        await app.push_screen(screen)
        await pilot.pause()
        screen.asked.clear()
        built = Static("ahead")
        screen.mount(built)  # not awaited, as the wizard builds a view ahead
        await pilot.pause()
        await pilot.pause()
        assert [built] in screen.asked
        screen.asked.clear()
        screen.refresh(layout=True)  # any other caller
        assert screen.asked == [None]


# ---------------------------------------------------------------- SendsChangesOnly


def chops_update(lines: list[list[tuple[int, str]]], width: int = 10) -> ChopsUpdate:
    """A partial update as the compositor makes one: each line cut into runs ``(x, text)``."""
    chops = [{x: Strip([Segment(text, RichStyle(bold=x > 0))]) for x, text in line} for line in lines]
    ends = [[*(x for x, _ in line[1:]), width] for line in lines]
    return ChopsUpdate(chops, [(y, 0, width) for y in range(len(lines))], ends)


def test_changed_chops_writes_what_textual_writes_less_the_runs_the_terminal_shows() -> None:
    """``ChangedChops`` writes the same bytes as Textual's ``ChopsUpdate`` the first time; then
    only the runs whose text changed, a run drawn over in other cuts again, and everything once
    the record is forgotten (a full repaint, a resize, back from the editor)."""
    console = RichConsole(color_system="truecolor", force_terminal=True, width=10)
    shown = ShownCells()
    first = chops_update([[(0, "ab"), (2, "cdefghij")], [(0, "klmnopqrst")]])
    assert ChangedChops(first, shown).render_segments(console) == first.render_segments(console)
    assert ChangedChops(first, shown).render_segments(console) == ""  # the terminal shows it all
    changed = chops_update([[(0, "ab"), (2, "cdXfghij")], [(0, "klmnopqrst")]])
    assert ChangedChops(changed, shown).render_segments(console) == "\x1b[1;3H" + Strip(
        [Segment("cdXfghij", RichStyle(bold=True))]
    ).render(console)
    recut = chops_update([[(0, "abcd"), (4, "Xfghij")], [(0, "klmnopqrst")]])
    assert ChangedChops(recut, shown).render_segments(console).count("\x1b[1;") == 2  # both runs: other cuts
    assert ChangedChops(changed, shown).render_segments(console).count("\x1b[1;") == 2  # and back
    shown.forget()
    assert ChangedChops(first, shown).render_segments(console) == first.render_segments(console)


def test_changed_chops_is_textuals_render_of_a_partial_update_and_display_writes_it() -> None:
    """``ChangedChops.render_segments`` copies ``ChopsUpdate.render_segments`` (runs cropped to the
    span, a line ending between lines); ``App._display`` writes what ``render_segments`` gives,
    nothing during a batch, and forgets nothing of its own."""
    source = inspect.getsource(ChopsUpdate.render_segments)
    for piece in (
        "for y, x1, x2 in self.spans:",
        "for end, (x, strip) in zip(ends, line.items()):",
        "if x > x2 or end <= x1:",
        "if x2 > x >= x1 and end <= x2:",
        "strip = strip.crop(0, min(end, x2) - x)",
        "append(move_to(x, y).segment.text)",
        "append(strip.render(console))",
        'append("\\n")',
    ):
        assert piece in source, piece
    display = inspect.getsource(App._display)
    assert "if self._batch_count:\n                return" in display
    assert display.index("if self._batch_count") < display.index("renderable.render_segments(console)")
    assert "isinstance(renderable, CompositorUpdate)" in display


async def test_the_record_of_the_terminal_is_forgotten_on_resume_and_on_a_new_size() -> None:
    class Shown(SendsChangesOnly):
        def compose(self) -> ComposeResult:
            yield Static("x")

    app = Shown()
    async with app.run_test(size=(80, 24)):
        app._display(app.screen, None)
        shown = app.shown_cells
        assert shown is not None
        shown.unsent(0, 0, 2, "ab")
        app.app_resume_signal.publish(app)  # back from $EDITOR: the terminal may show anything
        assert shown.lines == {}
        shown.unsent(0, 0, 2, "ab")
        shown.size = None  # written at another size
        app._display(app.screen, chops_update([[(0, "ab")]], width=2))
        assert shown.lines == {}  # the new size forgot it (headless, nothing is written)
