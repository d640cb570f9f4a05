"""Notice when a deck or its sources change on disk while they are shown.

The app keeps showing the deck it loaded (a presenter mid-briefing must not
have slides shift under them), but it says so when the files behind it
change or disappear, so nobody mistakes the screen for the current file.
Pure standard library: the app polls :meth:`FileWatch.changes` on a timer.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.core.model import Deck


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class FileWatch:
    """Remembers the deck's and sources' files and reports each change once."""

    def __init__(self, deck: Deck) -> None:
        self.names: dict[Path, str] = {deck.path: deck.path.name}
        self.short: dict[Path, str] = {deck.path: deck.path.name}
        for source in deck.sources:
            if source.resolved is not None:
                self.names[source.resolved] = f"source {source.id} ({source.path})"
                self.short[source.resolved] = source.id
        self.stamps = {path: _stamp(path) for path in self.names}
        self.first = dict(self.stamps)

    @property
    def changed(self) -> tuple[str, ...]:
        """Short names (a source's id, the deck's file name) of files that differ from when loaded."""
        return tuple(self.short[path] for path, stamp in self.stamps.items() if stamp != self.first[path])

    def changes(self) -> list[str]:
        """Messages for files that changed or vanished since the last call."""
        messages = []
        for path, before in self.stamps.items():
            now = _stamp(path)
            if now == before:
                continue
            self.stamps[path] = now
            what = self.names[path]
            if now is None:
                messages.append(f"{what} was removed; still showing what was loaded")
            else:
                messages.append(
                    f"{what} changed on disk; still showing what was loaded "
                    "(restart briefing to see the new version)"
                )
        return messages
