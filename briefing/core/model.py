"""The deck model: plain, immutable Python that every layer shares.

Nothing here imports Textual (a test enforces it), so the loader, the
verifier, the exporter and the command line can all use the model without
paying for the UI. Every object is a frozen dataclass: a loaded deck is a
value, and a screen that shows it can never change it by accident. Each
has ``__slots__`` and no ``__dict__``: a 10,000-slide deck is some 200,000
objects, and a dict each made them take about twice the memory (77 MiB
against 44, measured with tracemalloc).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # declared by the registry of slide kinds, which imports this module
    from briefing.core.kinds import ITEMS_KEY as ITEMS_KEY
    from briefing.core.kinds import SLIDE_KINDS as SLIDE_KINDS

FORMAT_VERSION = 1

#: Stances, ordered from support to hostility (the order the matrix sorts by).
#: ``unclear`` (last) is for a draft whose cited sentence shows no stance: said, not guessed.
STANCES: tuple[str, ...] = ("leads", "supports", "conditional", "cautious", "opposed", "hostile", "unclear")


def __getattr__(name: str) -> object:
    """``SLIDE_KINDS`` and ``ITEMS_KEY``, from the registry (:mod:`briefing.core.kinds`).

    They are looked up there on first use: the registry names this
    module's classes, so this module cannot import it while it loads.
    """
    if name in ("SLIDE_KINDS", "ITEMS_KEY"):
        from briefing.core import kinds

        return getattr(kinds, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: 1-based line and column in the deck file."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Citation:
    """One quoted passage that backs an item.

    Attributes:
        source_id: the id of a source declared by the deck.
        quote: the exact words, as the author wrote them.
        prefix: text just before the quote, to tell repeated quotes apart.
        suffix: text just after the quote, for the same purpose.
        path: where the citation sits in the deck, e.g.
            ``slides[3].reactions[2].cite[0]``.
        location: line and column of the quote in the deck file.
    """

    source_id: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    path: str = ""
    location: Location = Location(0, 0)


@dataclass(frozen=True, kw_only=True, slots=True)
class Backed:
    """What every item has besides its own fields: what backs it, and where it is.

    Attributes:
        citations: the passages that back the item.
        id: the author's name for the item, for ``rests_on`` (may be empty).
        judgement: the item is the deck author's reading, not a fact the
            source states; ``rests_on`` names the items it rests on.
        rests_on: ids of the items a judgement rests on.
        draft: proposed by ``briefing draft`` and not yet reviewed by a person.
        confidence: a judgement's confidence, ``high``, ``moderate`` or ``low`` (ICD 203).
        likelihood: a judgement's likelihood, a band of the deck's ``scale``.
        path: where the item sits in the deck, e.g. ``slides[3].points[1]``.
        location: line and column of the item in the deck file.

    The fields are keyword-only, so each kind of item keeps its own fields
    first and positional.
    """

    citations: tuple[Citation, ...] = ()
    id: str = ""
    judgement: bool = False
    rests_on: tuple[str, ...] = ()
    draft: bool = False
    confidence: str = ""
    likelihood: str = ""
    path: str = ""
    location: Location = Location(0, 0)


@dataclass(frozen=True, slots=True)
class Point(Backed):
    """A point on a title or points slide.

    A point is either backed by citations (a fact the source states) or marked
    ``judgement`` (the deck author's reading), in which case ``rests_on``
    names the ids of the items it rests on.
    """

    text: str

    @property
    def label(self) -> str:
        """The text a list or a search shows for this item."""
        return self.text


@dataclass(frozen=True, slots=True)
class Reaction(Backed):
    """One row of the reactions-by-country matrix."""

    country: str
    actor: str
    stance: str
    summary: str
    role: str = ""
    quote: str = ""
    speaker: str = ""

    @property
    def label(self) -> str:
        """The text a list or a search shows for this item."""
        return f"{self.country}: {self.summary}"


@dataclass(frozen=True, slots=True)
class Figure(Backed):
    """A key number and what it measures."""

    value: str
    measures: str

    @property
    def label(self) -> str:
        """The text a list or a search shows for this item."""
        return f"{self.value}: {self.measures}"


@dataclass(frozen=True, slots=True)
class Quote(Backed):
    """A memorable line and who said it."""

    text: str
    speaker: str = ""
    role: str = ""

    @property
    def label(self) -> str:
        """The text a list or a search shows for this item."""
        return self.text


@dataclass(frozen=True, slots=True)
class Gap(Backed):
    """Something not known: an open question or missing information (a citation may show where)."""

    text: str

    @property
    def label(self) -> str:
        """The text a list or a search shows for this item."""
        return self.text


Item = Point | Reaction | Figure | Quote | Gap


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide: a kind, a title, its items and optional speaker notes."""

    kind: str
    title: str
    items: tuple[Item, ...] = ()
    subtitle: str = ""
    notes: str = ""
    id: str = ""
    path: str = ""
    location: Location = Location(0, 0)
    #: Show the items one at a time when paging forward (``reveal: true``).
    reveal: bool = False

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation on the slide, in item order."""
        return tuple(c for item in self.items for c in item.citations)


@dataclass(frozen=True, slots=True)
class Source:
    """A source article the deck cites.

    ``path`` is as written in the deck (relative to the deck file);
    ``resolved`` is the checked absolute path, or ``None`` when the path was
    refused (the loader reports why).
    """

    id: str
    path: str
    resolved: Path | None = None
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    sha256: str = ""
    original: str = ""  # the file a snapshot was extracted from (`briefing draft`)
    reliability: str = ""  # Admiralty code: the source's reliability, A (best) to F
    credibility: str = ""  # Admiralty code: the information's credibility, 1 (best) to 6
    retrieved: str = ""  # when the source was retrieved
    location: Location = Location(0, 0)

    @property
    def grade(self) -> str:
        """The Admiralty grade, e.g. ``B2`` (``B`` or ``2`` alone when one axis is graded)."""
        return self.reliability + self.credibility

    @property
    def display_name(self) -> str:
        """A name for headers and footnotes: the title, else the id."""
        return self.title or self.id


@dataclass(frozen=True, slots=True)
class Deck:
    """A whole briefing deck, as loaded from one YAML file."""

    title: str
    slides: tuple[Slide, ...]
    sources: tuple[Source, ...]
    path: Path = Path("deck.yaml")
    subtitle: str = ""
    as_of: str = ""
    authors: tuple[str, ...] = ()
    version: int = FORMAT_VERSION
    scale: str = "icd203"  # the likelihood scale: ``icd203`` or ``phia``
    strict: bool = False  # tradecraft checks are problems, not warnings
    min_grade: str = ""  # judgements resting only on sources graded below this are flagged
    items_by_id: dict[str, Item] = field(default_factory=dict, compare=False, hash=False)

    def __len__(self) -> int:
        return len(self.slides)

    def grounds(self, item: Item) -> tuple[tuple[str, Item | None], ...]:
        """What judgement ``item`` rests on: each id, with the item of that id (``None`` if none).

        The one lookup behind every place that shows a judgement's grounds
        (the slide, the preview, the drill, the export); each words it its own way.
        """
        return tuple((item_id, self.items_by_id.get(item_id)) for item_id in item.rests_on)

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or ``None``."""
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation in the deck, in reading order.

        Chained in C, with no tuple per slide: half the time of a generator
        over ``slide.citations`` on a deck of 50,000 citations.
        """
        items = chain.from_iterable(map(attrgetter("items"), self.slides))
        return tuple(chain.from_iterable(map(attrgetter("citations"), items)))
