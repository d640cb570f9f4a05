"""The ``briefing`` command line: the viewer, ``check`` and ``export``."""

from briefing.cli.main import main

__all__ = ["main"]
