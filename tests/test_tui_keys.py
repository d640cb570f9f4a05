"""Moving between slides with the keyboard, including at the ends.

Each test drives the real app on the small fixture deck (5 slides) and
checks both the screen's state and what the top bar shows, so a key that
changes the index without repainting the position fails too.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefing.screens.deck import DeckScreen
from briefing.widgets.topbar import TopBar

SIZE = (100, 30)
SLIDES = 5


def position_text(app: Any) -> str:
    """What the top bar shows at its right end, e.g. ``2 / 5``."""
    return str(app.screen.query_one(TopBar).render()).rstrip().rpartition("  ")[2].strip()


def deck_screen(app: Any) -> DeckScreen:
    screen = app.screen
    assert isinstance(screen, DeckScreen)
    return screen


async def test_opens_on_the_first_slide(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert deck_screen(app).index == 0
        assert position_text(app) == f"1 / {SLIDES}"


@pytest.mark.parametrize("key", ["right", "l", "space", "pagedown"])
async def test_next_keys(make_app: Any, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert deck_screen(app).index == 1
        assert position_text(app) == f"2 / {SLIDES}"


@pytest.mark.parametrize("key", ["left", "h", "pageup"])
async def test_previous_keys(make_app: Any, key: str) -> None:
    app = make_app(start=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert deck_screen(app).index == 2
        assert position_text(app) == f"3 / {SLIDES}"


async def test_right_stops_at_the_last_slide(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(SLIDES + 2):
            await pilot.press("right")
        assert deck_screen(app).index == SLIDES - 1
        assert position_text(app) == f"{SLIDES} / {SLIDES}"


async def test_left_stops_at_the_first_slide(make_app: Any) -> None:
    app = make_app(start=2)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(SLIDES + 2):
            await pilot.press("left")
        assert deck_screen(app).index == 0


async def test_home_and_end(make_app: Any) -> None:
    app = make_app(start=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")
        assert deck_screen(app).index == SLIDES - 1
        await pilot.press("home")
        assert deck_screen(app).index == 0


async def test_g_g_goes_to_the_first_slide_and_one_g_waits(make_app: Any) -> None:
    app = make_app(start=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert deck_screen(app).index == 3
        assert deck_screen(app).pending_g
        await pilot.press("g")
        assert deck_screen(app).index == 0
        assert not deck_screen(app).pending_g


async def test_g_then_another_key_is_not_g_g(make_app: Any) -> None:
    app = make_app(start=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "left", "g")
        assert deck_screen(app).index == 2
        assert deck_screen(app).pending_g


async def test_capital_g_goes_to_the_last_slide(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        assert deck_screen(app).index == SLIDES - 1


@pytest.mark.parametrize("confirm", ["G", "enter"])
async def test_number_then_g_or_enter_goes_to_that_slide(make_app: Any, confirm: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        screen = deck_screen(app)
        assert screen.pending == "3"
        assert "go to 3…" in str(app.screen.query_one(TopBar).render())
        await pilot.press(confirm)
        assert screen.index == 2
        assert screen.pending == ""
        assert position_text(app) == f"3 / {SLIDES}"


async def test_digits_accumulate_and_clamp_to_the_deck(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2")
        assert deck_screen(app).pending == "12"
        await pilot.press("G")
        assert deck_screen(app).index == SLIDES - 1


async def test_escape_forgets_a_pending_number(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "escape")
        screen = deck_screen(app)
        assert screen.pending == ""
        assert "go to" not in str(app.screen.query_one(TopBar).render())
        await pilot.press("G")  # with no number pending: the last slide, not slide 4
        assert screen.index == SLIDES - 1


async def test_keys_at_the_ends_are_greyed_out(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = deck_screen(app)
        assert screen.check_action("previous", ()) is None
        assert screen.check_action("first", ()) is None
        assert screen.check_action("next", ()) is True
        await pilot.press("end")
        assert screen.check_action("next", ()) is None
        assert screen.check_action("last", ()) is None
        assert screen.check_action("previous", ()) is True


def _bar_keys(app: Any) -> dict[str, bool]:
    """What the deck screen's key bar shows: key (as displayed) → enabled."""
    from briefing.widgets.key_bar import BindingsBar

    bar = app.screen.query_one(BindingsBar)
    return {shown: enabled for entry in bar.entries() for shown, _, enabled in entry.keys}


async def test_footer_shows_previous_disabled_on_the_first_slide(make_app: Any) -> None:
    from rich.text import Text

    from briefing.widgets.key_bar import BindingsBar

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = _bar_keys(app)
        assert keys["←"] is False and keys["→"] is True
        assert keys["↑"] is False and keys["↓"] is True  # the first item is highlighted
        # Drawn dim, the way Textual's footer greys a key out.
        line = app.screen.query_one(BindingsBar).render()
        assert isinstance(line, Text)
        dims = {
            line.plain[span.start : span.end]: bool(getattr(span.style, "dim", False)) for span in line.spans
        }
        assert dims["←"] and not dims["→"]
        await pilot.press("right")
        await pilot.pause()
        assert _bar_keys(app)["←"] is True
        await pilot.press("end")
        await pilot.pause()
        keys = _bar_keys(app)
        assert keys["→"] is False and keys["←"] is True


async def test_clicking_a_key_in_the_bar_presses_it(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#deck-keys")
        line = bar.render().plain
        await pilot.click("#deck-keys", offset=(line.index("→"), 0))
        await pilot.pause()
        assert app.screen.index == 1
        await pilot.click("#deck-keys", offset=(line.index("?"), 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_q_quits(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_neighbours_are_rendered_after_a_slide_change(make_app: Any) -> None:
    """After a slide change (and not before the reader pauses) the slides either side are rendered."""
    from briefing.screens.deck import PREFETCH_DELAY
    from briefing.widgets.slide_view import SlideView

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = deck_screen(app)
        view = screen.query_one(SlideView)
        await pilot.press("right", "right")
        width = view._width
        slides = screen.reader.slides

        def rendered(index: int) -> bool:
            return any(key[0] == id(slides[index]) and key[2] == width for key in view._cache)

        await pilot.pause(PREFETCH_DELAY * 4)
        assert screen.index == 2
        assert rendered(1) and rendered(3)


async def test_the_top_bars_kept_lines_are_textuals_own_drawing(make_app: Any) -> None:
    """The top bar's line, kept per state and drawn ahead for the neighbours, is what Textual draws.

    Each state's line is compared with Textual's own drawing of the bar (its
    ``render`` through ``Widget.render_line``) after the keys, after a trust
    count, after a changed file, and after a theme change.
    """
    from textual.widget import Widget

    def textuals(bar: TopBar) -> list[object]:
        bar.refresh()
        return list(Widget.render_line(bar, 0))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TopBar)
        for key in ("right", "right", "left", "3", "end"):
            await pilot.press(key)
            await pilot.pause(0.3)  # the neighbours' lines are drawn meanwhile
            assert list(bar.render_line(0)) == textuals(bar), key
        for position in ("1 / 5", "2 / 5"):  # one title at two positions
            bar.show("A slide", position)
            assert list(bar.render_line(0)) == textuals(bar), position
        bar.show_trust(3, 4)
        assert list(bar.render_line(0)) == textuals(bar)
        bar.show_changed(("deck.yaml",))
        assert list(bar.render_line(0)) == textuals(bar)
        app.theme = "textual-light"
        await pilot.pause()
        assert list(bar.render_line(0)) == textuals(bar)
        assert position_text(app) == "2 / 5"


async def test_the_previews_kept_drawing_is_textuals_own(make_app: Any) -> None:
    """The preview's lines and title, kept per item and drawn ahead for the neighbours, are what
    Textual draws and what the item's first citation says, slide after slide and after a theme change."""
    from rich.text import Text
    from textual.widget import Widget

    from briefing.widgets.preview import CitationPreview, preview_where

    def check(app: Any, title: bool = True) -> None:
        preview = app.screen.query_one(CitationPreview)
        drawn = [list(preview.render_line(y)) for y in range(preview.size.height)]
        preview.refresh()
        assert drawn == [list(Widget.render_line(preview, y)) for y in range(preview.size.height)]
        if not title:
            return
        where = preview_where(app.screen.reader.current_item, preview._render_context())
        expected = None if where is None else Text.assemble(" ", where, " ")
        probe = Widget()
        probe.border_title = expected
        assert preview.border_title == probe.border_title

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("right", "right", "down", "left", "right", "right", "end"):
            await pilot.press(key)
            await pilot.pause(0.3)  # the neighbours' are drawn meanwhile
            check(app)
        app.theme = "textual-light"
        await pilot.pause()
        check(app, title=False)  # the title is set per item, as before: the next item's is in the new theme
        await pilot.press("left")
        check(app)
