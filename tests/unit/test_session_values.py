"""Session, Position, Answers and ImportRecord: values compared by their fields, as dataclasses were."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.session import Position, Session
from questionnaire.answers import Answers
from questionnaire.importing.record import ImportRecord


def test_equal_by_value_the_stamp_apart_and_never_hashed() -> None:
    def made(stamp: tuple[int, ...] | None) -> Session:
        return Session(
            "civit-23-2013",
            Answers({"header": {"administration": "Comune"}}),
            Position("header", "header/administration"),
            ["b1"],
            Answers(),
            ImportRecord("a.pdf", "pdf", ["riga"], {"x/y": "testo"}, {}),
            Path("s.toml"),
            stamp,
        )

    assert made((1, 2)) == made(None)  # the file's stamp is not part of the session's value
    assert made(None) != Session() and Session() == Session()
    assert Session().answers is not Session().answers and Session().to_review is not Session().to_review
    assert Position() == Position("header", "") != Position("b1", "")
    assert ImportRecord() == ImportRecord("", "", [], {}, {}) != ImportRecord("a.pdf")
    assert Answers({"q": {"f": 1}}) != Answers()
    assert Position() != ("header", "") and Answers() != {}
    for value in (Session(), Position(), Answers(), ImportRecord()):
        with pytest.raises(TypeError):
            hash(value)


def test_repr_names_the_fields() -> None:
    assert repr(Position("b1", "b1/x")) == "Position(step='b1', field='b1/x')"
    assert repr(Answers({"q": {}})) == "Answers(data={'q': {}})"
    assert "ImportRecord(source='a.pdf', kind='pdf'" in repr(ImportRecord("a.pdf", "pdf"))
    shown = repr(Session(stamp=(1, 2)))
    assert shown.startswith("Session(form_id='civit-23-2013', answers=Answers(data={})") and "stamp" not in shown
