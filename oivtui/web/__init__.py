"""``oivtui serve``: the wizard in a web browser, through textual-serve, behind a token."""
