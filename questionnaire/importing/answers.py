"""The answers of the block questions: the short answer (marks, «Risposta:», «Sì.» opening the
answer), the free text with its paragraphs and lists, the example, the systems list."""

from __future__ import annotations

import re

from questionnaire.form.kinds import kind_of
from questionnaire.form.model import Field, Question
from questionnaire.importing.lines import Line
from questionnaire.importing.outcome import Outcome
from questionnaire.importing.recognise import leading_option, marked_options, option_of, options_line
from questionnaire.importing.segment import Pieces

#: A paragraph that ends like this is finished; one that does not, followed by one that opens in
#: lower case, was cut by a page break («Per ogni» / «obiettivo viene…»).
_ENDS = re.compile(r"[.:;!?)\]»\"”’'…/]$")


def read_question(outcome: Outcome, pieces: Pieces, question: Question) -> None:
    """Every field of a block question, from its slots."""
    for fld in question.fields:
        lines = pieces.slots.get((question.id, fld.key), [])
        if kind_of(fld).shape == "options":
            continue
        if fld.key == "text" and _has(question, "choice"):
            lines = _read_choice(outcome, pieces, question, question.field("choice"), lines)
        if kind_of(fld).shape == "list":
            items = [_unbullet(line.text) for line in lines]
            outcome.put(f"{question.id}/{fld.key}", [i for i in items if i], _source(lines))
        else:
            outcome.put(f"{question.id}/{fld.key}", join(lines, outcome.ours), _source(lines))


def _has(question: Question, key: str) -> bool:
    return any(f.key == key for f in question.fields)


def _read_choice(outcome: Outcome, pieces: Pieces, question: Question, fld: Field, lines: list[Line]) -> list[Line]:
    """Read the short answer and give back the text lines without it."""
    address = f"{question.id}/{fld.key}"
    stated = pieces.stated.get(question.id, [])
    if stated:
        return _read_stated(outcome, address, fld, stated) + lines
    if outcome.ours:  # oivtui's report states every short answer («Risposta: …»): the rest is text
        return lines
    rest: list[Line] = []
    ticked: list[str] = []
    sources: list[Line] = []
    between: tuple[str, ...] = ()
    for line in lines:
        marks = marked_options(line.text, fld.options, line.bold) if len(line.text) < 200 else None
        if marks is None and options_line(line.text, fld.options):
            sources.append(line)  # the options with boxes that are not text: none can be read
        elif marks is not None and (marks.ticked or marks.between or _only_options(line.text, fld)):
            ticked += [t for t in marks.ticked if t not in ticked]
            between = between or marks.between
            sources.append(line)
        else:
            rest.append(line)
    if between and not ticked:
        outcome.doubt(address, f"segno tra due opzioni ({' / '.join(between)}): non si sa quale", _source(sources))
        return rest
    if sources:
        _choose(outcome, address, ticked, _source(sources), none_ticked=True)
        return rest
    if rest:
        opened = leading_option(rest[0].text, fld.options)
        if opened is not None:
            outcome.put(address, opened[0], rest[0].text)
            remaining = rest[1:]
            if opened[1]:
                return [rest[0]._replace(text=opened[1])] + remaining
            return [remaining[0]._replace(first=True)] + remaining[1:] if remaining else []
    return rest


def _read_stated(outcome: Outcome, address: str, fld: Field, stated: list[Line]) -> list[Line]:
    """The short answer of «Risposta: …» lines; the text that opens on them, as lines."""
    values, opening = [], []
    for line in stated:
        value, sentence = _stated(line.text, fld.options)
        values.append(value)
        opening += [line._replace(text=sentence, first=True)] if sentence else []
    _choose(outcome, address, list(dict.fromkeys(values)), _source(stated))
    return opening


def _stated(text: str, options: tuple[str, ...]) -> tuple[str, str]:
    """(short answer, text it begins) of a «Risposta: …» line: «Sì, prima della…» is «Sì» and the
    sentence it opens, as a report joins them when the text goes on in lower case."""
    known = option_of(text, options)
    if known:
        return known, ""
    opened = leading_option(text, options)
    if opened and text[len(opened[0]) :].startswith(", ") and opened[1][:1].islower():
        return opened
    return text, ""


def _only_options(text: str, fld: Field) -> bool:
    marks = marked_options(text, fld.options)
    return marks is not None and marks.options_only


def _choose(outcome: Outcome, address: str, values: list[str], source: str, none_ticked: bool = False) -> None:
    if len(values) == 1:
        outcome.put(address, values[0], source)
    elif len(values) > 1:
        outcome.doubt(address, f"più risposte segnate ({', '.join(values)})", source)
    elif none_ticked:
        outcome.doubt(address, "nessuna casella segnata", source)


def _unbullet(text: str) -> str:
    text = text.strip()
    return text[2:].strip() if text[:2] in ("- ", "• ", "* ", "– ") else text


def _source(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


def join(lines: list[Line], ours: bool) -> str:
    """Lines as a free text: a new paragraph after a blank line, list items one a line; a paragraph
    cut by a page break is joined again (never in oivtui's own reports, whose paragraphs are the
    user's)."""
    out = ""
    previous: Line | None = None
    for line in lines:
        text = line.text
        if previous is None:
            out = text
        elif not line.first or (line.kind == "item" and previous.kind == "item" and line.group == previous.group):
            out += "\n" + text
        elif not ours and _page_break(previous, line):
            out += " " + text
        else:
            out += "\n\n" + text
        previous = line
    return out.strip("\n")


def _page_break(previous: Line, line: Line) -> bool:
    if previous.kind != "para" or line.kind != "para" or previous.strong or line.strong:
        return False
    return not _ENDS.search(previous.text.rstrip()) and line.text[:1].islower()
