"""Snapshots of the source view, at 100 x 30, on the fixture deck.

Each docstring says what the picture must show; update with
``pytest tests/test_source_snapshots.py --snapshot-update`` and look at
the SVGs under ``tests/__snapshots__/`` before accepting them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.source import SourceScreen
from briefing.ui.app import BriefingApp
from tests.test_snapshots import settled

DECK_PATH = Path(__file__).parent / "data" / "drill" / "decks" / "drill.yaml"
SIZE = (100, 30)


async def quiet(pilot: Any) -> None:
    """Let the deck screen count its citations (and clear the notice it gives: this deck has a ✗)."""
    await settled(pilot)


def app_at(slide: int, item: int) -> tuple[BriefingApp, Any]:
    """The real app, and a ``run_before`` that drills into one item."""
    deck = load_deck(DECK_PATH)
    verifier = Verifier(deck)

    async def run_before(pilot: Any) -> None:
        await quiet(pilot)
        pilot.app.push_screen(SourceScreen(deck, verifier, slide, item))
        await pilot.pause()

    return BriefingApp(deck, verifier), run_before


def test_passage_mid_article(snap_compare: Any) -> None:
    """Ana Brell's quote in ¶10, late in the article: the view has
    scrolled down (¶5–¶12 in view) and the quote is highlighted on the
    accent colour; the other cited passages are underlined; the gutter
    numbers every paragraph; the header reads "from: Who stands where › 2",
    "citation 10 of 18" and "✓ verified"; the passage line names the citing
    item."""
    app, run_before = app_at(2, 1)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_unverified_quote(snap_compare: Any) -> None:
    """The quote about "the autumn" did not verify: a red banner says
    "✗ not verified" with the reason and the closest passage; the closest
    passage (¶11 "Construction is due to start in the spring,") is marked
    in the warning style, not the accent; the status reads "✗ not verified"."""
    app, run_before = app_at(1, 3)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_judgement_rests_on(snap_compare: Any) -> None:
    """A judgement opens on what it rests on: "from: The plan › 5
    (judgement) → The plan › 1", "1 of 4 · citation 3 of 18", a muted
    banner naming The plan › 1 and › 2, and "tab next citation of the item"
    in the footer; the sea wall passage in ¶4 is highlighted."""
    app, run_before = app_at(1, 4)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_chooser_for_a_passage_cited_twice(snap_compare: Any) -> None:
    """Enter on "commits €48 million over six years" (cited by two items)
    opens a small list over the source view: "The harbour vote › 2" and
    "Key figures › 1", the first selected."""
    app, run_before = app_at(0, 1)
    assert snap_compare(app, press=["enter"], terminal_size=SIZE, run_before=run_before)


def test_second_source_with_blank_line_paragraphs(snap_compare: Any) -> None:
    """The field notes (paragraphs separated by blank lines, ¶1–¶5): the
    escape character in ¶2 shows as "�[31m" (never interpreted), the tab
    in ¶4 as a space, and the highlighted quote is the CJK line in ¶4."""
    app, run_before = app_at(4, 1)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_bundled_deck_passage_mid_article(snap_compare: Any) -> None:
    """The bundled deck, Obstacles › 3 (American ambivalence, three
    citations): the article has scrolled to ¶14 with ¶13 above it as
    context; the first citation, "The shadow of American ambivalence looms
    equally large.", is highlighted on the accent colour and nothing more;
    the rest of the article's cited passages are underlined, curly quotes
    as in the source; the header names "from: Obstacles › 3", "1 of 3" and
    "✓ verified"; the footer offers tab for the item's next citation."""
    from briefing.core.bundled import bundled_deck

    deck = load_deck(bundled_deck())
    verifier = Verifier(deck)

    async def run_before(pilot: Any) -> None:
        await quiet(pilot)
        pilot.app.push_screen(SourceScreen(deck, verifier, 3, 2))
        await pilot.pause()

    assert snap_compare(BriefingApp(deck, verifier), terminal_size=SIZE, run_before=run_before)
