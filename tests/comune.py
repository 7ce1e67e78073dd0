"""A complete session of a Comune with no Azienda Speciale: the example's answers, the agency taken out."""

from __future__ import annotations

from oivtui.files.example import example_session
from oivtui.files.session import Session

#: Fields that apply only where the header names an Azienda Speciale (the form's ``has_agency``).
AGENCY_FIELDS = (
    "7A/to_agency",
    "7B/objectives_agency",
    "7B/with_indicators_agency",
    "7B/indicators_agency",
    "7B/no_formula_agency",
    "7B/with_financial_agency",
    "7B/with_human_agency",
    "7B/to_agency",
)


def comune_session() -> Session:
    """Every answer given, none about an Azienda Speciale; one staff row answered «No», with its reasons."""
    session = example_session()
    answers = session.answers
    answers.set("header/administration", "Comune di Esempio")
    answers.set("header/place", "Esempio")
    answers.set("header/special_agency", None)
    for address in AGENCY_FIELDS:
        answers.set(address, None)
    for question in session.form.questions:  # the example's own texts name its agency, Pro Brixia
        for address in question.addresses():
            value = answers.get(address)
            if isinstance(value, str) and "Azienda" in value:
                answers.set(address, "Gli obiettivi sono definiti dagli uffici comunali.")
    answers.set("tab.2/dirigenti_ii/coherent", "No")
    answers.set("tab.2/dirigenti_ii/reasons", "Obiettivi assegnati senza colloquio.")
    return session
