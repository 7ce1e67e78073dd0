"""Property tests: any answers come back exactly; any TOML document is loaded or refused, nothing else.

``OIVTUI_FAULT_EXAMPLES`` sets the examples per property (default 150; the long mode uses 2000).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from oivtui.files import storage
from oivtui.files.autosave import Autosaver
from oivtui.files.session import Position, Session
from oivtui.reports import render as report
from questionnaire.form.answers import Answers
from questionnaire.form.loader import load_form
from questionnaire.form.model import split_address
from questionnaire.form.rules import MAX_TEXT, validate
from tests.reliability.faults import runs

FORM = load_form()
EXAMPLES = runs("OIVTUI_FAULT_EXAMPLES", 150)
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
ADDRESSES = [(a, FORM.field_at(a).kind) for q in FORM.questions for a in q.addresses()]
STEP_IDS = [s.id for s in FORM.steps] + ["review"]

# ---------------------------------------------------------------- any answers round-trip

ANY_TEXT = st.text(max_size=300) | st.text(st.sampled_from("\r\n\t\"'\\#[]{}=\x00\x1b\u2028\ufeff é€𝄞 "), max_size=60)


def value_for(kind: str) -> st.SearchStrategy[Any]:
    if kind == "integer":
        return st.integers(-(2**53), 2**53)
    if kind == "date":
        return st.dates() | ANY_TEXT  # a date still being typed is kept as text
    if kind == "lines":
        return st.lists(ANY_TEXT, max_size=5)
    return ANY_TEXT


@st.composite
def answers(draw: st.DrawFn) -> Answers:
    out = Answers()
    for address, kind in draw(st.lists(st.sampled_from(ADDRESSES), max_size=25, unique=True)):
        out.set(address, draw(value_for(kind)))
    return out


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    session = Session(answers=draw(answers()))
    fields = st.sampled_from([""] + [a for a, _ in ADDRESSES])
    session.position = Position(draw(st.sampled_from(STEP_IDS)), draw(fields))
    session.to_review = draw(st.lists(st.sampled_from([s.id for s in FORM.steps]), unique=True, max_size=4))
    if draw(st.booleans()):
        session.previous = draw(answers())
    return session


def typed(data: dict) -> object:
    """Answers with their types spelled out: 1 and True, a date and its text, are different answers."""
    if isinstance(data, dict):
        return {k: typed(v) for k, v in data.items()}
    if isinstance(data, list):
        return [typed(v) for v in data]
    return (type(data).__name__, data)


@SETTINGS
@given(sessions())
def test_any_session_comes_back_exactly(session: Session) -> None:
    with tempfile.TemporaryDirectory() as folder:
        loaded = storage.load(storage.save(session, Path(folder) / "s.toml"))
    assert typed(loaded.answers.data) == typed(session.answers.data)
    assert loaded.position == session.position
    assert loaded.to_review == session.to_review
    assert (loaded.previous is None) == (session.previous is None)
    if session.previous is not None:
        assert typed(loaded.previous.data) == typed(session.previous.data)  # type: ignore[union-attr]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(ADDRESSES), st.data()), min_size=1, max_size=30))
def test_every_autosave_of_a_run_of_edits_reads_back_as_memory(edits: list) -> None:
    """The autosaver keeps each question's checked text between saves: a stale piece would show here."""
    with tempfile.TemporaryDirectory() as folder:
        session = Session(path=Path(folder) / "s.toml")
        saver = Autosaver(session)
        assert saver.save(force=True)
        for (address, kind), data in edits:
            value = data.draw(value_for(kind) | st.just(""))  # "" removes the answer
            if session.answers.set(address, value):
                saver.changed()
            assert saver.save(), saver.last_error
            assert session.path is not None
            assert typed(storage.load(session.path).answers.data) == typed(session.answers.data)


# ---------------------------------------------------------------- any document: loaded or refused

QIDS = [q.id for q in FORM.questions]
KEYS = sorted({f.key for q in FORM.questions for f in q.fields} | {r.key for q in FORM.questions for r in q.rows})
NAMES = st.sampled_from(QIDS + KEYS + sorted(storage.TOP_KEYS) + ["step", "field", "pending"]) | st.text(max_size=12)
SCALARS = (
    st.text(max_size=40)
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)
TREES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NAMES, inner, max_size=5), max_leaves=30
)


#: Values of almost the right type: what a hand edit or another program is likely to write.
NEAR_MISSES = (
    st.booleans()
    | st.floats()
    | st.datetimes()
    | st.times()
    | st.integers(min_value=2**53 + 1)
    | st.integers(max_value=-(2**53) - 1)
    | st.lists(st.integers() | st.text(max_size=3), min_size=1, max_size=2)
    | st.text(st.characters(codec="ascii"), max_size=3)
    | st.integers(-3, 3)
    | st.integers(1, 3).map(lambda n: "a" * (MAX_TEXT + n))
)


def sometimes_wrong(right: st.SearchStrategy[Any], odds: int = 40) -> st.SearchStrategy[Any]:
    """Mostly ``right``; one time in ``odds`` a near miss, one in ``odds`` anything at all."""
    return st.integers(1, odds).flatmap(lambda n: TREES if n == 1 else NEAR_MISSES if n == 2 else right)


def fields_for(question: Any) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.sampled_from([f.key for f in question.fields])
    return st.lists(keys, unique=True, max_size=4).flatmap(
        lambda chosen: st.fixed_dictionaries({k: sometimes_wrong(value_for(question.field(k).kind)) for k in chosen})
    )


def bucket_for(question: Any) -> st.SearchStrategy[Any]:
    if not question.rows:
        return sometimes_wrong(fields_for(question))
    rows = st.lists(st.sampled_from([r.key for r in question.rows]), unique=True, max_size=3)
    table = rows.flatmap(lambda chosen: st.fixed_dictionaries({r: fields_for(question) for r in chosen}))
    return sometimes_wrong(table)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly session-shaped documents, wrong here and there; some plain garbage."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.dictionaries(NAMES, TREES, max_size=6))
    doc: dict[str, Any] = {"format": draw(sometimes_wrong(st.just(1))), "form": draw(sometimes_wrong(st.just(FORM.id)))}
    questions = draw(st.lists(st.sampled_from(FORM.questions), unique_by=lambda q: q.id, max_size=6))
    answers = {q.id: draw(bucket_for(q)) for q in questions if q.id != "header"}
    doc["answers"] = draw(sometimes_wrong(st.just(answers)))
    if draw(st.booleans()):
        doc["header"] = draw(bucket_for(FORM.question("header")))
    if draw(st.booleans()):
        step = st.sampled_from(STEP_IDS) | st.text(max_size=5)
        position = st.fixed_dictionaries({"step": step, "field": st.text(max_size=9)})
        doc["position"] = draw(sometimes_wrong(position))
    if draw(st.booleans()):
        doc["review"] = draw(sometimes_wrong(st.fixed_dictionaries({"pending": st.lists(st.sampled_from(STEP_IDS))})))
    if draw(st.booleans()):
        doc["previous"] = draw(st.dictionaries(st.sampled_from(QIDS) | NAMES, TREES, max_size=4))
    if draw(st.integers(0, 7)) == 0:
        doc[draw(NAMES)] = draw(TREES)
    return doc


def dumped(doc: dict[str, Any]) -> str | None:
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError):  # tomli-w refuses some trees (e.g. non-string keys): not a file
        return None


@SETTINGS
@given(documents())
def test_any_toml_document_is_loaded_or_refused_with_a_session_error(doc: dict[str, Any]) -> None:
    text = dumped(doc)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        path.write_text(text, "utf-8")
        try:
            session = storage.load(path)
        except storage.SessionError as exc:
            event("refused")
            message = str(exc)
            assert message.startswith(str(path)) and len(message) < 600 and "\n" not in message
            return
        event("loaded")
        for final in (False, True):
            for problem in validate(session.form, session.answers, final=final):
                assert problem.message and problem.address
        report.render_markdown(session)
        report.render_html(session)
        again = storage.load(storage.save(session, path))  # what loaded can be saved and read back
        assert typed(again.answers.data) == typed(session.answers.data)
        assert all(_plain(v) for v in _leaves(session.answers.data))


def _leaves(data: object) -> list[object]:
    if isinstance(data, dict):
        return [x for v in data.values() for x in _leaves(v)]
    if isinstance(data, list):
        return [x for v in data for x in _leaves(v)]
    return [data]


def _plain(value: object) -> bool:
    """What a loaded session may hold: text within the limit, an integer within 2**53, a date."""
    if isinstance(value, bool | float):
        return False
    if isinstance(value, int):
        return abs(value) <= 2**53
    if isinstance(value, str):
        return len(value) <= MAX_TEXT
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def fits(kind: str, value: object) -> bool:
    """What a field of ``kind`` may hold once loaded."""
    if kind == "integer":  # or, as for a date, the text typed that is not (yet) a number
        return (type(value) is int and abs(value) <= 2**53) or (type(value) is str and len(value) <= MAX_TEXT)
    if kind == "date":
        return type(value) is dt.date or (type(value) is str and len(value) <= MAX_TEXT)
    if kind == "lines":
        return type(value) is list and all(type(v) is str for v in value)
    return type(value) is str and len(value) <= MAX_TEXT


def one_answer(address: str, value: object) -> dict[str, Any]:
    qid, row, key = split_address(address)
    fields = {key: value}
    bucket = {row: fields} if row else fields
    doc: dict[str, Any] = {"format": 1, "form": FORM.id}
    if qid == "header":
        doc["header"] = bucket
    else:
        doc["answers"] = {qid: bucket}
    return doc


@SETTINGS
@given(st.sampled_from(ADDRESSES), NEAR_MISSES | TREES)
def test_a_value_of_the_wrong_type_is_refused_or_fits_its_field(address_kind: tuple[str, str], value: Any) -> None:
    address, kind = address_kind
    text = dumped(one_answer(address, value))
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        path.write_text(text, "utf-8")
        try:
            loaded = storage.load(path).answers.get(address)
        except storage.SessionError as exc:
            assert address.rsplit("/", 1)[-1] in str(exc) or "riga" in str(exc)
            return
    assert loaded is None or fits(kind, loaded), f"{address} loaded {loaded!r}"
