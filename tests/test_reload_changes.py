"""The notice a reload shows: what changed between two versions of a deck (core.changes)."""

from __future__ import annotations

import dataclasses

from briefing.core.changes import DeckChanges, SlideChange, compare, follow, follow_item
from briefing.core.model import Citation, Location, Point, Slide


def _point(text: str, quote: str = "q", item_id: str = "", line: int = 1) -> Point:
    cite = Citation("a", quote, location=Location(line, 5))
    return Point(text=text, citations=(cite,), id=item_id, location=Location(line, 3))


def _slide(*items: Point, title: str = "T", slide_id: str = "") -> Slide:
    return Slide("points", title, items=items, id=slide_id)


def _good(citation: Citation) -> bool:
    return citation.quote != "bad"


def test_no_change_when_only_lines_moved() -> None:
    old = [_slide(_point("one", line=3), _point("two", line=5))]
    new = [_slide(_point("one", line=13), _point("two", line=15))]
    changes = compare(old, new, _good, _good)
    assert not changes
    assert changes.summary() == "no change to the slides"


def test_changed_items_and_a_citation_now_failing() -> None:
    old = [_slide(_point("a")), _slide(_point("b"), _point("c"), _point("d"))]
    new = [_slide(_point("a")), _slide(_point("B"), _point("c", quote="bad"), _point("d"))]
    changes = compare(old, new, _good, _good)
    assert changes.slides == (SlideChange(2, changed=2, now_failing=1),)
    assert changes.summary() == "slide 2: 2 items changed, 1 citation now ✗"


def test_citation_fixed_counts_as_now_verified() -> None:
    old = [_slide(_point("a", quote="bad"))]
    new = [_slide(_point("a", quote="good"))]
    assert compare(old, new, _good, _good).summary() == "slide 1: 1 item changed, 1 citation now ✓"


def test_items_matched_by_id_across_a_reorder() -> None:
    old = [_slide(_point("x", item_id="x"), _point("y", item_id="y"))]
    new = [_slide(_point("y", item_id="y"), _point("x", item_id="x"))]
    assert not compare(old, new, _good, _good)


def test_added_and_removed_items_and_slides() -> None:
    old = [_slide(_point("a"), _point("b", item_id="b")), _slide(title="gone", slide_id="gone")]
    new = [_slide(_point("a"), _point("c", item_id="c"), _point("new", quote="bad", item_id="n"))]
    changes = compare(old, new, _good, _good)
    # What is left unpaired is paired in order: "b" became "c", "n" is new.
    assert changes.slides == (SlideChange(1, changed=1, added=1, now_failing=1),)
    assert changes.removed_slides == 1 and changes.added_slides == 0
    assert changes.summary() == "slide 1: 1 item changed, 1 item added, 1 citation now ✗; 1 slide removed"


def test_removed_items_are_counted() -> None:
    old = [_slide(_point("a"), _point("b"), _point("c"))]
    new = [_slide(_point("a"), _point("c"))]
    assert compare(old, new, _good, _good).summary() == "slide 1: 1 item removed"


def test_follow_finds_a_slide_and_an_item_again() -> None:
    first, second = _slide(title="One"), _slide(_point("x"), _point("y"), _point("z"), title="Two")
    inserted = _slide(title="New")
    moved = _slide(_point("new"), _point("x"), _point("y!"), _point("z"), title="Two")
    old, new = [first, second], [inserted, first, moved]
    assert follow(old, 1, new) == 2  # by kind and title, not by position
    assert follow(old, 0, new) == 1
    assert follow(old, 1, [first]) is None
    assert follow_item(second, 0, moved) == 1  # by what it says
    assert follow_item(second, 1, moved) == 2  # reworded: the one left in its place
    assert follow_item(second, None, moved) is None
    with_ids = _slide(_point("b", item_id="b"), _point("a", item_id="a"))
    assert follow_item(_slide(_point("a", item_id="a")), 0, with_ids) == 1


def test_a_source_edit_flips_unchanged_items_only_when_sources_changed() -> None:
    slides = [_slide(_point("a"))]

    def now(citation: Citation) -> bool:
        return False

    assert not compare(slides, slides, _good, now)
    changes = compare(slides, slides, _good, now, sources_changed=True)
    assert changes.summary() == "slide 1: 1 citation now ✗"


def test_retitled_slide_and_long_lists_are_cut() -> None:
    old = [_slide(title=str(n)) for n in range(6)]
    new = [dataclasses.replace(s, title=s.title + "!") for s in old]
    summary = compare(old, new, _good, _good).summary()
    assert summary.startswith("slide 1: title changed; slide 2: title changed; slide 3: title changed;")
    assert summary.endswith("3 more slides changed")
    assert DeckChanges().summary() == "no change to the slides"
