"""Text typed where no field takes it (the step index, a button): kept, quoted in full, put back with Invio.

A printable key that no widget took bubbles up to the app. It used to vanish (a hidden focus stop),
or was said once in a while by the index alone. Now every such character joins the stray text,
which the wizard shows whole under the step (``WizardScreen.show_stray``); Invio, as the next key,
puts it into the field the user came from; any other key lets it go, quoted in full in a notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, TextArea

from oivtui.tui.terminal import read_of
from screens.ordered_input import InputEvent
from screens.widgets.fields import (
    NOTICE_SECONDS,
    AnswerArea,
    ChoiceBox,
    ChoiceList,
    FieldBox,
    FieldInput,
    focused_box,
)

if TYPE_CHECKING:
    from oivtui.tui.host import AppHost as _Host  # the App this is mixed into, as mypy sees it
else:
    _Host = object

#: On a dialog, the text it did not take is quoted this long after its last key (one notice a burst).
DIALOG_QUOTE_DELAY = 0.4
#: Keys that neither put the stray text back nor let it go (help: the user may want to read first).
KEEPS_STRAY = {"ctrl+g", "f1"}


def quoted(text: str) -> str:
    """«text» (n caratteri): whole, however long; the count says what may be hard to see (spaces)."""
    return f"«{text}» ({len(text)} {'carattere' if len(text) == 1 else 'caratteri'})"


class StrayKeys(_Host):
    """The stray text of ``OivApp``: what was typed on a focus stop that takes no text."""

    #: The characters typed since the last key that was not one, on a stop that takes no text.
    stray_text = ""
    #: The field's widget the user was in last (``FieldBox.Entered``): where Invio puts the text.
    stray_home: Widget | None = None

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the app: no widget took it and no binding will."""
        if not (event.is_printable and event.character) or event.key in self.active_bindings:
            return
        if self.wizard is None and not isinstance(self.screen, ModalScreen):
            return  # the start screen: its letters are its own commands
        event.prevent_default()
        self.stray_text += event.character
        if not self.input_waiting:  # in a burst: shown once it is all in (``stray_settled``)
            self.show_stray()

    #: The pasted newline of this burst was said (``pasted_newline``).
    _newline_said = False

    def stray_settled(self) -> None:
        self._newline_said = False
        if self.stray_text:
            self.show_stray()

    def input_look_ahead(self, event: InputEvent) -> bool:
        """An Invio in a one-line field: is text arriving with it (``pasted_newline``)?"""
        return isinstance(event, events.Key) and event.key == "enter" and isinstance(self.focused, Input)

    def input_taken(self, event: InputEvent) -> bool:
        """With stray text held: Invio puts it back, Backspace takes its last character off, a
        printable key adds to it (``on_key``); any other key lets it go, said in full."""
        if not isinstance(event, events.Key):
            return False
        if event.key == "enter" and self.pasted_newline(event):
            return True
        if not self.stray_text:
            return False
        if event.key == "enter" and self.wizard is None:
            # On a dialog, an Invio right behind text it did not take was typed for a field, not
            # for its buttons: it presses none.
            text, self.stray_text = self.stray_text, ""
            self.notify(
                f"Invio non usato: arrivato dopo {quoted(text)}, non destinati a questa finestra{self.came_from()}. "
                "Scegli con Tab e Invio.",
                severity="warning",
                timeout=NOTICE_SECONDS * 2,
                markup=False,
            )
            return True
        if event.key == "enter":
            self.put_stray_back()
            return True
        if event.key == "backspace" and not isinstance(self.focused, Input | TextArea):
            self.stray_text = self.stray_text[:-1]
            self.show_stray()
            return True
        if not (event.is_printable and event.character) and event.key not in KEEPS_STRAY:
            self.let_stray_go()
        return False

    def pasted_newline(self, enter: events.Key) -> bool:
        """An Invio in a one-line field with text right behind it in the same read of the terminal
        (Invii between them included): a paste, as a terminal without bracketed paste sends its
        lines as keys. The lines stay in the field, joined by a space: moving on would have put the
        rest into the next field, answered or empty (docs/reliability.md, «Un a capo nel testo»).
        Keys queued behind the Invio because the app was busy, but read apart, were typed: it
        moves on. (Keys from no terminal read, a test's or the browser's: the queue decides.)"""
        here = self.focused
        if not isinstance(here, Input) or (box := focused_box(here)) is None:
            return False
        after = next((e for e in self.input_following if not (isinstance(e, events.Key) and e.key == "enter")), None)
        if not isinstance(after, events.Key) or not after.is_printable:
            return False  # an Invio on its own, or before a key that is not text: it moves on
        if (read := read_of(enter)) is not None and read_of(after) not in (read, None):
            return False  # typed after the Invio, in a read of its own: queued only by a busy app
        next_key = self.input_next
        if isinstance(next_key, events.Key) and next_key.key == "enter":
            return True  # an empty line of the paste: the last Invio before the text makes the space
        # As a key, queued behind the letters before it, which the field may not have taken in yet.
        here.post_message(events.Key("space", " "))
        if not self._newline_said:  # once a burst: a paste of ten lines is one notice
            self._newline_said = True
            self.notify(
                f"{box.named}: un a capo arrivato insieme al testo che lo segue (un incolla) è diventato "
                "uno spazio, così il testo resta in questo campo. Per passare al campo successivo usa Tab.",
                timeout=NOTICE_SECONDS * 2,
                markup=False,
            )
        return True

    def home_label(self) -> str:
        """The field the user came from, its question named («Dati generali – Amministrazione»)."""
        box = box_of(self.stray_home)
        return box.named if box is not None else ""

    def came_from(self) -> str:
        """« (eri in «Dati generali – Amministrazione»)», or nothing when no field is known."""
        home = self.home_label()
        return f" (eri in «{home}»)" if home else ""

    def show_stray(self) -> None:
        """Show the stray text whole: under the step in the wizard, in a notice elsewhere."""
        text, home = self.stray_text, self.home_label()
        wizard = self.wizard
        if wizard is not None and self.screen is wizard:
            wizard.show_stray(stray_line(text, home))
            return
        if text:  # a dialog: what it did not take is quoted whole, once the keys stop coming
            if self._stray_timer is not None:
                self._stray_timer.stop()
            self._stray_timer = self.set_timer(DIALOG_QUOTE_DELAY, self.quote_on_dialog)

    _stray_timer: Timer | None = None

    def quote_on_dialog(self) -> None:
        self._stray_timer = None
        if self.stray_text and self.wizard is None:
            self.notify(
                f"Non usato dalla finestra: {quoted(self.stray_text)}. Se era per un campo{self.came_from()}, "
                "chiudi la finestra e riscrivilo lì.",
                severity="warning",
                timeout=NOTICE_SECONDS * 2,
                markup=False,
            )

    def let_stray_go(self) -> None:
        text, self.stray_text = self.stray_text, ""
        where = self.came_from()
        self.show_stray()
        self.notify(
            f"Non messo in nessun campo: {quoted(text)}{where}. Se ti serve, riscrivilo nel campo.",
            severity="warning",
            timeout=NOTICE_SECONDS * 2,
            markup=False,
        )

    def put_stray_back(self) -> None:
        """Invio: the stray text goes into the field the user came from, where its cursor was."""
        text, self.stray_text = self.stray_text, ""
        home, box = self.stray_home, box_of(self.stray_home)
        self.show_stray()
        if home is None or box is None or not takes_text_back(box):
            why = f"«{box.named}» ora non si può modificare" if box is not None else "Nessun campo dove metterlo"
            self.notify(
                f"{why}: {quoted(text)}. Riscrivilo nel campo.",
                severity="warning",
                timeout=NOTICE_SECONDS * 2,
                markup=False,
            )
            return
        put = put_into(home, box, text)
        if put:
            self.notify(f"Messo in «{box.named}»: {quoted(put)}.", timeout=NOTICE_SECONDS, markup=False)


def box_of(home: Widget | None) -> FieldBox | None:
    """The field a widget the user typed in belongs to, while it is still on screen."""
    return focused_box(home) if home is not None and home.is_attached else None


def takes_text_back(box: FieldBox) -> bool:
    """Text kept for a field (stray, typed ahead of a dialog) may go into it: shown, not read-only."""
    return box.display and not box.read_only


def put_into(home: Widget, box: FieldBox, text: str, focus: bool = True) -> str:
    """``text`` into the field's widget ``home``, at its cursor: into a text field as a paste into it
    would go (lines joined in a one-line field, control characters out, said in a notice), onto a
    choice list key by key, as typed there. Returns what went in."""
    if focus:
        home.focus()
    if isinstance(home, FieldInput | AnswerArea):
        return home.take_paste(text)
    if isinstance(home, ChoiceList) and isinstance(box, ChoiceBox):
        for char in text:
            box.typed_on_options(home, char)
        return text
    return ""


def stray_line(text: str, home: str) -> str:
    """What the line under the step says of the stray text (empty: the line hides)."""
    if not text:
        return ""
    back = f"Invio lo mette in «{home}»" if home else "Invio: nessun campo dove metterlo"
    return f"Non è andato in nessun campo: {quoted(text)}. {back}; un altro tasto lo lascia."
