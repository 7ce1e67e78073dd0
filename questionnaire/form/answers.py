"""The answers of one session, keyed by question id, and the questions' completion state."""

from __future__ import annotations

from typing import Any, Literal

from questionnaire.form.kinds import Value as Value  # re-exported: a stored answer, as the kinds define it
from questionnaire.form.model import Field, Form, Question, Step, join_address, split_address
from questionnaire.form.relevance import applies

# Re-exported ("X as X"): where its users import it from; relevance's «empty» is the same test.
from questionnaire.form.relevance import is_empty as is_empty

StepState = Literal["empty", "partial", "complete", "errors"]


class Answers:
    """Everything the user typed: ``data[qid][field]`` or ``data[qid][row][field]``.

    A plain class, not a dataclass: every start imports it, and a dataclass compiles its methods
    then (see questionnaire/form/model.py).
    """

    __slots__ = ("data",)

    def __init__(self, data: dict[str, dict[str, Any]] | None = None) -> None:
        self.data: dict[str, dict[str, Any]] = {} if data is None else data

    def __eq__(self, other: object) -> bool:
        return self.data == other.data if isinstance(other, Answers) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq is

    def __repr__(self) -> str:
        return f"Answers({self.data!r})"

    def get(self, address: str) -> Value | None:
        qid, row, key = split_address(address)
        bucket = self.data.get(qid, {})
        if row:
            bucket = bucket.get(row, {})
            if not isinstance(bucket, dict):
                return None
        return bucket.get(key)

    def of_role(self, form: Form, role: str) -> Value | None:
        """The answer of the field that plays ``role`` in ``form`` (its ``[roles]``); None without one."""
        address = form.role(role)
        return self.get(address) if address else None

    def text_of_role(self, form: Form, role: str) -> str:
        """:meth:`of_role` when it is text, else ""."""
        value = self.of_role(form, role)
        return value if isinstance(value, str) else ""

    def relevant(self, question: Question, row: str, field: Field) -> bool:
        """Whether ``field`` (in ``row`` of ``question``) applies, as these answers stand."""
        return not field.relevant or applies(field, row, self.get)

    def is_relevant(self, form: Form, address: str) -> bool:
        """:meth:`relevant` for the field at ``address``."""
        qid, row, key = split_address(address)
        question = form.question(qid)
        return self.relevant(question, row, question.field(key))

    def relevant_only(self, form: Form) -> Answers:
        """A copy without the answers of fields that do not apply (kept in the session, not printed)."""
        out = Answers({qid: _copy(bucket) for qid, bucket in self.data.items()})
        for question in form.questions:
            if any(f.relevant for f in question.fields):
                for row in [r.key for r in question.rows] or [""]:
                    for fld in question.fields:
                        if not self.relevant(question, row, fld):
                            out.set(join_address(question.id, row, fld.key), None)
        return out

    def set(self, address: str, value: Value | None) -> bool:
        """Store ``value`` (an empty one removes the key); True when something changed."""
        qid, row, key = split_address(address)
        bucket = self.data.setdefault(qid, {})
        if row:
            bucket = bucket.setdefault(row, {})
        old = bucket.get(key)
        if is_empty(value):
            if key not in bucket:
                self._prune(qid, row)
                return False
            del bucket[key]
            self._prune(qid, row)
            return True
        if old == value and type(old) is type(value):
            return False
        bucket[key] = value
        return True

    def _prune(self, qid: str, row: str) -> None:
        if row and not self.data[qid].get(row):
            self.data[qid].pop(row, None)
        if not self.data.get(qid):
            self.data.pop(qid, None)

    def question_answered(self, question: Question) -> bool:
        """Every required field filled (in every row), or, with none required, any answer given.

        Examples and other annotations alone never make a question answered.
        """
        rows = [r.key for r in question.rows] or [""]
        if any(f.required for f in question.fields):
            return all(
                not is_empty(self.get(join_address(question.id, row, f.key)))
                for row in rows
                for f in question.fields
                if f.required and self.relevant(question, row, f)
            )
        return any(
            not is_empty(self.get(join_address(question.id, row, f.key)))
            for row in rows
            for f in question.fields
            if not f.annotation and self.relevant(question, row, f)
        )

    def question_touched(self, question: Question) -> bool:
        """Some answer given, among the fields that apply (one set aside does not count)."""
        rows = [r.key for r in question.rows] or [""]
        return any(
            not is_empty(self.get(join_address(question.id, row, f.key)))
            for row in rows
            for f in question.fields
            if self.relevant(question, row, f)
        )

    def step_progress(self, step: Step) -> tuple[int, int]:
        """(answered, total) over the step's required questions, or over all if none is required."""
        questions = [q for q in step.questions if q.required or any(f.required for f in q.fields)]
        questions = questions or list(step.questions)
        done = sum(1 for q in questions if self.question_answered(q))
        return done, len(questions)

    def form_progress(self, form: Form) -> tuple[int, int]:
        done = total = 0
        for step in form.steps:
            d, t = self.step_progress(step)
            done, total = done + d, total + t
        return done, total

    def step_state(self, step: Step, has_errors: bool, incomplete: bool = False) -> StepState:
        """``errors`` only for contradictions (``has_errors``); an answer still to give, plain or
        asked for by another one (``incomplete``: the rules' draft hints), leaves it ``partial``."""
        if has_errors:
            return "errors"
        if not any(self.question_touched(q) for q in step.questions):
            return "empty"
        done, total = self.step_progress(step)
        return "complete" if done == total and not incomplete else "partial"


def _copy(bucket: dict[str, Any]) -> dict[str, Any]:
    """A question's answers, its rows' tables copied too (values are never changed in place)."""
    return {key: dict(value) if isinstance(value, dict) else value for key, value in bucket.items()}
