"""What `oivtui import` understands in a document: numbers and wordings, marks, labels, counts."""

from __future__ import annotations

import pytest

from questionnaire.form.loader import load_form
from questionnaire.importing.document import read_document
from questionnaire.importing.filing import read_filing
from questionnaire.importing.outcome import Outcome

FORM = load_form()
Q11 = FORM.question("1.1").text
Q12 = FORM.question("1.2").text


def read(text: str) -> Outcome:
    document = read_document(text.encode("utf-8"))
    return read_filing(FORM, document.lines, document.kind)


@pytest.mark.parametrize(
    "opening",
    [
        "1.1 - {q}",
        "1.1. {q}",
        "1.1 {q}",
        "1.1) {q}",
        "**1.1 - {q}**",
        "### **1.1 - {q}**",
        "#### 1.1 – {q}",
        "Domanda 1.1: {q}",
    ],
)
def test_a_question_is_found_by_its_number_and_wording_however_written(opening: str) -> None:
    outcome = read(f"{opening.format(q=Q11)}\n\nSì. Gli obiettivi sono pertinenti.\n")
    assert outcome.answers.get("1.1/choice") == "Sì"
    assert outcome.answers.get("1.1/text") == "Gli obiettivi sono pertinenti."


def test_a_number_with_another_wording_is_not_a_question() -> None:
    outcome = read("1.1 - Il personale ha ricevuto gli obiettivi?\n\nSì.\n")
    assert outcome.recognised == 0


def test_a_wording_broken_by_a_page_break_is_joined() -> None:
    half = len(Q11) // 2
    cut = Q11.rindex(" ", 0, half)
    outcome = read(f"### **1.1 - {Q11[:cut]}**\n\n## **{Q11[cut + 1 :]}**\n\nNo\n")
    assert outcome.answers.get("1.1/choice") == "No"
    assert outcome.answers.get("1.1/text") is None


@pytest.mark.parametrize(
    ("answer", "choice"),
    [
        ("Si", "Sì"),
        ("sì.", "Sì"),
        ("No", "No"),
        ("☒ Sì ☐ No", "Sì"),
        ("☐ Sì ☒ No", "No"),
        ("[x] Sì [ ] No", "Sì"),
        ("[ ] Sì [X] No", "No"),
        ("X Sì   No", "Sì"),
        ("**Sì** No", "Sì"),
        ("Sì **No**", "No"),
        ('<input checked="" type="checkbox"/> Sì <input type="checkbox"/> No', "Sì"),
        ("**Risposta:** No", "No"),
        ("☒ In parte", "In parte"),
        ("**Risposta:** In parte", "In parte"),
    ],
)
def test_the_chosen_option_is_read_from_the_marks_documents_use(answer: str, choice: str) -> None:
    outcome = read(f"**1.1 - {Q11}**\n\n{answer}\n\nIl testo della risposta.\n")
    assert outcome.answers.get("1.1/choice") == choice
    assert outcome.answers.get("1.1/text") == "Il testo della risposta."
    assert outcome.excerpts["1.1/choice"]


@pytest.mark.parametrize("answer", ["☒ Sì ☒ No", "[x] Sì [x] No", "**Risposta:** Sì\n\n**Risposta:** No"])
def test_two_marks_leave_the_answer_empty_with_the_reason(answer: str) -> None:
    outcome = read(f"**1.1 - {Q11}**\n\n{answer}\n\nTesto.\n")
    assert outcome.answers.get("1.1/choice") is None
    assert "più risposte segnate (Sì, No)" in outcome.reasons["1.1/choice"]
    assert "ambigui 1: 1.1 risposta breve (più risposte segnate" in outcome.summary()[2]


def test_an_answer_that_opens_with_a_word_going_on_is_no_choice() -> None:
    outcome = read(f"**1.1 - {Q11}**\n\nSi sono tenute riunioni con i dirigenti.\n")
    assert outcome.answers.get("1.1/choice") is None
    assert outcome.answers.get("1.1/text") == "Si sono tenute riunioni con i dirigenti."


def test_free_text_and_example_keep_paragraphs_and_lists() -> None:
    text = (
        f"**1.1 - {Q11}**\n\nPrimo paragrafo,\nriga due.\n\nSecondo paragrafo.\n\n"
        "#### Esempi\n\nEcco:\n\n- uno;\n- due.\n\nFine.\n\n"
        f"**1.2 - {Q12}**\n\nSì\n\n**Esempio:** in riga.\n"
    )
    outcome = read(text)
    assert outcome.answers.get("1.1/text") == "Primo paragrafo,\nriga due.\n\nSecondo paragrafo."
    assert outcome.answers.get("1.1/example") == "Ecco:\n\n- uno;\n- due.\n\nFine."
    assert outcome.answers.get("1.2/choice") == "Sì"
    assert outcome.answers.get("1.2/example") == "in riga."


def test_a_paragraph_cut_by_a_page_break_is_joined() -> None:
    outcome = read(f"**1.1 - {Q11}**\n\nLe risorse vengono assegnate. Per ogni\n\nobiettivo una scheda.\n")
    assert outcome.answers.get("1.1/text") == "Le risorse vengono assegnate. Per ogni obiettivo una scheda."


def test_block_notes_go_to_their_block() -> None:
    q = FORM.question("2.4").text
    outcome = read(f"**2.4 - {q}**\n\nNo\n\nEventuali ulteriori annotazioni ed evidenze quantitative: //\n")
    assert outcome.answers.get("b2.notes/text") == "//"
    assert outcome.answers.get("2.4/choice") == "No"


COUNTS = """### 7A - Obiettivi strategici

Numero obiettivi strategici totali: 8
Numero indicatori privi di formula di calcolo: 9 (dicotomici: sì o no)
Numero obiettivi strategici con risorse umane assegnate: circa venti

### 7B - Obiettivi operativi

Numero obiettivi operativi: 22 camerali e 3 dell'Azienda speciale Pro Brixia
Numero indicatori totali: 57 per obiettivi camerali e 6 per obiettivi dell'Azienda speciale Pro Brixia
- Numero obiettivi operativi con indicatori: 20 dell'amministrazione e 1 dell'Azienda Speciale Pro Brixia
Numero obiettivi operativi assegnati all'Azienda Speciale: 3
"""


def test_the_counts_are_read_with_the_azienda_speciale_split() -> None:
    outcome = read(COUNTS)
    get = outcome.answers.get
    assert (get("7A/objectives"), get("7A/no_formula")) == (8, 9)
    assert (get("7B/objectives"), get("7B/objectives_agency")) == (22, 3)
    assert (get("7B/indicators"), get("7B/indicators_agency")) == (57, 6)
    assert (get("7B/with_indicators"), get("7B/with_indicators_agency")) == (20, 1)
    assert get("7B/to_agency") == 3
    assert get("header/special_agency") == "Pro Brixia"


def test_an_unreadable_count_is_left_empty_with_the_reason() -> None:
    outcome = read(COUNTS)
    assert outcome.answers.get("7A/with_human") is None
    assert outcome.reasons["7A/with_human"] == "numero non leggibile: «circa venti»"
    assert outcome.excerpts["7A/with_human"].endswith("circa venti")


def test_a_split_count_where_one_number_is_asked_is_not_added_up() -> None:
    outcome = read(
        "### 7A - Obiettivi strategici\n\nNumero obiettivi strategici totali: 5 camerali e 2 dell'Azienda speciale\n"
    )
    assert outcome.answers.get("7A/objectives") is None
    assert "diviso" in outcome.reasons["7A/objectives"]


def test_two_different_places_of_signature_leave_it_empty() -> None:
    outcome = read(f"**1.1 - {Q11}**\n\nSì\n\nBrescia, 26 febbraio 2024\n\nOIV\n\nRoma, 27 febbraio 2024\n")
    assert outcome.answers.get("header/place") is None
    assert "Brescia / Roma" in outcome.reasons["header/place"]
    assert outcome.answers.get("header/signatory_role") == "OIV"


def test_a_7a_line_of_other_words_opens_no_annex() -> None:
    outcome = read("7A Numero obiettivi piano performance\n\nNumero obiettivi strategici totali: 8\n")
    assert outcome.recognised == 0
    assert outcome.answers.get("7A/objectives") is None


def test_a_text_wrapped_at_a_width_is_joined_back_into_paragraphs() -> None:
    """As ``pdftotext`` gives a PDF: lines cut at a width, a blank line between paragraphs, labels
    and numbered questions right under the line before."""
    filler = "\n".join(f"Riga di riempimento numero {n} che arriva quasi alla larghezza usuale." for n in range(8))
    text = (
        f"{filler}\n\n"
        "1.1 - Gli obiettivi strategici sono pertinenti con la missione istituzionale, con le\n"
        "strategie e con le priorità politiche dell'amministrazione?\n"
        "Sì. Gli obiettivi monitorano le azioni più rilevanti attraverso le quali l'Ente\n"
        "realizza la mission e il programma di mandato.\n"
        "Esempio\n"
        "La Relazione Previsionale e programmatica per l'anno 2024 rappresenta la\n"
        "declinazione annuale degli indirizzi.\n"
        "- prima voce dell'elenco\n"
        "1.2 - Le modalità di coinvolgimento degli stakeholder esterni nel processo di\n"
        "definizione degli obiettivi, indicatori e target sono tali da assicurarne la\n"
        "rilevanza rispetto ai bisogni della collettività? C'è stato anche un\n"
        "coinvolgimento degli stakeholder interni?\n"
        "Risposta: No\n"
    )
    outcome = read(text)
    assert outcome.answers.get("1.1/choice") == "Sì"
    assert outcome.answers.get("1.1/text") == (
        "Gli obiettivi monitorano le azioni più rilevanti attraverso le quali l'Ente realizza la mission e il "
        "programma di mandato."
    )
    assert outcome.answers.get("1.1/example") == (
        "La Relazione Previsionale e programmatica per l'anno 2024 rappresenta la declinazione annuale degli "
        "indirizzi.\n\n- prima voce dell'elenco"
    )
    assert outcome.answers.get("1.2/choice") == "No"


def test_control_characters_of_a_document_are_taken_out_as_from_what_is_typed() -> None:
    outcome = read(f"**1.1 - {Q11}**\n\nSì. Testo \x1b[31mrosso\x1b[0m e\x07 campanello.\n")
    assert outcome.answers.get("1.1/text") == "Testo rosso e campanello."
    assert "\x1b" not in outcome.excerpts["1.1/text"]


def test_the_summary_names_fields_as_the_user_sees_them() -> None:
    """Labels, not the session file's addresses: a table's row and column, a question's number."""
    outcome = read(f"**1.1 - {Q11}**\n\nSì\n\nTesto.\n")
    lines = outcome.summary()
    assert "non trovati" in lines[0] and "Amministrazione" in lines[0] and "header/" not in lines[0]
    assert "Dirigenti di I fascia e assimilabili: " in lines[1] and "tab.1" not in lines[1]


def test_two_boxes_ticked_in_one_staff_row_are_flagged_not_read() -> None:
    from pathlib import Path

    seed = (Path(__file__).parents[1] / "data" / "seed_brescia_2024.md").read_text("utf-8")
    row = (
        'Dirigenti di I fascia e assimilabili\t_ _ _ _1\t_ _ _ _1\t<input checked="" type="checkbox"/> 50% - 100% '
        '<input type="checkbox"/> 1% -49% <input type="checkbox"/> 0%'
    )
    assert row in seed
    twice = row.replace('<input type="checkbox"/> 1% -49%', '<input checked="" type="checkbox"/> 1% -49%')
    outcome = read(seed.replace(row, twice))
    assert outcome.answers.get("tab.1/dirigenti_i/interview_share") is None
    assert "più caselle segnate" in outcome.reasons["tab.1/dirigenti_i/interview_share"]
    assert outcome.answers.get("tab.1/dirigenti_ii/interview_share") == "50% - 100%"  # the row below, one box
