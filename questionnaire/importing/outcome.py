"""What an import found: the answers, the source excerpt of each, the reasons for what was left
empty, and the per-step summary the user reads (Italian)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from questionnaire.form.answers import Answers, Value, is_empty
from questionnaire.form.kinds import clean, kind_of
from questionnaire.form.model import Form, Question, in_sentence
from questionnaire.form.places import step_label
from questionnaire.report import blocks as report_blocks

#: The longest source excerpt kept for one field (the rest is cut, with «…»).
EXCERPT_CHARS = 600


def excerpt(text: str) -> str:
    """A source excerpt as kept: its lines, without control characters, cut at :data:`EXCERPT_CHARS`."""
    text = clean(text, multiline=True).strip()
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


#: What a report prints where an answer is missing: «(nessuna risposta)» for a required one, «—»
#: for one that may stay empty. Read back, they are no answer.
NO_ANSWER = frozenset({report_blocks.NO_ANSWER, report_blocks.DASH})


@dataclass
class Outcome:
    """The result of reading one document against a form."""

    form: Form
    answers: Answers = field(default_factory=Answers)
    #: address → the document's text the answer was read from.
    excerpts: dict[str, str] = field(default_factory=dict)
    #: address → why it was left empty (two marks, an unreadable number…).
    reasons: dict[str, str] = field(default_factory=dict)
    #: Question ids whose number and wording were found in the document.
    found: set[str] = field(default_factory=set)
    #: The document's format, as recognised: "testo", "Markdown", "HTML", "Word (.docx)", "PDF".
    kind: str = ""
    #: The document is a report written by oivtui (its provenance line was found).
    ours: bool = False
    #: Sentences for the user beyond the per-step summary (the fingerprint check of a report).
    notes: list[str] = field(default_factory=list)

    def put(self, address: str, value: Value | None, source: str) -> None:
        """Store an answer read from ``source`` (an empty one stores nothing)."""
        if isinstance(value, str):  # what a document holds is cleaned as what is typed is
            value = clean(value, multiline=self.form.field_at(address).is_long)
        elif isinstance(value, list):
            value = [clean(item) for item in value]
        if is_empty(value) or (isinstance(value, str) and value.strip() in NO_ANSWER):
            return
        self.answers.set(address, value)
        self.excerpts[address] = excerpt(source)

    def doubt(self, address: str, reason: str, source: str = "") -> None:
        """Leave ``address`` empty, saying why; the text it would have come from is kept."""
        self.answers.set(address, None)
        self.reasons[address] = reason
        if source.strip():
            self.excerpts[address] = excerpt(source)
        else:
            self.excerpts.pop(address, None)

    @cached_property
    def header_questions(self) -> set[str]:
        """The questions of the form's header steps (administration, dates, signature)."""
        return {q.id for step in self.form.steps if step.kind == "header" for q in step.questions}

    @property
    def recognised(self) -> int:
        """How many questions of the form (the header aside) the document holds."""
        return len(self.found - self.header_questions)

    # ---------------------------------------------------------------- the summary

    def summary(self) -> list[str]:
        """One line per step: what was found, what was not, what was ambiguous."""
        return [self._step_line(step.id) for step in self.form.steps]

    def _step_line(self, step_id: str) -> str:
        step = self.form.step(step_id)
        found, missing, doubtful = [], [], []
        for question in step.questions:
            for address in question.addresses():
                name = _name(question, address)
                if address in self.reasons:
                    doubtful.append(f"{name} ({self.reasons[address]})")
                elif not is_empty(self.answers.get(address)):
                    found.append(name)
                elif self._expected(question, address):
                    missing.append(name)
        parts = [f"{step_label(step)}: trovati {len(found)}"]
        if missing:
            parts.append(f"non trovati {len(missing)} ({', '.join(missing)})")
        if doubtful:
            parts.append(f"ambigui {len(doubtful)}: " + "; ".join(doubtful))
        return ", ".join(parts) + "."

    def _expected(self, question: Question, address: str) -> bool:
        """A field worth naming as not found: a required one, or any of a question not found at all."""
        key = address.rsplit("/", 1)[1]
        fld = question.field(key)
        if question.id not in self.found and question.id not in self.header_questions:
            return not fld.annotation
        return fld.required or (kind_of(fld).shape == "options" and not question.rows)


def _name(question: Question, address: str) -> str:
    """How a field is named in the summary, as the user sees it: «Luogo della firma», «1.2
    risposta», «Dirigenti di I fascia e assimilabili: personale in servizio»."""
    parts = address.split("/")
    fld = question.field(parts[-1])
    label = fld.short or fld.label
    lowered = in_sentence(label)
    if question.rows and len(parts) == 3:
        row = next((r.label for r in question.rows if r.key == parts[1]), parts[1])
        return f"{row}: {lowered}"
    return f"{question.number} {lowered}" if question.number else label
