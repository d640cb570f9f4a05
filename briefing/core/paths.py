"""Paths: where a deck's sources may live, how large a deck may be, how to show a path.

Kept apart from the loader (and so from PyYAML) because the cache checks
source paths again on every load without parsing anything.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["MAX_DECK_BYTES", "display_path", "real_source_path", "resolve_source_path"]

#: The largest deck file briefing reads (the loader refuses larger ones;
#: the cache reads no more than this to compute a key). A limit against
#: hostile input, sized by cost: a 64 MiB deck is about 55,000 slides; a
#: no-cache ``check`` of a 57 MiB one (50,000 slides, 250,000 citations)
#: peaks at about 680 MiB (1.16 GiB before the loader's nodes and the
#: model lost their ``__dict__``s; see docs/performance.md).
MAX_DECK_BYTES = 64 * 1024 * 1024


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the cwd when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _source_root(deck_dir: Path) -> Path:
    """The folder a deck's sources must stay inside (see the format doc)."""
    return deck_dir.parent if deck_dir.name == "decks" else deck_dir


def resolve_source_path(deck_path: Path, written: str) -> tuple[Path | None, str]:
    """Resolve a source path, or say why it is refused.

    Returns ``(path, "")`` when the path is safe, else ``(None, reason)``.
    """
    if not written.strip():
        return None, "must not be empty"
    if "\0" in written:
        return None, "must not contain a NUL character (`\\0`): give the file's real name"
    if os.path.isabs(written) or written.startswith(("~", "\\")) or re.match(r"^[A-Za-z]:", written):
        return None, (
            "absolute paths are not allowed: give the path relative to the deck "
            "file, inside the deck's project"
        )
    deck_dir = Path(os.path.abspath(deck_path)).parent
    root = _source_root(deck_dir)
    joined = Path(os.path.normpath(deck_dir / written))
    try:
        relative = joined.relative_to(root)
    except ValueError:
        return None, (
            f"`{written}` climbs out of the deck's project ({root.name}/): "
            "sources must live beside the deck or, for a deck in decks/, in the "
            "folder above it"
        )
    if any(part.startswith(".") for part in relative.parts):
        return None, "hidden files and folders (names starting with `.`) are not allowed as sources"
    real = Path(os.path.realpath(joined))
    try:
        real.relative_to(os.path.realpath(root))
    except ValueError:
        return None, f"`{written}` is a symlink that points outside the deck's project"
    return joined, ""


def real_source_path(deck_path: Path, written: str) -> tuple[Path | None, str]:
    """Where to read a source *now*: its real path, checked again, or why not.

    A source checked when the deck loaded may since have been swapped for a
    symlink to a file outside the project; every read checks afresh, and
    reads the real path without following a symlink (see
    :func:`briefing.core.safefile.read_regular`), so a swap after this check
    is refused too.
    """
    joined, reason = resolve_source_path(deck_path, written)
    if joined is None:
        return None, reason
    return Path(os.path.realpath(joined)), ""
