"""An on-disk cache that makes large decks open, check and export fast.

Two things are worth keeping between runs of briefing on a large deck:

* the loaded, validated deck model, keyed by the deck file's path and the
  sha256 of its bytes (so any edit misses the cache); and
* the offsets of verified quotes, keyed by the sha256 of the *source*
  file's bytes (so a changed article misses the cache and every quote is
  searched again).

Neither can make briefing wrong about a source: a hit is used only when
the bytes are exactly those that produced it, only verified citations are
stored, and source paths are re-checked on every load (a symlink swapped
since last time is caught). The cache lives in
``$BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``, else
``~/.cache/briefing``; ``BRIEFING_NO_CACHE=1`` turns it off. Every cache
error is ignored: the cache can only save time, never fail a command.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from briefing import __version__
from briefing.core.model import Deck
from briefing.core.paths import MAX_DECK_BYTES

#: Bump when the model or the matching rules change shape.
CACHE_FORMAT = 2


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is off."""
    if os.environ.get("BRIEFING_NO_CACHE"):
        return None
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing"


def _write(path: Path, data: bytes) -> None:
    """Write atomically and privately; give up quietly on any error."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _deck_key(path: Path, data: bytes) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{__version__}:{os.path.abspath(path)}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def _read(path: Path) -> bytes | None:
    """The deck file's bytes, or ``None`` (the loader then says what is wrong).

    Only a regular file is read (a FIFO or a device is left to the loader
    to refuse), and one over the loader's limit is not read in full: the
    loader refuses it by its size alone.
    """
    from briefing.core.safefile import read_regular

    try:
        return read_regular(path, MAX_DECK_BYTES)
    except (OSError, ValueError):
        return None


def load_deck_cached(path: Path | str) -> Deck:
    """:func:`briefing.core.loader.load_deck`, through the deck cache.

    Raises:
        DeckError: exactly as ``load_deck`` does (errors are never cached).
    """
    import pickle

    from briefing.core.paths import resolve_source_path

    path = Path(path)
    folder = cache_dir()
    # The bytes hashed for the key are the bytes loaded on a miss: read
    # once, and an edit between the two cannot file a deck under the key
    # of other bytes.
    data = _read(path) if folder is not None else None
    key = _deck_key(path, data) if data is not None else None
    entry = folder / "decks" / f"{key}.pickle" if folder is not None and key else None
    if entry is not None:
        try:  # a missing entry, or a cache folder that cannot be read, is a miss
            deck = pickle.loads(entry.read_bytes())
            if isinstance(deck, Deck) and all(
                resolve_source_path(deck.path, s.path)[0] == s.resolved for s in deck.sources
            ):
                return deck
        except Exception:
            pass
    from briefing.core.loader import load_deck

    deck = load_deck(path, data)
    # Every deck is cached: even the bundled one gains (a hit needs neither
    # PyYAML nor the loader, about 20 ms at start-up).
    if entry is not None:
        _write(entry, pickle.dumps(deck, protocol=pickle.HIGHEST_PROTOCOL))
    return deck


def load_quote_offsets(sha256: str) -> dict[str, list[int]]:
    """Verified offsets previously found in the source with this hash."""
    folder = cache_dir()
    if folder is None or not sha256:
        return {}
    import json

    try:
        data = json.loads((folder / "quotes" / f"{sha256}.json").read_text(encoding="utf-8"))
        if data.get("format") == CACHE_FORMAT and isinstance(data.get("offsets"), dict):
            return data["offsets"]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def save_quote_offsets(sha256: str, offsets: dict[str, list[int]]) -> None:
    """Remember verified offsets for the source with this hash."""
    folder = cache_dir()
    if folder is None or not sha256 or not offsets:
        return
    import json

    payload = json.dumps({"format": CACHE_FORMAT, "offsets": offsets}, ensure_ascii=False)
    _write(folder / "quotes" / f"{sha256}.json", payload.encode("utf-8"))


class QuoteOffsets:
    """The verifier's :class:`~briefing.core.verify.OffsetStore` on disk."""

    def load(self, sha256: str) -> dict[str, list[int]]:
        return load_quote_offsets(sha256)

    def save(self, sha256: str, offsets: dict[str, list[int]]) -> None:
        save_quote_offsets(sha256, offsets)
