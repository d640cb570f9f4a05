"""The deck screen's search keys: ``/`` opens the search, ``n`` / ``N`` step through its matches.

Apart from :mod:`briefing.screens.search` so that the deck screen can bind
them without importing the search screen at start-up. The actions are the
app's (``app.search``), which opens the search screen on demand.
"""

from __future__ import annotations

from textual.binding import Binding

SEARCH_BINDINGS = [
    Binding("slash", "app.search", "search", key_display="/", show=False, id="search"),
    Binding("n", "app.search_step(1)", "next match", show=False, id="search_next"),
    Binding("N", "app.search_step(-1)", "previous match", show=False, id="search_previous"),
]
