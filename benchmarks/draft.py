"""`briefing draft` on a 10,000-word article: the budget is one second, end to end in process.

    python -m benchmarks.draft [--words N] [--runs R]

The article is the bundled one repeated with its numbers and names varied (so quotes
and figures stay unique and every citation must be searched), written to a temporary
folder; the time covers reading it, extracting, verifying every citation and writing
the YAML text. Exit status 1 when the median is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from briefing.draft.build import Placed, draft_deck
from briefing.draft.ingest import read_article

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 1.0


def article(words: int) -> str:
    """About ``words`` words of news text: the bundled article, varied copy by copy."""
    base = (ROOT / "seeds" / "paris-summit-reassurance-force.txt").read_text(encoding="utf-8").splitlines()
    out: list[str] = ["A long briefing article"]
    count, copy = 0, 0
    while count < words:
        copy += 1
        for line in base:
            varied = line.replace("30 nations", f"{30 + copy} nations").replace(
                "€2 billion", f"€{2 + copy} billion"
            )
            varied = varied.replace("Keir Starmer", f"Keir Starmer-{copy}").replace(
                "12 wounded", f"{12 + copy} wounded"
            )
            out.append(f"In update {copy}, {varied[0].lower()}{varied[1:]}")
            count += len(varied.split())
            if count >= words:
                break
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.draft", description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(article(args.words), encoding="utf-8")
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            text, counts = draft_deck([Placed(read_article(path), "article", "../seeds/long.txt")])
            times.append(time.perf_counter() - started)
    median = statistics.median(times)
    words = len(path.name) and args.words
    items = sum(v for k, v in counts.items() if k != "dropped")
    print(
        f"draft of a {words:,}-word article: median {median * 1000:.0f} ms over {args.runs} runs "
        f"(budget {BUDGET_S * 1000:.0f} ms), {items} items, {len(text):,} bytes of YAML"
    )
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
