"""Time search on the 2,000-slide deck: building the index, each keystroke, and results on screen.

Three figures, as a reader meets them:

- **index**: reading and folding every source (100 × 50 KB) and the slide
  text, once per deck, off the UI thread when ``/`` is first pressed;
- **query**: :meth:`SearchIndex.search` for each prefix of a word as it is
  typed (``c``, ``co``, … ``corridor``), median and worst;
- **on screen**: in the real app (headless, Pilot), from a key typed in
  the search box to the results list holding that query's results.

Usage::

    python -m benchmarks.search [--deck DECK] [--word corridor] [--repeat 5]

Without ``--deck`` the large deck is generated into a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.search import SearchIndex, deck_index
from briefing.core.verify import Verifier

#: Words typed in the benchmark (found in the generated deck's slides and sources).
WORDS = ("corridor", "treaty signed", "zzz")


def build_index(deck: Deck) -> tuple[SearchIndex, float]:
    """The index of ``deck`` with a fresh verifier (sources read from disk), and the seconds it took."""
    verifier = Verifier(deck)
    started = time.perf_counter()
    index = deck_index(deck, verifier)
    return index, time.perf_counter() - started


def keystroke_times(index: SearchIndex, word: str, repeat: int) -> list[float]:
    """Seconds of ``search`` for each prefix of ``word``, best of ``repeat`` each."""
    times = []
    for end in range(1, len(word) + 1):
        prefix = word[:end]
        best = min(_timed(index, prefix) for _ in range(repeat))
        times.append(best)
    return times


def _timed(index: SearchIndex, query: str) -> float:
    started = time.perf_counter()
    index.search(query)
    return time.perf_counter() - started


async def on_screen_times(deck: Deck, word: str) -> tuple[list[float], list[float]]:
    """Seconds from each key typed in the search box to its results being listed (headless app).

    Also the same for a key that searches nothing (``end``, in the box), the
    cost of a key and a frame under Pilot, to set the first against.
    """
    from textual.widgets import OptionList

    from briefing.screens.search import SearchScreen
    from briefing.ui.app import BriefingApp

    app = BriefingApp(deck, Verifier(deck))
    times: list[float] = []
    idle: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        while screen.index is None:  # the index is built in a thread
            await pilot.pause(0.05)
        for char in word:
            started = time.perf_counter()
            await pilot.press("space" if char == " " else char)
            await pilot.pause()  # the results are listed and a frame is drawn
            times.append(time.perf_counter() - started)
            assert screen._query.endswith(char) or char == " "
            assert screen.query_one(OptionList).option_count > 0
            started = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            idle.append(time.perf_counter() - started)
    return times, idle


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__.splitlines()[0])
    parser.add_argument("--deck", type=Path, help="deck to search (default: generate the 2,000-slide deck)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (the best is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        deck_path = args.deck
        if deck_path is None:
            from benchmarks.generate import generate_large

            deck_path = generate_large(
                Path(folder), slides=2000, citations=10000, sources=100, source_kb=50, seed=7
            )
        deck = load_deck(deck_path)
        index, seconds = build_index(deck)
        sources_kb = sum(len(text.text) for _, text in index._sources) // 1024
        print(f"deck: {len(deck.slides)} slides, {len(deck.sources)} sources ({sources_kb:,} KB of text)")
        print(f"index (read and fold everything, once): {seconds * 1000:.0f} ms")
        for word in WORDS:
            times = keystroke_times(index, word, args.repeat)
            found = len(index.search(word))
            print(
                f"query {word!r} ({found} matches): per keystroke median "
                f"{statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms"
            )
        shown, idle = asyncio.run(on_screen_times(deck, WORDS[0]))
        print(
            f"on screen, key to results listed ({WORDS[0]!r}): median "
            f"{statistics.median(shown) * 1000:.1f} ms, worst {max(shown) * 1000:.1f} ms "
            f"(a key that searches nothing: median {statistics.median(idle) * 1000:.1f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
