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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Protocol

from briefing.model import Citation, Deck, Item

_ITEM_PATH = re.compile(r"^slides\[(\d+)\]\.\w+\[(\d+)\]$")


class _Result(Protocol):
    status: str
    start: int | None
    end: int | None


class _Verifier(Protocol):
    def result(self, citation: Citation) -> _Result: ...


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
    """How a header names an item: ``Objectives › 1`` (slide title, 1-based item)."""
    return f"{deck.slides[slide_index].title} › {item_index + 1}"


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
        for item_id in item.rests_on:
            target = deck.items_by_id.get(item_id)
            where = item_position(target.path) if target is not None else None
            if target is not None and where is not None:
                visit(target, where, True)

    visit(deck.slides[slide_index].items[item_index], (slide_index, item_index), False)
    return tuple(found)


class DrillIndex:
    """Every verified citation of a deck, sorted by source then offset.

    Sources come in the order the deck declares them. Several citations
    may cover the same passage (two items quoting the same words); they
    count as one *passage* for ``n``/``N``, and :meth:`citing` lists them.
    """

    def __init__(self, deck: Deck, verifier: _Verifier) -> None:
        """Verify (or read the cached verification of) every citation.

        Args:
            deck: the deck.
            verifier: anything with ``result(citation)`` returning an object
                with ``status``, ``start`` and ``end``.
        """
        self._rank = {source.id: rank for rank, source in enumerate(deck.sources)}
        self._ordinal = {c.path: n for n, c in enumerate(deck.citations, start=1)}
        self.citation_count = len(self._ordinal)
        """How many citations the deck has, verified or not."""
        entries = []
        for slide_index, slide in enumerate(deck.slides):
            for item_index, item in enumerate(slide.items):
                for citation_index, citation in enumerate(item.citations):
                    result = verifier.result(citation)
                    if result.status != "verified" or result.start is None or result.end is None:
                        continue
                    entries.append(CitedPassage(
                        citation.source_id, result.start, result.end,
                        slide_index, item_index, citation_index, item.path,
                    ))
        entries.sort(key=lambda e: (*self._key(e.source_id, e.start, e.end),
                                    e.slide_index, e.item_index, e.citation_index))
        self.entries: tuple[CitedPassage, ...] = tuple(entries)
        """One entry per verified citation, in source order."""
        self._passage_keys: list[tuple[int, str, int, int]] = []
        self._passages: list[tuple[CitedPassage, ...]] = []
        for entry in entries:
            key = self._key(entry.source_id, entry.start, entry.end)
            if self._passage_keys and self._passage_keys[-1] == key:
                self._passages[-1] += (entry,)
            else:
                self._passage_keys.append(key)
                self._passages.append((entry,))

    def _key(self, source_id: str, start: int, end: int) -> tuple[int, str, int, int]:
        return self._rank.get(source_id, len(self._rank)), source_id, start, end

    def __len__(self) -> int:
        """How many distinct passages the deck cites."""
        return len(self._passages)

    def ordinal(self, citation: Citation) -> int:
        """The citation's 1-based number in the deck's reading order (0 if unknown)."""
        return self._ordinal.get(citation.path, 0)

    def spans(self, source_id: str) -> list[tuple[int, int]]:
        """Every cited ``(start, end)`` in a source, in order, each once."""
        return [(key[2], key[3]) for key in self._passage_keys if key[1] == source_id]

    def citing(self, source_id: str, start: int, end: int) -> tuple[CitedPassage, ...]:
        """The verified citations covering exactly this passage, in deck order."""
        key = self._key(source_id, start, end)
        at = bisect_left(self._passage_keys, key)
        if at < len(self._passage_keys) and self._passage_keys[at] == key:
            return tuple(sorted(self._passages[at], key=lambda e: (e.slide_index, e.item_index)))
        return ()

    def number(self, source_id: str, start: int, end: int) -> int:
        """The passage's 1-based place in the index (0 when not a cited passage)."""
        key = self._key(source_id, start, end)
        at = bisect_left(self._passage_keys, key)
        found = at < len(self._passage_keys) and self._passage_keys[at] == key
        return at + 1 if found else 0

    def step(self, source_id: str, start: int, end: int, forward: bool = True) -> tuple[CitedPassage, ...]:
        """The passage after (or before) a position, wrapping around the deck.

        The position need not be a cited passage: ``(source, -1, -1)`` is
        the top of a source, and an unverified quote's closest passage works
        too.

        Args:
            source_id: the source the reader is in.
            start: start offset of the current position.
            end: end offset of the current position.
            forward: ``True`` for the next passage, ``False`` for the previous.

        Returns:
            The citations of that passage (see :meth:`citing`), or ``()``
            when the deck cites nothing verified.
        """
        if not self._passages:
            return ()
        key = self._key(source_id, start, end)
        if forward:
            at = bisect_right(self._passage_keys, key) % len(self._passages)
        else:
            at = (bisect_left(self._passage_keys, key) - 1) % len(self._passages)
        found = self._passage_keys[at]
        return self.citing(found[1], found[2], found[3])
