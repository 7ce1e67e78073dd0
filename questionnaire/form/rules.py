"""Validation as pure functions: ``validate(form, answers) -> problems``, messages in Italian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from questionnaire.form.answers import Answers, is_empty

# Re-exported ("X as X"): names kept here for their users.
from questionnaire.form.kinds import MAX_COUNT as MAX_COUNT
from questionnaire.form.kinds import MAX_TEXT as MAX_TEXT
from questionnaire.form.kinds import MONTHS as MONTHS
from questionnaire.form.kinds import check, thousands
from questionnaire.form.kinds import italian_date as italian_date
from questionnaire.form.kinds import parse_triennium as parse_triennium
from questionnaire.form.model import Field, Form, Question, Rule, join_address, split_address

Level = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing to fix (error) or to check (warning), at one field of one question."""

    level: Level
    question: str
    field: str
    message: str
    code: str = ""

    @property
    def address(self) -> str:
        """``question/field`` or ``question/row/field``: where the UI jumps to."""
        return f"{self.question}/{self.field}" if self.field else self.question

    @property
    def is_error(self) -> bool:
        return self.level == "error"


#: Codes of missing answers: ``MISSING`` in the final version (an error, what keeps a report a
#: draft); ``INCOMPLETE`` in a draft for an answer another one asks for (the interview share once
#: staff were assigned, the reasons of a «No»): a hint beside the field, not an error.
MISSING = "missing"
INCOMPLETE = "incomplete"
#: Rules that ask for an answer because of another one: missing answers, not contradictions.
REQUIRING_RULES = frozenset({"required_when_positive", "required_when_equals"})


def validate(form: Form, answers: Answers, final: bool = False) -> list[Problem]:
    """Every problem of the session in form order.

    ``final`` checks the version to send: every missing answer is an error (code ``MISSING``).
    Without it (a draft, the wizard while it is filled in) a missing answer is no error: those
    another answer asks for are warnings (code ``INCOMPLETE``), the others are not reported.
    Contradictions (assigned above in service, counts above totals…) are errors in both.
    Fields that do not apply (their ``relevant`` condition fails) are neither checked nor
    required, and their answers are as absent for the rules of every question.
    """
    problems: list[Problem] = []
    answers = answers.relevant_only(form)
    for question in form.questions:
        problems.extend(check_question(question, answers, final))
    return problems


def check_question(question: Question, answers: Answers, final: bool = False) -> list[Problem]:
    """The problems of one question; its fields that do not apply are skipped, and so are the
    rules about them (a rule that reads one sees no answer there)."""
    out: list[Problem] = []
    for row in [r.key for r in question.rows] or [""]:
        aside = {f.key for f in question.fields if not answers.relevant(question, row, f)}
        seen = _without(answers, question.id, row, aside) if aside else answers
        for fld in question.fields:
            if fld.key in aside:
                continue
            address = join_address(question.id, row, fld.key)
            message = check_value(fld, answers.get(address))
            if message:
                out.append(_problem("error", address, message, "value"))
            elif final and fld.required and is_empty(answers.get(address)):
                where = _row_label(question, row)
                out.append(_problem("error", address, f"{where}«{fld.label}» è obbligatorio.", MISSING))
        for rule in question.rules:
            if not aside.intersection(rule.fields):
                out.extend(_apply(rule, question, row, seen, final))
    if final and question.required and not question.rows and not _has_required_fields(question):
        if not answers.question_answered(question):
            first = question.fields[0].key
            out.append(
                _problem(
                    "error",
                    join_address(question.id, "", first),
                    "Manca la risposta.",
                    MISSING,
                )
            )
    return out


def _without(answers: Answers, qid: str, row: str, keys: set[str]) -> Answers:
    """``answers`` as the rules see them: the fields ``keys`` of ``qid`` (in ``row``) left out."""
    bucket = dict(answers.data.get(qid, {}))
    if row:
        bucket[row] = {k: v for k, v in bucket.get(row, {}).items() if k not in keys}
    else:
        bucket = {k: v for k, v in bucket.items() if k not in keys}
    return Answers({**answers.data, qid: bucket})


def missing(form: Form, answers: Answers) -> list[Problem]:
    """The unanswered required questions and fields (what a draft report lists)."""
    return [p for p in validate(form, answers, final=True) if p.code == MISSING]


def _has_required_fields(question: Question) -> bool:
    return any(f.required for f in question.fields)


def _problem(level: Level, address: str, message: str, code: str) -> Problem:
    qid, row, key = split_address(address)
    return Problem(level, qid, f"{row}/{key}" if row else key, message, code)


def _row_label(question: Question, row: str) -> str:
    for r in question.rows:
        if r.key == row:
            return f"{r.label}: "
    return ""


# ---------------------------------------------------------------- single values


def check_value(fld: Field, value: object) -> str:
    """An Italian message when ``value`` cannot be an answer of ``fld``, else "" (``kinds.check``)."""
    return check(fld, value)


def format_triennium(first: int) -> str:
    return f"{first} – {first + 2}"


# ---------------------------------------------------------------- cross-field rules


def _ref(question: Question, row: str, ref: str) -> str:
    """Resolve a rule's field reference: ``field`` (same question and row) or ``question/field``."""
    if "/" in ref:
        qid, key = ref.split("/", 1)
        return join_address(qid, row, key)
    return join_address(question.id, row, ref)


def _label(question: Question, ref: str) -> str:
    """The field's short label where the form gives one (table columns): messages stay readable."""
    key = ref.rsplit("/", 1)[-1]
    try:
        field = question.field(key)
    except KeyError:
        return key
    return field.short or field.label


def _int(answers: Answers, address: str) -> int | None:
    value = answers.get(address)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _sum(answers: Answers, addresses: list[str]) -> int | None:
    values = [_int(answers, a) for a in addresses]
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _at_most(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    limits = rule.param("limit")
    limits = [limits] if isinstance(limits, str) else list(limits) if isinstance(limits, list | tuple) else []
    value = _sum(answers, [_ref(q, row, f) for f in rule.fields])
    limit = _sum(answers, [_ref(q, row, f) for f in limits])
    if value is None or limit is None or value <= limit:
        return
    what = " + ".join(f"«{_label(q, f)}»" for f in rule.fields)
    than = " + ".join(f"«{_label(q, f)}»" for f in limits)
    yield (
        rule.fields[0],
        f"{_row_label(q, row)}{what} ({thousands(value)}) supera {than} ({thousands(limit)}): "
        "correggi uno dei due numeri.",
    )


def _required_when_positive(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    when = str(rule.param("when"))
    count = _int(answers, _ref(q, row, when))
    target = rule.fields[0]
    if count and count > 0 and is_empty(answers.get(_ref(q, row, target))):
        yield (
            target,
            (
                f"{_row_label(q, row)}«{_label(q, target)}» è da indicare quando il "
                f"personale con obiettivi assegnati è {thousands(count)}."
                if "assigned" in when
                else f"{_row_label(q, row)}«{_label(q, target)}» è da indicare quando «{_label(q, when)}» "
                f"è {thousands(count)}."
            ),
        )


def _required_when_equals(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    when, expected = str(rule.param("when")), rule.param("value")
    target = rule.fields[0]
    if answers.get(_ref(q, row, when)) == expected and is_empty(answers.get(_ref(q, row, target))):
        yield target, (f"{_row_label(q, row)}hai risposto «{expected}»: scrivi le «{_label(q, target)}».")


def _positive_implies_positive(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    when = str(rule.param("when"))
    count = _int(answers, _ref(q, row, when))
    target = rule.fields[0]
    value = _int(answers, _ref(q, row, target))
    if count and count > 0 and value == 0:
        yield target, (f"«{_label(q, when)}» è {thousands(count)}, quindi «{_label(q, target)}» non può essere 0.")


def _triennium(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    target = rule.fields[0]
    value = answers.get(_ref(q, row, target))
    years = parse_triennium(value) if isinstance(value, str) else None
    if years and years[1] != years[0] + 2:
        yield (
            target,
            (f"Il triennio deve essere di tre anni consecutivi: {years[0]}-{years[0] + 2}, non {years[0]}-{years[1]}."),
        )


def _dates(rule: Rule, q: Question, row: str, answers: Answers) -> tuple[dt.date, dt.date] | None:
    later = answers.get(_ref(q, row, rule.fields[0]))
    earlier = answers.get(_ref(q, row, str(rule.param("after"))))
    if isinstance(later, dt.date) and isinstance(earlier, dt.date):
        return earlier, later
    return None


def _not_before(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    dates = _dates(rule, q, row, answers)
    if dates and dates[1] < dates[0]:
        yield (
            rule.fields[0],
            (
                f"«{_label(q, rule.fields[0])}» ({italian_date(dates[1])}) precede "
                f"«{_label(q, str(rule.param('after')))}» ({italian_date(dates[0])})."
            ),
        )


def _within_days(rule: Rule, q: Question, row: str, answers: Answers) -> Iterator[tuple[str, str]]:
    dates = _dates(rule, q, row, answers)
    days = int(str(rule.param("days", 30)))
    if dates and (dates[1] - dates[0]).days > days:
        late = (dates[1] - dates[0]).days
        yield (
            rule.fields[0],
            (
                f"Il monitoraggio è firmato {late} giorni dopo «{_label(q, str(rule.param('after')))}» "
                f"({italian_date(dates[0])}): il termine è di {days} giorni."
            ),
        )


RULES: dict[str, Callable[[Rule, Question, str, Answers], Iterator[tuple[str, str]]]] = {
    "at_most": _at_most,
    "required_when_positive": _required_when_positive,
    "required_when_equals": _required_when_equals,
    "positive_implies_positive": _positive_implies_positive,
    "triennium": _triennium,
    "not_before": _not_before,
    "within_days": _within_days,
}


def _apply(rule: Rule, question: Question, row: str, answers: Answers, final: bool) -> Iterator[Problem]:
    check = RULES.get(rule.rule)
    if check is None:
        raise KeyError(f"regola sconosciuta '{rule.rule}' nella domanda {question.id}")
    level, code = rule.level, rule.rule
    if rule.rule in REQUIRING_RULES:  # an answer still to give, not a contradiction
        level, code = (rule.level, MISSING) if final else ("warning", INCOMPLETE)
    for key, message in check(rule, question, row, answers):
        yield _problem(level, join_address(question.id, row, key), rule.message or message, code)
