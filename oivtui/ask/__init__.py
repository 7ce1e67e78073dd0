"""``oivtui ask``: the line mode."""
