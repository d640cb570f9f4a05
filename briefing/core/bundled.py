"""Where the bundled deck lives, installed or in a checkout.

The wheel carries ``decks/`` and ``seeds/`` inside the package as
``briefing/_bundled/`` (same layout, so the deck's ``../seeds/`` path still
works); a source checkout has them at the top level.
"""

from __future__ import annotations

from pathlib import Path

DECK_NAME = "reassurance-force.yaml"


def bundled_deck() -> Path:
    """Path to the bundled deck file."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_bundled" / "decks" / DECK_NAME
    if installed.exists():
        return installed
    return package.parent / "decks" / DECK_NAME
