"""Which slides overflow at a terminal size, measured by the viewer itself.

``briefing check --fit WxH`` asks this. The answer comes from the real app
run headless at that size, so it lays the screen out and wraps each slide
exactly as the viewer would: no second model of the layout to drift.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from briefing.core.model import Deck, Slide
from briefing.core.verify import Verifier


@dataclass(frozen=True)
class Fit:
    """How many lines a slide needs and how many the viewer has for it."""

    index: int
    slide: Slide
    needs: int
    has: int

    @property
    def overflows(self) -> bool:
        return self.needs > self.has


def measure(deck: Deck, verifier: Verifier, width: int, height: int) -> list[Fit]:
    """Every slide of ``deck``, measured in the viewer at ``width`` x ``height`` cells."""
    return asyncio.run(_measure(deck, verifier, width, height))


async def _measure(deck: Deck, verifier: Verifier, width: int, height: int) -> list[Fit]:
    from briefing.ui.app import BriefingApp
    from briefing.widgets.slide_view import SlideView

    app = BriefingApp(deck, verifier)
    fits: list[Fit] = []
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        if not view.display or not view.region.height:
            # No room for a slide at all (the view is hidden or squeezed out).
            return [Fit(i, slide, 1, 0) for i, slide in enumerate(deck.slides)]
        for index, slide in enumerate(deck.slides):
            fits.append(Fit(index, slide, view.lines_for(slide), view.rows))
    return fits
