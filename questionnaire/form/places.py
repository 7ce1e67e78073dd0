"""Where a field is, in the words the user knows: «Blocco 1 – 1.1 Gli obiettivi…», not «1.1/text»."""

from __future__ import annotations

from questionnaire.form.model import Form, Question, Step

#: A question's text in a one-line place is cut after this many characters (the review lists
#: dozens of places beside the step index: a whole question of three lines each would drown them).
SHORT_TEXT = 48


def step_name(step: Step) -> str:
    """The step as the index names it, the block by its number: «Blocco 7», «Dati generali»."""
    if step.kind == "block":
        return f"Blocco {step.number}"
    if step.kind == "counts":
        return f"Allegato {step.number}A/{step.number}B"
    return step.title


def step_label(step: Step) -> str:
    """The step in full, as a sentence names it: «Dati generali», «Blocco 1 – Definizione degli obiettivi…»."""
    return f"Blocco {step.label}" if step.kind == "block" else step.label


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with «…»; whole if it fits."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def question_name(question: Question, limit: int | None = None) -> str:
    """«1.1 Gli obiettivi strategici…» (whole without ``limit``)."""
    text = question.text if limit is None else shorten(question.text, limit)
    return f"{question.number} {text}" if question.number else text


def parts(form: Form, address: str) -> tuple[Question, str, str]:
    """(question, row label, field label) of ``question/field`` or ``question/row/field``."""
    qid, _, rest = address.partition("/")
    question = form.question(qid)
    row_key, _, key = rest.rpartition("/")
    row = next((r.label for r in question.rows if r.key == row_key), "")
    label = next((f.label for f in question.fields if f.key == key), "")
    return question, row, label


def place(form: Form, address: str) -> str:
    """One line for a list: «Dati generali – Amministrazione», «Blocco 1 – 1.1 Gli obiettivi…»."""
    question, _row, label = parts(form, address)
    # The general data are one question of many fields: the field is what the user knows there.
    many = len(question.fields) > 1 and not question.number
    name = (label or question.text) if many else question_name(question, SHORT_TEXT)
    return f"{step_name(form.step(question.step))} – {name}"


def field_lines(form: Form, address: str) -> list[str]:
    """The field in full, for F1 help: step, whole question, row, field label, one per line."""
    question, row, label = parts(form, address)
    step = form.step(question.step)
    lines = [f"Passo: {step_name(step)}" + (f" – {step.title}" if step.kind == "block" else "")]
    if question.number or len(question.fields) == 1:
        lines.append(f"Domanda: {question_name(question)}")
    if row:
        lines.append(f"Riga: {row}")
    if label:
        lines.append(f"Campo: {label}")
    return lines


def field_name(form: Form, address: str) -> str:
    """The field in a notice's few words, its question named: «Domanda 1.1 – Risposta breve»,
    «Dati generali – Luogo della firma», «Domanda 1 – Dirigenti di I fascia… – In servizio».
    A field's label alone repeats from question to question («Risposta breve»)."""
    question, row, label = parts(form, address)
    base = f"Domanda {question.number}" if question.number else step_name(form.step(question.step))
    return " – ".join(piece for piece in (base, shorten(row, SHORT_TEXT), label) if piece)
