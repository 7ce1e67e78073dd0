"""How notices name a field: with its question, since labels repeat from question to question."""

from __future__ import annotations

from questionnaire.form.loader import load_form
from questionnaire.form.places import field_name

FORM = load_form()


def test_a_notice_names_the_question_of_a_field_whose_label_repeats() -> None:
    assert field_name(FORM, "1.1/choice") == "Domanda 1.1 – Risposta breve"
    assert field_name(FORM, "1.2/choice") == "Domanda 1.2 – Risposta breve"


def test_a_general_field_is_named_by_its_step_and_a_table_field_by_its_row() -> None:
    assert field_name(FORM, "header/place") == "Dati generali – Luogo della firma"
    assert field_name(FORM, "tab.2/dirigenti_i/coherent") == (
        "Domanda 2 – Dirigenti di I fascia e assimilabili – Coerente con il Sistema"
    )
