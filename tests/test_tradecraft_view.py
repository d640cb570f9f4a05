"""The viewer and the export show confidence, likelihood and source grades as separate marks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.console import Console

from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.verify import Verifier
from briefing.output.markdown import export_markdown
from briefing.widgets import slide_view
from briefing.widgets.marks import RenderContext, badge
from briefing.widgets.preview import preview_where
from briefing.widgets.sources_panel import citation_entries

KINDS_DECK = Path(__file__).parent / "data" / "kinds" / "decks" / "kinds.yaml"


def _deck() -> Deck:
    return load_deck(KINDS_DECK)


def test_confidence_and_likelihood_are_separate_chips() -> None:
    deck = _deck()
    ctx = RenderContext(deck, Verifier(deck))
    judgement = deck.slides[1].items[3]  # confidence: high, likelihood: likely (PHIA)
    text = badge(judgement, ctx).plain
    assert "▲ high conf." in text and "≈ likely or probably 55–75%" in text
    assert text.split("\n")[1:] == ["▲ high conf.", "≈ likely or probably 55–75%"]  # each on its line
    spans = [text[span.start : span.end] for span in badge(judgement, ctx).spans]
    assert "▲ high conf." in spans and "≈ likely or probably 55–75%" in spans  # two chips, not one
    assert "conf." not in badge(deck.slides[1].items[0], ctx).plain


def test_the_export_shows_each_chip_with_the_band() -> None:
    deck = _deck()
    text = export_markdown(deck, Verifier(deck))
    assert "*(confidence: high)* *(likelihood: likely or probably, 55–75%)*" in text
    assert "*(confidence: low)* *(likelihood: unlikely, 25–35%)*" in text


def test_a_gaps_slide_renders_each_gap_as_an_open_question() -> None:
    deck = _deck()
    gaps = next(slide for slide in deck.slides if slide.kind == "gaps")
    console = Console(width=100, no_color=True, color_system=None, record=True)
    console.print(slide_view.render_slide(gaps, None, RenderContext(deck, Verifier(deck)), 100, console))
    text = console.export_text()
    assert "?1" in text and "?2" in text and "How long the ferry will keep running" in text
    assert "open" in text and "no source" not in text  # a gap may cite nothing


def test_the_grade_shows_beside_a_citation_and_orders_the_citations_panel() -> None:
    deck = _deck()
    ctx = RenderContext(deck, Verifier(deck))
    where = preview_where(deck.slides[0].items[0], ctx)
    assert where is not None and where.plain.startswith("✓ article B2")
    second = replace(deck.sources[0], id="weak", reliability="E", credibility="5")
    graded = replace(deck, sources=(*deck.sources, second))
    plan = graded.slides[1]
    first_item = replace(
        plan.items[0], citations=tuple(replace(c, source_id="weak") for c in plan.items[0].citations)
    )
    slide = replace(plan, items=(first_item, *plan.items[1:]))
    entries = citation_entries(slide, Verifier(graded))
    sources = [prompt.plain.split("\n")[0].split()[2:4] for _, _, prompt in entries]
    assert sources[-1] == ["weak", "E5"] and sources[0] == ["article", "B2"]
