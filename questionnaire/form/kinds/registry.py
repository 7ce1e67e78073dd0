"""The one registry of the kinds of field: ``Kind`` (everything a layer asks of a kind), ``KINDS``,
``register``, and what each layer needs of every kind (``requires``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Literal, NamedTuple

from questionnaire.form.kinds.text import FieldLike, Parsed, Value, clean

#: How a kind's answer is given and laid out. Each layer has one way per shape (its widget, its way
#: of asking, its blocks in the report) and says at import (``requires``) that it has them all.
SHAPES: dict[str, str] = {
    "line": "one line: an input line; asked on one line; «Risposta: …» in the report",
    "text": "free text over several lines: a text area; asked until a blank line; paragraphs in the report",
    "list": "one item a line: a text area; asked until a blank line; a bulleted list in the report",
    "options": "one of the field's options, or the user's own wording when ``other``: a list to pick from; "
    "asked by number; a ticked box in a table of the report",
}
Shape = Literal["line", "text", "list", "options"]


class Kind(NamedTuple):
    """Everything the layers ask of one kind of field. Every piece is required: a ``Kind`` written
    without one fails where it is written, and ``register`` refuses one that is empty or wrong."""

    #: The name the form data gives a field's ``kind``.
    name: str
    #: The kind in Italian, after «un» («ora chiede un numero intero»: a carry-over's note).
    label: str
    #: How the answer is given and laid out (``SHAPES``).
    shape: Shape
    #: What a person typed → the value, or why it cannot be one (Italian).
    parse: Callable[[FieldLike, str], Parsed]
    #: A stored value as its field (and ``oivtui ask``) shows it to edit; None → "".
    format: Callable[[FieldLike, Value | None], str]
    #: A stored value (not None) → "" or the Italian reason it is no answer of the field.
    check: Callable[[FieldLike, object], str]
    #: The TOML type it is stored as: "" or why a value read from a session file has the wrong one.
    stored: Callable[[object], str]
    #: A text stored for it is what was typed: a loaded file's text is read by ``parse`` into its value.
    typed: bool
    #: Whether last year's stored value still has its type (a carry-over keeps it, or says why not).
    holds: Callable[[object], bool]
    #: The type of a condition's ``value`` that compares an answer of this kind, or None when a
    #: condition may only ask whether it is empty (``questionnaire.form.relevance``).
    compared_as: type[str] | type[int] | None
    #: What the empty input shows in the app; "" for nothing.
    placeholder: str
    #: The input is a short box (a number, a date), not a line across the screen.
    narrow: bool
    #: Once left, the input shows the value as kept («26 febbraio 2025» → 26/02/2025), not as typed.
    shown_as_kept: bool
    #: The line mode's hint under the field's label (``oivtui ask``).
    ask_hint: str
    #: A count: right-aligned in the report's tables, beside the other counts in a table's row, what
    #: an ``agency_share_of`` field holds a share of.
    numeric: bool
    #: The value as the report writes it in oivtui's words (a date: «26 febbraio 2024»), or None
    #: when it is written as the user typed it.
    in_report: Callable[[object], str | None]

    @property
    def is_long(self) -> bool:
        """Answers over several lines: a text area, asked until a blank line."""
        return self.shape in ("text", "list")


class KindError(LookupError):
    """A kind not registered, or lacking what a layer needs of it: a developer's mistake, said at once."""


#: The registered kinds by name, in order of registration (``register``).
KINDS: dict[str, Kind] = {}

#: What each layer needs of every kind (``requires``): by the layer's name, the check.
_NEEDS: dict[str, Callable[[Kind], str]] = {}

_FUNCTIONS = ("parse", "format", "check", "stored", "holds", "in_report")


def _lacks(kind: Kind) -> str:
    """What ``kind`` lacks or holds wrongly, or ""."""
    if not isinstance(kind, Kind):
        return "not a Kind"
    if not isinstance(kind.name, str) or not kind.name.strip():
        return "no name (a text)"
    texts = [piece for piece in ("label", "placeholder", "ask_hint") if not isinstance(getattr(kind, piece), str)]
    if texts:
        return f"{texts[0]} is not a text"
    if kind.shape not in SHAPES:
        return f"the shape {kind.shape!r} is none of {', '.join(SHAPES)}"
    missing = [piece for piece in _FUNCTIONS if not callable(getattr(kind, piece))]
    if missing:
        return f"no {missing[0]} (a function)"
    flags = [piece for piece in ("typed", "narrow", "numeric") if not isinstance(getattr(kind, piece), bool)]
    if flags:
        return f"{flags[0]} is not True or False"
    if kind.compared_as not in (str, int, None):
        return "compared_as is none of str, int, None"
    return ""


def _refuse(kind: object, problem: str, where: str) -> KindError:
    return KindError(f"kind of field {getattr(kind, 'name', kind)!r}: {problem} ({where})")


def register(kind: Kind) -> Kind:
    """Add ``kind``, once it has every piece and every layer imported so far has what it needs of it
    (``requires``); KindError, naming the kind, what it lacks and the layer, if not."""
    problem = _lacks(kind) or ("already registered" if kind.name in KINDS else "")
    if problem:
        raise _refuse(kind, problem, __name__)
    for layer, need in _NEEDS.items():
        problem = need(kind)
        if problem:
            raise _refuse(kind, problem, layer)
    KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Take a kind out again (a test's own kind, once the test is over)."""
    KINDS.pop(name, None)


def requires(layer: str, need: Callable[[Kind], str]) -> None:
    """What ``layer`` needs of every kind: ``need(kind)`` is "" or what the kind lacks for it. Checked
    now for every registered kind (the layer's import fails with KindError) and at every later
    ``register``."""
    for kind in KINDS.values():
        problem = need(kind)
        if problem:
            raise _refuse(kind, problem, layer)
    _NEEDS[layer] = need


def kind_of(fld: FieldLike) -> Kind:
    """The registered kind of ``fld``; KindError when none has its name."""
    kind = KINDS.get(fld.kind)
    if kind is None:
        raise _refuse(fld.kind, f"not registered (kinds: {', '.join(KINDS)})", __name__)
    return kind


class _Piece(Mapping[str, Callable[..., object]]):
    """One piece of every registered kind, by the kind's name: a live view of ``KINDS``."""

    def __init__(self, piece: str) -> None:
        self.piece = piece

    def __getitem__(self, name: str) -> Callable[..., object]:
        piece: Callable[..., object] = getattr(KINDS[name], self.piece)
        return piece

    def __iter__(self) -> Iterator[str]:
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


PARSERS = _Piece("parse")
CHECKS = _Piece("check")


def parse(fld: FieldLike, text: str) -> Parsed:
    """What ``text``, as a person typed it, means for ``fld``: its value, or why it cannot be one."""
    return kind_of(fld).parse(fld, text)


def check(fld: FieldLike, value: object) -> str:
    """An Italian message when a stored ``value`` cannot be an answer of ``fld``, else ""."""
    if value is None:
        return ""
    return kind_of(fld).check(fld, value)


def format_value(fld: FieldLike, value: Value | None) -> str:
    """How a stored value reads in its field (and in ``oivtui ask``): 26/02/2024, one item per line…"""
    return kind_of(fld).format(fld, value)


def to_store(fld: FieldLike, text: str) -> Value | None:
    """What a field keeps of ``text``: its value, or, when it is not one, the text as typed (cleaned)
    so nothing is lost and validation says what is wrong; never a number the user did not type."""
    parsed = parse(fld, text)
    if parsed.error:
        return clean(text, multiline=kind_of(fld).is_long).strip() or None
    return parsed.value
