"""Immutable records describing a questionnaire: form → documents → sections → steps → questions → fields.

The records are named tuples rather than frozen dataclasses: a frozen dataclass compiles six
generated methods when its module is imported, a visible share of every start (benchmarks/run.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from questionnaire.form.kinds import KINDS, Kind, kind_of

#: A field's kind: the name of a kind registered in ``questionnaire.form.kinds``.
FieldKind = str
StepKind = Literal["header", "table", "block", "counts"]
#: The kinds a form may name: the registry itself (``questionnaire.form.kinds.KINDS``), by name.
FIELD_KINDS: Mapping[str, Kind] = KINDS
STEP_KINDS: tuple[str, ...] = ("header", "table", "block", "counts")

#: Separator of the parts of a field address: ``question/field`` or ``question/row/field``.
SEP = "/"

#: The parts a field can play, named in the form's ``[roles]`` table (field address by role):
#: the report's title and signature, the session list, the carry-over to next year.
ROLES: dict[str, str] = {
    "administration": "the administration's name: the report's title, the session list",
    "triennium": "the PIAO's triennium: the report's title, moved on by one year in a carry-over",
    "piao_date": "the PIAO's adoption date: cleared in a carry-over",
    "signature_date": "the date of the signature: the report's signature, cleared in a carry-over",
    "place": "the place of the signature",
    "signatory_role": "in which capacity the signatories sign",
    "signatories": "the signatories' names, one a line",
    "special_agency": "the special agency's name, after its share of a count",
}


#: The operators of a relevance condition (``questionnaire.form.relevance``): what each compares.
OPERATORS: dict[str, str] = {
    "equals": "the answer is ``value``",
    "not_equals": "the answer is not ``value`` (an empty answer is not it)",
    "one_of": "the answer is one of ``values``",
    "not_one_of": "the answer is none of ``values`` (an empty answer is none)",
    "empty": "there is no answer",
    "not_empty": "there is an answer",
}


class Condition(NamedTuple):
    """When a field applies: the answer at ``question``/``key`` (in the same row when ``same_row``)
    compared by ``op`` (one of ``OPERATORS``) with ``values``. Declared in the form, never code."""

    question: str
    key: str
    op: str
    values: tuple[str | int, ...] = ()
    same_row: bool = False


class Field(NamedTuple):
    """One answerable input of a question (a short answer, a free text, a count…)."""

    key: str
    kind: FieldKind
    label: str
    options: tuple[str, ...] = ()
    other: bool = False
    required: bool = False
    help: str = ""
    #: A short label for narrow layouts (table columns); the full label otherwise.
    short: str = ""
    #: Fields that only annotate an answer (examples) do not make a question "answered".
    annotation: bool = False
    #: The key of the count (same question) this field holds the special agency's share of: the
    #: report writes the two together ("12 dell'amministrazione e 3 dell'Azienda Speciale").
    agency_share_of: str = ""
    #: When the field applies (all must hold): a field that does not apply is not asked, not
    #: required, not checked and not printed; its stored answer is kept (``questionnaire.form.relevance``).
    relevant: tuple[Condition, ...] = ()

    @property
    def is_long(self) -> bool:
        """An answer over several lines (its kind's ``shape``): a text area, asked until a blank line."""
        return kind_of(self).is_long

    @property
    def label_in_sentence(self) -> str:
        return in_sentence(self.label)


def in_sentence(label: str) -> str:
    """A label inside a sentence: «Data della firma» → «data della firma»; a label that opens with
    an acronym («PIAO: data…») keeps its capitals."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


class Rule(NamedTuple):
    """A cross-field rule, declared in the form data and checked by ``questionnaire.form.rules``."""

    rule: str
    fields: tuple[str, ...]
    params: tuple[tuple[str, object], ...] = ()
    level: Literal["error", "warning"] = "error"
    message: str = ""

    def param(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)


class Row(NamedTuple):
    key: str
    label: str


class Question(NamedTuple):
    id: str
    number: str
    text: str
    step: str
    fields: tuple[Field, ...]
    rows: tuple[Row, ...] = ()
    rules: tuple[Rule, ...] = ()
    required: bool = True
    help: str = ""

    def field(self, key: str) -> Field:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(f"{self.id}{SEP}{key}")

    def addresses(self) -> tuple[str, ...]:
        """Every field address of the question, in reading order."""
        if self.rows:
            return tuple(SEP.join((self.id, row.key, f.key)) for row in self.rows for f in self.fields)
        return tuple(SEP.join((self.id, f.key)) for f in self.fields)

    @property
    def title(self) -> str:
        return f"{self.number} - {self.text}" if self.number else self.text


class Step(NamedTuple):
    """A page of the wizard: the header, the staff table, one block, the annex."""

    id: str
    kind: StepKind
    number: str
    title: str
    section: str
    questions: tuple[Question, ...]
    help: str = ""

    @property
    def label(self) -> str:
        return f"{self.number} – {self.title}" if self.number else self.title


class Section(NamedTuple):
    id: str
    number: str
    title: str
    document: str
    steps: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


class Document(NamedTuple):
    id: str
    title: str
    subtitle: str
    deadline: str
    sections: tuple[str, ...]
    #: A short name for the printed page's running header; the title when the form gives none.
    short: str = ""

    @property
    def running_title(self) -> str:
        return self.short or self.title


class Form:
    """A whole form: its documents, sections and steps, the rules across questions, and which
    field plays which part. Immutable, like the records above.

    A class of its own rather than a named tuple, since it indexes its questions by id when it is
    built; and not a frozen dataclass, for the reason the module's docstring gives.
    """

    __slots__ = (
        "id",
        "version",
        "title",
        "documents",
        "sections",
        "steps",
        "rules",
        "roles",
        "letterhead",
        "plan",
        "_index",
    )

    id: str
    version: str
    title: str
    documents: tuple[Document, ...]
    sections: tuple[Section, ...]
    steps: tuple[Step, ...]
    rules: tuple[Rule, ...]
    #: Which field plays which part (``ROLES``), as (role, address): the form says it, not the code.
    roles: tuple[tuple[str, str], ...]
    #: The lines that open each document, above its title ("OIV", "Organismo indipendente di valutazione").
    letterhead: tuple[str, ...]
    #: The plan the monitoring follows, as the user calls it ("PIAO", "Piano della performance"):
    #: it names the triennium on screen («Comune di Prova · PIAO 2025-2027»).
    plan: str
    _index: dict[str, Question]

    def __init__(
        self,
        *,
        id: str,
        version: str,
        title: str,
        documents: tuple[Document, ...],
        sections: tuple[Section, ...],
        steps: tuple[Step, ...],
        rules: tuple[Rule, ...] = (),
        roles: tuple[tuple[str, str], ...] = (),
        letterhead: tuple[str, ...] = (),
        plan: str = "",
    ) -> None:
        index = {question.id: question for step in steps for question in step.questions}
        values = (id, version, title, documents, sections, steps, rules, roles, letterhead, plan, index)
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Form is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Form is immutable: cannot delete {name!r}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__ if name != "_index")

    def __eq__(self, other: object) -> bool:
        return self._values() == other._values() if isinstance(other, Form) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"Form(id={self.id!r}, version={self.version!r}, {len(self.steps)} steps)"

    # copy, deepcopy and pickle rebuild a Form through these (its __setattr__ refuses), as they did the dataclass.
    def __getstate__(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(self._index.values())

    def question(self, qid: str) -> Question:
        return self._index[qid]

    def has_question(self, qid: str) -> bool:
        return qid in self._index

    def role(self, name: str) -> str | None:
        """The address of the field that plays ``name`` (one of ``ROLES``), None if the form has none."""
        return dict(self.roles).get(name)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def step_index(self, step_id: str) -> int:
        return [s.id for s in self.steps].index(step_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def document(self, document_id: str) -> Document:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    def field_at(self, address: str) -> Field:
        """The field at ``question/field`` or ``question/row/field``."""
        qid, _row, key = split_address(address)
        return self.question(qid).field(key)


def split_address(address: str) -> tuple[str, str, str]:
    """Split an address into (question id, row key or "", field key)."""
    parts = address.split(SEP)
    if len(parts) == 2:
        return parts[0], "", parts[1]
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    raise KeyError(address)


def join_address(qid: str, row: str, key: str) -> str:
    return SEP.join((qid, row, key)) if row else SEP.join((qid, key))
