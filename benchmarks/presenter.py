"""Latency from a key in the audience view to the notes view showing the new slide.

Two apps in one process (headless, as the Pilot tests run them), talking
over the real channel: a Unix socket in a private runtime folder. For each
key the clock starts just before the audience view gets ``Right`` (or
``Left``) and stops when the notes view has drawn the slide it was sent
and its screen has been refreshed (the refresh, at most 60 a second,
is most of it). Run: ``python -m benchmarks.presenter
[DECK] [--keys N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.notes import NotesScreen
from briefing.store.channel import Position
from briefing.ui.app import BriefingApp, Presenting

SIZE = (100, 30)


async def measure(deck_path: Path, keys: int = 40) -> list[float]:
    """Seconds from each key in the audience view to the notes view's refreshed screen."""
    with tempfile.TemporaryDirectory(prefix="bpb") as folder:
        deck = load_deck(deck_path)
        audience = BriefingApp(deck, Verifier(deck), presenting=Presenting("audience", folder=Path(folder)))
        notes = BriefingApp(deck, Verifier(deck), presenting=Presenting("notes", folder=Path(folder)))
        async with audience.run_test(size=SIZE) as front, notes.run_test(size=SIZE) as back:
            screen = notes.screen
            assert isinstance(screen, NotesScreen)
            while not screen.connected:
                await back.pause(0.02)
            arrived = asyncio.Event()
            follow = screen.follow

            def followed(position: Position) -> None:
                follow(position)
                screen.call_after_refresh(arrived.set)

            assert notes.listener is not None
            notes.listener.on_message = followed
            times: list[float] = []
            last = len(deck.slides) - 1
            for n in range(keys):
                await front.pause(0.05)  # both idle
                forward = (n // max(1, last)) % 2 == 0 if last else True
                arrived.clear()
                started = time.perf_counter()
                # Not awaited first: Pilot.press then waits for the app to go idle (~90 ms).
                key = asyncio.ensure_future(front.press("right" if forward else "left"))
                await asyncio.wait_for(arrived.wait(), 5.0)
                times.append(time.perf_counter() - started)
                await key
            return times


def summary(times: list[float]) -> str:
    """Median, 95th percentile and worst, in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{len(times)} keys: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, worst {ordered[-1] * 1000:.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.presenter", description=__doc__)
    parser.add_argument("deck", nargs="?", type=Path, default=None, help="deck (default: the bundled one)")
    parser.add_argument("--keys", type=int, default=40, help="keys to time (default 40)")
    args = parser.parse_args(argv)
    deck = args.deck or bundled_deck()
    times = asyncio.run(measure(deck, args.keys))
    print(f"audience key → notes view updated ({deck.name}): {summary(times)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
