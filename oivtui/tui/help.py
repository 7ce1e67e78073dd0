"""F1 help: what the focused field wants, where it is, and the keys that work everywhere."""

from __future__ import annotations

from textual.widget import Widget

from questionnaire.form.model import Form
from questionnaire.form.places import field_lines
from screens.widgets.fields import focused_box

KEYS = """Tasti (tutti anche dal menu comandi, Ctrl+P: basta scriverne il nome)
  Ctrl+N  F6   passo successivo («Avanti»)
  Ctrl+T  F5   passo precedente («Indietro»)
  Ctrl+L  F2   indice dei passi (Invio per saltare)
  Ctrl+G  F1   questo aiuto
  Ctrl+O  F4   modifica il testo lungo nel tuo $EDITOR
  Ctrl+F  F3   confronta con la risposta dell'anno precedente (sessioni riprese)
  Ctrl+R  F9   conferma un passo ripreso dall'anno precedente («Rivisto»)
  Tab / Maiusc+Tab  campo successivo / precedente
  Canc         (su una scelta) annulla la scelta
  1, 2, 3…     (su una scelta) sceglie quell'opzione; una lettera va all'opzione
               che inizia con essa; dove è ammessa, le altre avviano la tua formulazione
  Ctrl+Home/Fine  (nei testi lunghi) inizio / fine del testo
  Ctrl+P       comandi: ogni azione e «Vai a …» qualsiasi blocco
  Ctrl+S       salva subito (il salvataggio è comunque automatico)
  Ctrl+Q       salva ed esci
Nella revisione: Alt+A o F7 anteprima, Alt+E o F8 esporta in Markdown, Alt+H in HTML, Alt+P in PDF,
Alt+C o F10 copia negli appunti. (Sul Mac, Alt vuole «Opzione come Meta» nel terminale.)"""

START_KEYS = """Tasti
  n            nuova sessione
  o            apri un file di sessione
  e            esempio compilato (Brescia 2024)
  p            nuova sessione dalle risposte della sessione evidenziata
  Invio        riprende la sessione evidenziata
  Ctrl+G  F1   questo aiuto
  Ctrl+P       comandi: ogni azione, per nome
  Ctrl+Q       esci"""


def help_for(focused: Widget | None, form: Form | None = None, start: bool = False) -> tuple[str, str]:
    """(title, text) for the help dialog: the field as the user knows it (step, question, label)."""
    if start:
        return "Aiuto", START_KEYS
    node = focused_box(focused)
    if node is None:
        return "Aiuto", KEYS
    field = node.field
    text = field.help or "Nessuna indicazione particolare per questo campo."
    where = "\n".join(field_lines(form, node.address)) if form is not None else f"Campo: {field.label}"
    return f"Aiuto: {field.label}", f"{text}\n\n{where}\n\n{KEYS}"
