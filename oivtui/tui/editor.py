"""Edit the focused long answer in $VISUAL/$EDITOR, as git commit does (handy over SSH)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from screens.widgets.fields import TextBox, focused_box

if TYPE_CHECKING:
    from textual.app import App


def editor_command() -> list[str]:
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    for fallback in ("nano", "vim", "vi"):
        if shutil.which(fallback):
            return [fallback]
    return []


def focused_text_box(app: App) -> TextBox | None:
    box = focused_box(app.focused)
    return box if isinstance(box, TextBox) else None


def edit_in_editor(app: App) -> None:
    box = focused_text_box(app)
    if box is None:
        here = focused_box(app.focused)
        said = "Porta il cursore su una risposta di testo lungo, poi premi Ctrl+O (o F4)."
        if here is not None:
            said = f"{here.named}: non è una risposta di testo lungo. {said}"
        app.notify(said, severity="warning", markup=False)
        return
    command = editor_command()
    if not command:
        app.notify(
            f"{box.named}: nessun editor trovato. Imposta la variabile EDITOR (es. export EDITOR=nano).",
            severity="error",
            markup=False,
        )
        return
    text = run_editor(app, command, box.text, box.named)
    if text is not None and text != box.text:
        box.set_value(text)


def run_editor(app: App, command: list[str], text: str, named: str) -> str | None:
    """The edited text, or None when the editor could not run (the user is told why)."""
    with tempfile.NamedTemporaryFile("w", suffix=".md", prefix="oivtui-", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        with app.suspend():
            result = subprocess.run([*command, tmp.name], check=False)
        if result.returncode != 0:
            app.notify(
                f"{named}: l'editor è uscito con codice {result.returncode}, testo invariato.",
                severity="warning",
                markup=False,
            )
            return None
        with open(tmp.name, encoding="utf-8", newline="") as edited:
            content = edited.read()
        # Editors add a final newline; keep the answer as it was unless the user wants one.
        return content if text.endswith("\n") else content.removesuffix("\n")
    except (SuspendNotSupported, OSError, UnicodeDecodeError) as exc:
        app.notify(f"{named}: impossibile usare l'editor esterno. {exc}", severity="error", markup=False)
        return None
    finally:
        os.unlink(tmp.name)
