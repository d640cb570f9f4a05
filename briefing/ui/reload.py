"""Load a deck again after a save: the new deck (or its problems) and what changed.

Run in a thread (it reads, parses and verifies); the app shows the result.
It reads through the cache-free loader: a deck being edited changes with
every save, and a cache entry per save would only fill the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.changes import DeckChanges, compare
from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.problems import DeckError, Problem
from briefing.core.verify import Verifier
from briefing.store.cache import QuoteOffsets


@dataclass
class Loaded:
    """A deck read from disk: ``deck`` (whole, or only its good slides) and its ``problems``."""

    deck: Deck | None
    verifier: Verifier | None
    problems: list[Problem] = field(default_factory=list)
    changes: DeckChanges | None = None


def load(path: Path) -> Loaded:
    """Load ``path``: the deck, or the slides that could be built and every problem."""
    try:
        deck = load_deck(path)
    except DeckError as error:
        partial = error.partial
        verifier = Verifier(partial, QuoteOffsets()) if partial is not None else None
        return Loaded(partial, verifier, list(error.problems))
    return Loaded(deck, Verifier(deck, QuoteOffsets()))


def reload(path: Path, old: Deck | None, old_verifier: Verifier | None, sources_changed: bool) -> Loaded:
    """Load ``path`` again and say what changed since ``old`` (when both have slides)."""
    loaded = load(path)
    if old is not None and old_verifier is not None and loaded.deck is not None:
        new_verifier = loaded.verifier
        assert new_verifier is not None
        loaded.changes = compare(
            old.slides,
            loaded.deck.slides,
            lambda citation: old_verifier.result(citation).verified,
            lambda citation: new_verifier.result(citation).verified,
            sources_changed=sources_changed,
        )
    return loaded
