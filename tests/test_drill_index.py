"""The drill index looks answers up instead of scanning the deck for each one.

The index used to walk every citation of the deck for each source it
indexed and for each ``ordinal`` (asked on every ``Enter``). It now walks
them once. These tests hold its answers to those of the scanning code it
replaced (kept below as :class:`ScanningIndex`) on the drill fixture, the
bundled deck and a generated deck, and count the work: however many
sources are indexed and ordinals asked, the deck's slides are walked once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.generate import generate_large
from briefing.core.bundled import bundled_deck
from briefing.core.drill import CitedPassage, DrillIndex
from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck
from briefing.core.verify import Verifier

DRILL_DECK = Path(__file__).parent / "data" / "drill" / "decks" / "drill.yaml"


class ScanningIndex(DrillIndex):
    """The index as it was: a scan of every citation per source, and per ordinal."""

    def _source(self, source_id: str) -> tuple[list[tuple[int, int]], list[tuple[CitedPassage, ...]]]:
        found = self._by_source.get(source_id)
        if found is None:
            entries = []
            for slide_index, slide in enumerate(self._deck.slides):
                for item_index, item in enumerate(slide.items):
                    for citation_index, citation in enumerate(item.citations):
                        if citation.source_id != source_id:
                            continue
                        result = self._verifier.result(citation)
                        if result.status != "verified" or result.start is None or result.end is None:
                            continue
                        entries.append(
                            CitedPassage(
                                source_id,
                                result.start,
                                result.end,
                                slide_index,
                                item_index,
                                citation_index,
                                item.path,
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

    @property
    def citation_count(self) -> int:
        return sum(len(item.citations) for slide in self._deck.slides for item in slide.items)

    def ordinal(self, citation: Citation) -> int:
        number = 0
        for slide in self._deck.slides:
            for item in slide.items:
                for other in item.citations:
                    number += 1
                    if other.path == citation.path:
                        return number
        return 0

    def step(self, source_id: str, start: int, end: int, forward: bool = True) -> tuple[CitedPassage, ...]:
        keys, _ = self._source(source_id)
        if forward:
            at = _bisect_right(keys, (start, end))
            if at < len(keys):
                return self.citing(source_id, *keys[at])
        else:
            at = _bisect_left(keys, (start, end)) - 1
            if at >= 0:
                return self.citing(source_id, *keys[at])
        here = self._sources.index(source_id) if source_id in self._sources else -1
        count = len(self._sources)
        for offset in range(1, count + 1):
            other = self._sources[(here + (offset if forward else -offset)) % count]
            other_keys, _ = self._source(other)
            if other_keys:
                return self.citing(other, *other_keys[0 if forward else -1])
        return ()


def _bisect_left(keys: list[tuple[int, int]], key: tuple[int, int]) -> int:
    from bisect import bisect_left

    return bisect_left(keys, key)


def _bisect_right(keys: list[tuple[int, int]], key: tuple[int, int]) -> int:
    from bisect import bisect_right

    return bisect_right(keys, key)


def _answers(index: DrillIndex, deck: Deck) -> dict[str, object]:
    """Everything the source view asks of an index, for every citation and passage."""
    sources = [source.id for source in deck.sources] + ["no-such-source"]
    out: dict[str, object] = {
        "entries": index.entries,
        "len": len(index),
        "citation_count": index.citation_count,
        "ordinals": [index.ordinal(c) for c in deck.citations],
        "unknown ordinal": index.ordinal(replace(deck.citations[0], path="slides[999].points[0].cite[0]")),
    }
    for source_id in sources:
        spans = index.spans(source_id)
        out[f"{source_id} count"] = index.count(source_id)
        out[f"{source_id} spans"] = spans
        for start, end in [(-1, -1), *spans, (10**9, 10**9)]:
            out[f"{source_id} {start}"] = (
                index.citing(source_id, start, end),
                index.number(source_id, start, end),
                index.step(source_id, start, end, True),
                index.step(source_id, start, end, False),
            )
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    return generate_large(folder, slides=150, citations=600, sources=7, source_kb=6)


@pytest.mark.parametrize("which", ["drill", "bundled", "generated"])
def test_answers_are_those_of_the_scanning_index(which: str, generated: Path) -> None:
    path = {"drill": DRILL_DECK, "bundled": bundled_deck(), "generated": generated}[which]
    deck = load_deck(path)
    verifier = Verifier(deck)
    expected = _answers(ScanningIndex(deck, verifier), deck)
    got = _answers(DrillIndex(deck, verifier), deck)
    assert got == expected
    assert expected["citation_count"] == len(deck.citations) > 0
    assert len(expected["entries"]) > 0  # type: ignore[arg-type]


class CountingTuple(tuple):
    """A tuple that counts the elements handed out by iterating it."""

    yielded = 0

    def __iter__(self) -> Iterator[object]:
        for element in super().__iter__():
            CountingTuple.yielded += 1
            yield element


def _counted(deck: Deck) -> Deck:
    """The deck with its slides (and each slide's items) counted as they are walked."""
    slides = CountingTuple(replace(slide, items=CountingTuple(slide.items)) for slide in deck.slides)
    return replace(deck, slides=slides)


@pytest.mark.parametrize("index_class", [DrillIndex, ScanningIndex])
def test_indexing_every_source_and_every_ordinal_walks_the_deck_once(
    index_class: type[DrillIndex], generated: Path
) -> None:
    deck = _counted(load_deck(generated))
    citations = [c for slide in tuple.__iter__(deck.slides) for c in slide.citations]
    index = index_class(deck, Verifier(deck))
    CountingTuple.yielded = 0
    for source in deck.sources:
        index.spans(source.id)
    for citation in citations[:50]:
        index.ordinal(citation)
    _ = index.citation_count
    once = len(deck.slides) + sum(len(s.items) for s in tuple.__iter__(deck.slides))
    if index_class is DrillIndex:
        assert CountingTuple.yielded == once
    else:  # the old code: one walk per source, and more per ordinal
        assert CountingTuple.yielded > len(deck.sources) * once


def test_an_ordinal_costs_the_same_on_a_deck_ten_times_larger(tmp_path: Path) -> None:
    walked = []
    for slides in (100, 1000):
        path = generate_large(
            tmp_path / str(slides), slides=slides, citations=slides * 2, sources=2, source_kb=2
        )
        deck = _counted(load_deck(path))
        index = DrillIndex(deck, Verifier(deck))
        last = [c for slide in tuple.__iter__(deck.slides) for c in slide.citations][-1]
        index.ordinal(last)  # builds the table: one walk
        CountingTuple.yielded = 0
        for _ in range(20):
            assert index.ordinal(last) == slides * 2
        walked.append(CountingTuple.yielded)
    assert walked == [0, 0]


def test_threads_asking_for_one_source_index_it_once() -> None:
    """The warm-up and the source view may ask at once: the second waits for the first's work."""
    import threading
    import time

    deck = load_deck(DRILL_DECK)
    verifier = Verifier(deck)
    asked: list[str] = []

    class Slow:
        def result(self, citation: Citation) -> object:
            asked.append(citation.path)
            time.sleep(0.01)
            return verifier.result(citation)

    index = DrillIndex(deck, Slow())
    source_id = deck.sources[0].id
    answers: list[list[tuple[int, int]]] = []
    threads = [threading.Thread(target=lambda: answers.append(index.spans(source_id))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = DrillIndex(deck, verifier).spans(source_id)
    assert answers == [expected] * 4 and expected
    cited = [c.path for c in deck.citations if c.source_id == source_id]
    assert sorted(asked) == sorted(cited)  # each citation verified once, not once per thread
