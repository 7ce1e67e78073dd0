"""Widgets: the fields, the choice list, the step index, the key bar, the buttons."""
