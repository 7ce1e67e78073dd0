"""Relevance: when a field applies, from conditions declared in the form data (never code).

A field's ``relevant`` condition names another field and compares its answer: ``equals``,
``not_equals``, ``one_of``, ``not_one_of``, ``empty``, ``not_empty`` (``model.OPERATORS``).
A field that does not apply is not asked, not required, not checked and not printed; its stored
answer stays in the session and counts again once the condition holds.

In the form's TOML a condition is a table, a list of tables (all must hold) or the name of one
declared once under ``[conditions]``::

    [conditions]
    has_agency = { field = "header/special_agency", op = "not_empty" }

    { key = "to_agency", kind = "integer", label = "…", relevant = "has_agency" }
    { key = "reasons", kind = "text", label = "…", relevant = { field = "coherent", op = "equals", value = "No" } }

``field`` is a key of the same question (and row), ``question/key``, or ``question/row/key``.
A condition may not name a field that has a condition of its own: relevance never chains, so
each field's is read from the answers alone, in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from questionnaire.form.kinds import kind_of
from questionnaire.form.model import OPERATORS, SEP, Condition, Field, join_address

#: How a condition reads an answer: an address in, the stored value (or None) out.
Lookup = Callable[[str], object]


def is_empty(value: object) -> bool:
    """An answer counts as given when it holds something other than blanks."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not any(isinstance(v, str) and v.strip() for v in value)
    return False


# ---------------------------------------------------------------- evaluation


def source_address(condition: Condition, row: str) -> str:
    """The address whose answer ``condition`` reads, for a field in ``row`` ("" outside tables)."""
    if SEP in condition.key:  # question/row/key: one row of a table, named in full
        return SEP.join((condition.question, condition.key))
    return join_address(condition.question, row if condition.same_row else "", condition.key)


def _same(answer: object, expected: str | int) -> bool:
    if isinstance(answer, str) and isinstance(expected, str):
        return answer.strip() == expected.strip()
    return type(answer) is type(expected) and answer == expected


def holds(condition: Condition, row: str, get: Lookup) -> bool:
    """Whether ``condition`` holds for a field in ``row``, over the answers ``get`` reads."""
    answer = get(source_address(condition, row))
    op = condition.op
    if op in ("empty", "not_empty"):
        return is_empty(answer) == (op == "empty")
    matched = not is_empty(answer) and any(_same(answer, v) for v in condition.values)
    return matched if op in ("equals", "one_of") else not matched


def applies(field: Field, row: str, get: Lookup) -> bool:
    """Whether ``field`` (in ``row``) is relevant: every one of its conditions holds."""
    return all(holds(c, row, get) for c in field.relevant)


# ---------------------------------------------------------------- reading the form's declarations


class ConditionError(ValueError):
    """A condition of the form cannot be read; ``token`` is the text that is wrong, to find its line."""

    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token
        #: The ``[conditions]`` entry the error is in, when it is in one (its line, not the field's).
        self.declared_in = ""


class Target(NamedTuple):
    """What a condition needs to know of a question it names: its rows and its fields."""

    rows: tuple[str, ...]
    fields: Mapping[str, Field]
    #: Keys of the fields that declare a condition of their own.
    conditioned: frozenset[str] = frozenset()


def read(raw: object, named: Mapping[str, object], here: str, questions: Mapping[str, Target]) -> tuple[Condition, ...]:
    """The conditions ``raw`` declares for a field of question ``here``: a name of ``[conditions]``,
    a table, or a list of both. Raises ``ConditionError`` (Italian) on anything unknown."""
    if isinstance(raw, str):
        if raw not in named:
            known = ", ".join(sorted(named)) or "nessuna"
            raise ConditionError(f"condizione sconosciuta «{raw}» (dichiarate in [conditions]: {known})", raw)
        try:
            return read(named[raw], {}, here, questions)
        except ConditionError as error:
            error.declared_in = error.declared_in or raw
            raise
    if isinstance(raw, list):
        return tuple(c for item in raw for c in read(item, named, here, questions))
    if not isinstance(raw, dict):
        what = "una condizione è una tabella { field, op, value } o il nome di una condizione"
        raise ConditionError(what, "relevant")
    return (_one(raw, here, questions),)


def _one(raw: Mapping[str, object], here: str, questions: Mapping[str, Target]) -> Condition:
    unknown = sorted(set(raw) - {"field", "op", "value", "values"})
    if unknown:
        what = f"chiave sconosciuta «{unknown[0]}» in una condizione (ammesse: field, op, value, values)"
        raise ConditionError(what, unknown[0])
    op = raw.get("op")
    if not isinstance(op, str) or op not in OPERATORS:
        raise ConditionError(f"operatore sconosciuto «{op}» (operatori noti: {', '.join(OPERATORS)})", str(op))
    ref = raw.get("field")
    if not isinstance(ref, str) or not ref:
        raise ConditionError("manca «field» in una condizione: il campo di cui confrontare la risposta", "op")
    question, key, same_row = _resolve(ref, here, questions)
    bare = key.rsplit(SEP, 1)[-1]
    target = questions[question].fields[bare]
    if bare in questions[question].conditioned:
        raise ConditionError(
            f"la condizione nomina «{ref}», che ha a sua volta una condizione: le condizioni non si concatenano", ref
        )
    return Condition(question, key, op, _values(raw, op, target, ref), same_row)


def _resolve(ref: str, here: str, questions: Mapping[str, Target]) -> tuple[str, str, bool]:
    """(question, key, same_row) of a field reference; the key keeps its row when one is named."""
    parts = ref.split(SEP)
    padded = [here, "", *parts] if len(parts) == 1 else [parts[0], "", parts[1]] if len(parts) == 2 else parts
    qid, row, key = (padded + ["", "", ""])[:3]
    target = questions.get(qid)
    if len(parts) > 3 or target is None or key not in target.fields or (row and row not in target.rows):
        raise ConditionError(f"la condizione nomina un campo inesistente «{ref}»", ref)
    if row or not target.rows:
        return qid, (SEP.join((row, key)) if row else key), False
    if target.rows != questions[here].rows:
        what = f"la condizione nomina «{ref}», un campo di una tabella con altre righe: indica la riga"
        raise ConditionError(what, ref)
    return qid, key, True


def _values(raw: Mapping[str, object], op: str, target: Field, ref: str) -> tuple[str | int, ...]:
    if op in ("empty", "not_empty"):
        if "value" in raw or "values" in raw:
            raise ConditionError(f"l'operatore «{op}» non confronta con un valore: togli «value»", op)
        return ()
    name, other = ("value", "values") if op in ("equals", "not_equals") else ("values", "value")
    if other in raw or name not in raw:
        raise ConditionError(f"l'operatore «{op}» vuole «{name}»", op)
    given = raw[name]
    values: Sequence[object] = given if name == "values" and isinstance(given, list) else [given]
    if name == "values" and not (isinstance(given, list) and given):
        raise ConditionError(f"«values» dell'operatore «{op}» è un elenco non vuoto", op)
    kind = kind_of(target)
    wanted = kind.compared_as
    if wanted is None:
        what = f"«{ref}» è un campo di tipo {target.kind}: si confronta solo con «empty» o «not_empty»"
        raise ConditionError(what, op)
    out: list[str | int] = []
    for value in values:
        if type(value) is not wanted:
            raise ConditionError(f"il valore {value!r} non è del tipo del campo «{ref}» ({target.kind})", str(value))
        if kind.shape == "options" and value not in target.options:
            raise ConditionError(
                f"«{value}» non è un'opzione di «{ref}» (opzioni: {', '.join(target.options)})", str(value)
            )
        out.append(value)  # str or int, checked just above
    return tuple(out)


# ---------------------------------------------------------------- the line of a declaration


def line_of(text: str, place: tuple[str, str], token: str) -> int | None:
    """The first line (1-based) holding ``token`` inside ``place`` of the form's TOML ``text``:
    ("question", id), ("template", name) or ("conditions", name). None when not found."""
    kind, name = place
    header, qid = "", ""
    quoted = f'"{token}"'
    fallback: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            header, qid = stripped.split("#", 1)[0].strip(), ""
            continue
        if header == "[[question]]" and stripped.replace(" ", "").startswith("id="):
            qid = stripped.split("=", 1)[1].split("#", 1)[0].strip().strip('"')
        inside = (
            (kind == "question" and header == "[[question]]" and qid == name)
            or (kind == "template" and header == f"[templates.{name}]")
            or (kind == "conditions" and header in ("[conditions]", f"[conditions.{name}]"))
        )
        if inside and quoted in line:
            return number
        if inside and fallback is None and token in line:
            fallback = number
    return fallback
