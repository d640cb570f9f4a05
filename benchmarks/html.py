"""The HTML hand-out of the 2,000-slide deck: its size, how long it takes to write, and to open.

    python -m benchmarks.html [--slides N] [--runs R] [--no-browser]

The deck is the large benchmark deck (:mod:`benchmarks.generate`: 2,000
slides, 10,000 citations, 100 sources of about 50 KB, every source shipped
whole in the file), written to a temporary folder. Generation time covers
loading, verifying and rendering (the median of ``--runs``). Open time is
headless Chromium loading the file and running its script until the DOM
is dumped, less the same for an empty page (the browser's own start-up);
skipped when Chromium is not installed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_large
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.output.html import export_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def generate(deck_path: Path) -> tuple[str, float]:
    """The hand-out of the deck at ``deck_path``, and the seconds it took (load, verify, render)."""
    started = time.perf_counter()
    deck = load_deck(deck_path)
    text = export_html(deck, Verifier(deck))
    return text, time.perf_counter() - started


def browser_load(browser: str, page: Path, profile: Path) -> float:
    """Seconds for headless ``browser`` to load ``page``, run its script and dump the DOM."""
    started = time.perf_counter()
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--window-size=1280,800", "--dump-dom", page.as_uri()],
        capture_output=True, check=True, timeout=600,
    )  # fmt: skip
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.html", description=__doc__.split("\n")[0])
    parser.add_argument("--slides", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true", help="skip the open time in Chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        deck_path = generate_large(folder, slides=args.slides, citations=args.slides * 5)
        times = []
        for _ in range(args.runs):
            text, seconds = generate(deck_path)
            times.append(seconds)
        page = folder / "handout.html"
        page.write_text(text, encoding="utf-8")
        size = page.stat().st_size
        print(f"slides: {args.slides:,}  citations: {args.slides * 5:,}")
        print(f"size: {size:,} bytes ({size / 2**20:.1f} MiB)")
        print(f"generation: median {statistics.median(times):.2f} s of {args.runs} (load, verify, render)")
        browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
        if args.no_browser or browser is None:
            print("open time: skipped" + ("" if args.no_browser else " (Chromium is not installed)"))
            return 0
        empty = folder / "empty.html"
        empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
        profile = folder / "profile"
        base = min(browser_load(browser, empty, profile) for _ in range(2))
        loads = [browser_load(browser, page, profile) for _ in range(args.runs)]
        opened = statistics.median(loads) - base
        print(f"open time: median {opened:.2f} s in headless Chromium (load, script, DOM dump; "
              f"{base:.2f} s browser start-up subtracted)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
