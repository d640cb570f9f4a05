"""The reading state on its own: moves, clamping, ``g g``, typed numbers, and what each call reports.

No app and no Pilot: the deck screen only maps keys to these calls, so the
rules are checked here, on slides built in the test.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefing.core.model import Point, Reaction, Slide
from briefing.core.reading import MAX_DIGITS, Change, Edges, Reader


def points(title: str, count: int, slide_id: str = "", ids: tuple[str, ...] = ()) -> Slide:
    """A points slide with ``count`` points (ids from ``ids``, if given)."""
    items = tuple(Point(f"{title} {n}", id=ids[n] if ids else "") for n in range(count))
    return Slide(kind="points", title=title, items=items, id=slide_id)


def reaction(country: str, stance: str) -> Reaction:
    return Reaction(country, "government", stance, "said something")


#: Listed out of stance order: shown as France, Italy, Spain, Poland, Hungary.
REACTIONS = Slide(
    kind="reactions",
    title="Reactions",
    items=(
        reaction("Poland", "opposed"),
        reaction("France", "leads"),
        reaction("Italy", "supports"),
        reaction("Hungary", "hostile"),
        reaction("Spain", "cautious"),
    ),
)
SHOWN = [1, 2, 4, 0, 3]


def deck(slides: int = 5) -> list[Slide]:
    """A title slide without items, then points slides of three points, then the reactions."""
    middle = [points(f"Slide {n}", 3) for n in range(1, slides - 1)]
    return [Slide(kind="title", title="Title"), *middle, REACTIONS]


# Where it starts -------------------------------------------------------------


@pytest.mark.parametrize(("start", "index"), [(0, 0), (2, 2), (4, 4), (99, 4), (-3, 0)])
def test_start_is_clamped_to_the_deck(start: int, index: int) -> None:
    assert Reader(deck(), start).index == index


def test_a_deck_without_slides_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one slide"):
        Reader([])


def test_the_first_shown_item_is_highlighted() -> None:
    assert Reader(deck(), 0).item is None  # the title slide has no items
    assert Reader(deck(), 1).item == 0
    reader = Reader(deck(), 4)
    assert reader.item == 1  # France leads, though listed second
    assert reader.current_item == REACTIONS.items[1]
    assert reader.slide is REACTIONS
    assert reader.order == SHOWN


def test_order_is_a_copy() -> None:
    reader = Reader(deck(), 4)
    reader.order.reverse()
    assert reader.order == SHOWN


# Slides ----------------------------------------------------------------------


def test_next_and_previous_move_one_slide_and_stop_at_the_ends() -> None:
    reader = Reader(deck(), 0)
    seen = []
    for _ in range(6):
        reader.next_slide()
        seen.append(reader.index)
    assert seen == [1, 2, 3, 4, 4, 4]
    for _ in range(6):
        reader.previous_slide()
        seen.append(reader.index)
    assert seen[6:] == [3, 2, 1, 0, 0, 0]


def test_first_and_last() -> None:
    reader = Reader(deck(), 2)
    assert reader.last_slide() == Change.MOVE | Change.SLIDE | Change.ITEM
    assert reader.index == 4
    reader.first_slide()
    assert reader.index == 0


def test_a_move_reports_whether_the_slide_changed() -> None:
    reader = Reader(deck(), 3)
    assert reader.next_slide() == Change.MOVE | Change.SLIDE | Change.ITEM
    assert reader.next_slide() == Change.MOVE  # clamped: the same slide, the same item
    reader.previous_slide()
    assert reader.previous_slide() == Change.MOVE | Change.SLIDE  # item 0 on both points slides


def test_a_move_highlights_the_slides_first_shown_item_again() -> None:
    reader = Reader(deck(), 4)
    reader.step_item(2)
    assert reader.item == 4
    assert reader.next_slide() == Change.MOVE | Change.ITEM  # at the end: the same slide, from its top
    assert reader.item == 1


def test_go_clamps_and_takes_a_chosen_item() -> None:
    reader = Reader(deck(), 0)
    assert reader.go(2, 2) == Change.MOVE | Change.SLIDE | Change.ITEM
    assert (reader.index, reader.item) == (2, 2)
    reader.go(99, 3)
    assert (reader.index, reader.item) == (4, 3)
    reader.go(-1)
    assert (reader.index, reader.item) == (0, None)


@pytest.mark.parametrize("item", [None, -1, 3, 50])
def test_go_with_no_such_item_highlights_the_first(item: int | None) -> None:
    reader = Reader(deck(), 4)
    reader.go(2, item)
    assert reader.item == 0


def test_go_keeps_the_keys_typed() -> None:
    reader = Reader(deck(), 0)
    reader.digit(3)
    reader.go(2)
    assert reader.pending == "3"


# Items -----------------------------------------------------------------------


def test_step_item_follows_the_shown_order_of_reactions() -> None:
    reader = Reader(deck(), 4)
    visited = [reader.item]
    for _ in range(len(SHOWN) + 2):
        reader.step_item(1)
        visited.append(reader.item)
    assert visited == [*SHOWN, SHOWN[-1], SHOWN[-1], SHOWN[-1]]
    reader.step_item(-2)
    assert reader.item == SHOWN[-3]
    reader.step_item(-100)
    assert reader.item == SHOWN[0]


def test_step_item_reports_a_move_and_nothing_at_an_end() -> None:
    reader = Reader(deck(), 1)
    assert reader.step_item(1) == Change.ITEM
    assert reader.step_item(10) == Change.ITEM
    assert reader.item == 2
    assert reader.step_item(1) == Change.NONE


def test_step_item_on_a_slide_without_items_does_nothing() -> None:
    reader = Reader(deck(), 0)
    assert reader.step_item(1) == Change.NONE
    assert reader.item is None


def test_select_highlights_an_item_and_ignores_no_such_item() -> None:
    reader = Reader(deck(), 1)
    assert reader.select(2) == Change.ITEM
    assert reader.item == 2
    assert reader.select(2) == Change.NONE
    assert reader.select(3) == Change.NONE
    assert reader.select(-1) == Change.NONE
    assert reader.item == 2


# Edges -----------------------------------------------------------------------


def test_edges_at_the_first_and_last_slide() -> None:
    reader = Reader(deck(), 0)
    assert reader.edges() == Edges(at_first=True, at_last=False, item_first=True, item_last=True)
    reader.next_slide()
    assert reader.edges() == Edges(at_first=False, at_last=False, item_first=True, item_last=False)
    reader.go(3)
    assert reader.edges()[:2] == (False, False)
    reader.next_slide()
    assert reader.edges()[:2] == (False, True)


def test_item_edges_follow_the_shown_order() -> None:
    reader = Reader(deck(), 4)
    assert (reader.edges().item_first, reader.edges().item_last) == (True, False)
    reader.select(4)  # Spain: the third row, the last listed
    assert (reader.edges().item_first, reader.edges().item_last) == (False, False)
    reader.select(3)  # Hungary: the last row, listed fourth
    assert (reader.edges().item_first, reader.edges().item_last) == (False, True)


def test_a_one_slide_deck_is_at_both_ends() -> None:
    reader = Reader([points("Only", 1)])
    assert reader.edges() == Edges(True, True, True, True)


# g g, G and typed numbers --------------------------------------------------------


def test_g_g_goes_to_the_first_slide_and_one_g_waits() -> None:
    reader = Reader(deck(), 3)
    assert reader.g() == Change.TYPED
    assert (reader.index, reader.pending_g, reader.typed) == (3, True, "g…")
    assert reader.g() == Change.TYPED | Change.MOVE | Change.SLIDE | Change.ITEM  # to the title: no item
    assert (reader.index, reader.pending_g, reader.typed) == (0, False, "")


def test_g_then_another_key_is_not_g_g() -> None:
    reader = Reader(deck(), 3)
    reader.g()
    assert reader.previous_slide() == Change.TYPED | Change.MOVE | Change.SLIDE
    assert not reader.pending_g
    reader.g()
    assert reader.index == 2
    assert reader.pending_g


def test_capital_g_goes_to_the_last_slide() -> None:
    reader = Reader(deck(), 1)
    assert reader.big_g() == Change.MOVE | Change.SLIDE | Change.ITEM
    assert reader.index == 4


@pytest.mark.parametrize("confirm", [Reader.big_g, Reader.enter])
def test_a_number_then_g_or_enter_goes_to_that_slide(confirm: Callable[[Reader], Change]) -> None:
    reader = Reader(deck(), 0)
    assert reader.digit(3) == Change.TYPED
    assert (reader.pending, reader.typed) == ("3", "go to 3…")
    assert confirm(reader) == Change.TYPED | Change.MOVE | Change.SLIDE | Change.ITEM
    assert (reader.index, reader.pending, reader.typed) == (2, "", "")


@pytest.mark.parametrize("confirm", [Reader.big_g, Reader.enter])
def test_digits_accumulate_and_the_number_is_clamped(confirm: Callable[[Reader], Change]) -> None:
    reader = Reader(deck(), 1)
    reader.digit(1)
    reader.digit(2)
    assert reader.pending == "12"
    confirm(reader)
    assert reader.index == 4
    reader.digit(0)
    confirm(reader)
    assert reader.index == 0


def test_only_the_last_digits_are_kept() -> None:
    reader = Reader(deck(), 0)
    for digit in [9, 9, 0, 0, 0, 2]:
        reader.digit(digit)
    assert reader.pending == "0002"[-MAX_DIGITS:]
    reader.enter()
    assert reader.index == 1


def test_enter_without_a_number_leaves_the_slide_to_the_view() -> None:
    reader = Reader(deck(), 1)
    assert reader.enter() == Change.NONE
    reader.g()
    assert reader.enter() == Change.TYPED  # forgets the first g, moves nothing
    assert (reader.index, reader.pending_g) == (1, False)


def test_a_digit_drops_a_first_g() -> None:
    reader = Reader(deck(), 3)
    reader.g()
    reader.digit(2)
    assert (reader.pending_g, reader.pending) == (False, "2")
    reader.g()  # a g after digits is a first g again, not g g
    assert (reader.index, reader.pending, reader.pending_g) == (3, "", True)


@pytest.mark.parametrize(
    "key",
    [
        Reader.next_slide,
        Reader.previous_slide,
        Reader.first_slide,
        Reader.last_slide,
        lambda reader: reader.step_item(1),
        Reader.cancel,
    ],
)
def test_other_keys_forget_typed_digits(key: Callable[[Reader], Change]) -> None:
    reader = Reader(deck(), 2)
    reader.digit(4)
    assert Change.TYPED in key(reader)
    assert (reader.pending, reader.typed) == ("", "")
    reader.big_g()  # with nothing pending: the last slide, not slide 4
    assert reader.index == 4


def test_cancel_reports_only_what_there_was_to_forget() -> None:
    reader = Reader(deck(), 2)
    assert reader.cancel() == Change.NONE
    reader.g()
    assert reader.cancel() == Change.TYPED
    assert not reader.pending_g


# Another deck ------------------------------------------------------------------


def test_reseat_finds_the_slide_and_item_again_by_id() -> None:
    before = [points("A", 2, "a"), points("B", 3, "b", ("x", "y", "z"))]
    reader = Reader(before, 1)
    reader.select(2)
    after = [points("New", 1), points("A", 2, "a"), points("B", 4, "b", ("w", "z", "x", "y"))]
    assert reader.reseat(after) == Change.MOVE | Change.SLIDE | Change.ITEM
    assert reader.slides is after
    assert (reader.index, reader.item) == (2, 1)


def test_reseat_without_ids_keeps_the_position_clamped() -> None:
    reader = Reader(deck(), 4)
    reader.step_item(3)  # the fourth row shown
    reader.digit(2)
    reader.reseat(deck(4))
    assert (reader.index, reader.item) == (3, SHOWN[3])
    assert reader.pending == "2"
    reader.reseat([points("Only", 2)])
    assert (reader.index, reader.item) == (0, 1)
    reader.reseat([Slide(kind="title", title="Bare")])
    assert (reader.index, reader.item) == (0, None)


def test_reseat_on_no_slides_is_refused_and_keeps_the_place() -> None:
    reader = Reader(deck(), 2)
    with pytest.raises(ValueError):
        reader.reseat([])
    assert reader.index == 2


# Incremental reveal ---------------------------------------------------------


def _reveal_slides() -> tuple[Slide, ...]:
    from briefing.core.model import Point

    points = tuple(Point(text=f"p{n}") for n in range(3))
    return (
        Slide("points", "Before", points),
        Slide("points", "Revealed", points, reveal=True),
        Slide("points", "After", points),
    )


def test_reveal_shows_items_one_at_a_time_then_moves_on() -> None:
    reader = Reader(_reveal_slides())
    change = reader.next_slide()
    assert Change.SLIDE in change
    assert (reader.index, reader.revealed, reader.item, reader.shown_slide.items) == (1, 0, None, ())
    for count in (1, 2, 3):
        change = reader.next_slide()
        assert change == Change.ITEM | Change.REVEAL
        assert (reader.index, reader.revealed, reader.item) == (1, count, count - 1)
        assert [p.text for p in reader.shown_slide.items] == [f"p{n}" for n in range(count)]  # type: ignore[union-attr]
        assert reader.order == list(range(count))
    reader.next_slide()
    assert (reader.index, reader.revealed) == (2, None)
    assert reader.shown_slide is reader.slide


def test_left_hides_the_last_item_and_going_back_shows_the_slide_whole() -> None:
    reader = Reader(_reveal_slides())
    reader.next_slide()
    reader.next_slide()
    reader.next_slide()
    assert reader.revealed == 2
    assert reader.previous_slide() == Change.ITEM | Change.REVEAL
    assert (reader.revealed, reader.item) == (1, 0)
    reader.previous_slide()
    assert (reader.index, reader.revealed, reader.item) == (1, 0, None)
    reader.previous_slide()
    assert (reader.index, reader.revealed) == (0, None)
    reader.last_slide()
    reader.previous_slide()  # back onto the reveal slide: whole
    assert (reader.index, reader.revealed, len(reader.shown_slide.items)) == (1, None, 3)


def test_going_to_a_reveal_slide_shows_it_whole_and_edges_count_hidden_items() -> None:
    slides = _reveal_slides()[:2]
    reader = Reader(slides)
    reader.next_slide()
    assert reader.edges().at_last is False  # items still to reveal on the last slide
    assert Change.REVEAL in reader.go(1)  # the palette, the overview, the search: whole
    assert reader.revealed is None and reader.shown_slide is reader.slide
    assert reader.edges().at_last is True
    assert reader.shown_slide is reader.shown_slide  # one object per state (views cache by identity)
