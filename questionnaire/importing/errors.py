"""The error of a document that cannot be read."""

from __future__ import annotations


class DocumentError(Exception):
    """The document cannot be read; the text is the Italian reason, for the user."""
