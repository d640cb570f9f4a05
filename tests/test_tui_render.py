"""What the slides show: literal text, citation marks, stances, small terminals.

Text is read back from what the widgets actually render, so a bracketed
phrase swallowed as markup, a badge in the wrong place or a position
indicator pushed off screen fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from briefing.core.model import Deck, Point, Reaction, Slide
from briefing.core.verify import Verifier
from briefing.ui.app import BriefingApp
from briefing.widgets.marks import STANCE_GLYPHS, Palette, RenderContext
from briefing.widgets.preview import CitationPreview
from briefing.widgets.slide_view import SlideView, render_slide
from briefing.widgets.topbar import TopBar
from tests.conftest import BROKEN_DECK

SIZE = (100, 30)


def rendered(widget: Any) -> str:
    """The text a widget shows (its visible lines joined)."""
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(segment.text for segment in line) for line in lines)


def plain_render(slide: Slide, deck: Deck, width: int = 100) -> str:
    """A slide rendered without colour, as a reader with NO_COLOR sees it."""
    console = Console(width=width, no_color=True, color_system=None, record=True)
    console.print(render_slide(slide, 0, RenderContext(deck, Verifier(deck)), width, console))
    return console.export_text()


async def test_markup_lookalikes_are_shown_as_written(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "The plan must work without [the Americans]." in rendered(app.screen.query_one(SlideView))
        await pilot.press("right", "down", "down")
        await pilot.pause()
        assert "A leaflet printed [bold] literally" in rendered(app.screen.query_one(SlideView))
        assert "printed the word [bold] in square brackets" in rendered(app.screen.query_one(CitationPreview))


async def test_titles_with_markup_and_control_characters_are_literal() -> None:
    slide = Slide(
        kind="points",
        title="[b]Not bold[/b] \x1b[31mred?",
        items=(Point(text="[@click=app.quit]stay[/]", judgement=True),),
    )
    deck = Deck(title="[the Americans] deck", slides=(slide,), sources=())
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = rendered(app.screen.query_one(SlideView))
        assert "[b]Not bold[/b] red?" in body
        assert "\x1b" not in body
        assert "[@click=app.quit]stay[/]" in body
        titles = str(app.screen.query_one(TopBar).render())
        assert "[the Americans] deck" in titles
        assert "[b]Not bold[/b] red?" in titles


async def test_unverified_citations_are_marked(make_app: Any) -> None:
    app = make_app(BROKEN_DECK)
    async with app.run_test(size=SIZE) as pilot:
        body = rendered(app.screen.query_one(SlideView))
        lines = body.splitlines()
        assert any("Nearly 30 nations met" in line and "✓ 1" in line for line in lines)
        assert any("Everyone agreed" in line and "✗ 1" in line for line in lines)
        view = app.screen.query_one(SlideView)
        palette = Palette.from_widget(view)
        error = palette.bad.color
        assert error is not None and error != palette.ok.color
        crosses = [
            seg for line in view.render_lines(view.region.reset_offset) for seg in line if "✗" in seg.text
        ]
        assert crosses and all(seg.style.color == error for seg in crosses)
        await pilot.press("down")
        await pilot.pause()
        assert "✗ not found" in rendered(app.screen.query_one(CitationPreview))


async def test_position_stays_visible_down_to_40_by_12(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        for number in range(1, 6):
            bar = app.screen.query_one(TopBar)
            assert app.screen.region.contains_region(bar.region), number
            line = str(bar.render())
            assert len(line) == bar.content_size.width, "the line fills the bar, no more"
            assert line.endswith(f"{number} / 5"), line
            await pilot.press("right")
            await pilot.pause()


async def test_resizing_through_sizes_on_every_slide_never_crashes(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            for size in [(40, 12), (80, 24), (200, 60), (41, 13)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                bar = app.screen.query_one(TopBar)
                assert bar.region.right <= size[0]
                assert str(bar.render()).endswith(" / 5")
            await pilot.press("right")


async def test_small_terminal_keeps_wrapping_the_text(make_app: Any) -> None:
    app = make_app(start=1)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        body = app.screen.query_one(SlideView)
        assert body.region.width <= 40
        lines = rendered(body).splitlines()
        # The first item wraps over three lines; its citation mark ends the first.
        first = next(i for i, line in enumerate(lines) if "France" in line)
        assert lines[first].rstrip().endswith("✓ 1")
        words = " ".join(" ".join(lines[first : first + 3]).replace("✓ 1", "").split())
        assert words == "▌ 1 France leads the plan for a reassurance force"
        assert body.max_scroll_y > 0, "the rest of the slide is reached by scrolling"


def test_stances_read_without_colour(small_deck: Deck) -> None:
    text = plain_render(small_deck.slides[2], small_deck)
    order = [
        text.index(f"{STANCE_GLYPHS[s]} {s}") for s in ("leads", "supports", "cautious", "opposed", "hostile")
    ]
    assert order == sorted(order), "rows go from support to hostility"
    assert "Country" in text and "Position" in text


def test_reactions_stack_on_narrow_terminals(small_deck: Deck) -> None:
    text = plain_render(small_deck.slides[2], small_deck, width=40)
    assert "Country" not in text  # no squeezed table header
    assert "◉ leads  France" in text
    assert "The president, Host: Leads the plan" in text


def test_reaction_without_role_and_unknown_stance_still_render() -> None:
    slide = Slide(
        kind="reactions",
        title="R",
        items=(Reaction(country="Nowhere", actor="", stance="undecided", summary="?"),),
    )
    deck = Deck(title="D", slides=(slide,), sources=())
    text = plain_render(slide, deck)
    assert "Nowhere" in text and "? undecided" in text


def test_figures_and_quotes_read_as_such(small_deck: Deck) -> None:
    figures = plain_render(small_deck.slides[3], small_deck)
    assert "€2 billion" in figures and "new French military aid" in figures
    quotes = plain_render(small_deck.slides[4], small_deck)
    assert "“We have to be prepared for a situation where [the Americans] won’t join in”" in quotes
    assert "— The president, Host of the summit" in quotes


async def test_light_theme_recolours_the_slide(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "briefing-dark"
        view = app.screen.query_one(SlideView)
        dark = view.render_lines(view.region.reset_offset)
        app.theme = "briefing-light"
        await pilot.pause()
        light = view.render_lines(view.region.reset_offset)
        assert "".join(s.text for s in dark[1]) == "".join(s.text for s in light[1])
        assert [s.style for s in dark[1]] != [s.style for s in light[1]]


async def test_a_slide_without_items_has_nothing_to_highlight_or_drill() -> None:
    slide = Slide(kind="title", title="Only a title")
    deck = Deck(title="One slide", slides=(slide,), sources=())
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "up", "enter", "right", "o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert (screen.index, screen.item) == (0, None)
        assert screen.check_action("enter", ()) is None
        assert str(screen.query_one(TopBar).render()).endswith("1 / 1")


def _screen_lines(app: Any) -> list[list[tuple[str, object]]]:
    """What the screen shows, cell runs and their styles, as the compositor has it."""
    strips = app.screen._compositor.render_strips()
    return [[(seg.text, seg.style) for seg in strip.simplify()] for strip in strips]


@pytest.mark.parametrize("size", [(100, 30), (60, 16)])
async def test_paging_leaves_no_line_of_the_previous_slide(
    make_app: Any, size: tuple[int, int], monkeypatch: Any
) -> None:
    """A key repaints only the lines that changed; the screen must equal a fresh start there.

    At 60x16 some slides overflow and scroll, so paging also crosses
    between slides that fit and slides that do not. Both apps show the
    deck's verification count (counted at once here, not after the
    reader's quiet moment), so the top bars are the same.
    """
    from briefing.core.bundled import bundled_deck
    from briefing.screens import background
    from tests.test_snapshots import settled

    monkeypatch.setattr(background, "LONG_QUIET", 0.0)
    app = make_app(bundled_deck())
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        count = len(app.deck.slides)
        order = [*range(1, count), *range(count - 2, -1, -1)]
        for index in order:
            await pilot.press("right" if index > app.screen.index else "left")
            await pilot.pause()
            shown = _screen_lines(app)
            fresh = make_app(bundled_deck(), start=index)
            async with fresh.run_test(size=size) as fresh_pilot:
                await settled(fresh_pilot)
                assert shown == _screen_lines(fresh), (
                    f"slide {index + 1} after paging differs from a fresh start"
                )


async def test_moving_the_highlight_repaints_every_line_it_changes(make_app: Any, monkeypatch: Any) -> None:
    """Item by item down a list, the screen equals a full repaint of it.

    The objectives slide fits at 100x30, so no move scrolls (a scroll
    repaints everything); each move repaints only the rows that changed.
    The deck's verification count is awaited first (counted at once here):
    arriving between two captures, it would change the top bar.
    """
    from briefing.core.bundled import bundled_deck
    from briefing.screens import background
    from tests.test_snapshots import settled

    monkeypatch.setattr(background, "LONG_QUIET", 0.0)
    app = make_app(bundled_deck(), start=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        view = app.screen.query_one(SlideView)
        assert view.max_scroll_y == 0
        for item in [1, 2, 3, 4, 2, 0]:
            app.screen.select_item(item)
            await pilot.pause()
            shown = _screen_lines(app)
            view.refresh()  # the whole view drawn afresh: what the screen must already show
            await pilot.pause()
            assert shown == _screen_lines(app), f"item {item + 1}"
