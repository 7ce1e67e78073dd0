"""The staff table (questions 1 and 2 of the first document) and the 7A/7B counts."""

from __future__ import annotations

import re

from questionnaire.form.kinds import kind_of, parse
from questionnaire.form.model import Field, Question
from questionnaire.importing.lines import TICKED, UNTICKED, Line, plain, spaced
from questionnaire.importing.outcome import Outcome
from questionnaire.importing.recognise import marked_options, norm, option_of, similar

Column = tuple[Field, str]  # the field a cell answers, and the option it ticks ("" for the value)

_TICKS = {TICKED, "X", "x", "SI", "Sì"}
_EMPTY = {"", UNTICKED, "—", "-", "–"}
_BULLET = re.compile(r"^\s*[-•*–]\s+")
_PAREN = re.compile(r"\s*\([^()]*\)")
_SPLIT = re.compile(r"^(?P<a>\d[\d.]*)\b\D*?\be\s+(?:di\s+)?(?P<b>\d[\d.]*)\b(?P<tail>.*)$", re.I)


# ---------------------------------------------------------------- the staff table


def read_table(outcome: Outcome, question: Question, lines: list[Line]) -> None:
    rows = [line for line in lines if line.kind == "row"]
    columns = _columns(question, rows)
    loose = _loose_rows(question, lines, outcome.ours)
    for row in question.rows:
        label = norm(row.label).replace(" ", "")  # «Dirigent i di I fascia»: a narrow cell's words may come split
        line = next((r for r in rows if r.cells and norm(r.cells[0]).replace(" ", "") == label), None)
        if line is None and row.key in loose:
            line, columns = loose[row.key], _expected(question)
        if line is None:
            continue
        outcome.found.add(question.id)
        cells = list(line.cells[1:])
        for fld in question.fields:
            mine = [(cells[i] if i < len(cells) else "", option) for i, (f, option) in enumerate(columns) if f is fld]
            _cell(outcome, f"{question.id}/{row.key}/{fld.key}", fld, mine, line.text.replace("\t", " | "))


def _loose_rows(question: Question, lines: list[Line], ours: bool = False) -> dict[str, Line]:
    """A table whose cells were not kept apart (a PDF's text): each row label, and after it the
    numbers and marks in the columns' order, up to the next label. In oivtui's own report the
    marks are ☒ and ☐ only: a «[x]» in an answer is the answer's text."""
    text = " ".join(line.text for line in lines if line.kind != "row")
    text = spaced(text) if ours else _blanks(plain(text))
    found = []
    for row in question.rows:
        pattern = r"\s+".join(re.escape(word) for word in row.label.split())
        match = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.I)
        if match:
            found.append((match.start(), match.end(), row.key))
    found.sort()
    out = {}
    for at, (_start, end, key) in enumerate(found):
        stop = found[at + 1][0] if at + 1 < len(found) else len(text)
        label = text[_start:end]
        cells = (label, *_loose_cells(question, text[end:stop]))
        out[key] = Line(text[_start:stop].strip(), "row", False, (), cells, True)  # the excerpt: the text as read
    return out


def _blanks(text: str) -> str:
    """The form's «_ _ _ _» blanks: before a number, nothing; left empty, a «—» that holds the
    column's place (so the next number is not read into it)."""
    text = re.sub(r"_(?:[ \u00a0]*_)*[ \u00a0]*(?=\d)", "", text)
    return re.sub(r"_(?:[ \u00a0]*_)*", " — ", text)


def _loose_cells(question: Question, rest: str) -> list[str]:
    cells = []
    for fld, option in _expected(question):
        token = r"\s*(\d[\d.]*|—)(?!\S)" if kind_of(fld).numeric else rf"\s*({TICKED}|{UNTICKED}|[xX])(?!\S)"
        if kind_of(fld).numeric or option:
            match = re.match(token, rest)
            cells.append(match[1] if match else "")
            rest = rest[match.end() :] if match else rest
        elif kind_of(fld).shape == "options":  # the marks and their options, whatever came before the first mark
            marks = [at for at in (rest.find(TICKED), rest.find(UNTICKED)) if at >= 0]
            cells.append(rest[min(marks) :].strip() if marks else "")
            rest = ""
        else:
            cells.append(rest.strip())
            rest = ""
    return _unsure(_expected(question), cells)


#: A cell of a table whose text came as one line: whether a value is there cannot be told.
UNSURE = "⁇"
_UNSURE_REASON = "nel testo del PDF le colonne non si distinguono: non si sa in quale cella stia il valore"


def _unsure(columns: list[Column], cells: list[str]) -> list[str]:
    """A row read from one line of text with some numbers or marks missing: which columns they
    belong to cannot be told («Non dirigenti X …»: under «Sì» or under «No»?). Those columns are
    marked :data:`UNSURE` and left empty, with the reason; never filled in order."""
    groups: dict[str, list[int]] = {}
    for at, (fld, option) in enumerate(columns):
        if kind_of(fld).numeric:
            groups.setdefault("integer", []).append(at)
        elif option:
            groups.setdefault(fld.key, []).append(at)
    for members in groups.values():
        filled = [at for at in members if cells[at]]
        if filled and len(filled) < len(members):
            for at in members:
                cells[at] = UNSURE
    return cells


def _expected(question: Question) -> list[Column]:
    out: list[Column] = []
    for fld in question.fields:
        if kind_of(fld).shape == "options" and len(fld.options) <= 2:
            out += [(fld, option) for option in fld.options]
        else:
            out.append((fld, ""))
    return out


def _columns(question: Question, rows: list[Line]) -> list[Column]:
    """The columns as the table's header row names them, or the report's order when it has none."""
    expected = _expected(question)
    labels = {row.label for row in question.rows}
    for line in rows:
        if any(norm(c) == norm(label) for c in line.cells[:1] for label in labels):
            continue
        cells = [c for c in line.cells]
        named = [_column(expected, c) for c in cells]
        if sum(1 for n in named if n is not None) >= max(2, len(expected) - 1):
            if named and named[0] is None and not cells[0].strip():
                named = named[1:]
            return [n for n in named if n is not None] if None not in named else expected
    return expected


def _column(expected: list[Column], cell: str) -> Column | None:
    words = norm(cell)
    if not words:
        return None
    for fld, option in expected:
        names = [option] if option else [fld.label, fld.short]
        for name in filter(None, names):
            target = norm(name)
            if words == target or (len(words) > 12 and (target.startswith(words[:30]) or similar(words, target) > 0.8)):
                return fld, option
    return None


def _cell(outcome: Outcome, address: str, fld: Field, cells: list[tuple[str, str]], source: str) -> None:
    if not cells:
        return
    if kind_of(fld).shape == "options":
        _choice_cell(outcome, address, fld, cells, source)
        return
    text = cells[0][0].strip()
    if text == UNSURE:
        outcome.doubt(address, _UNSURE_REASON, source)
        return
    if kind_of(fld).numeric:
        _number(outcome, address, fld, text.replace("_", " ").strip(), source)
    elif text if outcome.ours else plain(text) not in _EMPTY:  # a report leaves an empty cell empty
        outcome.put(address, text, source)


def _choice_cell(outcome: Outcome, address: str, fld: Field, cells: list[tuple[str, str]], source: str) -> None:
    """The option a row ticks: in a column of its own, or among the options of one cell."""
    ticked: list[str] = []
    unreadable = ""
    if any(text == UNSURE for text, _option in cells):
        outcome.doubt(address, _UNSURE_REASON, source)
        return
    for text, option in cells:
        shown = plain(text)
        if option and shown not in _EMPTY and (shown in _TICKS or option_of(shown, (option,))):
            ticked.append(option)
        elif not option and shown not in _EMPTY:
            marks = marked_options(text, fld.options)
            named = option_of(shown, fld.options) or (shown if fld.other else None)
            if marks is not None:
                ticked += list(marks.ticked)
            elif named:
                ticked.append(named)
            else:
                unreadable = shown
    if len(ticked) > 1:
        outcome.doubt(address, f"più caselle segnate ({', '.join(ticked)})", source)
    elif ticked:
        outcome.put(address, ticked[0], source)
    elif unreadable:
        outcome.doubt(address, f"scelta non leggibile: «{unreadable}»", source)


def _number(outcome: Outcome, address: str, fld: Field, text: str, source: str) -> None:
    if plain(text) in _EMPTY:
        return
    parsed = parse(fld, text)
    if parsed.error:
        outcome.doubt(address, f"numero non leggibile: «{text}»", source)
    else:
        outcome.put(address, parsed.value, source)


# ---------------------------------------------------------------- 7A / 7B


def split_counts(question: Question, lines: list[Line]) -> list[Line]:
    """7A/7B lines as one line per count: lines that Word, a web page or a PDF joined into one
    («…totali: 8 Numero obiettivi strategici con indicatori: 8») are cut again before each of the
    question's labels followed by its colon, and a label or a value that a page wrapped over two
    lines is joined again. Two numbers are never read as one."""
    words = sorted({tuple(_PAREN.sub("", f.label).split()) for f in question.fields}, key=len, reverse=True)
    label = "|".join(r"\s+".join(re.escape(w).replace("'", "['’]") for w in group) for group in words)
    pattern = re.compile(rf"(?:^|(?<=\s))(?:{label})(?:\s*\([^()]*\))?\s*:", re.I)
    out: list[Line] = []
    stream: list[Line] = []

    def cut() -> None:
        if not stream:
            return
        text = " ".join(_BULLET.sub("", line.text).strip() for line in stream)
        cuts = [m.start() for m in pattern.finditer(text)]
        if not cuts or cuts[0] > 0:
            out.extend(stream if not cuts else [stream[0]._replace(text=text[: cuts[0]].strip())])
        for start, stop in zip(cuts, [*cuts[1:], len(text)], strict=True):
            out.append(stream[0]._replace(text=text[start:stop].strip(), first=True))
        stream.clear()

    for line in lines:
        if line.kind == "row":
            cut()
            out.append(line)
        else:
            stream.append(line)
    cut()
    return out


def read_counts(outcome: Outcome, question: Question, lines: list[Line]) -> None:
    fields = [f for f in question.fields if not f.agency_share_of]
    shares = {f.agency_share_of: f for f in question.fields if f.agency_share_of}
    seen: dict[str, str] = {}
    for text, fld, value in _count_lines(fields, lines):
        outcome.found.add(question.id)
        address = f"{question.id}/{fld.key}"
        if address in seen and seen[address] != value:
            outcome.doubt(address, f"riportato due volte ({seen[address]} / {value})", text)
            continue
        seen[address] = value
        _count(outcome, question.id, fld, shares.get(fld.key), value.rstrip(". "), text)


def _count_lines(fields: list[Field], lines: list[Line]) -> list[tuple[str, Field, str]]:
    """(line, field, value) of each count; a line with no label of its own goes on the one before
    (a PDF wraps «…: 17» / «dell'amministrazione e 2 dell'Azienda Speciale …»)."""
    out: list[tuple[str, Field, str]] = []
    for line in lines:
        text = line.text.strip()
        bare = _PAREN.sub("", text.lstrip("-•* ").strip())
        label, _colon, value = (part.strip() for part in bare.partition(":"))
        fld = _count_field(fields, label) if _colon else None
        if fld is not None:
            out.append((text, fld, value))
        elif out and (not line.first or (line.kind == "para" and not _colon)):
            before, was, value_before = out[-1]
            out[-1] = (f"{before}\n{text}", was, f"{value_before} {bare}".strip())
    return out


def _count_field(fields: list[Field], label: str) -> Field | None:
    words = norm(label)
    for fld in fields:
        if words == norm(_PAREN.sub("", fld.label)):
            return fld
    close = [f for f in fields if similar(words, norm(_PAREN.sub("", f.label))) >= 0.9]
    return close[0] if len(close) == 1 else None


def _count(outcome: Outcome, qid: str, fld: Field, share: Field | None, value: str, source: str) -> None:
    address = f"{qid}/{fld.key}"
    if plain(value) in _EMPTY:
        return
    split = _SPLIT.match(value)
    if split and "azienda" in split["tail"].lower():
        if share is None:
            outcome.doubt(address, f"numero diviso tra amministrazione e Azienda Speciale: «{value}»", source)
            return
        _number(outcome, address, fld, split["a"], source)
        _number(outcome, f"{qid}/{share.key}", share, split["b"], source)
        return
    _number(outcome, address, fld, value, source)
