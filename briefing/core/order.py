"""The one order in which a slide's items are shown, drilled and exported."""

from __future__ import annotations

from briefing.core.model import STANCES, Slide

_RANK = {stance: n for n, stance in enumerate(STANCES)}


def item_order(slide: Slide) -> list[int]:
    """Item indexes in the order the slide shows them.

    Reactions read from support to hostility (the order of
    ``model.STANCES``); every other kind keeps the deck's order.
    """
    indexes = list(range(len(slide.items)))
    if slide.kind != "reactions":
        return indexes
    return sorted(indexes, key=lambda i: _RANK.get(getattr(slide.items[i], "stance", ""), 99))
