"""What a reload changed: a short notice for a deck saved while it is shown.

Pure: the caller says how a citation verifies in the old and the new deck
(two callables), so this module needs neither files nor the verifier and
can be tested on hand-built slides. Slides are matched by id, else by
position; items by id, else by position in their slide. Where an item was
written (its line) does not count as a change: an edit above it moves it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.core.model import Citation, Item, Location, Slide

Verified = Callable[[Citation], bool]
#: Slides a notice names before it says "and N more".
MAX_NAMED = 3
_NOWHERE = Location(0, 0)


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


def _bare(item: Item) -> Item:
    """``item`` without where it was written, to compare what it says."""
    citations = tuple(dataclasses.replace(c, path="", location=_NOWHERE) for c in item.citations)
    return dataclasses.replace(item, path="", location=_NOWHERE, citations=citations)


def _pair(old: Sequence[object], new: Sequence[object], key: Callable[[object], str]) -> list[tuple[int, int]]:
    """``(old index, new index)`` pairs: by id, else (neither has one) by position among the rest."""
    pairs: list[tuple[int, int]] = []
    old_ids = {key(x): i for i, x in enumerate(old) if key(x)}
    used_old: set[int] = set()
    unmatched_new = []
    for j, x in enumerate(new):
        i = old_ids.get(key(x)) if key(x) else None
        if i is not None and i not in used_old:
            pairs.append((i, j))
            used_old.add(i)
        else:
            unmatched_new.append(j)
    # Without ids, the n-th unnamed item of the old slide is the n-th of the new.
    unmatched_old = [i for i in range(len(old)) if i not in used_old and not key(old[i])]
    unmatched_new = [j for j in unmatched_new if not key(new[j])]
    pairs.extend(zip(unmatched_old, unmatched_new, strict=False))
    return sorted(pairs, key=lambda p: p[1])


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
    slide_pairs = _pair(old, new, lambda s: s.id)  # type: ignore[attr-defined]
    changes = []
    for i, j in slide_pairs:
        before, after = old[i], new[j]
        item_pairs = _pair(before.items, after.items, lambda x: x.id)  # type: ignore[attr-defined]
        changed = failing = verified = 0
        for a, b in item_pairs:
            differs = _bare(before.items[a]) != _bare(after.items[b])
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
