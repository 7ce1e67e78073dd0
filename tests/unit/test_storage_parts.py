"""A save that reuses the text of unchanged parts writes exactly what a whole save writes."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from oivtui.files import storage
from oivtui.files.example import example_session
from oivtui.files.session import Position, Session
from questionnaire.form.answers import Value

#: (address, values it may take): text, line, list, integer, date and choice fields.
EDITS = [
    ("1.1/text", st.text(max_size=40)),
    ("2.3/systems", st.lists(st.text(max_size=10), max_size=3)),
    ("header/administration", st.text(max_size=20)),
    ("header/piao_date", st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 1, 1))),
    ("tab.1/dirigenti_i/in_service", st.integers(min_value=0, max_value=99)),
    ("tab.1/dirigenti_i/interview_share", st.sampled_from(["50% - 100%", "1% - 49%", ""])),
]
edit = st.one_of(*[st.tuples(st.just(address), values) for address, values in EDITS])


@settings(max_examples=60, deadline=None)
@given(edits=st.lists(edit, min_size=1, max_size=8), step=st.sampled_from(["header", "b1", "annex"]))
def test_kept_parts_give_the_same_text_as_a_whole_save(edits: list[tuple[str, Value]], step: str) -> None:
    session = example_session()
    parts = storage.TomlParts()
    storage.dumps(session, parts)
    for address, value in edits:
        session.answers.set(address, value)
        session.position = Position(step, address)
        text = storage.dumps(session, parts)
        assert text == storage.dumps(session)
        assert tomllib.loads(text) == storage.to_document(session)


def test_a_list_changed_in_place_is_written_again() -> None:
    session = Session()
    names = ["Mario Rossi"]
    session.answers.set("header/signatories", names)
    parts = storage.TomlParts()
    storage.dumps(session, parts)
    names.append("Anna Bianchi")
    assert "Anna Bianchi" in storage.dumps(session, parts)


def test_the_same_value_of_another_type_is_written_again() -> None:
    session = Session()
    session.answers.set("tab.1/dirigenti_i/in_service", 1)
    parts = storage.TomlParts()
    assert "in_service = 1" in storage.dumps(session, parts)
    session.answers.data["tab.1"]["dirigenti_i"]["in_service"] = True
    assert "in_service = true" in storage.dumps(session, parts)


def test_a_carriage_return_anywhere_rewrites_every_part_without_multiline_strings() -> None:
    session = example_session()
    parts = storage.TomlParts()
    storage.dumps(session, parts)
    session.answers.set("header/place", "Brescia\r\n")
    text = storage.dumps(session, parts)
    assert text == storage.dumps(session)
    assert '"""' not in text
    assert tomllib.loads(text) == storage.to_document(session)
