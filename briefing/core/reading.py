"""Where a reader is in a deck, and what each reading key does to it.

Plain Python, no Textual: the deck screen maps its keys to one
:class:`Reader` and redraws what the returned :class:`Change` names, so the
rules (clamping, ``g g``, ``12 G``, the order items are shown in) can be
tested without a terminal and shared by any view that walks a deck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import Flag, auto
from typing import NamedTuple

from briefing.core.model import Item, Slide
from briefing.core.order import item_order

#: Digits a typed slide number keeps (the last ones typed).
MAX_DIGITS = 4


class Change(Flag):
    """What a call changed, so that a view redraws only that."""

    NONE = 0
    #: The keys typed towards a longer command (digits, a first ``g``).
    TYPED = auto()
    #: The highlighted item.
    ITEM = auto()
    #: A slide was gone to (perhaps the one already shown): the view shows it afresh.
    MOVE = auto()
    #: Another slide than before is shown.
    SLIDE = auto()
    #: An item of a ``reveal`` slide was shown or hidden (the slide redraws; comes with ``ITEM``).
    REVEAL = auto()


class Edges(NamedTuple):
    """Which ends the reader is at: the keys that would do nothing there."""

    at_first: bool
    at_last: bool
    item_first: bool
    item_last: bool


class Reader:
    """The slide shown, its highlighted item and the keys typed so far.

    ``item`` is an index into the slide's ``items`` (``None``: the slide has
    none); moving it follows :func:`~briefing.core.order.item_order`, the
    order the slide shows its items in. Every index given is clamped to the
    deck, so no call can leave the reader outside it.
    """

    def __init__(self, slides: Sequence[Slide], start: int = 0) -> None:
        if not slides:
            raise ValueError("a deck to read needs at least one slide")
        self._slides = slides
        self._index = self._clamp(start)
        self._order = item_order(slides[self._index])
        self._item = self._order[0] if self._order else None
        self._pending = ""
        self._pending_g = False
        # Items shown so far on a ``reveal`` slide (a prefix, in the order written); None: all.
        self._revealed: int | None = None
        self._partials: dict[tuple[int, int], Slide] = {}

    # What is shown -------------------------------------------------------

    @property
    def slides(self) -> Sequence[Slide]:
        """The deck's slides."""
        return self._slides

    @property
    def slide_count(self) -> int:
        """How many slides the deck has."""
        return len(self._slides)

    @property
    def index(self) -> int:
        """The slide shown (0: the first)."""
        return self._index

    @property
    def slide(self) -> Slide:
        """The slide shown."""
        return self._slides[self._index]

    @property
    def shown_slide(self) -> Slide:
        """The slide as shown: on a ``reveal`` slide, only the items revealed so far.

        The same object for the same state (views cache by identity); its
        items are a prefix of the slide's, so item indexes stay valid.
        """
        if self._revealed is None:
            return self.slide
        key = (self._index, self._revealed)
        partial = self._partials.get(key)
        if partial is None:
            if len(self._partials) > 64:
                self._partials.clear()
            partial = self._partials[key] = replace(self.slide, items=self.slide.items[: self._revealed])
        return partial

    @property
    def revealed(self) -> int | None:
        """How many items a ``reveal`` slide shows so far (``None``: all of them)."""
        return self._revealed

    @property
    def item(self) -> int | None:
        """The highlighted item's index in ``slide.items`` (``None`` on a slide without items)."""
        return self._item

    @property
    def current_item(self) -> Item | None:
        """The highlighted item itself."""
        return None if self._item is None else self.slide.items[self._item]

    @property
    def order(self) -> list[int]:
        """The slide's item indexes in the order it shows them (a copy)."""
        return list(self._order)

    @property
    def pending(self) -> str:
        """The digits of a slide number typed so far (``""``: none)."""
        return self._pending

    @property
    def pending_g(self) -> bool:
        """Whether a first ``g`` waits for the second."""
        return self._pending_g

    @property
    def typed(self) -> str:
        """What the keys typed so far mean, for a status line: ``go to 12…``, ``g…`` or ``""``."""
        if self._pending:
            return f"go to {self._pending}…"
        return "g…" if self._pending_g else ""

    def first_item(self, index: int) -> int | None:
        """The item slide ``index`` highlights when it is gone to (``None``: it has none)."""
        order = item_order(self._slides[index])
        return order[0] if order else None

    def edges(self) -> Edges:
        """Which ends the reader is at (a slide without items is at both item ends)."""
        order = self._order
        hidden = self._revealed is not None and self._revealed < len(self.slide.items)
        return Edges(
            at_first=self._index == 0 and not self._revealed,
            at_last=self._index == len(self._slides) - 1 and not hidden,
            item_first=not order or self._item == order[0],
            item_last=not order or self._item == order[-1],
        )

    # Moving ----------------------------------------------------------------

    def go(self, index: int, item: int | None = None) -> Change:
        """Show slide ``index`` (clamped), highlighting ``item`` if it is one of its items, else the first.

        Keys typed so far stay: going to a slide from elsewhere (the palette,
        the overview) is not a key of the command being typed.
        """
        index = self._clamp(index)
        change = Change.MOVE
        if index != self._index:
            change |= Change.SLIDE
            self._index = index
            self._order = item_order(self._slides[index])
        elif self._revealed is not None:
            change |= Change.REVEAL
            self._order = item_order(self._slides[index])
        self._revealed = None  # a slide gone to is shown whole
        items = len(self._slides[index].items)
        chosen = item if item is not None and 0 <= item < items else None
        new_item = chosen if chosen is not None else (self._order[0] if self._order else None)
        if new_item != self._item:
            change |= Change.ITEM
            self._item = new_item
        return change

    def select(self, item: int) -> Change:
        """Highlight ``item`` on the slide shown (ignored if it has no such item)."""
        if item == self._item or not 0 <= item < len(self.slide.items):
            return Change.NONE
        self._item = item
        return Change.ITEM

    def next_slide(self) -> Change:
        """The next slide (the last stays); on a ``reveal`` slide, first its next hidden item.

        Paging forward onto a ``reveal`` slide shows it without its items.
        """
        change = self.cancel()
        items = len(self.slide.items)
        if self._revealed is not None and self._revealed < items:
            return change | self._reveal(self._revealed + 1)
        change |= self.go(self._index + 1)
        if Change.SLIDE in change and self.slide.reveal and self.slide.items:
            change |= self._reveal(0)
        return change

    def previous_slide(self) -> Change:
        """The previous slide (the first stays, whole); on a ``reveal`` slide, first hide its last item."""
        change = self.cancel()
        if self._revealed:
            return change | self._reveal(self._revealed - 1)
        return change | self.go(self._index - 1)

    def _reveal(self, count: int) -> Change:
        """Show the first ``count`` items of the slide; highlight the last one shown."""
        self._revealed = count
        self._order = [i for i in item_order(self.slide) if i < count]
        self._item = count - 1 if count else None
        return Change.ITEM | Change.REVEAL

    def first_slide(self) -> Change:
        """The first slide."""
        return self.cancel() | self.go(0)

    def last_slide(self) -> Change:
        """The last slide."""
        return self.cancel() | self.go(len(self._slides) - 1)

    def step_item(self, delta: int) -> Change:
        """Move the highlight ``delta`` items on in the shown order (negative: back), stopping at the ends."""
        change = self.cancel()
        order = self._order
        if not order:
            return change
        here = order.index(self._item) if self._item in order else 0
        return change | self.select(order[max(0, min(here + delta, len(order) - 1))])

    # Keys of longer commands -------------------------------------------------

    def digit(self, digit: int) -> Change:
        """Type a digit of a slide number (a first ``g`` is dropped)."""
        self._pending_g = False
        self._pending = (self._pending + str(digit))[-MAX_DIGITS:]
        return Change.TYPED

    def g(self) -> Change:
        """``g``: the second of ``g g`` goes to the first slide; a first one waits."""
        if self._pending_g:
            return self.first_slide()
        change = self.cancel()
        self._pending_g = True
        return change | Change.TYPED

    def big_g(self) -> Change:
        """``G``: slide N after typing N, else the last slide."""
        number = self._number()
        change = self.cancel()
        return change | self.go(len(self._slides) - 1 if number is None else number - 1)

    def enter(self) -> Change:
        """``Enter`` after a number goes to that slide (:attr:`Change.MOVE`).

        Without one it only forgets a first ``g``; what else ``Enter`` does
        (open the highlighted item) is the view's.
        """
        number = self._number()
        change = self.cancel()
        return change if number is None else change | self.go(number - 1)

    def cancel(self) -> Change:
        """Forget the keys typed so far (:attr:`Change.TYPED` if there were any)."""
        if not (self._pending or self._pending_g):
            return Change.NONE
        self._pending, self._pending_g = "", False
        return Change.TYPED

    # Another deck ------------------------------------------------------------

    def reseat(self, slides: Sequence[Slide], index: int | None = None, item: int | None = None) -> Change:
        """Read ``slides`` instead (a reloaded deck), keeping the place where it can.

        The slide is ``index`` when the caller found it again, else found by
        its id, else by its position (clamped); the highlight is ``item``
        when given, else found by the item's id, else by its place in the
        shown order. Keys typed so far stay.
        """
        if not slides:
            raise ValueError("a deck to read needs at least one slide")
        old_slide, old_item = self.slide, self.current_item
        old_place = self._order.index(self._item) if self._item in self._order else 0
        same = [i for i, slide in enumerate(slides) if old_slide.id and slide.id == old_slide.id]
        if index is None:
            index = same[0] if same else self._index
        self._slides = slides
        self._index = self._clamp(index)
        self._revealed = None
        self._partials.clear()
        self._order = item_order(slides[self._index])
        items = slides[self._index].items
        old_id = old_item.id if old_item is not None else ""
        by_id = [i for i in self._order if old_id and items[i].id == old_id]
        if item is not None and 0 <= item < len(items):
            self._item = item
        elif by_id:
            self._item = by_id[0]
        elif self._order:
            self._item = self._order[min(old_place, len(self._order) - 1)]
        else:
            self._item = None
        return Change.MOVE | Change.SLIDE | Change.ITEM

    def _number(self) -> int | None:
        """The slide number typed so far, if any."""
        return int(self._pending) if self._pending else None

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self._slides) - 1))
