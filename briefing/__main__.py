"""``python -m briefing``: the same as the ``briefing`` command."""

import sys

from briefing.cli.main import main

sys.exit(main())
