"""Does export time grow with the deck, and no faster? Two in-memory decks, one ratio.

The decks are built as model objects (no YAML, no cache) citing the bundled
article, so the figure is the export's own work: a fresh verifier (every
quote is searched) and the Markdown formatter, with the cycle collector
paused as ``briefing export`` pauses it. One export of the large deck is
compared with as many exports of the small one as make the same number of
slides: equal work when the export is linear (a ratio of 1), and runs of
similar length, so a busy machine slows both alike.
"""

from __future__ import annotations

import time

from briefing.core.bundled import bundled_deck
from briefing.core.model import Citation, Deck, Figure, Item, Point, Quote, Reaction, Slide, Source

#: The slide counts compared: the ratio of their export times is the figure.
SMALL, LARGE = 200, 2000

_QUOTES = (
    "brought together nearly 30 nations",
    "It is not unanimous.",
    "make the cost of further Russian aggression intolerable",
    "Poland’s Donald Tusk ruled out sending soldiers altogether",
    "pledge of €2 billion in new military aid",
    "Europe knows how to defend itself",
    "a symbolic presence along the Dnieper River",
)
_KINDS = ("points", "reactions", "figures", "quotes", "title")


def model_deck(slides: int) -> Deck:
    """A deck of ``slides`` slides of every kind, five items each, two citations per item."""
    article = bundled_deck().parent.parent / "seeds" / "paris-summit-reassurance-force.txt"
    # Written as the bundled deck writes it, relative to the bundled deck, which the
    # verifier checks again on every read.
    source = Source(id="article", path="../seeds/" + article.name, resolved=article, title="The article")

    def cites(s: int, n: int) -> tuple[Citation, ...]:
        return tuple(
            Citation("article", _QUOTES[(s + n + j) % len(_QUOTES)], path=f"slides[{s}].i[{n}].cite[{j}]")
            for j in range(2)
        )

    out = []
    for s in range(slides):
        kind = _KINDS[s % len(_KINDS)]
        items: tuple[Item, ...]
        if kind == "reactions":
            items = tuple(
                Reaction(
                    country=f"C{n}",
                    actor="A | b",
                    stance="supports",
                    summary="S *x*",
                    role="R",
                    citations=cites(s, n),
                )
                for n in range(5)
            )
        elif kind == "figures":
            items = tuple(Figure(value=f"{n} €", measures="m", citations=cites(s, n)) for n in range(5))
        elif kind == "quotes":
            items = tuple(Quote(text="q `x`", speaker="Sp", citations=cites(s, n)) for n in range(5))
        else:
            items = tuple(
                Point(text=f"Point {n} with [brackets]", id=f"p{s}-{n}", citations=cites(s, n))
                for n in range(5)
            )
        out.append(Slide(kind, f"Slide {s}", items, subtitle="sub", notes="Some notes -- here"))
    return Deck(title="Big", slides=tuple(out), sources=(source,), path=bundled_deck())


def time_export(deck: Deck, times: int = 1) -> float:
    """Export ``deck`` to Markdown ``times`` times, each with a fresh verifier; the wall time in seconds.

    Raises:
        RuntimeError: the export does not have one slide per deck slide (the
            figure would not mean anything).
    """
    from briefing.core.gcpause import collector_paused
    from briefing.core.verify import Verifier
    from briefing.output.markdown import export_markdown

    with collector_paused():
        started = time.perf_counter()
        exports = [export_markdown(deck, Verifier(deck)) for _ in range(times)]
        seconds = time.perf_counter() - started
    for markdown in exports:
        separators = markdown.count("\n\n---\n\n")
        if separators != len(deck.slides) - 1:
            raise RuntimeError(f"the export of {len(deck.slides)} slides has {separators + 1} slides")
    return seconds
