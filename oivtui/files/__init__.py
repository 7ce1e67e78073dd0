"""The session file and everything about it: reading, writing, the lock, autosave, the catalogue."""
