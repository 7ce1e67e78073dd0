"""A session as the TOML text of its file: form order, no empty values, the pieces that did not
change reused (``TomlParts``), and a text that reads back the same or a SaveError."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

from oivtui.files.errors import SaveError
from oivtui.files.session import FORMAT_VERSION, Session
from questionnaire.form.answers import Answers
from questionnaire.form.model import Form

BANNER = (
    "# Sessione oivtui: monitoraggio OIV (delibera CiVIT 23/2013).\n"
    "# Si può leggere e modificare a mano; oivtui la riscrive a ogni modifica.\n"
)


def to_document(session: Session) -> dict[str, Any]:
    """The session as the plain TOML document (form order, no empty values)."""
    form = session.form
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "form": form.id,
        "form_version": form.version,
        "position": {"step": session.position.step, "field": session.position.field},
    }
    header, answers = _ordered_answers(form, session.answers)
    if header:
        doc["header"] = header
    if answers:
        doc["answers"] = answers
    if session.to_review:
        doc["review"] = {"pending": list(session.to_review)}
    if session.previous is not None:
        _h, prev = _ordered_answers(form, session.previous, include_header=True)
        doc["previous"] = prev
    if session.imported is not None:
        doc["imported"] = session.imported.to_toml()
    return doc


def _ordered_answers(
    form: Form, answers: Answers, include_header: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    header: dict[str, Any] = {}
    out: dict[str, Any] = {}
    order = {q.id: i for i, q in enumerate(form.questions)}
    for qid in sorted(answers.data, key=lambda k: (order.get(k, len(order)), k)):
        bucket = answers.data[qid]
        if qid == "header" and not include_header:
            header = _ordered_bucket(form, qid, bucket)  # form order: editing a field never moves it
        else:
            out[qid] = _ordered_bucket(form, qid, bucket)
    return header, out


def _ordered_bucket(form: Form, qid: str, bucket: dict[str, Any]) -> dict[str, Any]:
    if not form.has_question(qid):
        return dict(bucket)
    question = form.question(qid)
    keys = [r.key for r in question.rows] or [f.key for f in question.fields]
    rank = {k: i for i, k in enumerate(keys)}
    ordered = {k: bucket[k] for k in sorted(bucket, key=lambda k: (rank.get(k, len(rank)), k))}
    if question.rows:
        fields = {f.key: i for i, f in enumerate(question.fields)}
        ordered = {
            r: {k: v[k] for k in sorted(v, key=lambda k: (fields.get(k, len(fields)), k))} for r, v in ordered.items()
        }
    return ordered


def dumps(session: Session, parts: TomlParts | None = None) -> str:
    """The file's text. Each part is parsed back and compared before anything touches the disk.

    ``parts`` (the autosaver's) keeps the checked text of every part that has not changed since
    the last call: with 20 KB in each text answer, writing and re-reading the whole document at
    every save was far over the autosave's budget; one changed question is within it (benchmarks/run.py).
    """
    doc = to_document(session)
    multiline = not _has_carriage_return(doc)  # tomli-w's multiline mode turns \r\n into \n
    parts = TomlParts() if parts is None else parts
    return BANNER + "\n".join(parts.text(slot, piece, multiline) for slot, piece in _pieces(doc))


def _pieces(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The document cut where tomli-w puts a blank line between tables: the top keys with
    [position] and [header], one piece per answered question, [review], [previous], [imported]. Joined
    by "\n", their texts are exactly tomli-w's text of the whole document."""
    yield "", {k: v for k, v in doc.items() if k not in _TABLES}
    for qid, bucket in doc.get("answers", {}).items():
        yield f"answers/{qid}", {"answers": {qid: bucket}}
    for key in _TABLES[1:]:
        if key in doc:
            yield key, {key: doc[key]}


_TABLES = ("answers", "review", "previous", "imported")


class TomlParts:
    """The checked TOML text of each piece of a session document, kept while it is unchanged."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[object, str]] = {}

    def text(self, slot: str, piece: dict[str, Any], multiline: bool) -> str:
        snapshot = (multiline, _snapshot(piece))
        kept = self._last.get(slot)
        if kept is not None and kept[0] == snapshot:
            return kept[1]
        text = _checked_dumps(piece, multiline)
        self._last[slot] = (snapshot, text)
        return text


def _snapshot(value: Any) -> object:
    """An immutable copy to compare with later (types count: 1 and True are different answers)."""
    if isinstance(value, dict):
        return (dict, tuple((k, _snapshot(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (list, tuple(_snapshot(v) for v in value))
    return (type(value), value)


def _checked_dumps(piece: dict[str, Any], multiline: bool) -> str:
    import tomli_w  # saving only: opening a session never needs it

    text = tomli_w.dumps(piece, multiline_strings=multiline)
    if tomllib.loads(text) != piece:
        text = tomli_w.dumps(piece, multiline_strings=False)
        if tomllib.loads(text) != piece:
            raise SaveError("Impossibile salvare: il testo non si rilegge uguale (segnala il problema).")
    return text


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False
