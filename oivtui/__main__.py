"""``python -m oivtui``: the same as the ``oivtui`` command."""

from __future__ import annotations

import sys

from oivtui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
