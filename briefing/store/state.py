"""Where each deck was left: the viewer reopens a deck at the slide it was closed on.

Kept as one small JSON file in the user's state folder
(``$XDG_STATE_HOME/briefing/`` or ``~/.local/state/briefing/``), keyed by
the deck's real path. It is a convenience, never an authority: a file
that is missing, too large, not JSON, of the wrong shape or not a regular
file is ignored (the deck opens at its first slide), and it is written
atomically so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.core.model import Slide

__all__ = ["Position", "recall", "remember", "start_for", "state_file"]

#: Largest state file read; thousands of decks fit in far less.
MAX_STATE_BYTES = 256 * 1024
#: Decks remembered; the least recently closed are forgotten first.
MAX_DECKS = 200

#: A remembered place: the slide's 0-based index and its id ("" if none).
Position = tuple[int, str]


def state_file() -> Path:
    """The JSON file that remembers positions."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "briefing" / "positions.json"


def _key(deck_path: Path) -> str:
    return os.path.realpath(deck_path)


def _load() -> dict[str, dict]:
    """Every remembered deck, or ``{}`` when the file is absent or cannot be trusted."""
    from briefing.core.safefile import read_regular

    try:
        document = json.loads(read_regular(state_file(), MAX_STATE_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: bad JSON or UTF-8
        return {}
    decks = document.get("decks") if isinstance(document, dict) and document.get("version") == 1 else None
    if not isinstance(decks, dict):
        return {}
    return {key: entry for key, entry in decks.items() if isinstance(key, str) and isinstance(entry, dict)}


def recall(deck_path: Path) -> Position | None:
    """Where ``deck_path`` was left, or ``None``."""
    entry = _load().get(_key(deck_path))
    if entry is None:
        return None
    slide, slide_id = entry.get("slide"), entry.get("id", "")
    if type(slide) is not int or slide < 0 or not isinstance(slide_id, str):
        return None
    return slide, slide_id


def start_for(slides: Sequence[Slide], position: Position | None) -> int:
    """The slide to reopen at: the remembered slide by id, else by number, else the first."""
    if position is None:
        return 0
    index, slide_id = position
    if slide_id:
        for i, slide in enumerate(slides):
            if slide.id == slide_id:
                return i
    return index if index < len(slides) else 0


def remember(deck_path: Path, position: Position) -> None:
    """Record where ``deck_path`` was left; best effort (a failure is silent)."""
    decks = _load()
    decks.pop(_key(deck_path), None)
    decks[_key(deck_path)] = {"slide": position[0], "id": position[1], "at": int(time.time())}
    if len(decks) > MAX_DECKS:
        recent = sorted(
            decks, key=lambda k: decks[k].get("at", 0) if isinstance(decks[k].get("at"), int) else 0
        )
        for key in recent[: len(decks) - MAX_DECKS]:
            del decks[key]
    _save(decks)


def _save(decks: dict[str, dict]) -> None:
    """Write the file atomically and privately; give up quietly on any error.

    A state file that is not a regular file (a FIFO, a symlink) is never
    written through.
    """
    import stat
    import tempfile

    path = state_file()
    data = json.dumps({"version": 1, "decks": decks}, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return
        except FileNotFoundError:
            pass
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".positions-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
