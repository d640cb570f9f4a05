"""The source view emphasises the item's own citations and dims the rest.

When every cited passage was underlined alike, an item's second citation
was lost among the deck's other passages. The small deck's first point
cites two passages of one article; other points cite others.
"""

from __future__ import annotations

from typing import Any

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.source import SourceScreen
from briefing.ui.app import BriefingApp
from briefing.widgets.source_view import SourceView
from tests.conftest import SMALL_DECK


def styled(view: SourceView, component: str) -> list[str]:
    """Runs of text on screen drawn in ``component``'s style, in order."""
    style = view.rich_style + view.get_component_rich_style(component)
    runs = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if segment.style == style and segment.text.strip():
                runs.append(segment.text)
    return runs


async def test_the_items_other_citation_stands_out_and_the_others_are_dimmed() -> None:
    deck = load_deck(SMALL_DECK)
    verifier = Verifier(deck)
    item = deck.slides[0].items[0]
    first, second = (c.quote for c in item.citations)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 0, 0)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        view = screen.view
        assert "".join(styled(view, "source-view--current")) == first
        assert "".join(styled(view, "source-view--own")) == second
        others = " ".join(styled(view, "source-view--cited"))
        assert "France leads the plan" in others  # another item's passage: dimmed, not emphasised
        own = view.get_component_rich_style("source-view--own")
        cited = view.get_component_rich_style("source-view--cited")
        assert own.bold and own.underline and not cited.underline and not cited.bold
        await pilot.press("tab")  # the second citation becomes current, the first the item's other
        await pilot.pause()
        assert "".join(styled(view, "source-view--current")) == second
        assert "".join(styled(view, "source-view--own")) == first


async def test_a_single_citation_item_has_no_other_emphasis(make_app: Any) -> None:
    deck = load_deck(SMALL_DECK)
    verifier = Verifier(deck)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 1, 0)
        app.push_screen(screen)
        await pilot.pause()
        assert styled(screen.view, "source-view--own") == []
        assert styled(screen.view, "source-view--current")
