"""Snapshots of the deck screens at 100 x 30, on the small fixture deck.

Each docstring says what the picture must show. Update with
``python -m pytest tests/test_snapshots.py --snapshot-update`` and look at
the SVGs under ``tests/__snapshots__/`` before accepting them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.ui.app import BriefingApp
from briefing.widgets.topbar import TopBar
from tests.conftest import BROKEN_DECK, SMALL_DECK

SIZE = (100, 30)
BUNDLED = Path(__file__).parent.parent / "decks" / "reassurance-force.yaml"


async def settled(pilot: Any) -> None:
    """Wait until the top bar shows the deck's verification count (counted in the background).

    The notice a deck with unverified citations gives then is cleared: it
    would cover the preview (tests/test_tui_trust.py checks it).
    """
    top = pilot.app.screen_stack[0].query_one(TopBar)
    for _ in range(500):
        if top.verified is not None:
            break
        await pilot.pause(0.01)
    assert top.verified is not None, "the deck's citations were never counted"
    await pilot.pause()  # the notice is a message: let it arrive before clearing it
    pilot.app.clear_notifications()
    await pilot.pause()


def app_for(path: Path = SMALL_DECK, start: int = 0) -> BriefingApp:
    deck = load_deck(path)
    return BriefingApp(deck, Verifier(deck), start=start)


def test_title_slide(snap_compare: Any) -> None:
    """Title slide: top bar "Small test deck · One slide of each kind" (the
    deck subtitle), the slide title, "16/16 ✓" and "1 / 5"; the title, subtitle and
    date line; the two BLUF points numbered, the first highlighted (▌), each
    with "✓ 2" / "✓ 1"; "[the Americans]" literal; the preview quotes
    "brought together nearly 30 nations" with "article · ¶1 (+1 more)";
    footer keys with "← prev" greyed out."""
    assert snap_compare(app_for(), terminal_size=SIZE, run_before=settled)


def test_points_slide_with_judgement(snap_compare: Any) -> None:
    """Points slide "Positions 2 / 5": four numbered points, the third one
    "[bold]" literal (not bold text); point 4 marked "◆ judgement" with
    "rests on:" naming points 1 and 2; the highlight on point 2 and the
    preview quoting "Italy and Greece rejected sending troops" · ¶3."""
    assert snap_compare(app_for(start=1), press=["down"], terminal_size=SIZE, run_before=settled)


def test_reactions_matrix(snap_compare: Any) -> None:
    """Reactions matrix: header Country / Actor / Stance / Position; rows
    numbered 1-5 in order France ◉ leads, United Kingdom ● supports, Baltic states ◐
    cautious, Italy ○ opposed, Russia ✕ hostile, each stance in its colour
    and with its word; the France row highlighted; "✓ 1" on every row."""
    assert snap_compare(app_for(start=2), terminal_size=SIZE, run_before=settled)


def test_figures_cards(snap_compare: Any) -> None:
    """Figures: three cards of equal height in one row, values "30",
    "10,000–30,000", "€2 billion" bold, the measure under each; the second
    card highlighted with a heavy border; preview "a force of 10,000 to
    30,000 troops" · ¶6."""
    assert snap_compare(app_for(start=3), press=["down"], terminal_size=SIZE, run_before=settled)


def test_quotes_slide(snap_compare: Any) -> None:
    """Quotes: each quote in curly quotes and italics with "— speaker,
    role" under it and a blank line between; "[the Americans]" literal;
    "5 / 5" and "→ next" greyed out in the footer."""
    assert snap_compare(app_for(start=4), terminal_size=SIZE, run_before=settled)


def test_unverified_items_are_marked(snap_compare: Any) -> None:
    """Broken deck: "Everyone agreed" shows "✗ 1" in the error colour and
    is highlighted; the preview says "✗ not found · article"; the other
    points keep "✓ 1"; the top bar says "2/4 ✗" in the error colour."""
    assert snap_compare(app_for(BROKEN_DECK), press=["down"], terminal_size=SIZE, run_before=settled)


def test_sources_panel(snap_compare: Any) -> None:
    """Citations panel open on the right of "Positions": "Citations · 3" with
    three entries "✓ 1.1 article · ¶2" … each with its quote; the first
    entry highlighted, the slide still readable on the left."""
    assert snap_compare(app_for(start=1), press=["s"], terminal_size=SIZE, run_before=settled)


def test_overview(snap_compare: Any) -> None:
    """Overview: five cards in a 3-column grid, each with number, title,
    the subtitle or first item (no kind names: "France: Leads the plan" on
    card 3, as the slide orders it) and "N items · N citations ✓ N" on one
    line at the bottom; card 3 (current slide) outlined in the accent colour,
    card 4 selected; keys include "? help  q quit"."""

    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("o", "right")
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(start=2), run_before=run_before, terminal_size=SIZE)


def test_help(snap_compare: Any) -> None:
    """Help: a "Keys · slides" panel over the slide listing Slides, Items
    and citations, Views, Everywhere, with every key (→ l Space PgDn, g g,
    N G, ↑ k ↓ j, Enter, s, n, o, e, ?, Ctrl+P, q) and what it does; its
    bottom border says "Esc closes · q quits" (the marks' legend is below,
    scrolled to)."""
    assert snap_compare(app_for(), press=["question_mark"], terminal_size=SIZE, run_before=settled)


def test_narrow_terminal(snap_compare: Any) -> None:
    """40 x 12, reactions slide: the deck title gives way to the slide
    title, "16/16 ✓" and "3 / 5" whole at the top right; rows stacked
    (number, stance, country, badge; then actor and position), no
    preview; the body scrolls."""
    assert snap_compare(app_for(start=2), terminal_size=(40, 12), run_before=settled)


def test_bundled_deck_first_slide(snap_compare: Any) -> None:
    """The bundled deck's title slide: its BLUF points numbered with "✓"
    badges, "79/79 ✓" and "1 / N" at the top right, the first point's citation previewed."""
    assert snap_compare(app_for(BUNDLED), terminal_size=SIZE, run_before=settled)


def test_overwrite_dialog(snap_compare: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """``e``, Markdown, when small.md already exists: a box titled "Confirm" in the
    middle of the slide, with the whole question "small.md exists.
    Overwrite it?" and under it the answers "y yes    n or esc no" (it was
    an empty 6x4 box, and the app looked frozen)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text("an earlier export\n", encoding="utf-8")
    assert snap_compare(app_for(), press=["e", "m"], terminal_size=SIZE, run_before=settled)
