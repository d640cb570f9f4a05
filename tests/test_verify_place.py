"""The offset cache's place in the normal form comes from the map, not a second scan, and is the same.

When a quote verifies, the verifier files ``[start, end, at]`` for the
next run, ``at`` being the quote's place in the normalised source. It used
to find ``at`` by scanning the whole normal form again (half the cost of
verifying a quote in a 10 MB source, which the source view's warm-up pays
for every citation); it now maps ``start`` back through the normal form's
breakpoints and checks that the quote is there. These tests hold the
results and the filed offsets to those of the scan, on the bundled deck,
the drill fixture, a generated source and a source that is not NFC, with
curly quotes, dashes and invisible characters, and count the scans.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from benchmarks.generate import generate_big_source
from briefing.core import verify
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck, Point, Slide, Source
from briefing.core.sourcetext import SourceText
from briefing.core.verify import Verifier, quote_key

DRILL_DECK = Path(__file__).parent / "data" / "drill" / "decks" / "drill.yaml"

ODD_TEXT = (
    "Intro \u2014 the \u201cplan\u201d costs \u20ac2\u00a0billion.\n\n"
    "Caf\u0065\u0301 owners  said the\u200bplan -- was \u2018late\u2019 \u2013 again.\r\n"
    "A second Cafe\u0301 line: the plan was late, again; the plan costs more.\n"
)


def odd_deck() -> tuple[Deck, Verifier, Verifier]:
    """A deck on a source that is not NFC (decomposed accents) with runs the normal form squeezes."""
    assert not unicodedata.is_normalized("NFC", ODD_TEXT)
    quotes = [
        ("the \u201cplan\u201d costs", "", ""),
        ("Caf\u00e9 owners said", "", ""),
        ("the plan was \u2018late\u2019 - again", "", ""),
        ("the plan costs more", "", ""),
        ("Cafe\u0301 line", "", ""),
        ("the plan", "", "costs more"),
    ]
    points = tuple(
        Point(
            f"p{n}",
            citations=(Citation("odd", q, prefix, suffix, path=f"slides[0].points[{n}].cite[0]"),),
            path=f"slides[0].points[{n}]",
        )
        for n, (q, prefix, suffix) in enumerate(quotes)
    )
    deck = Deck("Odd", (Slide("points", "Odd", points),), (Source("odd", "odd.txt", title="Odd"),))

    class InMemory(Verifier):
        def source_text(self, source_id: str) -> SourceText | None:
            return SOURCES.setdefault(id(self), SourceText(ODD_TEXT))

    return deck, InMemory(deck), InMemory(deck)


SOURCES: dict[int, SourceText] = {}


def verifiers(which: str, tmp_path: Path) -> tuple[Deck, Verifier, Verifier]:
    if which == "odd":
        return odd_deck()
    path = {"bundled": bundled_deck(), "drill": DRILL_DECK}.get(which)
    if path is None:
        path = generate_big_source(tmp_path, source_kb=64)
    deck = load_deck(path)
    return deck, Verifier(deck), Verifier(deck)


@pytest.mark.parametrize("which", ["bundled", "drill", "generated", "odd"])
def test_filed_places_are_those_of_the_scan(
    which: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, mapped, scanned = verifiers(which, tmp_path)
    scans: list[str] = []
    real = verify._occurrences

    def counting(haystack: str, needle: str) -> list[int]:
        scans.append(needle)
        return real(haystack, needle)

    monkeypatch.setattr(verify, "_occurrences", counting)
    results = {c.path: mapped.result(c) for c in deck.citations}
    mapped_scans = len(scans)
    with monkeypatch.context() as old:
        # The scan it replaced: the mapped place is never there, so every place is looked for.
        old.setattr(verify, "_normalized_at", lambda text, offset: len(text.normalized) + 1)
        scans.clear()
        assert {c.path: scanned.result(c) for c in deck.citations} == results
    # Citations of one quote share an entry (the second finds the first's in the cache).
    filed = {
        (r.citation.source_id, quote_key(r.citation.quote, r.citation.prefix, r.citation.suffix))
        for r in results.values()
        if r.verified
    }
    assert len(filed) >= 5
    assert mapped._offsets == scanned._offsets
    assert sum(len(found) for found in mapped._offsets.values()) == len(filed)
    assert mapped_scans == len(scans) - len(filed)  # one scan fewer per quote filed
