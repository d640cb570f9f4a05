"""The command palette also finds content: slides and sources (``porcupine`` → ``Objectives › 3``, ``¶7``).

A second palette provider, after briefing's own commands: its hits score
below any command that matches (so ``Go to slide`` entries come first) and
choosing one goes where the search screen's ``Enter`` would. The matching
is :mod:`briefing.core.search`, on the same index as ``/``.
"""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content

from briefing.core.search import Match
from briefing.core.textsafe import clean

#: Most content hits offered (the search screen lists more).
MAX_HITS = 20
#: Content hits score below this, under the deck's own commands.
TOP_SCORE = 0.1
#: Shorter queries are left to the commands (one or two letters match everything).
MIN_QUERY = 3


class ContentCommands(Provider):
    """Slide titles, items, notes and source passages that contain the query."""

    async def search(self, query: str) -> Hits:
        """Matches of ``query`` (case- and accent-insensitive), in deck order, scored below the commands."""
        if len(query.strip()) < MIN_QUERY:
            return
        # Imported on the first real query: the palette opens without the source view's code.
        from briefing.screens.search import deck_screen_of, highlighted, match_label, search_index

        deck_screen = deck_screen_of(self.app)
        if deck_screen is None:
            return
        # The first use reads every source: off the event loop.
        index = await asyncio.to_thread(search_index, deck_screen.deck, deck_screen.verifier)
        matches = index.search(query, limit=MAX_HITS)
        for number, match in enumerate(matches):
            where = clean(match_label(deck_screen.deck, match))
            prompt = Content.assemble((where, "bold"), "  ", highlighted(match))
            score = TOP_SCORE * (1 - number / (MAX_HITS + 1))
            yield Hit(score, prompt, partial(self._go, query, matches, number), text=where)

    def _go(self, query: str, matches: list[Match], number: int) -> None:
        """Go to the match, and make the palette's query the one ``n`` / ``N`` step through."""
        from briefing.screens.search import go_to, state_of

        state = state_of(self.app)
        state.query, state.matches = query, matches
        go_to(self.app, number)
