"""Write the report next to the session file, and say where."""

from __future__ import annotations

from oivtui.files import storage
from oivtui.files.session import Session


def export_next_to_session(session: Session, fmt: str = "md") -> str:
    """Write ``<session>.md`` (or ``.html``, ``.pdf``) beside the session; the Italian message to show."""
    from oivtui.reports.render import render_html, render_markdown, render_pdf

    if session.path is None:
        return "La sessione non ha un file: impossibile scegliere dove esportare."
    target = session.path.with_suffix(f".{fmt}" if fmt in ("html", "pdf") else ".md")
    if fmt == "pdf":
        data = render_pdf(session)
    else:
        data = (render_html(session) if fmt == "html" else render_markdown(session)).encode("utf-8")
    try:
        storage.write_atomic(target, data, private=False)  # a report: the user's umask
    except storage.SaveError as exc:
        return f"Esportazione non riuscita: {exc}"
    return f"Resoconto esportato in {target}"
