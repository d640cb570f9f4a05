"""Pin the shape of the bundled deck, the first thing every user sees.

``decks/reassurance-force.yaml`` is data, so nothing else would notice if an
edit dropped a country from the reactions matrix, broke a quote or let the
article drift from the deck. These tests load it with the real loader and
verify it with the real verifier, so they fail whenever the deck stops
holding up against its source. (That every slide kind is exercised is the
fixture deck's job: see tests/test_kinds.py.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.model import STANCES, Deck, Point, Reaction
from briefing.core.verify import Verifier

ROOT = Path(__file__).parent.parent
DECK_PATH = ROOT / "decks" / "reassurance-force.yaml"
SEED_PATH = ROOT / "seeds" / "paris-summit-reassurance-force.txt"

#: Every country or actor the article reports on, with the stance the deck
#: defends from the quoted text.
EXPECTED_STANCES = {
    "France": "leads",
    "United Kingdom": "supports",
    "Italy": "opposed",
    "Greece": "opposed",
    "Baltic states": "supports",
    "Poland": "opposed",
    "Czech Republic": "cautious",
    "United States": "opposed",
    "Russia": "hostile",
    "Ukraine": "supports",
}

#: What a 100x30 terminal shows on one line: the points column holds about
#: 79 characters and the reactions matrix's position column about 34.
MAX_POINT_CHARS = 80
MAX_SUMMARY_CHARS = 36


@pytest.fixture(scope="module")
def deck() -> Deck:
    """The bundled deck, loaded once for the module."""
    return load_deck(DECK_PATH)


@pytest.fixture(scope="module")
def verification(deck: Deck):
    """The verifier's full report on the bundled deck."""
    return Verifier(deck).verify_all()


def _slide(deck: Deck, title: str):
    matches = [slide for slide in deck.slides if slide.title == title]
    assert len(matches) == 1, f"expected one slide titled {title!r}"
    return matches[0]


def test_every_slide_has_speaker_notes(deck: Deck) -> None:
    missing = [slide.title for slide in deck.slides if not slide.notes.strip()]
    assert missing == []


def test_reactions_cover_every_actor_in_the_article(deck: Deck) -> None:
    reactions = [
        item
        for slide in deck.slides
        if slide.kind == "reactions"
        for item in slide.items
        if isinstance(item, Reaction)
    ]
    stances = {reaction.country: reaction.stance for reaction in reactions}
    assert stances == EXPECTED_STANCES
    assert all(reaction.stance in STANCES for reaction in reactions)
    assert all(reaction.quote for reaction in reactions), "each row shows its quote"


def test_at_least_six_obstacles(deck: Deck) -> None:
    obstacles = _slide(deck, "Obstacles")
    facts = [item for item in obstacles.items if isinstance(item, Point) and not item.judgement]
    assert len(facts) >= 6


def test_no_problems(verification) -> None:
    assert [str(problem) for problem in verification.problems] == []


def test_every_citation_is_verified(deck: Deck, verification) -> None:
    assert set(verification.results) == {c.path for c in deck.citations}
    assert len(deck.citations) > 0
    unverified = [
        (path, result.status, result.message)
        for path, result in verification.results.items()
        if result.status != "verified"
    ]
    assert unverified == []


def test_every_item_is_cited_or_a_grounded_judgement(deck: Deck) -> None:
    for slide in deck.slides:
        for item in slide.items:
            if item.judgement:
                assert item.rests_on, f"{item.path}: judgement rests on nothing"
                assert all(ref in deck.items_by_id for ref in item.rests_on), item.path
            else:
                assert item.citations, f"{item.path}: no citation"


def test_coverage_of_the_article(verification) -> None:
    cited, paragraphs = verification.coverage["article"]
    assert paragraphs == 21
    assert cited >= 0.9 * paragraphs


def test_seed_hash_matches_the_deck(deck: Deck) -> None:
    source = deck.source("article")
    assert source is not None
    digest = hashlib.sha256(SEED_PATH.read_bytes()).hexdigest()
    assert source.sha256 == digest


def test_source_invents_no_metadata(deck: Deck) -> None:
    """The article names no publisher, author, url or year: neither may the deck."""
    source = deck.source("article")
    assert source is not None
    assert (source.publisher, source.url, source.date) == ("", "", "")
    assert source.title


def test_texts_fit_a_small_terminal(deck: Deck) -> None:
    for slide in deck.slides:
        for item in slide.items:
            if isinstance(item, Point):
                assert len(item.text) <= MAX_POINT_CHARS, item.text
            if isinstance(item, Reaction):
                assert len(item.summary) <= MAX_SUMMARY_CHARS, item.summary
