"""A draft's missing answers are «to complete», never errors; the final version's are errors.

The step state (◐ / ✗), ``validate --bozza`` and the final ``validate`` must tell the same story.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.cli import main as cli
from oivtui.files import storage
from oivtui.files.session import Session
from questionnaire.form.answers import Answers
from questionnaire.form.loader import load_form
from questionnaire.form.rules import INCOMPLETE, MISSING, Problem, validate

FORM = load_form()
STAFF = "tab.1/dirigenti_i"
COHERENCE = "tab.2/dirigenti_i"

#: A missing answer another one asks for: (values given, the address still to answer).
ASKED_FOR: dict[str, tuple[dict[str, object], str]] = {
    "interview share once staff were assigned": (
        {f"{STAFF}/in_service": 3, f"{STAFF}/assigned": 2},
        f"{STAFF}/interview_share",
    ),
    "question 2 for a row with staff assigned": (
        {f"{STAFF}/in_service": 3, f"{STAFF}/assigned": 2, f"{STAFF}/interview_share": "50% - 100%"},
        f"{COHERENCE}/coherent",
    ),
    "reasons of a No": ({f"{COHERENCE}/coherent": "No"}, f"{COHERENCE}/reasons"),
}


def answers_of(values: dict[str, object]) -> Answers:
    answers = Answers()
    for address, value in values.items():
        answers.set(address, value)  # type: ignore[arg-type]
    return answers


def at(problems: list[Problem], address: str) -> list[Problem]:
    return [p for p in problems if p.address == address]


def staff_state(answers: Answers, problems: list[Problem]) -> str:
    step = FORM.step("staff")
    ids = {q.id for q in step.questions}
    mine = [p for p in problems if p.question in ids]
    return answers.step_state(step, any(p.is_error for p in mine), any(p.code == INCOMPLETE for p in mine))


@pytest.mark.parametrize("case", list(ASKED_FOR))
def test_in_a_draft_an_answer_asked_for_by_another_is_to_complete(case: str) -> None:
    values, address = ASKED_FOR[case]
    answers = answers_of(values)
    draft = validate(FORM, answers)
    [hint] = at(draft, address)
    assert not hint.is_error and hint.code == INCOMPLETE
    assert not [p for p in draft if p.is_error]
    assert staff_state(answers, draft) == "partial"


@pytest.mark.parametrize("case", list(ASKED_FOR))
def test_in_the_final_version_the_same_answer_is_a_missing_error(case: str) -> None:
    values, address = ASKED_FOR[case]
    [problem] = at(validate(FORM, answers_of(values), final=True), address)
    assert problem.is_error and problem.code == MISSING


def test_a_contradiction_stays_an_error_in_a_draft() -> None:
    answers = answers_of({f"{STAFF}/in_service": 1, f"{STAFF}/assigned": 3})
    draft = validate(FORM, answers)
    [problem] = [p for p in draft if p.is_error]
    assert problem.address == f"{STAFF}/assigned" and "supera" in problem.message
    assert staff_state(answers, draft) == "errors"


def test_a_table_with_every_required_number_but_a_share_to_give_is_not_complete() -> None:
    values: dict[str, object] = {}
    for row in ("dirigenti_i", "dirigenti_ii", "non_dirigenti"):
        values |= {f"tab.1/{row}/in_service": 2, f"tab.1/{row}/assigned": 2, f"tab.2/{row}/coherent": "Sì"}
    values |= {"tab.1/dirigenti_i/interview_share": "0%", "tab.1/dirigenti_ii/interview_share": "0%"}
    answers = answers_of(values)
    assert staff_state(answers, validate(FORM, answers)) == "partial"
    values["tab.1/non_dirigenti/interview_share"] = "0%"
    answers = answers_of(values)
    assert staff_state(answers, validate(FORM, answers)) == "complete"


def write(path: Path, values: dict[str, object]) -> Path:
    session = Session(answers=answers_of(values))
    storage.save(session, path)
    return path


def test_validate_bozza_and_final_validate_agree_with_the_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "s.toml", {f"{STAFF}/in_service": 3, f"{STAFF}/assigned": 2, f"{COHERENCE}/coherent": "No"})
    capsys.readouterr()
    assert cli.main(["validate", str(path), "--bozza"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert any(": da completare: " in line and line.endswith(f"[{STAFF}/interview_share]") for line in lines)
    assert any(": da completare: " in line and line.endswith(f"[{COHERENCE}/reasons]") for line in lines)
    assert "nessun errore, 2 risposte da completare" in err
    assert cli.main(["validate", str(path)]) == 1
    out, _err = capsys.readouterr()
    lines = out.splitlines()
    for address in (f"{STAFF}/interview_share", f"{COHERENCE}/reasons"):  # errors now: no «avviso», no «da completare»
        assert any(line.endswith(f"[{address}]") and "…: Dirigenti di I fascia" in line for line in lines)
