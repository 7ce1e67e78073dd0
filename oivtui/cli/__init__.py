"""The ``oivtui`` command line: the parser and the commands."""
