"""Picking a quote from a source: word snapping, extending, and the citation line offered."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.core.loader import load_deck
from briefing.core.model import Citation
from briefing.core.picker import (
    next_word_end,
    pick,
    previous_word_end,
    sentence_end,
    sentence_start,
    snap,
    word_at,
)
from briefing.core.sourcetext import SourceText
from briefing.core.verify import Verifier, _match
from briefing.screens.source import SourceScreen
from briefing.ui.app import BriefingApp
from tests.test_reload import SIZE, copy_small, wait_for

TEXT = (
    "The plan works. The plan works well, they said. Nobody can't agree on the cease-fire.\n\n"
    "A second “quoted” paragraph follows here."
)


def _span(start: int, end: int) -> str:
    return TEXT[start:end]


def test_snap_moves_out_to_whole_words_and_trims_spaces() -> None:
    at = TEXT.index("lan")
    assert _span(*snap(TEXT, at, at + 2)) == "plan"
    at = TEXT.index("an't")
    assert _span(*snap(TEXT, at, at + 1)) == "can't"
    at = TEXT.index("ase-f")
    assert _span(*snap(TEXT, at, at + 4)) == "cease-fire"
    assert _span(*snap(TEXT, TEXT.index(" works"), TEXT.index(" works") + 3)) == "works"


def test_extend_and_shrink_by_word_and_sentence() -> None:
    start, end = word_at(TEXT, TEXT.index("Nobody"))
    assert _span(start, end) == "Nobody"
    end = next_word_end(TEXT, end)
    assert _span(start, end) == "Nobody can't"
    end = next_word_end(TEXT, next_word_end(TEXT, end))
    assert _span(start, end) == "Nobody can't agree on"
    end = previous_word_end(TEXT, start, end)
    assert _span(start, end) == "Nobody can't agree"
    assert _span(start, sentence_end(TEXT, end)) == "Nobody can't agree on the cease-fire."
    assert previous_word_end(TEXT, start, TEXT.index(" can't")) == TEXT.index(" can't")  # one word stays
    middle = TEXT.index("well")
    sentence = _span(sentence_start(TEXT, middle), sentence_end(TEXT, middle))
    assert sentence == "The plan works well, they said."
    second = TEXT.index("second")
    assert TEXT[sentence_start(TEXT, second) :].startswith("A second")


def _verifies(line: str, source: SourceText, start: int) -> bool:
    entry = yaml.safe_load(line)[0]
    citation = Citation("a", entry) if isinstance(entry, str) else Citation("a", **entry)
    result = _match(citation, source)
    return result.verified and result.start == start


def test_a_unique_quote_is_one_line_that_verifies() -> None:
    source = SourceText(TEXT)
    start = TEXT.index("Nobody")
    picked = pick(source, start + 2, TEXT.index("agree") + 2)
    assert picked.verified
    assert picked.line == '- "Nobody can\'t agree"'
    assert _verifies(picked.line, source, start)


def test_a_repeated_quote_gets_a_prefix_that_picks_the_right_one() -> None:
    source = SourceText(TEXT)
    start = TEXT.index("The plan", 5)
    picked = pick(source, start, start + len("The plan"))
    assert picked.line == '- quote: "The plan"\n  prefix: "works."'
    assert _verifies(picked.line, source, start)


def test_the_first_of_a_repeated_quote_at_the_start_gets_a_suffix() -> None:
    source = SourceText(TEXT)
    picked = pick(source, 0, len("The plan works"))
    assert picked.line == '- quote: "The plan works"\n  suffix: "."'
    assert _verifies(picked.line, source, 0)


def test_quotes_and_line_breaks_are_yaml_safe() -> None:
    text = 'He said "no" and\nleft the\\room.'
    source = SourceText(text)
    picked = pick(source, 0, len(text))
    assert yaml.safe_load(picked.line) == ['He said "no" and left the\\room.']
    assert _verifies(picked.line, source, 0)
    assert pick(source, 3, 3).quote == "said"  # an empty span snaps to its word
    assert not pick(SourceText("   "), 0, 3).verified


# In the source view ------------------------------------------------------------


async def _source_app(tmp_path: Path) -> BriefingApp:
    path = copy_small(tmp_path)
    deck = load_deck(path)
    return BriefingApp(deck, Verifier(deck), start=1, live=False)


async def test_pick_a_quote_by_keys_and_copy_its_citation(tmp_path: Path) -> None:
    app = await _source_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the first point's passage
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        passage = screen.view.text[slice(*screen.view.highlight)]  # type: ignore[misc]
        assert passage == "France leads the plan for a reassurance force"
        await pilot.press("v", "b", "b")
        assert screen.view.selection is not None
        assert screen.view.text[slice(*screen.view.selection)] == "France leads the plan for a"
        await pilot.press("w", "y")
        await pilot.pause()
        line = app.clipboard
        assert line == '- "France leads the plan for a reassurance"'
        source = app.verifier.source_text("article")  # type: ignore[union-attr]
        assert source is not None
        assert _verifies(line, source, screen.view.selection[0])
        assert any("Copied" in str(n.title) for n in app._notifications)
        assert any(line in str(n.message) for n in app._notifications)
        await pilot.press("escape")  # drops the selection first
        assert screen.view.selection is None
        assert app.screen is screen


async def test_a_selection_is_drawn_and_dragging_snaps_to_words(tmp_path: Path) -> None:
    app = await _source_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SourceScreen))
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        view = screen.view
        start = view.highlight[0]  # type: ignore[index]
        wrapped = view.wrapped
        assert wrapped is not None
        row = wrapped.row_of(start) - round(view.scroll_y)
        x = view.styles.gutter.left + view._gutter + (start - wrapped.starts[wrapped.row_of(start)])
        y = row + view.styles.gutter.top
        # Press inside "France", drag to inside "leads": both words, whole.
        await pilot.mouse_down(view, offset=(x + 2, y))
        await pilot.hover(view, offset=(x + 9, y))
        await pilot.mouse_up(view, offset=(x + 9, y))
        await pilot.pause()
        assert view.selection is not None
        assert view.text[slice(*view.selection)] == "France leads"
        style = view.rich_style + view.get_component_rich_style("source-view--selection")
        drawn = "".join(
            segment.text
            for y in range(view.scrollable_content_region.height)
            for segment in view.render_line(y)
            if segment.style == style
        )
        assert drawn == "France leads"
