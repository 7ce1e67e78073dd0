"""A document's lines cut into the pieces of the form: which lines belong to which field.

The cut follows the document's own landmarks — question numbers with their wording, block and
section headings, «Esempio», «Specificare i sistemi…», «Eventuali ulteriori annotazioni…»,
«7A»/«7B», the signature — never the lines' positions alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from questionnaire.form.model import Form, Question
from questionnaire.importing.lines import Line
from questionnaire.importing.recognise import (
    answer_label,
    counts_part,
    example_label,
    is_title,
    norm,
    notes_label,
    numbered,
    signature_of,
    systems_label,
    tail_after,
    wording_match,
)

#: Where the lines of a field go: (question id, field key).
Slot = tuple[str, str]


@dataclass
class Pieces:
    """The lines of each slot, in document order, and what the cut noticed on the way."""

    slots: dict[Slot, list[Line]] = field(default_factory=dict)
    #: (question id, the line that opened it), in document order.
    starts: list[tuple[str, Line]] = field(default_factory=list)
    #: Short answers given as «Risposta: …» (oivtui's reports), by question id, with their line.
    stated: dict[str, list[Line]] = field(default_factory=dict)
    #: Question ids met more than once.
    repeated: set[str] = field(default_factory=set)
    #: Lines outside every question (title, letterhead, signature…), for the header.
    outside: list[Line] = field(default_factory=list)

    def add(self, slot: Slot | None, line: Line) -> None:
        if slot is None:
            self.outside.append(line)
        else:
            self.slots.setdefault(slot, []).append(line)


class _Landmarks:
    """The form's numbered questions, blocks and sections, for recognising them in lines."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.questions: dict[str, list[Question]] = {}
        self.blocks: dict[str, tuple[str, str]] = {}  # number → (step id, normalised title)
        self.sections: dict[str, list[str]] = {}  # number → normalised titles
        self.notes: dict[str, str] = {}  # step id → notes question id
        self.open_block: dict[str, str] = {}  # step id → question id of a block with no numbered question
        for step in form.steps:
            for question in step.questions:
                if question.number and step.kind in ("table", "block"):
                    self.questions.setdefault(question.number, []).append(question)
                elif step.kind == "block" and question.id.endswith(".notes"):
                    self.notes[step.id] = question.id
                elif step.kind == "block":
                    self.open_block[step.id] = question.id
            if step.kind == "block":
                self.blocks[step.number] = (step.id, norm(step.title))
        for section in form.sections:
            if section.number:
                self.sections.setdefault(section.number, []).append(norm(section.title))
        for step in form.steps:
            if step.kind == "counts" and step.number:
                self.sections.setdefault(step.number, []).append(norm(step.title))


def cut(form: Form, lines: list[Line]) -> Pieces:
    """Every line given to the slot it belongs to (see the module docstring)."""
    marks = _Landmarks(form)
    pieces = Pieces()
    slot: Slot | None = None
    qid = ""  # the question being read
    step_id = ""  # the block being read (for its notes)
    at = 0
    pending = ""  # the rest of a label's words, when the label went on to the next line
    while at < len(lines):
        line = lines[at]
        at += 1
        text = line.text
        if line.kind == "row":
            pieces.add(slot, line)
            continue
        words = norm(text)
        if pending and words and pending.startswith(words):
            pending = pending[len(words) :].strip()
            pieces.add(None, line)  # «…ai fini della» / «misurazione»: the label, not the answer
            continue
        pending = ""
        if is_title(text) or _signature(text):
            slot, qid = None, ""
            pieces.add(None, line)
            continue
        part = counts_part(text)
        if part and form.has_question(f"7{part}") and _counts_heading(text, form.question(f"7{part}")):
            qid, slot = f"7{part}", (f"7{part}", "")
            _open(pieces, qid, line)
            continue
        found = _question_at(marks, lines, at - 1)
        if found is not None:
            question, used, tail = found
            at += used
            qid, step_id = question.id, question.step
            slot = (qid, "" if form.step(step_id).kind == "table" else "text")
            _open(pieces, qid, line)
            if tail:
                slot, qid = _label(marks, pieces, line._replace(text=tail, first=True), slot, qid, step_id)
            continue
        heading = _heading_at(marks, line)
        if heading is None and at < len(lines) and lines[at].kind != "row" and numbered(text):
            joined = line._replace(text=f"{text} {lines[at].text}")  # a heading wrapped over two lines
            heading = _heading_at(marks, joined, whole=True)
            if heading is not None:
                at += 1
        if heading is not None:
            step_id = heading
            qid = marks.open_block.get(heading, "")
            slot = (qid, "text") if qid else None
            if qid:
                _open(pieces, qid, line)
            else:
                pieces.add(None, line)
            continue
        if not qid:
            pieces.add(None, line)
            continue
        slot, qid = _label(marks, pieces, line, slot, qid, step_id)
        pending = _label_rest(marks, text, qid)
    return pieces


def _label_rest(marks: _Landmarks, text: str, qid: str) -> str:
    """The words a label line leaves for the next line («Specificare i sistemi … ai fini della» /
    «misurazione»; «Eventuali ulteriori annotazioni» / «ed evidenze quantitative:»), normalised."""
    words = norm(text)
    full = ""
    if systems_label(text) and _has_field(marks.form, qid, "systems"):
        full = norm(marks.form.question(qid).field("systems").label)
    elif notes_label(text)[0] and marks.form.has_question(qid) and notes_label(text)[1] == "":
        full = norm(marks.form.question(qid).text)
    if full and full.startswith(words) and len(words) < len(full):
        return full[len(words) :].strip()
    return ""


def _counts_heading(text: str, question: Question) -> bool:
    """«7A - Obiettivi strategici», «7B», «**7B – Obiettivi operativi**»: the annex's part, alone or
    with its title."""
    rest = norm(text)[2:].strip()
    return not rest or rest.startswith(norm(question.text))


def _open(pieces: Pieces, qid: str, line: Line) -> None:
    if any(q == qid for q, _l in pieces.starts):
        pieces.repeated.add(qid)
    pieces.starts.append((qid, line))


def _label(
    marks: _Landmarks, pieces: Pieces, line: Line, slot: Slot | None, qid: str, step_id: str
) -> tuple[Slot | None, str]:
    """A line inside a question: a label that moves to another field, or content of the current one."""
    text = line.text
    if marks.form.has_question(qid) and norm(text) == norm(marks.form.question(qid).text):
        pieces.add(None, line)  # the question's own wording repeated (block 9's title under its heading)
        return slot, qid
    labelled = line.strong or line.kind == "heading" or len(text) < 100
    is_example, rest = example_label(text)
    if is_example and labelled:
        slot = (qid, "example")
    elif systems_label(text) and _has_field(marks.form, qid, "systems"):
        slot, rest = (qid, "systems"), ""
    else:
        is_notes, rest = notes_label(text)
        notes = marks.notes.get(step_id, "")
        if is_notes and notes:
            qid, slot = notes, (notes, "text")
            _open(pieces, qid, line)
        elif not is_notes:
            stated = answer_label(text)
            if stated is not None and _has_field(marks.form, qid, "choice") and slot == (qid, "text"):
                pieces.stated.setdefault(qid, []).append(line._replace(text=stated))
                return slot, qid
            pieces.add(slot, line)
            return slot, qid
    if rest:
        pieces.add(slot, line._replace(text=rest, first=True))
    return slot, qid


def _has_field(form: Form, qid: str, key: str) -> bool:
    return form.has_question(qid) and any(f.key == key for f in form.question(qid).fields)


def _signature(text: str) -> bool:
    return signature_of(text) is not None


def _question_at(marks: _Landmarks, lines: list[Line], at: int) -> tuple[Question, int, str] | None:
    """The question a line opens (number and wording, the wording perhaps going on over the next
    lines, as a page break leaves it), how many more lines it took, and the answer after it."""
    line = lines[at]
    head = numbered(line.text)
    if head is None or head.number not in marks.questions:
        return None
    for question in marks.questions[head.number]:
        wording = norm(question.text)
        text, used = head.rest, 0
        match = wording_match(norm(text), wording)
        while match == "partial" and at + used + 1 < len(lines) and used < 8:  # a heading's short lines
            following = lines[at + used + 1]
            if following.kind == "row" or numbered(following.text):
                break
            joined = f"{text} {following.text}".strip()
            if not wording_match(norm(joined), wording):
                break
            text, used = joined, used + 1
            match = wording_match(norm(text), wording)
        if match == "full":
            return question, used, tail_after(text, wording)
    return None


def _heading_at(marks: _Landmarks, line: Line, whole: bool = False) -> str | None:
    """The step id of a block heading («9 – Analisi delle sedi territoriali»); "" for a section
    heading («2 Obiettivi operativi»); None for any other line. ``whole``: the line must be the
    heading and nothing more (two lines joined, the second perhaps another paragraph)."""
    head = numbered(line.text)
    if head is None or not head.rest or len(line.text) > 200:
        return None
    words = norm(head.rest)
    block = marks.blocks.get(head.number)
    if whole:
        return block[0] if block and words == block[1] else None
    if block and words and (words.startswith(block[1]) or wording_match(words, block[1]) == "full"):
        return block[0]
    for title in marks.sections.get(head.number, []):
        if words.startswith(title[:20]) or wording_match(words, title) == "full":
            return ""
    return None
