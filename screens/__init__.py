"""Textual screens: one class per kind of step."""
