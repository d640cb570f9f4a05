"""Overview cards: what the slide says, never internal kind names, counts never broken."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from briefing.core.model import Citation, Point, Slide
from briefing.screens.overview import OverviewScreen
from briefing.widgets.card_grid import CARD_HEIGHT, CardGrid, card_text
from briefing.widgets.marks import Palette

KINDS = ("title", "points", "reactions", "figures", "quotes")


def many_cited_slide(citations: int) -> Slide:
    cites = tuple(Citation("article", f"quote {n}") for n in range(citations))
    return Slide(
        "points", "A slide with a fairly long title indeed", (Point("First point", citations=cites),)
    )


@pytest.mark.parametrize("width", range(8, 40))
def test_counts_never_break_a_mark_across_lines(width: int) -> None:
    console = Console(width=200)
    text = card_text(3, many_cited_slide(15), Palette(), (15, 2), width, console)
    lines = [line.plain for line in text.wrap(console, width)]
    assert len(lines) == 4  # title, two lines about the slide, counts
    counts = lines[-1]
    assert counts.endswith("✓ 15  ✗ 2") or (width < 9 and counts == "✗ 2")
    for line in lines:
        assert not line.rstrip().endswith(("✓", "✗")), lines


def test_card_says_the_subtitle_or_the_first_point_not_the_kind(small_deck: Any) -> None:
    console = Console(width=200)
    for number, slide in enumerate(small_deck.slides, start=1):
        text = card_text(number, slide, Palette(), (1, 0), 30, console).plain
        assert slide.kind not in text.split("\n", 1)[1].split()  # below the title
    reactions = small_deck.slides[2]
    assert not reactions.subtitle
    assert "France" in card_text(3, reactions, Palette(), None, 30, console).plain  # shown first on the slide


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 60)])
async def test_overview_cards_at_each_size(make_app: Any, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("o")
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        grid = app.screen.query_one(CardGrid)
        rows = [grid.render_line(y).text for y in range(min(grid.size.height, 2 * CARD_HEIGHT))]
        shown = "\n".join(rows)
        assert "Who stands where" in shown  # slide 2's subtitle
        for kind in KINDS:
            assert f"│ {kind} " not in shown and f"┃ {kind} " not in shown
        assert "✓ 3" in shown
