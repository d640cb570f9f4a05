"""The one order in which a slide's items are shown, drilled and exported."""

from __future__ import annotations

from collections.abc import Callable

from briefing.core.kinds import KINDS
from briefing.core.model import STANCES, Slide

_RANK = {stance: n for n, stance in enumerate(STANCES)}


def _deck_order(slide: Slide) -> list[int]:
    """As the deck lists them."""
    return list(range(len(slide.items)))


def _stance_order(slide: Slide) -> list[int]:
    """From support to hostility (the order of ``model.STANCES``); ties keep the deck's order."""
    items = slide.items
    return sorted(range(len(items)), key=lambda i: _RANK.get(getattr(items[i], "stance", ""), 99))


#: The rules a kind's ``order`` may name (see :mod:`briefing.core.kinds`).
ORDER_RULES: dict[str, Callable[[Slide], list[int]]] = {"deck": _deck_order, "stance": _stance_order}


def item_order(slide: Slide) -> list[int]:
    """Item indexes in the order the slide shows them: its kind's rule.

    Reactions read from support to hostility; every other kind keeps the
    deck's order (as does a slide of a kind the registry does not know).
    """
    spec = KINDS.get(slide.kind)
    return ORDER_RULES[spec.order if spec else "deck"](slide)
