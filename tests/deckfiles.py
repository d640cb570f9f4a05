"""Helpers that write small decks and sources into a temporary project.

Tests build their input here rather than committing dozens of near-identical
files; the hostile corpus that must be read by eye lives in tests/data/.
"""

from __future__ import annotations

from pathlib import Path

ARTICLE = (
    "The summit brought together nearly 30 nations, yet “It is not unanimous.”\n"
    "Officials said the plan is “gathering steam” – and cost €2 billion.\n"
    "“We have to be prepared for a situation where [the Americans] won’t join in,”\n"
    "he warned.\n"
    "The coming days will reveal whether it works.\n"
    "The coming days will reveal whether Europe can act.\n"
)

HEADER = """briefing: 1
title: Test deck
sources:
  - id: article
    path: ../seeds/article.txt
slides:
"""


def make_project(
    root: Path, slides: str, article: str | bytes = ARTICLE, header: str = HEADER, name: str = "deck.yaml"
) -> Path:
    """Write ``decks/<name>`` and ``seeds/article.txt`` under ``root``."""
    (root / "decks").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    data = article.encode("utf-8") if isinstance(article, str) else article
    (root / "seeds" / "article.txt").write_bytes(data)
    deck = root / "decks" / name
    deck.write_text(header + slides, encoding="utf-8")
    return deck


def points_slide(*quotes: str) -> str:
    """A points slide with one point per quote."""
    lines = ["  - kind: points", "    title: Points", "    points:"]
    for quote in quotes:
        escaped = quote.replace("\\", "\\\\").replace('"', '\\"')
        lines += ["      - text: a point", f'        cite: ["{escaped}"]']
    return "\n".join(lines) + "\n"
