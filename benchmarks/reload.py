"""Reload in place: save-to-repaint latency, and what an idle viewer costs with reload on.

In-process, with Textual's headless driver: the app runs as the viewer does
(its file watcher, the reload thread), and "repainted" is the moment the
screen's compositor holds the new text. Each round rewrites the deck's
title (shown in the top bar) and times from just before the write until
the new title is on screen; that includes the watcher's debounce
(``store.watch.DEBOUNCE``), reported apart. Idle CPU is the process's user
and system time (``resource.getrusage``) over a quiet stretch with reload on.

Usage::

    python -m benchmarks.reload [--slides 2000] [--rounds 5] [--idle 10]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import generate_large
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.store.watch import DEBOUNCE, inotify_available
from briefing.ui.app import BriefingApp

SIZE = (120, 40)
_TITLE = re.compile(r"^title: .*$", re.MULTILINE)


@dataclass
class Latency:
    """One deck's reload rounds (seconds)."""

    name: str
    slides: int
    rounds: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    def line(self) -> str:
        median = statistics.median(self.rounds)
        load = statistics.median(self.loads) if self.loads else float("nan")
        return (
            f"{self.name} ({self.slides} slides): save to repaint median {median * 1000:.0f} ms "
            f"(max {max(self.rounds) * 1000:.0f} ms over {len(self.rounds)} saves; "
            f"{DEBOUNCE * 1000:.0f} ms of it the debounce; reload thread median {load * 1000:.0f} ms)"
        )


def _screen_text(app: BriefingApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _until(pilot: object, condition: object, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > end:
            raise TimeoutError("the screen did not change")
        await asyncio.sleep(0.005)


async def measure_latency(path: Path, name: str, rounds: int) -> Latency:
    """Save the deck ``rounds`` times (a new title each time) and time each until it is on screen."""
    from briefing.ui import reload as reload_module

    deck = load_deck(path)
    result = Latency(name, len(deck))
    real = reload_module.reload

    def timed(*args: object, **kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            result.loads.append(time.perf_counter() - start)

    reload_module.reload = timed  # type: ignore[assignment]
    try:
        app = BriefingApp(deck, Verifier(deck), start=len(deck) // 2)
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, lambda: app._watcher is not None)
            await pilot.pause(0.5)
            text = path.read_text(encoding="utf-8")
            for n in range(rounds):
                marker = f"Reloaded deck {n}"
                new = _TITLE.sub(f'title: "{marker}"', text, count=1)
                start = time.perf_counter()
                path.write_text(new, encoding="utf-8")
                await _until(pilot, lambda marker=marker: marker in _screen_text(app))
                result.rounds.append(time.perf_counter() - start)
                await pilot.pause(0.3)
    finally:
        reload_module.reload = real  # type: ignore[assignment]
    return result


async def measure_idle(path: Path, seconds: float) -> float:
    """CPU seconds the process used while the viewer sat idle with reload on for ``seconds``."""
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app._watcher is not None)
        await pilot.pause(1.0)  # the deck-wide verification and warm-up are done
        before = resource.getrusage(resource.RUSAGE_SELF)
        await asyncio.sleep(seconds)
        after = resource.getrusage(resource.RUSAGE_SELF)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def copy_bundled(root: Path) -> Path:
    """The bundled deck and its sources, copied (the benchmark writes the deck)."""
    deck = bundled_deck()
    shutil.copytree(deck.parent, root / "decks")
    shutil.copytree(deck.parent.parent / "seeds", root / "seeds")
    return root / "decks" / deck.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reload", description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=2000, help="slides of the large deck (0: skip it)")
    parser.add_argument("--rounds", type=int, default=5, help="saves timed per deck")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle viewer to measure")
    args = parser.parse_args(argv)
    print(f"watcher: {'inotify' if inotify_available() else 'stat poll'}; debounce {DEBOUNCE * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        bundled = copy_bundled(root / "bundled")
        print(asyncio.run(measure_latency(bundled, "bundled deck", args.rounds)).line(), flush=True)
        if args.slides:
            slides = args.slides
            sources = max(1, slides // 20)
            large = generate_large(root / "large", slides=slides, citations=slides * 5, sources=sources)
            print(asyncio.run(measure_latency(large, "large deck", args.rounds)).line(), flush=True)
        if args.idle:
            used = asyncio.run(measure_idle(bundled, args.idle))
            print(
                f"idle viewer, reload on: {used * 1000:.0f} ms CPU in {args.idle:.0f} s "
                f"({used / args.idle * 100:.2f}% of one core)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
