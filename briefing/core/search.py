"""Search over a deck: slide titles, items, notes and the full text of every source.

Case- and accent-insensitive: text is folded (NFKD, combining marks
dropped, casefolded), and a :class:`Folded` keeps the way back from each
folded offset to the original, so a match is reported (and highlighted) in
the text as written. Words of the query match across any run of white
space (sources are hard-wrapped). Plain Python, no UI: the search screen,
the command palette and ``n``/``N`` all use one :class:`SearchIndex`.

Speed: every slide's text is joined into one folded string and each
source is one folded string, so a query is one regular-expression scan per
source plus one for the slides, not one per field.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from briefing.core.model import Deck, Figure, Item, Point, Quote, Reaction

if TYPE_CHECKING:
    from briefing.core.verify import Verifier

#: Most matches one query returns (a one-letter query would find them all).
MAX_MATCHES = 1000
#: Characters of context either side of a match in a snippet.
CONTEXT = 40
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: Between fields of the joined slide text: no query can match across it.
_SEPARATOR = "\x00"


def fold_char(char: str) -> str:
    """One character folded: decomposed (NFKD), combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Folded:
    """A text folded for search, with the map back to the original offsets.

    The map is a sorted list of segments: ``_starts[k]`` is where segment
    ``k`` starts in the folded text, ``_origins[k]`` in the original, and
    ``_lengths[k]`` is ``-1`` for an identity run (offsets move together)
    or, for one original character whose folding is not one character
    (``ﬁ`` → ``fi``, a lone accent → nothing), the length of its folding.
    ASCII text (most of it) folds with ``str.lower`` and has one run.
    """

    __slots__ = ("_lengths", "_origins", "_starts", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts, self._origins, self._lengths = [0], [0], [-1]
        if text.isascii():
            self.folded = text.lower()
            return
        pieces: list[str] = []
        cache: dict[str, str] = {}
        last = shift = 0  # shift: folded offset minus original offset so far
        for match in _NON_ASCII.finditer(text):
            at = match.start()
            char = text[at]
            folded = cache.get(char)
            if folded is None:
                folded = cache[char] = fold_char(char)
            pieces.append(text[last:at].lower())
            pieces.append(folded)
            last = at + 1
            if len(folded) != 1:
                self._segment(at + shift, at, len(folded))
                shift += len(folded) - 1
                self._segment(at + 1 + shift, at + 1, -1)
        pieces.append(text[last:].lower())
        self.folded = "".join(pieces)

    def _segment(self, folded_at: int, orig_at: int, length: int) -> None:
        if self._starts[-1] == folded_at and self._lengths[-1] == -1:
            # An identity run of no length (two special characters in a row) is dropped.
            self._starts.pop()
            self._origins.pop()
            self._lengths.pop()
        self._starts.append(folded_at)
        self._origins.append(orig_at)
        self._lengths.append(length)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of a folded range; a partly matched character is included whole.

        Accents that follow the last character (decomposed text) are included too.
        """
        k = bisect.bisect_right(self._starts, start) - 1
        first = self._origins[k] + (start - self._starts[k] if self._lengths[k] == -1 else 0)
        if end <= start:
            return first, first
        k = bisect.bisect_right(self._starts, end - 1) - 1
        last = self._origins[k] + (end - self._starts[k] if self._lengths[k] == -1 else 1)
        text = self.text
        while last < len(text) and unicodedata.combining(text[last]):
            last += 1
        return first, last


def compile_query(query: str) -> re.Pattern[str] | None:
    """The pattern for ``query`` in folded text (``None`` for a blank one): words match across white space."""
    words = "".join(fold_char(c) if not c.isascii() else c.lower() for c in query).split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


class Field(NamedTuple):
    """One searchable piece of slide text."""

    kind: str  # "title", "item" or "notes"
    slide_index: int
    item_index: int | None


@dataclass(frozen=True)
class Match:
    """One match, in the original text.

    Attributes:
        kind: ``"title"``, ``"item"``, ``"notes"`` or ``"source"``.
        slide_index: the slide (``-1`` for a source match).
        item_index: the item on that slide, else ``None``.
        source_id: the source (``""`` for slide text).
        paragraph: the source's 1-based paragraph (``0`` for slide text).
        start: original offset of the match in ``text``.
        end: original end offset.
        text: the whole field (slide text) or the source's full text.
    """

    kind: str
    slide_index: int
    item_index: int | None
    source_id: str
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def group(self) -> tuple[str, int | str]:
        """What results are grouped under: a slide or a source."""
        return ("source", self.source_id) if self.kind == "source" else ("slide", self.slide_index)

    def snippet(self, context: int = CONTEXT) -> tuple[str, int, int]:
        """A one-line excerpt around the match and the match's offsets in it.

        White space runs become one space; ``…`` marks cut ends.
        """
        left = max(0, self.start - context)
        right = min(len(self.text), self.end + context)
        before = self.text[left : self.start]
        if left > 0:
            before = "…" + before.split(None, 1)[-1] if " " in before.strip() else "…" + before
        after = self.text[self.end : right]
        if right < len(self.text):
            after = after.rsplit(None, 1)[0] + "…" if " " in after.strip() else after + "…"
        before, hit, after = (
            " ".join(part.split()) for part in (before, self.text[self.start : self.end], after)
        )
        if self.text[self.start - 1 : self.start].isspace() and before:
            before += " "
        if self.text[self.end : self.end + 1].isspace() and after:
            after = " " + after
        return before + hit + after, len(before), len(before) + len(hit)


def item_texts(item: Item) -> list[str]:
    """The text of an item a search looks at, in the order it is shown."""
    if isinstance(item, Reaction):
        return [
            t for t in (item.country, item.actor, item.stance, item.summary, item.quote, item.speaker) if t
        ]
    if isinstance(item, Figure):
        return [item.value, item.measures]
    if isinstance(item, Quote | Point):
        return [t for t in (item.text, getattr(item, "speaker", "")) if t]
    return [item.label]  # pragma: no cover - every kind is listed above


class SearchIndex:
    """Every slide's text and every readable source, folded once, searched per query.

    Args:
        deck: the deck.
        source_text: gives a source's full text by id, or ``None`` when it
            cannot be read (it is then not searched).
        paragraph_at: gives a source's 1-based paragraph for an original offset.
    """

    def __init__(
        self,
        deck: Deck,
        source_text: Callable[[str], str | None],
        paragraph_at: Callable[[str, int], int] = lambda _source, _offset: 0,
    ) -> None:
        self.deck = deck
        self._paragraph_at = paragraph_at
        fields: list[Field] = []
        texts: list[str] = []
        for slide_index, slide in enumerate(deck.slides):
            fields.append(Field("title", slide_index, None))
            texts.append(slide.title if not slide.subtitle else f"{slide.title} — {slide.subtitle}")
            for item_index, item in enumerate(slide.items):
                fields.append(Field("item", slide_index, item_index))
                texts.append(" · ".join(item_texts(item)))
            if slide.notes:
                fields.append(Field("notes", slide_index, None))
                texts.append(slide.notes)
        self._fields = fields
        self._texts = texts
        joined = _SEPARATOR.join(texts)
        self._slides = Folded(joined)
        starts, at = [], 0
        for text in texts:
            starts.append(at)
            at += len(text) + 1
        self._field_starts = starts
        self._sources: list[tuple[str, Folded]] = []
        for source in deck.sources:
            full = source_text(source.id)
            if full:
                self._sources.append((source.id, Folded(full)))

    def search(self, query: str, limit: int = MAX_MATCHES) -> list[Match]:
        """Matches of ``query``: slides in deck order (title, items, notes), then each source in order."""
        pattern = compile_query(query)
        if pattern is None:
            return []
        found: list[Match] = []
        for match in self._scan(pattern):
            found.append(match)
            if len(found) >= limit:
                break
        return found

    def _scan(self, pattern: re.Pattern[str]) -> Iterator[Match]:
        folded = self._slides
        for hit in pattern.finditer(folded.folded):
            start, end = folded.original(hit.start(), hit.end())
            number = bisect.bisect_right(self._field_starts, start) - 1
            base = self._field_starts[number]
            kind, slide_index, item_index = self._fields[number]
            text = self._texts[number]
            yield Match(kind, slide_index, item_index, "", 0, start - base, end - base, text)
        for source_id, source in self._sources:
            for hit in pattern.finditer(source.folded):
                start, end = source.original(hit.start(), hit.end())
                paragraph = self._paragraph_at(source_id, start)
                yield Match("source", -1, None, source_id, paragraph, start, end, source.text)


def grouped(matches: Iterable[Match]) -> list[tuple[tuple[str, int | str], list[Match]]]:
    """Matches grouped by slide or source, groups in first-seen order."""
    groups: dict[tuple[str, int | str], list[Match]] = {}
    for match in matches:
        groups.setdefault(match.group, []).append(match)
    return list(groups.items())


def deck_index(deck: Deck, verifier: Verifier) -> SearchIndex:
    """The search index of ``deck``, its sources read (and paragraphs counted) through ``verifier``."""

    def text(source_id: str) -> str | None:
        found = verifier.source_text(source_id)
        return found.text if found is not None else None

    def paragraph(source_id: str, offset: int) -> int:
        found = verifier.source_text(source_id)
        return found.paragraph_at(offset) if found is not None else 0

    return SearchIndex(deck, text, paragraph)
