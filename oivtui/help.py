"""F1 help: what the focused field wants, and the keys that work everywhere."""

from __future__ import annotations

from textual.widget import Widget

from screens.fields import focused_box

KEYS = """Tasti
  F6 / F5       passo successivo / precedente
  F2            indice dei passi (Invio per saltare)
  Tab / Maiusc+Tab  campo successivo / precedente
  F4            modifica il testo lungo nel tuo $EDITOR
  F3            confronta con la risposta dell'anno precedente (sessioni riprese)
  Canc          (su una scelta) annulla la scelta
  1, 2, 3…      (su una scelta) sceglie quell'opzione; una lettera va all'opzione
                che inizia con essa; dove è ammessa, le altre avviano la tua formulazione
  Ctrl+Home/Fine  (nei testi lunghi) inizio / fine del testo
  Ctrl+P        comandi: «Vai a …» qualsiasi blocco
  Ctrl+S        salva subito (il salvataggio è comunque automatico)
  Ctrl+Q        salva ed esci
  F9            conferma un passo ripreso dall'anno precedente
Nel passo di revisione: F7 anteprima, F8 esporta Markdown, F10 copia negli appunti."""


def help_for(focused: Widget | None) -> tuple[str, str]:
    """(title, text) for the help dialog."""
    node = focused_box(focused)
    if node is None:
        return "Aiuto", KEYS
    field = node.field
    text = field.help or "Nessuna indicazione particolare per questo campo."
    return f"Aiuto: {field.label}", f"{text}\n\nCampo: {node.address}\n\n{KEYS}"
