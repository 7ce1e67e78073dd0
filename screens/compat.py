"""Every use of a private Textual name, each with its reason and a test (tests/unit/test_compat.py).

Textual is pinned to the minor version these were checked on (pyproject.toml). A Textual upgrade
that changes one of them makes its test fail, pointing here. Nowhere else in ``screens/`` or
``oivtui/`` is a private Textual name used: the shell (``oivtui.tui.terminal``) takes the driver's
private pieces from here too.

Replaced by public API: ``AnswerArea`` skips TextArea's re-wrap with ``Resize.prevent_default()``
(it overrode ``_on_resize``/``_watch_soft_wrap``); ``FieldBox`` gives its layout through the
``layout`` property (it set ``_default_layout``); the driver sends messages with
``Driver.send_message`` (it used ``_app``). Dropped as worth only milliseconds: the swap of
``_get_component_classes`` on focus changes (2-3 ms CPU of a step change, 0.8% of the start's
instructions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from rich.console import Console, RenderableType
from rich.control import Control
from textual._compositor import ChopsUpdate
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.message_pump import MessagePump
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

#: Textual's parser of what the terminal sends (keys, pastes, mouse, replies): ``feed(text)`` and
#: ``tick()`` give the events the driver posts. Private module (``textual._xterm_parser``).
KeyParser = XTermParser


def has_pending_messages(pump: MessagePump) -> bool:
    """True while ``pump`` has a message queued that it has not started handling.

    Why: the key gate (``screens.ordered_input``) hands the next key to the focused widget only
    once the messages that the previous key caused have been handled, and Textual keeps no public
    probe of a message pump's queue. ``_pending_message`` is the one message that Textual's loop
    takes off the queue early, to see whether it supersedes the one before (``can_replace``).
    Cost: two attribute reads per pump in the focused chain, per key.
    """
    return not pump._message_queue.empty() or pump._pending_message is not None


def focused_without_repaint() -> Reactive[Widget | None]:
    """``Screen.focused`` as Textual declares it, minus its repaint of the whole screen.

    For a ``Screen`` subclass: ``focused = focused_without_repaint()``. Textual repaints the whole
    screen whenever the focus moves; the widget losing the focus and the one gaining it restyle
    and redraw themselves anyway (their ``:focus`` styles), so the rest of the screen is drawn
    again unchanged, at every Tab and every step change. This redefines a reactive that Textual
    declares and watches itself (``Screen._watch_focused``): the test checks that the two
    declarations differ in ``repaint`` only.
    Measured (benchmarks/probe_steps.py, example session, 4 alternating runs on a loaded
    machine): a step change takes 41.6 ms of CPU with it, 67.7 ms without; the screen is quiet
    after 71 ms with it, 153 ms without. The step-change budget is a 30 ms median: kept.
    """
    return Reactive(None, repaint=False)


def repaint_where_widgets_were() -> None:
    """Make every screen repaint the cells of a widget that leaves its place (removed, hidden, moved).

    Why: a toast's text stayed painted after the toast expired, until something repainted the
    whole screen. Textual's compositor finds what to repaint after a layout by comparing the new
    map of the widgets with the one it keeps (``Compositor.reflow``: ``_full_map``). A scroll lays
    out only what is in sight (``reflow_visible``) and marks that map stale
    (``_full_map_invalidated``); the next look-up of a widget outside the map in sight rebuilds it
    (the lazy ``full_map``) from the widgets as they are *then*. Removing a widget looks up its
    parent's region before the layout it asks for, so the map is rebuilt without the widget: the
    layout then finds nothing gone, and the cells the widget covered keep their paint. A toast is
    a widget whose cells nothing else repaints (it lies over the step, outside its parent's new
    region); a burst of keys that scrolls the step leaves the map stale until it expires (a key
    typed one at a time looks widgets up in the full map and rebuilds it, the toast still in).
    This wraps the lazy rebuild: it compares the map it builds with the map last laid out
    (``_visible_map`` after a scroll, else ``_full_map``) as ``reflow`` does, and marks the cells
    of what changed (a widget gone, hidden or moved: where it was and where it is) to be repainted
    (``_dirty_regions``). Only those cells: a whole-screen repaint would send the screen again
    over the link (benchmarks/probe_wire.py). Cost: the comparison ``reflow`` makes, once per
    lazy rebuild. Idempotent; called by ``OrderedInputApp``. Not a speed patch: the gain is a
    screen that shows what is there (tests/tui/test_typing_robot.py reads the terminal's screen).
    """
    from typing import cast

    from textual._compositor import Compositor, CompositorMap

    lazy = cast(property, Compositor.__dict__["full_map"])
    rebuild = lazy.fget
    if rebuild is None or getattr(rebuild, "repaints_where_widgets_were", False):
        return

    def full_map(compositor: Compositor) -> CompositorMap:
        if not compositor._full_map_invalidated or compositor.root is None:
            return rebuild(compositor)
        laid_out = compositor._visible_map if compositor._visible_map is not None else compositor._full_map
        fresh = rebuild(compositor)
        for _widget, geometry in fresh.items() ^ laid_out.items():
            cells = geometry.clip.intersection(geometry.region)
            if cells:
                compositor._dirty_regions.add(cells)
        return fresh

    full_map.repaints_where_widgets_were = True  # type: ignore[attr-defined]
    Compositor.full_map = property(full_map, doc=lazy.__doc__)  # type: ignore[method-assign,assignment]


def screen_strips(screen: Screen) -> list[Strip]:
    """The lines the screen's compositor would write to the terminal now, top to bottom (tests only).

    Why: tests read what the user sees over a widget's region, children and overlaps included,
    and Textual keeps no public text view of the composed screen: ``App.export_screenshot`` gives
    the same screen as SVG only. Not a speed patch.
    """
    return screen._compositor.render_strips()


# ---------------------------------------------------------------- what the terminal shows (oivtui.tui.app)


class ShownCells:
    """What the app has written to the terminal, piece by piece: each line's runs of cells
    (``(x, end)``, as the compositor cuts the line between widgets) and the text that drew them."""

    def __init__(self) -> None:
        self.lines: dict[int, dict[tuple[int, int], str]] = {}
        #: The terminal's size when the lines were written (another size: they may show anything).
        self.size: object = None

    def forget(self, *args: object) -> None:
        """The terminal may show anything now (a full repaint, a resize, back from the editor)."""
        self.lines.clear()

    def unsent(self, y: int, x: int, end: int, text: str) -> bool:
        """Record that ``text`` draws cells ``x``..``end`` of line ``y``; False if it is what they show."""
        line = self.lines.setdefault(y, {})
        if line.get((x, end)) == text:
            return False
        for run in [run for run in line if run[0] < end and x < run[1]]:
            del line[run]
        line[x, end] = text
        return True


class ChangedChops(ChopsUpdate):
    """Textual's partial update of the screen, less the runs of cells the terminal already shows.

    ``render_segments`` is Textual 8.2.8's ``ChopsUpdate.render_segments`` (the test checks it
    still reads so), with each run of cells drawn only when its text differs from what ``shown``
    says the terminal has there; a line with nothing left to draw is left out.
    """

    def __init__(self, update: ChopsUpdate, shown: ShownCells) -> None:
        super().__init__(update.chops, update.spans, update.chop_ends)
        self.shown = shown

    def render_segments(self, console: Console) -> str:
        lines: list[str] = []
        move_to = Control.move_to
        for y, x1, x2 in self.spans:
            sequences: list[str] = []
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    end = min(end, x2)
                    strip = strip.crop(0, end - x)
                text = strip.render(console)
                if self.shown.unsent(y, x, end, text):
                    sequences.append(move_to(x, y).segment.text)
                    sequences.append(text)
            if sequences:
                lines.append("".join(sequences))
        return "\n".join(lines)


class SendsChangesOnly(App):  # type: ignore[type-arg]
    """An app that writes to the terminal only the cells whose look changed.

    Why: Textual repaints a widget whenever it is laid out anew, even when it looks the same:
    a step shown for the first time was painted twice (each of its widgets gets its first size,
    then a second layout repaints each of them), 6 kB each at 80×24 in 24-bit colour, half a
    second on a 256 kbit/s link (issue 30). The compositor's partial update (``ChopsUpdate``,
    private) holds the screen's changed lines cut into runs, one per widget; ``App._display``
    (private) writes it. Here the runs drawn with the same text as the terminal already shows at
    the same place are left out. Whatever may have changed the terminal behind Textual's back
    (a full repaint, a new size, a program run while the app was suspended) clears the record.
    Not a speed patch: the gain is bytes on the wire (benchmarks/probe_wire.py).
    """

    shown_cells: ShownCells | None = None

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        shown = self.shown_cells
        if shown is None:
            shown = self.shown_cells = ShownCells()
            self.app_resume_signal.subscribe(self, shown.forget, immediate=True)
        if isinstance(renderable, ChopsUpdate) and not self.is_inline:
            if self.size != shown.size:
                shown.forget()
                shown.size = self.size
            renderable = ChangedChops(renderable, shown)
        elif renderable is not None:
            shown.forget()
        super()._display(screen, renderable)


# ---------------------------------------------------------------- the Linux driver (oivtui.tui.terminal)


def key_parser(driver: Driver) -> XTermParser:
    """The parser ``LinuxDriver.run_input_thread`` makes: ``XTermParser(driver._debug)``.

    Why: ``oivtui.tui.terminal.SafeLinuxDriver`` rewrites the input thread so that one byte of invalid
    UTF-8 (Textual issue #6456) or an end of file (a terminal gone without SIGHUP, PR #6690) saves
    the session instead of killing the thread or spinning; the bytes it reads must still be parsed
    exactly as Textual parses them, and the parser lives in a private module. Not a speed patch:
    the gain is the session saved (tests/reliability/test_dropped_terminals.py).
    """
    return XTermParser(driver._debug)


def wrap_driver_output(driver: LinuxDriver, wrap: Callable[[IO[str]], IO[str]]) -> None:
    """Make ``driver`` write to the terminal through ``wrap(stream)``.

    Why: Textual's writer thread writes to the driver's ``_file`` (``sys.__stderr__``) with no
    error handling: the first write to a closed terminal (EIO) kills it, and the app then blocks
    on its full queue before it can save. Must run before ``start_application_mode``, which hands
    ``_file`` to the writer thread. Not a speed patch: the gain is the session saved when the
    terminal vanishes (tests/reliability/test_dropped_terminals.py).
    """
    driver._file = wrap(driver._file)  # type: ignore[assignment,arg-type]


def driver_output(driver: LinuxDriver) -> IO[str]:
    """The stream the driver's writer thread will write to (for tests of ``wrap_driver_output``)."""
    return driver._file  # type: ignore[return-value]


# ---------------------------------------------------------------- the command palette (oivtui.tui.dialogs)


def palette_saying(no_matches: str, **kwargs: object) -> Screen:
    """Textual's command palette, saying ``no_matches`` where Textual says «No matches found».

    Why: Textual writes that line into its own ``_start_no_matches_countdown``, with no parameter
    and no public hook; the placeholder, the one other string the palette shows, is a public
    argument (``placeholder=``, passed on in ``kwargs``). This is Textual 8.2.8's method with the
    text changed; it uses the palette's private ``_stop_no_matches_countdown``, ``_NO_MATCHES``,
    ``_NO_MATCHES_COUNTDOWN``, ``_list_visible`` and ``_no_matches_timer``, and the test checks
    that Textual's method still reads as this one. Not a speed patch: the gain is a palette
    that speaks the app's language. Imported only when the palette opens (textual.command is
    not light).
    """
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class Palette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def show_no_matches() -> None:
                if search_value:  # discovery (nothing typed) lists what there is, or nothing
                    self.query_one(CommandList).add_option(
                        Option(Align.center(Text(no_matches, style="not bold")), disabled=True, id=self._NO_MATCHES)
                    )
                    self._list_visible = True
                else:
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    return Palette(**kwargs)  # type: ignore[arg-type]


def widgets_of_mount_wait() -> list[Widget] | None:
    """The widgets whose mount asked for the current ``refresh``, when Textual's own wait for a
    mount (``AwaitMount``) is the caller; None for any other caller.

    Why: once the widgets given to ``mount()`` are mounted, Textual's ``AwaitMount`` asks their
    parent for a layout and a repaint of all of it. For a step view built ahead, hidden, that
    parent is the wizard's screen, and the repaint sends the whole screen again (9 kB at 80×24)
    for nothing new on it (``WizardScreen.refresh``). Only that one call may be spared, and
    Textual marks it with no flag: its caller is the private closure ``await_mount`` in
    ``AwaitMount.__await__``, whose ``self`` holds the widgets (``_widgets``). Two frames up:
    this function, then ``refresh``.
    """
    import sys

    from textual.widget import AwaitMount

    frame = sys._getframe(2)
    if frame.f_code.co_name != "await_mount":
        return None
    waiter = frame.f_locals.get("self")
    return list(waiter._widgets) if isinstance(waiter, AwaitMount) else None
