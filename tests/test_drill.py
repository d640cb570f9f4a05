"""The drill index: which passages the deck cites, in what order, by whom.

``n``/``N`` in the source view and ``Enter`` back to a slide rest entirely
on :mod:`briefing.core.drill`, so its order, its wrap-around and its answer to
"who cites this passage" are pinned here against the fixture deck
``tests/data/drill`` (real loader, real verifier) and a few hand-built
cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.drill import DrillIndex, backings, item_label, item_position
from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck, Point, Slide, Source
from briefing.core.verify import CitationResult, Verifier

DECK_PATH = Path(__file__).parent / "data" / "drill" / "decks" / "drill.yaml"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_PATH)


@pytest.fixture(scope="module")
def verifier(deck: Deck) -> Verifier:
    return Verifier(deck)


@pytest.fixture(scope="module")
def index(deck: Deck, verifier: Verifier) -> DrillIndex:
    return DrillIndex(deck, verifier)


def passage_of(verifier: Verifier, deck: Deck, slide: int, item: int, cite: int = 0) -> tuple[int, int]:
    result = verifier.result(deck.slides[slide].items[item].citations[cite])
    assert result.start is not None and result.end is not None
    return result.start, result.end


def test_entries_are_every_verified_citation_sorted_by_source_then_offset(
    deck: Deck, verifier: Verifier, index: DrillIndex
) -> None:
    verified = [c for c in deck.citations if verifier.result(c).verified]
    assert len(index.entries) == len(verified) == len(deck.citations) - 1
    rank = {"harbour": 0, "notes": 1}
    keys = [(rank[e.source_id], e.start, e.end) for e in index.entries]
    assert keys == sorted(keys)
    assert index.entries[0].source_id == "harbour"
    assert index.entries[-1].source_id == "notes"
    for entry in index.entries:
        item = deck.slides[entry.slide_index].items[entry.item_index]
        assert entry.item_path == item.path
        citation = item.citations[entry.citation_index]
        assert (verifier.result(citation).start, verifier.result(citation).end) == entry.span


def test_the_index_verifies_only_the_sources_it_is_asked_about(deck: Deck, verifier: Verifier) -> None:
    asked: list[str] = []

    class Counting:
        def result(self, citation: Citation) -> CitationResult:
            asked.append(citation.source_id)
            return verifier.result(citation)

    index = DrillIndex(deck, Counting())
    assert asked == []
    index.spans("notes")
    index.citing("notes", 0, 1)
    assert set(asked) == {"notes"} and len(asked) == 3
    len(index)
    assert len(asked) == len(deck.citations)


def test_the_unverifiable_quote_is_not_a_passage(deck: Deck, index: DrillIndex) -> None:
    assert deck.slides[1].items[3].path not in {e.item_path for e in index.entries}


def test_a_passage_cited_twice_counts_once_and_lists_both_items(
    deck: Deck, verifier: Verifier, index: DrillIndex
) -> None:
    span = passage_of(verifier, deck, 0, 1)
    assert span == passage_of(verifier, deck, 3, 0)
    citing = index.citing("harbour", *span)
    assert [(e.slide_index, e.item_index) for e in citing] == [(0, 1), (3, 0)]
    assert len(index) == len(index.entries) - 1
    assert index.spans("harbour").count(span) == 1


def test_citing_an_uncited_span_is_empty(index: DrillIndex) -> None:
    assert index.citing("harbour", 0, 5) == ()
    assert index.number("harbour", 0, 5) == 0


def test_step_forward_visits_every_passage_once_then_wraps(index: DrillIndex) -> None:
    position = ("harbour", -1, -1)
    seen = []
    for _ in range(len(index) + 1):
        passage = index.step(*position)
        position = (passage[0].source_id, passage[0].start, passage[0].end)
        seen.append(position)
    assert len(set(seen[:-1])) == len(index)
    assert seen[-1] == seen[0]
    # Numbers count within a source: 1..n in `harbour`, then 1..m in `notes`.
    harbour, notes = index.count("harbour"), index.count("notes")
    assert harbour + notes == len(index)
    assert [index.number(*p) for p in seen[:-1]] == [*range(1, harbour + 1), *range(1, notes + 1)]


def test_step_backward_is_forward_reversed(index: DrillIndex) -> None:
    forward = []
    position = ("harbour", -1, -1)
    for _ in range(len(index)):
        passage = index.step(*position)
        position = (passage[0].source_id, passage[0].start, passage[0].end)
        forward.append(position)
    backward = []
    for _ in range(len(index)):
        passage = index.step(*position, forward=False)
        position = (passage[0].source_id, passage[0].start, passage[0].end)
        backward.append(position)
    # Backward from the last passage: all the others in reverse, then the last again.
    assert backward == [*forward[-2::-1], forward[-1]]


def test_step_crosses_from_one_source_to_the_next(index: DrillIndex) -> None:
    last_harbour = index.spans("harbour")[-1]
    passage = index.step("harbour", *last_harbour)
    assert passage[0].source_id == "notes"
    assert passage[0].span == index.spans("notes")[0]
    back = index.step("notes", *passage[0].span, forward=False)
    assert back[0].span == last_harbour


def test_step_from_a_position_that_is_not_a_passage(
    deck: Deck, verifier: Verifier, index: DrillIndex
) -> None:
    result = verifier.result(deck.slides[1].items[3].citations[0])
    assert result.status == "not_found" and result.near_start is not None
    position = ("harbour", result.near_start, result.near_end or result.near_start)
    later = [span for span in index.spans("harbour") if span[0] > result.near_start]
    earlier = [span for span in index.spans("harbour") if span[0] < result.near_start]
    # ¶11 comes after every passage the deck cites in `harbour`: next is `notes`.
    assert later == []
    assert index.step(*position)[0].span == index.spans("notes")[0]
    assert index.step(*position, forward=False)[0].span == earlier[-1]


def test_step_in_a_deck_without_verified_passages_is_empty() -> None:
    source = Source("s", "s.txt")
    citation = Citation("s", "nowhere", path="slides[0].points[0].cite[0]")
    deck = Deck(
        "d",
        (Slide("points", "S", (Point("p", citations=(citation,), path="slides[0].points[0]"),)),),
        (source,),
    )

    class Nothing:
        def result(self, c: Citation) -> CitationResult:
            return CitationResult(c, "not_found")

    index = DrillIndex(deck, Nothing())
    assert len(index) == 0
    assert index.step("s", -1, -1) == ()
    assert index.ordinal(citation) == 1 and index.citation_count == 1


def test_ordinal_is_reading_order(deck: Deck, index: DrillIndex) -> None:
    citations = deck.citations
    assert [index.ordinal(c) for c in citations] == list(range(1, len(citations) + 1))
    assert index.citation_count == len(citations) == 18


def test_backings_of_an_item_with_several_citations(deck: Deck) -> None:
    found = backings(deck, 1, 0)
    assert [b.citation_index for b in found] == [0, 1, 2]
    assert all((b.slide_index, b.item_index, b.via_judgement) == (1, 0, False) for b in found)


def test_backings_of_a_judgement_are_what_it_rests_on(deck: Deck) -> None:
    judgement = deck.slides[1].items[4]
    assert judgement.judgement and judgement.rests_on == ("wall", "promenade")
    found = backings(deck, 1, 4)
    assert [(b.slide_index, b.item_index, b.citation_index) for b in found] == [
        (1, 0, 0),
        (1, 0, 1),
        (1, 0, 2),
        (1, 1, 0),
    ]
    assert all(b.via_judgement for b in found)


def test_backings_follow_judgements_on_judgements_once() -> None:
    cite = Citation("s", "words", path="slides[0].points[0].cite[0]")
    base = Point("base", citations=(cite,), id="a", path="slides[0].points[0]")
    middle = Point("mid", id="b", judgement=True, rests_on=("a", "c"), path="slides[0].points[1]")
    top = Point("top", id="c", judgement=True, rests_on=("b",), path="slides[0].points[2]")
    deck = Deck(
        "d",
        (Slide("points", "S", (base, middle, top)),),
        (Source("s", "s.txt"),),
        items_by_id={"a": base, "b": middle, "c": top},
    )
    found = backings(deck, 0, 2)
    assert [(b.slide_index, b.item_index) for b in found] == [(0, 0)]


def test_item_position_and_label(deck: Deck) -> None:
    assert item_position("slides[2].reactions[3]") == (2, 3)
    assert item_position("slides[2].reactions[3].cite[0]") is None
    assert item_label(deck, 1, 0) == "The plan › 1"
