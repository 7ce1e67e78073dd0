"""The CiVIT 23/2013 questionnaire as data, and its validation rules (no Textual here)."""
