"""The highlighted item: moving it, clicking it, drilling into its source.

The small deck's slide 2 has four points; slide 3 is the reactions matrix,
whose rows are shown from support to hostility, so the highlight must move
in that order rather than in the order the deck lists them.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefing.screens.deck import DeckScreen
from briefing.screens.source import SourceScreen
from briefing.widgets.preview import CitationPreview
from briefing.widgets.slide_view import SlideView

SIZE = (100, 30)
POINTS, REACTIONS = 1, 2


def rendered(widget: Any) -> str:
    """The text a widget shows, as plain text (one string, lines joined)."""
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line) for line in lines)


@pytest.mark.parametrize(("down", "up"), [("down", "up"), ("j", "k")])
async def test_down_and_up_move_the_highlight(make_app: Any, down: str, up: str) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.item == 0
        await pilot.press(down, down)
        assert screen.item == 2
        await pilot.press(up)
        assert screen.item == 1


async def test_highlight_stops_at_the_ends_of_the_list(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("up")
        assert screen.item == 0
        assert screen.check_action("item", (-1,)) is None
        for _ in range(6):
            await pilot.press("down")
        assert screen.item == 3
        assert screen.check_action("item", (1,)) is None


async def test_new_slide_highlights_its_first_item(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "right")
        assert app.screen.index == REACTIONS
        # France (``leads``) is the deck's second reaction but the first row.
        assert app.screen.item == 1


async def test_reaction_highlight_follows_the_stance_order(make_app: Any, small_deck: Any) -> None:
    app = make_app(start=REACTIONS)
    stances = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            stances.append(small_deck.slides[REACTIONS].items[app.screen.item].stance)
            await pilot.press("down")
    assert stances == ["leads", "supports", "cautious", "opposed", "hostile"]


async def test_preview_shows_the_highlighted_items_citation(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        preview = app.screen.query_one(CitationPreview)
        assert "France leads the plan" in rendered(preview)
        assert "article · ¶2" in rendered(preview)
        await pilot.press("down")
        await pilot.pause()
        assert "Italy and Greece rejected sending troops" in rendered(preview)
        assert "article · ¶3" in rendered(preview)


async def test_judgement_preview_names_what_it_rests_on(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")
        await pilot.pause()
        text = rendered(app.screen.query_one(CitationPreview))
        assert "◆ judgement" in text
        assert "rests on" in text and "France leads the plan" in text


async def test_clicking_an_item_selects_it(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(SlideView)
        region = view.item_region(2)
        assert region is not None
        await pilot.click(SlideView, offset=(10, region.y + view.styles.padding.top))
        assert app.screen.item == 2
        assert isinstance(app.screen, DeckScreen)


async def test_clicking_the_selected_item_drills_into_it(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(SlideView)
        region = view.item_region(0)
        assert region is not None
        await pilot.click(SlideView, offset=(10, region.y + view.styles.padding.top))
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_enter_drills_and_escape_returns_to_the_same_item(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeckScreen)
        assert (screen.index, screen.item) == (POINTS, 1)


async def test_source_screen_result_jumps_to_that_item(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        app.screen.dismiss((REACTIONS, 3))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeckScreen)
        assert (screen.index, screen.item) == (REACTIONS, 3)


async def test_s_opens_the_sources_panel_with_the_slides_citations(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        panel = app.screen.query_one("#sources")
        assert panel.display and panel.has_focus
        assert panel.option_count == 3  # three cited points; the judgement cites nothing
        text = "\n".join(str(panel.get_option_at_index(n).prompt) for n in range(3))
        assert "“France leads the plan for a reassurance force”" in text
        assert "✓ 1.1  article · ¶2" in text
        assert "printed the word [bold] in square brackets" in text
        await pilot.press("down")
        assert app.screen.item == 1  # the panel moves the slide's highlight
        await pilot.press("right")
        await pilot.pause()
        assert panel.option_count == 5  # slide 3: five reactions, one citation each
        await pilot.press("s")
        assert not panel.display


async def test_escape_closes_the_sources_panel(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        assert not app.screen.query_one("#sources").display


async def test_enter_in_the_sources_panel_drills(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.origin == (POINTS, 1)


async def test_moving_the_highlight_scrolls_it_into_view(make_app: Any) -> None:
    app = make_app(start=REACTIONS)
    async with app.run_test(size=(60, 16)) as pilot:
        view = app.screen.query_one(SlideView)
        assert view.max_scroll_y > 0, "the matrix must overflow at this size"
        for _ in range(4):
            await pilot.press("down")
        await pilot.pause()
        region = view.item_region(app.screen.item)
        assert region is not None
        assert view.scroll_y > 0
        assert (
            view.scroll_y <= region.y
            and region.bottom <= view.scroll_y + view.scrollable_content_region.height
        )


async def test_the_scrollbar_shows_only_on_a_slide_that_overflows(make_app: Any) -> None:
    """The scrollbar is always laid out (no layout pass on a key) but drawn only when needed."""
    app = make_app()
    async with app.run_test(size=(60, 16)) as pilot:
        view = app.screen.query_one(SlideView)
        seen = set()
        for _ in range(len(app.deck.slides)):
            await pilot.pause()
            overflows = view.max_scroll_y > 0
            assert view.show_vertical_scrollbar
            assert view.has_class("-overflows") is overflows
            seen.add(overflows)
            await pilot.press("right")
        assert seen == {True, False}, "the deck must have slides that fit and slides that do not"
