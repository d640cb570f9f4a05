"""A format-neutral walk of a deck: what every export prints, in the order it prints it.

Slides in order, each slide's items, each item's citations with what
verification found (the verbatim passage and its ¶), the grounds a
judgement rests on, and the speaker notes. Every export format is a small
formatter over this one walk, so verification, order and ¶ numbers are
decided once, here, and never re-derived per format.

The walk yields plain immutable records (no Markdown, no escaping: text is
as the deck and the source wrote it), one slide at a time, so a formatter
words each slide while its records are fresh in memory; one that needs
every slide at once lists them. Records are NamedTuples rather than frozen
dataclasses: a large deck has 10,000 citations, and a frozen dataclass
costs several times more to build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from typing import NamedTuple

from briefing.core.gcpause import collector_paused
from briefing.core.model import Citation, Deck, Item, Slide, Source
from briefing.core.order import item_order
from briefing.core.sourcetext import SourceText
from briefing.core.verify import VERIFIED, Verifier

__all__ = [
    "Ground",
    "ItemOrder",
    "WalkedCitation",
    "WalkedItem",
    "WalkedSlide",
    "walk",
    "written_order",
]

#: Gives the indexes of a slide's items in the order a format shows them.
ItemOrder = Callable[[Slide], Sequence[int]]


def written_order(slide: Slide) -> Sequence[int]:
    """Item indexes in the order the deck file lists them."""
    return range(len(slide.items))


class WalkedCitation(NamedTuple):
    """One citation and what verification found for it.

    Attributes:
        citation: the citation as the deck wrote it (``quote``, ``source_id``).
        source: the deck's source of that id, ``None`` if it declares none.
        status: the verifier's status: ``verified``, ``ambiguous``,
            ``not_found`` or ``unchecked``.
        message: the verifier's explanation when not verified.
        passage: the source's own text the quote matched, line breaks and
            all; ``None`` unless verified.
        paragraph: the 1-based ¶ the passage starts in (verified only).
        end_paragraph: the ¶ it ends in; greater than ``paragraph`` when the
            passage crosses a paragraph break (a ``¶5–6`` range).
    """

    citation: Citation
    source: Source | None
    status: str
    message: str = ""
    passage: str | None = None
    paragraph: int | None = None
    end_paragraph: int | None = None

    @property
    def verified(self) -> bool:
        """True when the passage was found, at exactly one place."""
        return self.passage is not None


class Ground(NamedTuple):
    """One item a judgement rests on.

    Attributes:
        item_id: the id as ``rests_on`` names it.
        item: the item of that id, ``None`` if the deck has none.
        slide: the 1-based number of the slide holding that id, if any.
    """

    item_id: str
    item: Item | None
    slide: int | None


class WalkedItem(NamedTuple):
    """One item of a slide, with its citations and grounds.

    Attributes:
        item: the deck's item (a ``Point``, ``Reaction``, ``Figure`` or ``Quote``).
        number: its 1-based place among the slide's items in the deck file,
            whatever order the walk shows them in (a stable fallback name).
        citations: its citations, in the order written.
        grounds: what it rests on, when it is a judgement; else empty.
        shown: its 1-based place in the walk's order (the number a reader
            sees on the slide, in the viewer and in every export).
    """

    item: Item
    number: int
    citations: tuple[WalkedCitation, ...]
    grounds: tuple[Ground, ...] = ()
    shown: int = 0


class WalkedSlide(NamedTuple):
    """One slide: its items in the walk's order and its notes.

    Attributes:
        slide: the deck's slide (``kind``, ``title``, ``subtitle``).
        number: its 1-based number in the deck.
        items: its items, in the order the walk was asked for.
        notes: its speaker notes as written; ``""`` when the walk leaves notes out.
    """

    slide: Slide
    number: int
    items: tuple[WalkedItem, ...]
    notes: str

    @property
    def kind(self) -> str:
        """The slide's kind (``title``, ``points``, ``reactions``...)."""
        return self.slide.kind


def walk(
    deck: Deck, verifier: Verifier, *, notes: bool = True, order: ItemOrder = item_order
) -> Iterator[WalkedSlide]:
    """Walk ``deck`` slide by slide, having verified every citation.

    Args:
        deck: a loaded deck.
        verifier: the deck's verifier; every citation is verified up front,
            source by source (about twice as fast as one at a time in slide order).
        notes: keep each slide's speaker notes (else they are ``""``).
        order: the order of each slide's items; by default the one the
            viewer shows (:func:`briefing.core.order.item_order`),
            :func:`written_order` for the deck file's.

    Returns:
        The deck's slides in order, each built as it is asked for (the
        citations are all verified before this returns).
    """
    with collector_paused():  # results are acyclic, like the deck (see gcpause)
        # deck.citations, without building a tuple per slide
        verifier.prefetch(
            chain.from_iterable([item.citations for slide in deck.slides for item in slide.items])
        )
    return _Walk(deck, verifier).slides(notes, order)


#: Builds a record from a tuple of all its fields, in order: the C
#: constructor under a NamedTuple's Python ``__new__``, at half the cost.
_new = tuple.__new__


class _Walk:
    """One walk: the lookups every slide shares, built once."""

    def __init__(self, deck: Deck, verifier: Verifier) -> None:
        self.deck = deck
        self.verifier = verifier
        self.sources: dict[str, Source] = {s.id: s for s in deck.sources}
        #: Each cited source id's source and text (``None`` when missing or unreadable).
        self.cited: dict[str, tuple[Source | None, SourceText | None]] = {}
        self._slide_of: dict[str, int] | None = None

    def slides(self, notes: bool, order: ItemOrder) -> Iterator[WalkedSlide]:
        citation = self.citation
        for number, slide in enumerate(self.deck.slides, 1):
            items = slide.items
            walked = []
            for shown, i in enumerate(order(slide), 1):
                item = items[i]
                cites = tuple(map(citation, item.citations))
                grounds = self.grounds(item) if item.judgement else ()
                walked.append(_new(WalkedItem, (item, i + 1, cites, grounds, shown)))
            yield _new(WalkedSlide, (slide, number, tuple(walked), slide.notes if notes else ""))

    def grounds(self, item: Item) -> tuple[Ground, ...]:
        slide_of = self._slide_of
        if slide_of is None:  # built on the first judgement: most items are not one
            slide_of = self._slide_of = {
                other.id: number
                for number, slide in enumerate(self.deck.slides, 1)
                for other in slide.items
                if other.id
            }
        return tuple(
            Ground(item_id, target, slide_of.get(item_id)) for item_id, target in self.deck.grounds(item)
        )

    def citation(self, citation: Citation) -> WalkedCitation:
        result = self.verifier.result(citation)
        source_id = citation.source_id
        cited = self.cited.get(source_id)
        if cited is None:
            cited = self.cited[source_id] = (
                self.sources.get(source_id),
                self.verifier.source_text(source_id),
            )
        source, text = cited
        if result.status == VERIFIED and text is not None:
            start, end, first = result.start, result.end, result.paragraph
            if start is not None and end is not None:
                last = first
                if last is not None:
                    # The ¶ of the last character (paragraph_at(end - 1)): mostly
                    # the first one, so step past the starts instead of searching.
                    starts = text.paragraph_starts
                    while last < len(starts) and starts[last] < end:
                        last += 1
                return _new(
                    WalkedCitation, (citation, source, VERIFIED, "", text.text[start:end], first, last)
                )
        return _new(WalkedCitation, (citation, source, result.status, result.message, None, None, None))
