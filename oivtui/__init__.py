"""Questionario OIV nel terminale."""

__version__ = "0.1.0"
