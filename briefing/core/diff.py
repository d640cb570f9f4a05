"""What changed between two versions of a deck: judgements, items, stances, sources.

ICD 203 asks an assessment to explain what changed since the last one.
This compares two loaded decks item by item (matched by id, else by the
most similar text), and follows every changed source through the items
that cite it to the judgements that rest on them, however many levels up.
Pure: no printing, no colour (the command line words it).
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass

from briefing.core.model import Deck, Item, Reaction, Slide, Source

#: How alike two texts must be (difflib ratio) to count as one item reworded.
SIMILAR = 0.6


@dataclass(frozen=True)
class ItemRef:
    """An item as a change names it: where it is, its id, what it says."""

    slide: str
    path: str
    id: str
    label: str
    judgement: bool

    def as_dict(self) -> dict[str, object]:
        return {"slide": self.slide, "path": self.path, "id": self.id, "label": self.label}


@dataclass(frozen=True)
class Change:
    """One difference. ``kind``: added, removed, reworded, confidence, likelihood, stance, judgement.

    ``old`` and ``new`` are the values before and after (text for a rewording).
    """

    kind: str
    item: ItemRef
    old: str = ""
    new: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"change": self.kind, "item": self.item.as_dict(), "old": self.old, "new": self.new}


@dataclass(frozen=True)
class SourceChange:
    """A source added, dropped, or whose text changed (by sha256), and what rests on it."""

    kind: str
    id: str
    old_sha256: str = ""
    new_sha256: str = ""
    affected: tuple[ItemRef, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "change": self.kind,
            "source": self.id,
            "old_sha256": self.old_sha256,
            "new_sha256": self.new_sha256,
            "affected": [ref.as_dict() for ref in self.affected],
        }


@dataclass(frozen=True)
class DeckDiff:
    """Every change from one deck to the next."""

    changes: tuple[Change, ...] = ()
    sources: tuple[SourceChange, ...] = ()
    slides_added: tuple[str, ...] = ()
    slides_removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.changes or self.sources or self.slides_added or self.slides_removed)

    def as_dict(self) -> dict[str, object]:
        return {
            "slides_added": list(self.slides_added),
            "slides_removed": list(self.slides_removed),
            "changes": [c.as_dict() for c in self.changes],
            "sources": [s.as_dict() for s in self.sources],
        }


def _ref(slide: Slide, item: Item) -> ItemRef:
    return ItemRef(slide.title, item.path, item.id, item.label, item.judgement)


def _text(item: Item) -> str:
    """What an item says, for matching and for rewording (a reaction: its summary and quote)."""
    if isinstance(item, Reaction):
        return " ".join(part for part in (item.summary, item.quote) if part)
    return item.label


def _items(deck: Deck) -> list[tuple[Slide, Item]]:
    return [(slide, item) for slide in deck.slides for item in slide.items]


def _key(slide: Slide, item: Item) -> str:
    """What an item must share with its other version besides its text: its kind of slide (and country)."""
    return slide.kind + (f":{item.country}" if isinstance(item, Reaction) else "")


def match_items(
    old: list[tuple[Slide, Item]], new: list[tuple[Slide, Item]]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs ``(old index, new index)`` of one item in two versions, then the unmatched of each.

    By id first; then, among the rest, the most similar texts (best pairs
    first) of the same kind of slide, at least :data:`SIMILAR` alike.
    """
    pairs: list[tuple[int, int]] = []
    new_by_id = {item.id: j for j, (_, item) in enumerate(new) if item.id}
    used_old: set[int] = set()
    used_new: set[int] = set()
    for i, (_, item) in enumerate(old):
        j = new_by_id.get(item.id) if item.id else None
        if j is not None:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    candidates = []
    for i, (old_slide, old_item) in enumerate(old):
        if i in used_old:
            continue
        for j, (new_slide, new_item) in enumerate(new):
            if j in used_new or _key(old_slide, old_item) != _key(new_slide, new_item):
                continue
            if old_item.id and new_item.id:
                continue  # both named, differently: two items, not one renamed
            ratio = difflib.SequenceMatcher(None, _text(old_item), _text(new_item)).ratio()
            if ratio >= SIMILAR:
                candidates.append((ratio, i, j))
    for _ratio, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    pairs.sort(key=lambda pair: pair[1])
    removed = [i for i in range(len(old)) if i not in used_old]
    added = [j for j in range(len(new)) if j not in used_new]
    return pairs, removed, added


def source_hash(source: Source) -> str:
    """The sha256 of the source's file as it is now; the declared one if it cannot be read."""
    if source.resolved is not None:
        try:
            return hashlib.sha256(source.resolved.read_bytes()).hexdigest()
        except OSError:
            pass
    return source.sha256


def affected_by(deck: Deck, source_ids: set[str]) -> list[tuple[Slide, Item]]:
    """Every item citing one of ``source_ids``, and every judgement resting on those, transitively."""
    pairs = _items(deck)
    hit = {id(item) for _, item in pairs if any(c.source_id in source_ids for c in item.citations)}
    grew = True
    while grew:  # a judgement two levels up rests on a judgement that rests on a cited item
        grew = False
        for _, item in pairs:
            if id(item) in hit:
                continue
            if any(g is not None and id(g) in hit for _, g in deck.grounds(item)):
                hit.add(id(item))
                grew = True
    return [(slide, item) for slide, item in pairs if id(item) in hit]


def diff_decks(old: Deck, new: Deck) -> DeckDiff:
    """What changed from ``old`` to ``new`` (see :class:`DeckDiff`)."""
    old_items, new_items = _items(old), _items(new)
    pairs, removed, added = match_items(old_items, new_items)
    changes: list[Change] = []
    for i, j in pairs:
        (_, a), (slide, b) = old_items[i], new_items[j]
        ref = _ref(slide, b)
        if _text(a) != _text(b):
            changes.append(Change("reworded", ref, _text(a), _text(b)))
        if a.judgement != b.judgement:
            changes.append(Change("judgement", ref, str(a.judgement).lower(), str(b.judgement).lower()))
        if a.confidence != b.confidence:
            changes.append(Change("confidence", ref, a.confidence, b.confidence))
        if a.likelihood != b.likelihood:
            changes.append(Change("likelihood", ref, a.likelihood, b.likelihood))
        if isinstance(a, Reaction) and isinstance(b, Reaction) and a.stance != b.stance:
            changes.append(Change("stance", ref, a.stance, b.stance))
    changes += [Change("added", _ref(*new_items[j])) for j in added]
    changes += [Change("removed", _ref(*old_items[i])) for i in removed]
    old_titles = [s.id or s.title for s in old.slides]
    new_titles = [s.id or s.title for s in new.slides]
    slides_added = tuple(s.title for s in new.slides if (s.id or s.title) not in old_titles)
    slides_removed = tuple(s.title for s in old.slides if (s.id or s.title) not in new_titles)
    return DeckDiff(tuple(changes), _source_changes(old, new), slides_added, slides_removed)


def _source_changes(old: Deck, new: Deck) -> tuple[SourceChange, ...]:
    out = []
    old_sources = {s.id: s for s in old.sources}
    new_sources = {s.id: s for s in new.sources}
    for source_id, source in new_sources.items():
        before = old_sources.get(source_id)
        if before is None:
            out.append(SourceChange("added", source_id, "", source_hash(source)))
            continue
        # The old version's declared hash records its text then (with --since, both read today's file).
        old_hash, new_hash = before.sha256 or source_hash(before), source_hash(source)
        if old_hash != new_hash:
            affected = tuple(_ref(s, i) for s, i in affected_by(new, {source_id}))
            out.append(SourceChange("changed", source_id, old_hash, new_hash, affected))
    for source_id, source in old_sources.items():
        if source_id not in new_sources:
            affected = tuple(_ref(s, i) for s, i in affected_by(old, {source_id}))
            out.append(SourceChange("dropped", source_id, source_hash(source), "", affected))
    return tuple(out)
