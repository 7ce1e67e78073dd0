"""Write the report next to the session file, and say where."""

from __future__ import annotations

from oivtui import storage
from oivtui.session import Session


def export_next_to_session(session: Session, fmt: str = "md") -> str:
    """Write ``<session>.md`` (or ``.html``) beside the session; the Italian message to show."""
    from oivtui.report import render_html, render_markdown

    if session.path is None:
        return "La sessione non ha un file: impossibile scegliere dove esportare."
    target = session.path.with_suffix(".html" if fmt == "html" else ".md")
    text = render_html(session) if fmt == "html" else render_markdown(session)
    try:
        storage.write_atomic(target, text.encode("utf-8"))
    except storage.SaveError as exc:
        return f"Esportazione non riuscita: {exc}"
    return f"Rapporto esportato in {target}"
