"""Nothing hidden: an overflowing slide says so, and ``check --fit`` finds it first.

At 80x24 every bundled slide overflows; the cue at the foot of the slide
("▼ N more items below") must be there while anything is hidden, count
what is hidden, and go once the reader reaches the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.cli.main import main
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.ui.app import BriefingApp
from briefing.widgets.preview import CitationPreview
from briefing.widgets.slide_view import SlideView
from tests.conftest import SMALL_DECK
from tests.deckfiles import make_project, points_slide


def bundled_app(start: int = 0) -> BriefingApp:
    deck = load_deck(bundled_deck())
    return BriefingApp(deck, Verifier(deck), start=start)


def view_lines(view: SlideView) -> list[str]:
    """What the slide view shows, one string per row of text."""
    return [view.render_line(y).text for y in range(view.rows)]


async def test_overflowing_slide_ends_in_a_cue_that_counts_the_hidden_items() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        slide = app.screen.reader.slide
        lines = view_lines(view)
        # Items not wholly above the cue's row, found from where each is drawn.
        hidden = [
            i
            for i in range(len(slide.items))
            if (region := view.item_region(i)) is not None and region.bottom - 1 > view.rows - 1
        ]
        assert hidden and hidden[-1] == len(slide.items) - 1
        assert lines[-1].strip() == f"▼ {len(hidden)} more items below"
        # The bottom line (the last item) is what is hidden.
        assert slide.items[-1].label[:30] not in "\n".join(lines)


async def test_cue_goes_when_the_end_of_the_slide_is_in_view() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        for _ in range(len(app.screen.reader.slide.items) - 1):
            await pilot.press("j")
        await pilot.pause()
        lines = view_lines(view)
        assert not any("more item" in line or "more line" in line for line in lines)
        # The last item is wholly shown, not under the cue.
        assert app.screen.reader.slide.items[-1].label[:20] in "\n".join(lines)


async def test_highlighted_item_is_never_under_the_cue() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        for _ in range(len(app.screen.reader.slide.items) - 1):
            await pilot.press("j")
            await pilot.pause()
            region = view.item_region(app.screen.item)
            assert region is not None
            last_row = region.bottom - 1 - round(view.scroll_y)
            lines = view_lines(view)
            if "more item" in lines[-1]:
                assert last_row < view.rows - 1


async def test_a_slide_that_fits_has_no_cue() -> None:
    deck = load_deck(SMALL_DECK)
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        assert view.hidden_below() == (0, 0)
        assert not any("▼" in line for line in view_lines(view))


@pytest.mark.parametrize(("size", "lines"), [((80, 24), 1), ((100, 30), 2)])
async def test_preview_shrinks_on_short_terminals(size: tuple[int, int], lines: int) -> None:
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        preview = app.screen.query_one(CitationPreview)
        assert preview.content_size.height == lines
        text = [line.text.strip() for line in preview.render_lines(preview.region.reset_offset)]
        if lines == 1:  # the quote (two lines at 80 columns) is cut to the one line, visibly
            assert text[-1].endswith("…")


async def test_rests_on_shows_item_numbers_not_their_text(make_app: Any) -> None:
    app = make_app(start=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = "\n".join(view_lines(app.screen.query_one(SlideView)))
        assert "rests on 1, 2" in text
        assert text.count("France leads the plan") == 1


def test_check_fit_reports_each_overflowing_slide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fit", "80x24", str(bundled_deck())]) == 1
    out = capsys.readouterr().out
    deck = load_deck(bundled_deck())
    first = deck.slides[0]
    loc = f':{first.location.line}:{first.location.col}: slide 1 "{first.title}" needs '
    assert loc in out and "rows, has 16 at 80x24" in out
    assert "3/9 slides fit at 80x24" in out


def test_check_fit_measures_what_the_viewer_shows() -> None:
    """The rows --fit reports are the rows the viewer has and the lines it draws."""
    import asyncio

    from briefing.ui.fit import measure

    deck = load_deck(bundled_deck())
    fits = measure(deck, Verifier(deck), 80, 24)

    async def drawn() -> tuple[int, int]:
        app = BriefingApp(deck, Verifier(deck))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            view = app.screen.query_one(SlideView)
            return view.virtual_size.height, view.rows

    assert asyncio.run(drawn()) == (fits[0].needs, fits[0].has)


def test_check_fit_passes_when_every_slide_fits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fit", "200x60", str(bundled_deck())]) == 0
    assert "9/9 slides fit at 200x60" in capsys.readouterr().out


def test_check_fit_refuses_a_bad_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_project(tmp_path, points_slide("nearly 30 nations"))
    with pytest.raises(SystemExit) as exit:
        main(["check", "--fit", "80by24", str(deck)])
    assert exit.value.code == 2
    assert "is not a terminal size" in capsys.readouterr().err
