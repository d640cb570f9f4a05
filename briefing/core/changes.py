"""What a reload changed: a short notice for a deck saved while it is shown.

Pure: the caller says how a citation verifies in the old and the new deck
(two callables), so this module needs neither files nor the verifier and
can be tested on hand-built slides. Slides are matched by id, else by
kind and title, else by order; items by id, else by what they say, else
by order. Where an item was
written (its line) does not count as a change: an edit above it moves it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.core.model import Citation, Item, Slide

Verified = Callable[[Citation], bool]
#: Slides a notice names before it says "and N more".
MAX_NAMED = 3


@dataclass(frozen=True)
class SlideChange:
    """What changed on one slide of the new deck (``number`` is 1-based)."""

    number: int
    changed: int = 0
    added: int = 0
    removed: int = 0
    now_failing: int = 0
    now_verified: int = 0
    retitled: bool = False

    def __str__(self) -> str:
        parts = []
        for count, what in (
            (self.changed, "changed"),
            (self.added, "added"),
            (self.removed, "removed"),
        ):
            if count:
                parts.append(f"{count} item{'s' if count != 1 else ''} {what}")
        if self.retitled:
            parts.append("title changed")
        for count, mark in ((self.now_failing, "✗"), (self.now_verified, "✓")):
            if count:
                parts.append(f"{count} citation{'s' if count != 1 else ''} now {mark}")
        return f"slide {self.number}: {', '.join(parts) or 'changed'}"


@dataclass(frozen=True)
class DeckChanges:
    """Every slide that changed, and how many slides came or went."""

    slides: tuple[SlideChange, ...] = ()
    added_slides: int = 0
    removed_slides: int = 0

    def __bool__(self) -> bool:
        return bool(self.slides or self.added_slides or self.removed_slides)

    def summary(self) -> str:
        """One line: ``slide 3: 2 items changed, 1 citation now ✗`` (or ``no change to the slides``)."""
        parts = [str(change) for change in self.slides[:MAX_NAMED]]
        if len(self.slides) > MAX_NAMED:
            more = len(self.slides) - MAX_NAMED
            parts.append(f"{more} more slide{'s' if more != 1 else ''} changed")
        for count, what in ((self.added_slides, "added"), (self.removed_slides, "removed")):
            if count:
                parts.append(f"{count} slide{'s' if count != 1 else ''} {what}")
        return "; ".join(parts) if parts else "no change to the slides"


_SKIPPED = {"path", "location", "citations"}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _bare(item: Item) -> tuple[object, ...]:
    """What ``item`` says, without where it was written (a tuple: quicker than a copy)."""
    names = _FIELDS.get(type(item))
    if names is None:
        names = _FIELDS[type(item)] = tuple(
            f.name for f in dataclasses.fields(item) if f.name not in _SKIPPED
        )
    cites = tuple((c.source_id, c.quote, c.prefix, c.suffix) for c in item.citations)
    return (type(item), cites, *(getattr(item, name) for name in names))


Key = Callable[[Any], object]


def _pair(old: Sequence[Any], new: Sequence[Any], keys: Sequence[Key]) -> list[tuple[int, int]]:
    """``(old index, new index)`` pairs, sorted by the new index.

    Each key in turn pairs what is still unpaired and has the same (non-empty)
    key on both sides, first with first; what is left is paired in order
    within the same gap between paired neighbours (a reworded item).
    """
    pairs: list[tuple[int, int]] = []
    old_left, new_left = list(range(len(old))), list(range(len(new)))
    for key in keys:
        waiting: dict[object, list[int]] = {}
        for i in old_left:
            if k := key(old[i]):
                waiting.setdefault(k, []).append(i)
        paired_new = []
        for j in new_left:
            found = waiting.get(key(new[j]) or None)
            if found:
                pairs.append((found.pop(0), j))
                paired_new.append(j)
        taken = {i for i, _ in pairs}
        old_left = [i for i in old_left if i not in taken]
        new_left = [j for j in new_left if j not in paired_new]
    # What is left pairs with what is left between the same paired neighbours.
    for i in old_left:
        low = max((j for a, j in pairs if a < i), default=-1)
        high = min((j for a, j in pairs if a > i), default=len(new))
        between = [j for j in new_left if low < j < high]
        if between:
            pairs.append((i, between[0]))
            new_left.remove(between[0])
    return sorted(pairs, key=lambda p: p[1])


#: Slides are the same slide by id, else by kind and title (else by order).
SLIDE_KEYS: tuple[Key, ...] = (lambda s: s.id, lambda s: (s.kind, s.title))
#: Items are the same item by id, else by what they say (else by order).
ITEM_KEYS: tuple[Key, ...] = (lambda x: x.id, _bare)


def follow(old: Sequence[Slide], index: int, new: Sequence[Slide]) -> int | None:
    """Where slide ``index`` of ``old`` is in ``new`` (``None``: gone)."""
    return next((j for i, j in _pair(old, new, SLIDE_KEYS) if i == index), None)


def follow_item(old: Slide, item: int | None, new: Slide) -> int | None:
    """Where item ``item`` of ``old`` is among ``new``'s items (``None``: gone, or none given)."""
    if item is None:
        return None
    return next((j for i, j in _pair(old.items, new.items, ITEM_KEYS) if i == item), None)


def _flips(old: Item | None, new: Item, was: Verified, now: Verified) -> tuple[int, int]:
    """Citations of ``new`` that now fail / now verify, against the same citation in ``old``."""
    failing = verified = 0
    for index, citation in enumerate(new.citations):
        before = was(old.citations[index]) if old is not None and index < len(old.citations) else None
        after = now(citation)
        if after is False and before is not False:
            failing += 1
        elif after is True and before is False:
            verified += 1
    return failing, verified


def compare(
    old: Sequence[Slide],
    new: Sequence[Slide],
    was: Verified,
    now: Verified,
    sources_changed: bool = False,
) -> DeckChanges:
    """What changed from ``old`` to ``new``.

    ``was``/``now`` say whether a citation verifies in the old / new deck;
    they are asked only for items that changed, or for every item when
    ``sources_changed`` (an article edited under an unchanged deck).
    """
    slide_pairs = _pair(old, new, SLIDE_KEYS)
    changes = []
    for i, j in slide_pairs:
        before, after = old[i], new[j]
        item_pairs = _pair(before.items, after.items, ITEM_KEYS)
        changed = failing = verified = 0
        for a, b in item_pairs:
            old_item, new_item = before.items[a], after.items[b]
            differs = old_item != new_item and _bare(old_item) != _bare(new_item)
            changed += differs
            if differs or sources_changed:
                f, v = _flips(before.items[a], after.items[b], was, now)
                failing, verified = failing + f, verified + v
        paired = {b for _, b in item_pairs}
        for b, item in enumerate(after.items):
            if b not in paired:
                failing += _flips(None, item, was, now)[0]
        added = len(after.items) - len(item_pairs)
        removed = len(before.items) - len(item_pairs)
        retitled = (before.title, before.subtitle, before.kind) != (after.title, after.subtitle, after.kind)
        change = SlideChange(j + 1, changed, added, removed, failing, verified, retitled)
        if changed or added or removed or failing or verified or retitled:
            changes.append(change)
    return DeckChanges(
        tuple(changes),
        added_slides=len(new) - len(slide_pairs),
        removed_slides=len(old) - len(slide_pairs),
    )
