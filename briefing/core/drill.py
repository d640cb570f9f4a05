"""Drilling into sources: which passages a deck cites, in source order.

The source view lets a reader step from one cited passage to the next
(``n``/``N``) across the whole deck and jump back to the slide that cites
it. That needs an index of every *verified* citation sorted by where it
sits in its source, and the way back from a passage to the items citing
it. Both are plain data computed from a deck and a verifier, so they live
here, away from the UI (this module never imports Textual).
"""

from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from briefing.core.foreground import step_aside
from briefing.core.model import Citation, Deck, Item
from briefing.core.order import item_order

if TYPE_CHECKING:
    # Only for type checkers: building Protocol classes costs import time,
    # and this module is imported when the reader first presses Enter.

    class _Result(Protocol):
        """What the index reads of a verification result (read-only)."""

        @property
        def status(self) -> str: ...

        @property
        def start(self) -> int | None: ...

        @property
        def end(self) -> int | None: ...

    class _Verifier(Protocol):
        """What the index asks of :class:`briefing.core.verify.Verifier`."""

        def result(self, citation: Citation) -> _Result: ...


_ITEM_PATH = re.compile(r"^slides\[(\d+)\]\.\w+\[(\d+)\]$")


@dataclass(frozen=True)
class CitedPassage:
    """One verified citation, located in its source and in the deck.

    Attributes:
        source_id: the source the passage is in.
        start: offset of the passage's first character in the source text.
        end: offset just past its last character.
        slide_index: 0-based slide of the citing item.
        item_index: 0-based position of the item on its slide.
        citation_index: 0-based position of the citation in the item.
        item_path: where the item sits in the deck, e.g. ``slides[1].points[0]``.
    """

    source_id: str
    start: int
    end: int
    slide_index: int
    item_index: int
    citation_index: int
    item_path: str

    @property
    def span(self) -> tuple[int, int]:
        """The passage as ``(start, end)`` offsets."""
        return self.start, self.end


@dataclass(frozen=True)
class Backing:
    """A citation that backs an item, directly or through ``rests_on``.

    Attributes:
        slide_index: slide of the item that holds the citation.
        item_index: position of that item on its slide.
        citation_index: position of the citation in that item.
        citation: the citation itself.
        via_judgement: True when it was reached from a judgement's
            ``rests_on`` rather than cited by the item itself.
    """

    slide_index: int
    item_index: int
    citation_index: int
    citation: Citation
    via_judgement: bool = False


def item_position(item_path: str) -> tuple[int, int] | None:
    """``(slide_index, item_index)`` from a path like ``slides[2].points[1]``."""
    match = _ITEM_PATH.match(item_path)
    return (int(match[1]), int(match[2])) if match else None


def item_label(deck: Deck, slide_index: int, item_index: int) -> str:
    """How a header names an item: ``Objectives › 1`` (slide title, the number the slide shows it with).

    The number is the item's place in :func:`~briefing.core.order.item_order`
    (reactions are sorted by stance), so it matches the slide's numbering.
    """
    slide = deck.slides[slide_index]
    order = item_order(slide)
    number = order.index(item_index) + 1 if item_index in order else item_index + 1
    return f"{slide.title} › {number}"


def backings(deck: Deck, slide_index: int, item_index: int) -> tuple[Backing, ...]:
    """The citations to show when a reader drills into an item.

    An item's own citations come first. A judgement has none of its own: it
    is backed by the citations of the items it ``rests_on`` (followed
    through further judgements, each item once).

    Args:
        deck: the deck.
        slide_index: the item's slide.
        item_index: the item's position on the slide.

    Returns:
        The backing citations in reading order; empty if there are none.
    """
    found: list[Backing] = []
    seen: set[str] = set()

    def visit(item: Item, position: tuple[int, int], via: bool) -> None:
        if item.path in seen:
            return
        seen.add(item.path)
        for index, citation in enumerate(item.citations):
            found.append(Backing(position[0], position[1], index, citation, via))
        for _, target in deck.grounds(item):
            where = item_position(target.path) if target is not None else None
            if target is not None and where is not None:
                visit(target, where, True)

    visit(deck.slides[slide_index].items[item_index], (slide_index, item_index), False)
    return tuple(found)


class _Table:
    """What the index looks up by key, built in one pass over the deck's citations.

    Attributes:
        by_source: per source id, ``(slide_index, item_index, citation_index,
            citation, item_path)`` of each of its citations, in reading order.
        ordinals: per citation path, its 1-based number in reading order
            (the first citation of a path, should two share one).
        count: how many citations the deck has.
    """

    __slots__ = ("by_source", "count", "ordinals")

    def __init__(self, deck: Deck) -> None:
        by_source: dict[str, list[tuple[int, int, int, Citation, str]]] = {}
        ordinals: dict[str, int] = {}
        number = 0
        for slide_index, slide in enumerate(deck.slides):
            for item_index, item in enumerate(slide.items):
                for citation_index, citation in enumerate(item.citations):
                    number += 1
                    ordinals.setdefault(citation.path, number)
                    row = (slide_index, item_index, citation_index, citation, item.path)
                    by_source.setdefault(citation.source_id, []).append(row)
        self.by_source = by_source
        self.ordinals = ordinals
        self.count = number


class DrillIndex:
    """Every verified citation of a deck, sorted by source then offset.

    Sources come in the order the deck declares them. Several citations
    may cover the same passage (two items quoting the same words); they
    count as one *passage* for ``n``/``N``, and :meth:`citing` lists them.

    The index is built one source at a time, when first needed: opening
    the source view on a deck of thousands of citations verifies only the
    citations of the source on screen. One index serves every source view
    of a deck (see :func:`shared_index`), and a worker thread may build a
    source's part ahead of the reader (a source's part is stored in one
    step, so a reader never sees half of it). A caller asking for a source
    another thread is indexing waits for that one computation instead of
    repeating it (the warm-up and the source view's marking, say).
    """

    def __init__(self, deck: Deck, verifier: _Verifier) -> None:
        """Make an empty index: nothing is read or verified until asked.

        Args:
            deck: the deck.
            verifier: anything with ``result(citation)`` returning an object
                with ``status``, ``start`` and ``end``.
        """
        self._deck = deck
        self._verifier = verifier
        self._sources = [source.id for source in deck.sources]
        self._source_rank = {source_id: rank for rank, source_id in reversed(list(enumerate(self._sources)))}
        # Per source: the distinct spans in order, and the citations of each.
        self._by_source: dict[str, tuple[list[tuple[int, int]], list[tuple[CitedPassage, ...]]]] = {}
        self._table: _Table | None = None
        # Sources being indexed now, with the event set when done.
        self._building: dict[str, threading.Event] = {}
        self._building_lock = threading.Lock()

    def _deck_table(self) -> _Table:
        """Every citation grouped by source, and each one's reading-order number: one pass, once.

        Two threads may both build it at first; each builds the same
        answer and the assignment is one step, so either is kept.
        """
        table = self._table
        if table is None:
            table = self._table = _Table(self._deck)
        return table

    def _source(self, source_id: str) -> tuple[list[tuple[int, int]], list[tuple[CitedPassage, ...]]]:
        """The passages of one source, verifying its citations on first use (once, whatever the threads)."""
        while True:
            found = self._by_source.get(source_id)
            if found is not None:
                return found
            with self._building_lock:
                if source_id in self._by_source:
                    continue
                pending = self._building.get(source_id)
                if pending is None:
                    done = self._building[source_id] = threading.Event()
                    break
            pending.wait()  # then look again: indexed, or failed (and this caller tries)
        try:
            return self._build(source_id)
        finally:
            with self._building_lock:
                del self._building[source_id]
            done.set()

    def _build(self, source_id: str) -> tuple[list[tuple[int, int]], list[tuple[CitedPassage, ...]]]:
        """Verify a source's citations and store its passages in order.

        In a worker thread (the warm-up), each citation waits while the UI
        thread is busy (:mod:`briefing.core.foreground`): one of a 10 MB
        source is a few milliseconds of work that holds the interpreter.
        """
        entries = []
        for slide_index, item_index, citation_index, citation, path in self._deck_table().by_source.get(
            source_id, ()
        ):
            step_aside()
            result = self._verifier.result(citation)
            if result.status != "verified" or result.start is None or result.end is None:
                continue
            entries.append(
                CitedPassage(
                    source_id, result.start, result.end, slide_index, item_index, citation_index, path
                )
            )
        entries.sort(key=lambda e: (e.start, e.end, e.slide_index, e.item_index, e.citation_index))
        keys: list[tuple[int, int]] = []
        passages: list[tuple[CitedPassage, ...]] = []
        for entry in entries:
            if keys and keys[-1] == entry.span:
                passages[-1] += (entry,)
            else:
                keys.append(entry.span)
                passages.append((entry,))
        found = self._by_source[source_id] = (keys, passages)
        return found

    def ready(self, source_id: str) -> bool:
        """Whether a source's citations are already verified and indexed."""
        return source_id in self._by_source

    @property
    def citation_count(self) -> int:
        """How many citations the deck has, verified or not."""
        return self._deck_table().count

    def ordinal(self, citation: Citation) -> int:
        """The citation's 1-based number in the deck's reading order (0 if unknown)."""
        return self._deck_table().ordinals.get(citation.path, 0)

    @property
    def entries(self) -> tuple[CitedPassage, ...]:
        """One entry per verified citation, in source order (verifies every source)."""
        return tuple(
            entry
            for source_id in self._sources
            for passage in self._source(source_id)[1]
            for entry in passage
        )

    def __len__(self) -> int:
        """How many distinct passages the deck cites (verifies every source)."""
        return sum(self.count(source_id) for source_id in self._sources)

    def count(self, source_id: str) -> int:
        """How many distinct passages the deck cites in one source."""
        return len(self._source(source_id)[0])

    def spans(self, source_id: str) -> list[tuple[int, int]]:
        """Every cited ``(start, end)`` in a source, in order, each once."""
        return list(self._source(source_id)[0])

    def citing(self, source_id: str, start: int, end: int) -> tuple[CitedPassage, ...]:
        """The verified citations covering exactly this passage, in deck order."""
        keys, passages = self._source(source_id)
        at = bisect_left(keys, (start, end))
        if at < len(keys) and keys[at] == (start, end):
            return tuple(sorted(passages[at], key=lambda e: (e.slide_index, e.item_index)))
        return ()

    def number(self, source_id: str, start: int, end: int) -> int:
        """The passage's 1-based place among its source's passages (0 if not cited)."""
        keys, _ = self._source(source_id)
        at = bisect_left(keys, (start, end))
        return at + 1 if at < len(keys) and keys[at] == (start, end) else 0

    def step(self, source_id: str, start: int, end: int, forward: bool = True) -> tuple[CitedPassage, ...]:
        """The passage after (or before) a position, across sources, wrapping around.

        The position need not be a cited passage: ``(source, -1, -1)`` is
        the top of a source, and an unverified quote's closest passage works
        too. Past the last passage of a source comes the first of the next
        source that has any (in the deck's order), and after the last
        source the first again.

        Args:
            source_id: the source the reader is in.
            start: start offset of the current position.
            end: end offset of the current position.
            forward: ``True`` for the next passage, ``False`` for the previous.

        Returns:
            The citations of that passage (see :meth:`citing`), or ``()``
            when the deck cites nothing verified.
        """
        keys, _ = self._source(source_id)
        if forward:
            at = bisect_right(keys, (start, end))
            if at < len(keys):
                return self.citing(source_id, *keys[at])
        else:
            at = bisect_left(keys, (start, end)) - 1
            if at >= 0:
                return self.citing(source_id, *keys[at])
        here = self._source_rank.get(source_id, -1)
        count = len(self._sources)
        for offset in range(1, count + 1):
            other = self._sources[(here + (offset if forward else -offset)) % count]
            other_keys, _ = self._source(other)
            if other_keys:
                return self.citing(other, *other_keys[0 if forward else -1])
        return ()


# One index per verifier (the verifier belongs to one deck), kept only as
# long as the verifier is.
_shared: weakref.WeakKeyDictionary[object, DrillIndex] = weakref.WeakKeyDictionary()


def shared_index(deck: Deck, verifier: _Verifier) -> DrillIndex:
    """The deck's :class:`DrillIndex`, the same one on every call.

    Every source view of a deck, and the warm-up that prepares them, share
    what was indexed. A verifier that cannot be weakly referenced (a test
    double, say) gets a new index each time.

    Args:
        deck: the deck.
        verifier: its verifier.
    """
    try:
        index = _shared.get(verifier)
    except TypeError:
        return DrillIndex(deck, verifier)
    if index is None or index._deck is not deck:
        index = _shared[verifier] = DrillIndex(deck, verifier)
    return index
