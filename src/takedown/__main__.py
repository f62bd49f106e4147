"""``python -m takedown``: see :mod:`takedown.cli`."""

import sys

from .cli import main

sys.exit(main())
