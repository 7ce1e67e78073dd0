"""Dialogs: modal screens that ask or say one thing and are dismissed."""
