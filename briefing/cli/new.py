"""``briefing new DECK --source ARTICLE``: start a deck that already checks clean.

A person starting a deck should edit, not type a schema from memory: the
file written has a title slide, a points slide and a reactions slide, the
article's sha256, and real quotes taken from the article's first sentences,
with a comment on each part saying what to change. It never replaces a file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from briefing.core.paths import display_path, resolve_source_path
from briefing.core.problems import say
from briefing.core.sourcetext import SourceError, SourceText, normalize
from briefing.core.textsafe import clean

#: Longest quote taken from a sentence, in words (a quote may be any run of the article's words).
MAX_QUOTE_WORDS = 18
#: How many quotes the template needs (one per cited item).
QUOTES = 3

_SENTENCE = re.compile(r"\S.*?(?:[.!?…][”’\"')\]]*(?=\s|$)|(?=\n\s*\n)|\Z)", re.DOTALL)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing new",
        description="Write a small, valid deck for an article, ready to edit (never replaces a file).",
        epilog="Then: `briefing DECK` in one pane, your editor in another; see docs/deck-format.md.",
    )
    parser.add_argument("deck", metavar="DECK", help="the deck file to create, e.g. decks/summit.yaml")
    parser.add_argument(
        "--source", required=True, metavar="ARTICLE", help="the article (UTF-8 text) the deck cites"
    )
    return parser


def first_quotes(text: SourceText, count: int = QUOTES) -> list[str]:
    """Up to ``count`` exact passages from the article's first sentences, each found once.

    Each is a sentence, or its first words when it is long, with white
    space as one space; one that occurs more than once (and would need a
    ``prefix:``) is passed over.
    """
    quotes: list[str] = []
    for match in _SENTENCE.finditer(text.text):
        words = match[0].split()
        if len(words) < 3:
            continue
        if len(words) > MAX_QUOTE_WORDS:  # up to a comma, if one leaves enough to read
            words = words[:MAX_QUOTE_WORDS]
            commas = [i for i, word in enumerate(words) if word.endswith(",") and i >= 5]
            words = words[: commas[-1] + 1] if commas else words
        quote = " ".join(words).rstrip(",;:")
        wanted = normalize(quote)
        first = text.normalized.find(wanted)
        if first < 0 or text.normalized.find(wanted, first + 1) >= 0 or quote in quotes:
            continue
        quotes.append(quote)
        if len(quotes) == count:
            break
    return quotes


def _q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def template(title: str, source_path: str, sha256: str, quotes: list[str]) -> str:
    """The deck's text: every part commented, every quote one of ``quotes``."""
    one, two, three = (quotes * QUOTES)[:QUOTES]
    return f"""\
# A briefing deck: each point says something in your words and cites the
# article's exact words (`cite:`), which `briefing check` proves.
# Write it beside the viewer: `briefing THIS-FILE` in one pane, your editor in
# another. `briefing check --fix THIS-FILE` puts back the article's own quote
# marks, dashes and capitals in quotes you typed. Format: docs/deck-format.md.
briefing: 1
title: {_q(title)}   # what the briefing is about
subtitle: "One line on why it matters"   # optional

sources:
  - id: article
    path: {_q(source_path)}   # relative to this file
    sha256: "{sha256}"   # check warns when the article changes

slides:
  # The bottom line up front: what the reader must take away.
  - kind: title
    id: bluf
    title: "Bottom line up front"
    bluf:
      - id: bluf-1
        text: "The one thing to know, in your words"
        cite:
          - {_q(one)}

  # Points: each in your words, each backed by the article's words.
  - kind: points
    id: what-happened
    title: "What happened"
    points:
      - id: point-1
        text: "A point the article makes, in your words"
        cite:
          - {_q(two)}
      - text: "Your own reading: a judgement, resting on the points it follows from"
        judgement: true
        rests_on: [point-1]

  # Reactions: who said what, and where they stand.
  - kind: reactions
    id: reactions
    title: "Reactions"
    reactions:
      - country: "Country"
        actor: "Who reacted"
        stance: supports   # leads | supports | conditional | cautious | opposed | hostile
        summary: "What they said, in a line"
        cite:
          - {_q(three)}
"""


def run(argv: list[str]) -> int:
    """Run ``briefing new``; returns the exit status (0 written, 2 not)."""
    import sys

    from briefing.output.atomic import RefusedTarget, write_atomic

    args = build_parser().parse_args(argv)
    deck, article = Path(args.deck), Path(args.source)
    shown = clean(display_path(deck))

    def fail(message: str) -> int:
        say(sys.stderr, f"briefing new: {message}")
        return 2

    if deck.suffix.lower() not in (".yaml", ".yml"):
        return fail(f"{shown}: a deck file ends in .yaml (did you swap DECK and --source?)")
    if os.path.lexists(deck):
        return fail(f"{shown} already exists; briefing new never replaces a file: choose another name")
    written = os.path.relpath(os.path.abspath(article), os.path.abspath(deck.parent)).replace(os.sep, "/")
    resolved, reason = resolve_source_path(deck, written)
    if resolved is None:
        return fail(f"--source {clean(str(article))}: {reason}")
    try:
        text = SourceText.read(article)
    except SourceError as error:
        return fail(f"--source {clean(str(article))} {error}")
    quotes = first_quotes(text)
    if not quotes:
        return fail(f"--source {clean(str(article))}: no sentence of three words or more to quote")
    title = " ".join(re.split(r"[-_\s]+", article.stem)).strip().capitalize() or "A briefing"
    try:
        deck.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(deck, template(title, written, text.sha256, quotes))
    except FileExistsError:
        return fail(f"{shown} already exists; briefing new never replaces a file: choose another name")
    except (RefusedTarget, OSError) as error:
        return fail(f"cannot write {shown}: {error.strerror or error}")
    print(f"{shown}: written, with {len(quotes)} quote(s) from {clean(display_path(article))}.")
    print(f"Next: `briefing {shown}` to view it, `briefing check {shown}` after each edit.")
    return 0
