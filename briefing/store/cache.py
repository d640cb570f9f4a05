"""An on-disk cache that makes decks open, check and export fast, and never decides anything.

Two things are worth keeping between runs of briefing:

* the loaded, validated deck, as plain JSON data (see :mod:`.deckjson`),
  keyed by the cache format, the briefing version, the model's shape, the
  deck file's path and the sha256 of its bytes (so any edit misses); and
* where verified quotes were found, keyed by the cache format, the
  briefing version and the sha256 of the *source* file's bytes (so a
  changed article misses and every quote is searched again).

A hit only saves time. Nothing read is executed (no pickle); a deck entry
is rebuilt only in the shapes the model allows, and its source paths are
checked again; a stored quote position is used only after the verifier
has seen the quote at that place in the source again (see
``Verifier._match_cached``). Folders and files that are not the user's
own are not used at all (see :mod:`.cachefiles`).

The cache lives in ``$BRIEFING_CACHE_DIR``, else
``$XDG_CACHE_HOME/briefing``, else ``~/.cache/briefing``;
``BRIEFING_NO_CACHE=1`` turns it off. Every cache error is a miss: the
cache can only save time, never fail a command.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from briefing import __version__
from briefing.core.gcpause import collector_paused
from briefing.core.model import Deck
from briefing.core.paths import MAX_DECK_BYTES
from briefing.store.cachefiles import (
    cache_dir,
    dump,
    entry_ignored,
    parse,
    read_entry,
    warnings_to,
    write_entry,
)

__all__ = ["CACHE_FORMAT", "QuoteOffsets", "cache_dir", "load_deck_cached", "warnings_to"]

#: Bump when the stored data or the matching rules change (a change of the
#: model's shape is caught by itself: see :func:`.deckjson.fingerprint`).
#: 3: JSON deck data and ``[start, end, at]`` quote offsets.
#: 4: a deck column of one value repeated is written once (``{"same": value}``).
CACHE_FORMAT = 4

# The deck cache ------------------------------------------------------------


def _deck_key(path: Path, data: bytes) -> str:
    from briefing.store.deckjson import fingerprint

    head = f"{CACHE_FORMAT}:{__version__}:{fingerprint()}:{os.path.abspath(path)}\0"
    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
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


def _cached_deck(path: Path, key: str) -> Deck | None:
    """The deck filed under ``key``, if its entry is sound and its sources still resolve the same."""
    raw = read_entry("decks", f"{key}.json")
    if raw is None:
        return None
    from briefing.core.paths import resolve_source_path
    from briefing.store.deckjson import from_data

    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        text = ""  # not JSON: refused below
    del raw  # parsed from the text alone: one copy of the entry fewer in memory
    with collector_paused():  # what is built is acyclic (as in the loader; see gcpause)
        entry = parse(text)
        del text
        deck = None
        if type(entry) is list and len(entry) == 3 and entry[:2] == ["briefing-deck", key]:
            deck = from_data(entry[2])
        del entry
    if deck is None:
        entry_ignored("decks", f"{key}.json", "it is not a deck this briefing wrote")
        return None
    if deck.path != Path(os.path.abspath(path)):
        return None
    # A source swapped for a symlink since (or any other change to what a
    # path resolves to) is a miss: the loader then reports it.
    for source in deck.sources:
        if source.resolved is None or resolve_source_path(deck.path, source.path)[0] != source.resolved:
            return None
    return deck


def load_deck_cached(path: Path | str) -> Deck:
    """:func:`briefing.core.loader.load_deck`, through the deck cache.

    Raises:
        DeckError: exactly as ``load_deck`` does (errors are never cached).
    """
    path = Path(path)
    # The bytes hashed for the key are the bytes loaded on a miss: read
    # once, and an edit between the two cannot file a deck under the key
    # of other bytes.
    data = _read(path) if cache_dir() is not None else None
    key = _deck_key(path, data) if data is not None else None
    if key is not None:
        try:
            deck = _cached_deck(path, key)
        except Exception:  # never fail a command for the cache's sake
            deck = None
        if deck is not None:
            return deck
    from briefing.core.loader import load_deck

    deck = load_deck(path, data)
    # Every deck is cached: even the bundled one gains (a hit needs neither
    # PyYAML nor the loader at start-up).
    if key is not None:
        _save_deck(key, deck)
    return deck


def _save_deck(key: str, deck: Deck) -> None:
    from briefing.store.deckjson import to_data

    try:
        data = dump(["briefing-deck", key, to_data(deck)])
    except (TypeError, ValueError, RecursionError):  # e.g. a lone surrogate from YAML: not cached
        return
    write_entry("decks", f"{key}.json", data)


# Quote offsets -------------------------------------------------------------


def _quotes_name(sha256: str) -> str:
    return hashlib.sha256(f"{CACHE_FORMAT}:{__version__}:{sha256}".encode()).hexdigest() + ".json"


def _valid_sha(sha256: str) -> bool:
    return type(sha256) is str and len(sha256) == 64 and all(c in "0123456789abcdef" for c in sha256)


def load_quote_offsets(sha256: str) -> dict[str, list[int]]:
    """Offsets a previous run verified in the source with this hash (``{}`` if none or unsound).

    Each value is ``[start, end, at]``: the quote's place in the source's
    text and where it starts in the normalised text (the verifier checks
    all three before believing them).
    """
    if cache_dir() is None or not _valid_sha(sha256):
        return {}
    name = _quotes_name(sha256)
    raw = read_entry("quotes", name)
    if raw is None:
        return {}
    entry = parse(raw)
    offsets = entry.get("offsets") if type(entry) is dict else None
    if (
        type(entry) is dict
        and entry.keys() == {"format", "version", "source", "offsets"}
        and entry["format"] == CACHE_FORMAT
        and type(entry["format"]) is int
        and entry["version"] == __version__
        and entry["source"] == sha256
        and type(offsets) is dict
        and all(
            type(value) is list and len(value) == 3 and all(type(n) is int and n >= 0 for n in value)
            for value in offsets.values()
        )
    ):
        return offsets
    entry_ignored("quotes", name, "it is not a list of quote offsets this briefing wrote")
    return {}


def save_quote_offsets(sha256: str, offsets: dict[str, list[int]]) -> None:
    """Remember verified offsets for the source with this hash."""
    if cache_dir() is None or not _valid_sha(sha256) or not offsets:
        return
    entry = {"format": CACHE_FORMAT, "version": __version__, "source": sha256, "offsets": offsets}
    try:
        data = dump(entry)
    except (TypeError, ValueError):
        return
    write_entry("quotes", _quotes_name(sha256), data)


class QuoteOffsets:
    """The verifier's :class:`~briefing.core.verify.OffsetStore` on disk."""

    def load(self, sha256: str) -> dict[str, list[int]]:
        return load_quote_offsets(sha256)

    def save(self, sha256: str, offsets: dict[str, list[int]]) -> None:
        save_quote_offsets(sha256, offsets)
