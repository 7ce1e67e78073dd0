"""Recognising the form's parts in a line of text: question numbers and wordings, labels, marks."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from questionnaire.importing.lines import TICKED, UNTICKED, boxes, plain

DATE = r"(?:\d{1,2}°?\s+[A-Za-zàèéìòù]+\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{4})"
#: «Brescia, 26 febbraio 2024»; a report writes «—» for a place or a date not given.
_SIGNATURE = re.compile(rf"^(?P<place>[A-ZÀ-Ý][^,\d\n]{{1,60}}?|—),\s*(?:l[iì]\s*,?\s*)?(?P<date>{DATE}|—)\.?$")
_NON_WORD = re.compile(r"[^0-9a-z%]+")
#: «1.1 -», «1.1.», «1.1)», «1.1:», «**1.1** –», «Domanda 1.1»; the number must be followed by a non-digit.
_NUMBERED = re.compile(
    r"^(?:domanda\s+)?(?P<number>\d{1,2}(?:\.\d{1,2})?)(?![\d.]\d)\s*[.):\-–—]*\s*(?P<rest>.*)$", re.I | re.S
)
_EXAMPLE = re.compile(r"^esempi[oa]?\s*(?::\s*(?P<rest>.*))?$", re.I | re.S)
_SYSTEMS = "specificare i sistemi informatici"
_NOTES = re.compile(
    r"^eventuali\s+ulteriori\s+annotazioni(?:\s+ed(?:\s+evidenze(?:\s+quantitative)?)?)?\s*:?\s*(?P<rest>.*)$",
    re.I | re.S,
)
_ANSWER = re.compile(r"^risposta(?:\s+breve)?\s*:\s*(?P<rest>.+)$", re.I | re.S)
_COUNTS = re.compile(r"^7\s*(?P<part>[AB])\b", re.I)
#: What may follow an option that opens an answer: «Sì.», «Sì,», «No -», or nothing.
_AFTER_OPTION = re.compile(r"^\s*(?:$|[.,;:!]+\s*|[-–—]\s+)")
_MARK_SPLIT = re.compile(rf"({TICKED}|{UNTICKED}|(?<![\w'])[xX](?![\w']))")


@lru_cache(maxsize=8192)  # the parser compares the same lines again and again (~2,500 calls a document)
def norm(text: str) -> str:
    """Lower case, no accents, words separated by one space: for comparing wordings."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text).strip()


def signature_of(text: str) -> tuple[str, str] | None:
    """(place, date) of a «Brescia, 26 febbraio 2024» line («» for a «—»), or None."""
    match = _SIGNATURE.match(text.strip())
    if not match:
        return None
    return match["place"].strip().strip("—"), match["date"].strip("—")


def is_title(text: str) -> bool:
    """The title line of either document («Monitoraggio sull'assegnazione…», «…sull'avvio…»)."""
    words = norm(text)
    return words.startswith("monitoraggio sull") and len(words) < 400


#: What opens a block of its own, never the rest of the line above: a list item, a heading, a table
#: row, a numbered question or heading, a label of the form.
_OPENS = re.compile(
    r"^\s*(?:[-*+•]\s|#|\||>|\d{1,2}(?:\.\d{1,2}|[AB])?\s*[-–—.):]\s|"
    r"(?:esempi[oa]?|risposta|eventuali ulteriori|specificare|numero)\b)",
    re.I,
)


def opens_block(text: str) -> bool:
    """A line that opens a block of its own, never the rest of the line above it."""
    return _OPENS.match(text) is not None


class Numbered(NamedTuple):
    number: str
    rest: str


def numbered(text: str) -> Numbered | None:
    """The number a line opens with («1.1 - Gli obiettivi…» → 1.1, «Gli obiettivi…»)."""
    match = _NUMBERED.match(text.strip().lstrip("*_#").strip())
    if not match:
        return None
    return Numbered(match["number"].rstrip("."), match["rest"].strip().strip("*_").strip())


def similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def wording_match(candidate: str, wording: str) -> str:
    """How ``candidate`` reads as ``wording`` (both normalised): "full", "partial" (a beginning of
    it, the rest on the next lines) or "" (another text)."""
    if not candidate:
        return "partial"
    if candidate.startswith(wording):
        return "full"
    if wording.startswith(candidate):
        return "partial" if len(candidate) >= min(12, len(wording)) or " " not in wording else ""
    head = candidate[: len(wording)]
    if len(head) >= 0.9 * len(wording) and similar(head, wording) >= 0.85:
        return "full"
    if len(candidate) >= 20 and similar(candidate, wording[: len(candidate)]) >= 0.85:
        return "partial"
    return ""


def tail_after(text: str, wording: str) -> str:
    """What follows the question's wording on its line («…del Piano? No» → «No»)."""
    if len(norm(text)) <= len(wording) + 1:
        return ""
    for match in re.finditer(r"[?:.]", text):
        head = norm(text[: match.end()])
        if head == wording or (len(head) >= 0.9 * len(wording) and similar(head, wording) >= 0.9):
            return text[match.end() :].strip().strip("*_").strip()
    return ""


def example_label(text: str) -> tuple[bool, str]:
    """(the line is an «Esempio»/«Esempi» label, the text that follows it on the line)."""
    match = _EXAMPLE.match(text.strip().strip("*_").strip())
    if not match:
        return False, ""
    return True, (match["rest"] or "").strip().strip("*_").strip()


def systems_label(text: str) -> bool:
    return norm(text).startswith(_SYSTEMS) and len(text) < 120


def notes_label(text: str) -> tuple[bool, str]:
    """(the line is an «Eventuali ulteriori annotazioni…» label, the text that follows it on the line)."""
    match = _NOTES.match(text.strip().strip("*_").strip())
    if not match:
        return False, ""
    return True, match["rest"].strip().strip("*_").strip()


def answer_label(text: str) -> str | None:
    """The short answer of a «Risposta: …» line (oivtui's own reports), or None."""
    match = _ANSWER.match(text.strip())
    return match["rest"].strip() if match else None


def counts_part(text: str) -> str:
    """ "A" or "B" for a «7A - Obiettivi strategici» heading, else ""."""
    match = _COUNTS.match(text.strip().strip("*_#").strip())
    return match["part"].upper() if match else ""


def option_of(text: str, options: tuple[str, ...]) -> str | None:
    """The option ``text`` names (accents, case and spaces aside: «Si» is «Sì», «1% -49%» is «1% - 49%»)."""
    folded = norm(text).replace(" ", "")
    for option in options:
        if norm(option).replace(" ", "") == folded:
            return option
    return None


def leading_option(text: str, options: tuple[str, ...]) -> tuple[str, str] | None:
    """(option, rest) when ``text`` opens with an option followed by punctuation or nothing
    («Sì. Gli obiettivi…», «Non sempre.», «No»); a word going on («Si sono tenute…») is no option."""
    stripped = text.strip().strip("*_").strip()
    for option in sorted(options, key=len, reverse=True):
        size = len(option)
        if norm(stripped[:size]) == norm(option) and len(stripped) >= size:
            rest = stripped[size:]
            if option[-1:] in _ACCENTED and rest[:1] in _APOSTROPHES:
                rest = rest[1:]  # «SI'», «Si’»: the accent written as an apostrophe, as on a typewriter
            after = _AFTER_OPTION.match(rest.lstrip("*_"))
            if after:
                return option, rest.lstrip("*_")[after.end() :].strip()
    return None


_ACCENTED = "àèéìíòóùúÀÈÉÌÒÙ"
_APOSTROPHES = "'’`´"


class Marks(NamedTuple):
    """The options a line ticks, and whether the line is only options with marks."""

    ticked: tuple[str, ...]
    options_only: bool
    #: A mark placed between two options, as near one as the other: which is ticked is not said.
    between: tuple[str, ...] = ()


def marked_options(text: str, options: tuple[str, ...], bold: tuple[str, ...] = ()) -> Marks | None:
    """The options of a line such as «☒ Sì ☐ No», «[x] Sì [ ] No», «X Sì», or options with one in
    bold; None when the line is not such a line. An unknown label after a tick is own wording.
    A lone mark between two options («Sì   X No») ticks the one it stands closer to; as close to
    both («Sì X No»), neither: :attr:`Marks.between` names the two."""
    parts = _MARK_SPLIT.split(plain(text))
    if len(parts) < 3:
        return _bold_option(text, options, bold)
    if parts[0].strip():
        return _mark_among(text, parts, options)
    ticked: list[str] = []
    labels_only = True
    for at in range(1, len(parts) - 1, 2):
        mark, label = parts[at], parts[at + 1].strip(" :;,/|")
        known = option_of(label, options) or _first_of_options(label, options)
        if not known and label and len(label) > 60:
            labels_only = False
        if mark != UNTICKED and label:
            ticked.append(known or label)
    if not labels_only:
        return None
    return Marks(tuple(dict.fromkeys(ticked)), True)


def _options_in(text: str, options: tuple[str, ...]) -> list[str] | None:
    """The options ``text`` is made of, in order («Sì No», «Non sempre Raramente»), or None."""
    words = norm(text)
    found: list[str] = []
    names = sorted(options, key=lambda o: len(norm(o)), reverse=True)
    while words:
        option = next((o for o in names if words == norm(o) or words.startswith(norm(o) + " ")), None)
        if option is None:
            return None
        found.append(option)
        words = words[len(norm(option)) :].strip()
    return found


def _mark_among(text: str, parts: list[str], options: tuple[str, ...]) -> Marks | None:
    """A line of options with one lone mark that does not open it («Sì   X No», «Sì No X»)."""
    if len(parts) != 3 or parts[1] == UNTICKED:
        return None
    before, after = _options_in(parts[0], options), _options_in(parts[2], options)
    if before is None or after is None or not (before or after):
        return None
    if not after:
        return Marks((before[-1],), True)
    if not before:
        return Marks((after[0],), True)
    raw = boxes(text).replace("\u00a0", " ")
    mark = _MARK_SPLIT.search(raw)
    if mark is None:
        return None
    gap_before = len(raw[: mark.start()]) - len(raw[: mark.start()].rstrip())
    gap_after = len(raw[mark.end() :]) - len(raw[mark.end() :].lstrip())
    if gap_after < gap_before:
        return Marks((after[0],), True)
    if gap_before < gap_after:
        return Marks((before[-1],), True)
    return Marks((), True, (before[-1], after[0]))


def _first_of_options(label: str, options: tuple[str, ...]) -> str | None:
    """«Sì   No» after a tick: the first option, when the rest are options left unticked."""
    words = f" {norm(label)} "
    names = sorted(options, key=len, reverse=True)
    first = next((o for o in names if words.startswith(f" {norm(o)} ")), None)
    if first is None:
        return None
    rest = words[len(norm(first)) + 1 :]
    for option in names:
        rest = rest.replace(f" {norm(option)} ", " ")
    return first if not rest.strip() else None


def _bold_option(text: str, options: tuple[str, ...], bold: tuple[str, ...]) -> Marks | None:
    """«Sì  No» with one of them in bold: that one."""
    words = norm(text)
    names = sorted((norm(o) for o in options), key=len, reverse=True)
    for name in names:
        words = words.replace(name, " ")
    if words.strip() or not bold:
        return None
    chosen = [o for o in options if any(option_of(b, (o,)) for b in bold)]
    return Marks(tuple(chosen), True) if chosen else None


def options_line(text: str, options: tuple[str, ...]) -> bool:
    """A line that is only the question's options, two or more, with no mark that can be read
    («Sì     No» where a PDF printer drew the boxes as pictures): the choice, not an answer's text."""
    found = _options_in(plain(text), options) if len(text) < 200 else None
    return found is not None and len(found) >= 2
