"""The numbers drawn for a judgement's grounds, held to the simple walk over every slide.

``marks`` finds a ground's slide through a map built once and orders only
the slides asked about; the reference here numbers every item of every
slide, as the viewer did before. Both must draw the same ``3 (slide 4)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate_large
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.model import Deck, Item, Point, Reaction, Slide
from briefing.core.order import item_order
from briefing.widgets import marks
from briefing.widgets.marks import rests_on, rests_on_labels

KINDS_DECK = Path(__file__).parent / "data" / "kinds" / "decks" / "kinds.yaml"


def _reference(item: Item, deck: Deck) -> list[tuple[str, Item | None, str]]:
    """The old way: number every item of every slide, then look the grounds up."""
    positions = {
        id(slide.items[index]): (number, position)
        for number, slide in enumerate(deck.slides, start=1)
        for position, index in enumerate(item_order(slide), start=1)
    }
    here = positions.get(id(item), (0, 0))[0]
    grounds = []
    for item_id, target in deck.grounds(item):
        number = "?"
        if target is not None and id(target) in positions:
            slide, position = positions[id(target)]
            number = str(position) if slide == here else f"{position} (slide {slide})"
        grounds.append((item_id, target, number))
    return grounds


def _reference_rests_on(item: Item, deck: Deck) -> list[str]:
    return [number if target is not None else item_id for item_id, target, number in _reference(item, deck)]


def _reference_labels(item: Item, deck: Deck) -> list[str]:
    return [
        f"{number} {target.label}" if target is not None else item_id
        for item_id, target, number in _reference(item, deck)
    ]


def _assert_same(deck: Deck) -> int:
    """Every item of ``deck`` drawn alike both ways; how many judgements were compared."""
    judgements = 0
    for slide in deck.slides:
        for item in slide.items:
            assert rests_on(item, deck) == _reference_rests_on(item, deck), item.path
            assert rests_on_labels(item, deck) == _reference_labels(item, deck), item.path
            judgements += bool(item.rests_on)
    return judgements


def _cross_slide_deck() -> Deck:
    """Grounds on other slides, a reactions slide (stance order), an item on no slide, one on two."""
    hostile = Reaction("Hostile", "no", "hostile", "against", id="hostile")
    leads = Reaction("Leads", "yes", "leads", "for", id="leads")
    shared = Point("Shared", id="shared")
    orphan = Point("Orphan", id="orphan")
    judgement = Point("Reading", judgement=True, rests_on=("hostile", "leads", "shared", "orphan", "near"))
    near = Point("Near", id="near")
    slides = (
        Slide("points", "One", (near, judgement)),
        Slide("reactions", "Two", (hostile, leads)),
        Slide("points", "Three", (shared,)),
        Slide("points", "Four", (Point("Filler"), shared)),
    )
    by_id = {i.id: i for i in (hostile, leads, shared, orphan, near)}
    return Deck("Cross", slides, (), items_by_id=by_id)


def test_bundled_deck_grounds_as_before() -> None:
    assert _assert_same(load_deck(bundled_deck())) > 0


def test_kinds_deck_grounds_as_before() -> None:
    assert _assert_same(load_deck(KINDS_DECK)) > 0


def test_generated_deck_grounds_as_before(tmp_path: Path) -> None:
    deck = load_deck(generate_large(tmp_path, slides=60, citations=150, sources=3, source_kb=2))
    assert _assert_same(deck) > 0


def test_cross_slide_grounds_as_before() -> None:
    deck = _cross_slide_deck()
    judgement = deck.slides[0].items[1]
    assert rests_on(judgement, deck) == ["2 (slide 2)", "1 (slide 2)", "2 (slide 4)", "?", "1"]
    assert _assert_same(deck) == 1


@pytest.mark.parametrize("kind", ["title", "points"])
def test_first_screen_orders_only_the_slides_it_shows(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A judgement's grounds order its own slide and theirs, never every slide of the deck."""
    ordered: list[str] = []

    def counting(slide: Slide) -> list[int]:
        ordered.append(slide.title)
        return item_order(slide)

    monkeypatch.setattr(marks, "item_order", counting)
    deck = _cross_slide_deck()
    many = deck.slides + tuple(Slide(kind, f"Extra {n}", (Point(f"x{n}"),)) for n in range(50))
    deck = Deck(deck.title, many, (), items_by_id=deck.items_by_id)
    rests_on(deck.slides[0].items[1], deck)
    assert sorted(ordered) == ["Four", "One", "Two"]
    assert rests_on(deck.slides[1].items[0], deck) == []
    assert sorted(ordered) == ["Four", "One", "Two"]
