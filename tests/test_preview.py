"""The citation preview's clamp: at most two lines, a cut quote ends in "…".

The preview has a fixed height so that moving the highlight repaints it
without a layout pass; a quote longer than two lines must say that it goes
on, and a quote that fits must be shown whole.
"""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from briefing.core.model import Citation, Deck, Point, Slide
from briefing.core.verify import Verifier
from briefing.ui.app import BriefingApp
from briefing.widgets.preview import LINES, CitationPreview, clamp_lines

WIDTH = 30
WORDS = "the coalition would deploy only after a ceasefire and with American backing " * 4


def lines_of(text: Text, width: int = WIDTH) -> list[str]:
    return [line.plain for line in text.wrap(Console(width=200), width)]


def test_the_preview_shows_two_lines() -> None:
    assert LINES == 2


@pytest.mark.parametrize("length", [1, 2])
def test_a_quote_that_fits_is_shown_whole(length: int) -> None:
    words = WORDS.split()
    # Grow the text word by word to the longest that still wraps to ``length`` lines.
    text = ""
    for word in words:
        longer = f"{text} {word}".strip()
        if len(lines_of(Text(longer))) > length:
            break
        text = longer
    assert len(lines_of(Text(text))) == length
    clamped = clamp_lines(Text(text), WIDTH, Console(width=200))
    assert clamped.plain == text and "…" not in clamped.plain


def test_a_long_quote_is_cut_to_two_full_lines_ending_in_an_ellipsis() -> None:
    original = Text.assemble(("“", "dim"), (WORDS.strip(), "italic"))
    clamped = clamp_lines(original, WIDTH, Console(width=200))
    shown = lines_of(clamped)
    assert len(shown) == LINES
    assert clamped.plain.endswith("…") and not clamped.plain.endswith(" …")
    kept = clamped.plain[:-1]
    assert original.plain.startswith(kept)
    # Cut as late as two lines allow: the first line is the original's first line, and
    # the second line is nearly full.
    assert shown[0] == lines_of(original)[0]
    assert len(shown[1]) >= WIDTH - len(max(WORDS.split(), key=len)) - 1
    assert [span.style for span in clamped.spans] == ["dim", "italic"]  # the styles survive the cut


@pytest.mark.parametrize("width", [11, 12, 13, 20, 30])
def test_a_quote_with_tabs_still_fits_two_lines(width: int) -> None:
    """A tab widens when wrapped, so a cut measured in characters can overflow; it must not."""
    quote = Text("Country\tStance\tActor\tFrance\tleads\tMacron\tItaly\topposed\tMeloni\tPoland")
    clamped = clamp_lines(quote, width, Console(width=200))
    assert len(lines_of(clamped, width)) <= LINES
    assert clamped.plain.endswith("…") and quote.plain.startswith(clamped.plain[:-1])


async def test_the_preview_widget_ends_a_long_quote_in_an_ellipsis() -> None:
    """Two lines on a terminal tall enough for them (short terminals keep one; see test_overflow)."""
    quote = WORDS.strip()
    point = Point(text="A point", citations=(Citation("article", quote, path="slides[0].points[0].cite[0]"),))
    deck = Deck(title="Long quote", slides=(Slide(kind="points", title="P", items=(point,)),), sources=())
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        preview = app.screen.query_one(CitationPreview)
        lines = preview.render_lines(preview.region.reset_offset)
        border, *content = ["".join(segment.text for segment in line).rstrip() for line in lines]
        assert "unchecked · article" in border and len(content) == LINES
        assert content[0].strip().startswith("“the coalition would deploy")
        assert content[-1].endswith("…"), content
