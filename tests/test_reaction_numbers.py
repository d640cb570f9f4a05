"""One order for reactions: the number a row shows is the number the source view names it by.

The reactions slide sorts rows by stance, so an item's place in the YAML
(Russia is first in the small deck) is not its place on screen (last).
"""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from briefing.core.drill import item_label
from briefing.core.model import Deck, Reaction
from briefing.core.order import item_order
from briefing.core.verify import Verifier
from briefing.widgets.marks import RenderContext
from briefing.widgets.slide_view import render_slide

REACTIONS = 2


def row_numbers(deck: Deck, width: int) -> dict[str, int]:
    """Country → the number its row shows, read from the rendered slide."""
    slide = deck.slides[REACTIONS]
    console = Console(width=width, no_color=True, color_system=None, record=True)
    console.print(render_slide(slide, None, RenderContext(deck, Verifier(deck)), width, console))
    text = console.export_text()
    numbers = {}
    for item in slide.items:
        assert isinstance(item, Reaction)
        match = re.search(rf"^\W*(\d+)\W+(?:\S+\s+)?{re.escape(item.country)}\b", text, re.MULTILINE)
        assert match, f"no numbered row for {item.country} in:\n{text}"
        numbers[item.country] = int(match[1])
    return numbers


@pytest.mark.parametrize("width", [100, 50])
def test_rows_are_numbered_in_the_shown_order(small_deck: Deck, width: int) -> None:
    numbers = row_numbers(small_deck, width)
    assert numbers == {"France": 1, "United Kingdom": 2, "Baltic states": 3, "Italy": 4, "Russia": 5}


@pytest.mark.parametrize("width", [100, 50])
def test_the_drill_label_uses_the_row_number(small_deck: Deck, width: int) -> None:
    slide = small_deck.slides[REACTIONS]
    numbers = row_numbers(small_deck, width)
    for index in item_order(slide):
        item = slide.items[index]
        assert isinstance(item, Reaction)
        assert item_label(small_deck, REACTIONS, index) == f"Reactions by country › {numbers[item.country]}"
    # Russia is first in the YAML and last on screen.
    assert item_label(small_deck, REACTIONS, 0) == "Reactions by country › 5"
