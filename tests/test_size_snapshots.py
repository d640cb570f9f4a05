"""Snapshots of the deck screen at a small and a large terminal, on the small fixture deck.

Each docstring says what the picture must show; look at the SVGs under
``tests/__snapshots__/`` before accepting an update.
"""

from __future__ import annotations

from typing import Any

from tests.test_snapshots import BUNDLED, app_for, settled

SMALL, LARGE = (80, 24), (200, 60)


def test_reactions_at_200x60(snap_compare: Any) -> None:
    """The reactions table 110 columns wide in the middle of 200 (not
    stretched across), the heading a third of the way down the free space,
    France highlighted."""
    assert snap_compare(app_for(start=2), terminal_size=LARGE, run_before=settled)


def test_figures_at_200x60(snap_compare: Any) -> None:
    """Three cards in the centred 110-column measure; "30" and "€2" in big
    three-row numerals with "billion" on their baseline; "10,000–30,000" too
    wide for them, in bold text."""
    assert snap_compare(app_for(start=3), terminal_size=LARGE, run_before=settled)


def test_bundled_title_slide_at_80x24(snap_compare: Any) -> None:
    """The bundled deck's title slide overflows 80x24: points 1-5 whole,
    then "▼ 2 more items below" at the right of the slide's last row (the
    bottom line, point 7, is among them); the preview has one line of
    quote ending in "…"."""
    assert snap_compare(app_for(BUNDLED), terminal_size=SMALL, run_before=settled)
