"""The messages of the validation quote a count as the report prints it: 1.200, not 1200."""

from __future__ import annotations

from oivtui.files.example import example_session
from oivtui.reports.render import render_markdown
from questionnaire.form.rules import validate


def test_a_message_quotes_a_large_count_with_the_thousands_dot() -> None:
    session = example_session()
    session.answers.set("tab.1/non_dirigenti/in_service", 1250)
    session.answers.set("tab.1/non_dirigenti/assigned", 1300)
    messages = [p.message for p in validate(session.form, session.answers)]
    assert any("(1.300) supera" in m and "(1.250)" in m for m in messages), messages
    # The draft's list at the top of the report says it the same way as the table below it.
    report = render_markdown(session)
    assert "(1.300) supera" in report and "| 1.250 | 1.300 |" in report
    assert "1300" not in report and "1250" not in report
