"""Reports of a session: rendered, written beside it, verified against it."""
