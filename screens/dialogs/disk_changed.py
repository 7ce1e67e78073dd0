"""The dialog for a session file changed on disk while open: the differences, and «Ricarica» / «Tieni le mie»."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from screens.dialogs.notice import DIFF_MARKS, DIFF_STYLES, Notice

#: One differing answer: its label (question and field) and ``(op, text)`` word-diff chunks.
Item = tuple[str, Sequence[tuple[str, str]]]

RELOAD = ("reload", "Ricarica")
KEEP = ("keep", "Tieni le mie")
RETRY = ("retry", "Riprova")
NO_ANSWER_DIFFERS = "Nessuna risposta diversa (cambiati solo la posizione o i passi da rivedere)."


def diff_text(items: Sequence[Item]) -> Text:
    """Each differing answer: its label in bold, then the word diff (marks readable without colour)."""
    text = Text()
    for index, (label, chunks) in enumerate(items):
        if index:
            text.append("\n\n")
        text.append(label, style="bold")
        text.append("\n")
        for op, chunk in chunks:
            left, right = DIFF_MARKS[op]
            text.append(f"{left}{chunk}{right}", style=DIFF_STYLES[op])
    return text


class DiskChanged(Notice):
    """Dismissed with "reload", "keep", "retry" (a file that did not load) or None (Esc: decide later)."""

    def __init__(self, name: str, items: Sequence[Item], problem: str = "", can_keep: bool = True) -> None:
        if problem:
            intro = (
                f"«{name}» è stato modificato da un altro programma e ora non si può leggere come "
                "sessione: oivtui non lo sovrascrive senza chiedertelo. Correggilo e scegli «Riprova», "
                "oppure «Tieni le mie» (la versione su disco resta accanto, con un altro nome)."
            )
            super().__init__(
                "Il file è cambiato su disco", problem, (RETRY, KEEP) if can_keep else (RETRY,), intro=intro
            )
            return
        intro = (
            f"«{name}» è stato modificato da un altro programma dopo che oivtui l'ha letto. «Tieni le mie» "
            "tiene le tue risposte, «Ricarica» prende la versione su disco: l'altra versione resta accanto, "
            "con un altro nome. [-su disco-] {+tue+}"
        )
        body = diff_text(items) if items else Text(NO_ANSWER_DIFFERS)
        # «Tieni le mie» first, so focused as every dialog's first action: the dialog comes up while
        # the user types, and a key meant for the text (Space, Enter) then keeps what they see.
        super().__init__("Il file è cambiato su disco", body, (KEEP, RELOAD), intro=intro)
