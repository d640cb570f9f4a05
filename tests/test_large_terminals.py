"""Large terminals: one comfortable measure for every kind, balanced, big numerals.

At 200x60 the slides used a third of the screen at the top left, and the
reactions table stretched to 200 columns.
"""

from __future__ import annotations

import pytest

from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.ui.app import BriefingApp
from briefing.widgets.slide_view import BALANCE_ROWS, MEASURE, SlideView

BIG = (200, 60)
REACTIONS, FIGURES = 4, 5  # in the bundled deck


def bundled_app(start: int = 0) -> BriefingApp:
    deck = load_deck(bundled_deck())
    return BriefingApp(deck, Verifier(deck), start=start)


def drawn(view: SlideView) -> list[str]:
    return [view.render_line(y).text for y in range(view.rows)]


@pytest.mark.parametrize("start", range(8))
async def test_every_kind_keeps_the_measure_centred(start: int) -> None:
    app = bundled_app(start)
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        lines = [line for line in drawn(view) if line.strip()]
        left = min(len(line) - len(line.lstrip()) for line in lines)
        right = max(len(line.rstrip()) for line in lines)
        assert right - left <= MEASURE, app.screen.reader.slide.kind
        # Centred: the measure starts where a centred MEASURE-wide column would.
        assert left == (view.size.width - view.styles.scrollbar_size_vertical - MEASURE) // 2


async def test_short_slide_is_balanced_vertically_on_a_tall_terminal() -> None:
    app = bundled_app()
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        lines = drawn(view)
        top = next(y for y, line in enumerate(lines) if line.strip())
        content = len([y for y, line in enumerate(lines) if line.strip()])
        assert view.rows >= BALANCE_ROWS
        assert top >= (view.rows - content) // 4  # well below the top, not glued to it
        below = view.rows - max(y for y, line in enumerate(lines) if line.strip()) - 1
        assert below > top  # a third above, two thirds below


async def test_no_balance_on_a_short_terminal() -> None:
    app = bundled_app(2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert drawn(app.screen.query_one(SlideView))[0].strip()  # the heading on the first row


async def test_key_figures_use_big_numerals_where_there_is_room() -> None:
    app = bundled_app(FIGURES)
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        text = "\n".join(drawn(app.screen.query_one(SlideView)))
        assert "2022" not in text  # drawn as glyphs, three rows high
        assert "╺━┓┏━┓╺━┓╺━┓" in text  # 2022: the tops of 2, 0, 2, 2 (bold glyphs)
        assert "billion" in text and "10,000–30,000" in text  # words, and a value too wide for glyphs


async def test_key_figures_stay_plain_when_big_numerals_would_overflow() -> None:
    app = bundled_app(FIGURES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        text = "\n".join(drawn(view))
        assert "Nearly 30" in text
