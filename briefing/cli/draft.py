"""``briefing draft``: a first deck from one or more articles, every item anchored and marked.

The extractors live in :mod:`briefing.draft`; this command only places the
files: a plain-text snapshot of each article in ``seeds/`` (the deck cites
it) and the deck itself, both written atomically and never over an
existing file without ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.core.problems import DeckError
from briefing.output.atomic import write_atomic

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing draft",
        description="Draft a deck from articles (.txt, .md, .html, .pdf): quotations with speakers, key "
        "figures, reactions by country, objectives, obstacles and what to watch, each cited by an exact "
        "passage and marked `draft: true` for review.",
        epilog="HTML and PDF need the optional extra: pip install 'briefing[ingest]'.",
    )
    parser.add_argument("articles", nargs="+", metavar="ARTICLE", help="article files")
    parser.add_argument("-o", "--output", metavar="DECK", help="deck to write (default: decks/NAME.yaml)")
    parser.add_argument("--title", help="the deck's title (default: the article's)")
    parser.add_argument("--force", action="store_true", help="overwrite the deck and snapshots if they exist")
    return parser


def _seeds_for(deck: Path) -> tuple[Path, str]:
    """Where snapshots go, and how the deck writes that folder: ``../seeds`` beside ``decks/``."""
    folder = deck.parent
    if folder.name == "decks":
        return folder.parent / "seeds", "../seeds/"
    return folder / "seeds", "seeds/"


def run(argv: list[str]) -> int:
    """Run ``briefing draft``; returns the exit status."""
    from briefing.draft.build import Placed, draft_deck, slug
    from briefing.draft.ingest import read_article
    from briefing.draft.text import ArticleError

    args = build_parser().parse_args(argv)
    try:
        articles = [read_article(Path(name)) for name in args.articles]
    except ArticleError as error:
        print(f"briefing draft: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    title = args.title or articles[0].title
    deck_path = Path(args.output) if args.output else Path("decks") / f"{slug(title)}.yaml"
    if deck_path.exists() and not args.force:
        print(f"briefing draft: {deck_path} exists; choose another name with -o, or --force", file=sys.stderr)
        return EXIT_UNUSABLE
    seeds, written_prefix = _seeds_for(deck_path)
    placed: list[Placed] = []
    writes: list[tuple[Path, str]] = []
    used: set[str] = set()
    for index, (name, article) in enumerate(zip(args.articles, articles, strict=True)):
        base = slug(Path(name).stem)
        source_id = "article" if len(articles) == 1 else f"article-{index + 1}"
        given = Path(name)
        if given.suffix.lower() in (".txt", ".md") and given.resolve().parent == seeds.resolve():
            # A text already in seeds/ is cited as it is (the verifier reads UTF-8 text as is).
            try:
                own = given.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                own = ""
            if own:
                used.add(given.name)
                placed.append(Placed(article, source_id, written_prefix + given.name, text=own))
                continue
        snapshot = seeds / f"{base}.txt"
        while snapshot.name in used:
            snapshot = snapshot.with_name(f"{snapshot.stem}-{index + 1}.txt")
        used.add(snapshot.name)
        if snapshot.exists() and snapshot.read_bytes() != article.snapshot.encode("utf-8") and not args.force:
            print(
                f"briefing draft: {snapshot} exists with other text; remove it or use --force",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        if not snapshot.exists() or snapshot.read_bytes() != article.snapshot.encode("utf-8"):
            writes.append((snapshot, article.snapshot))
        placed.append(Placed(article, source_id, written_prefix + snapshot.name))
    text, counts = draft_deck(placed, title=args.title or "")
    try:
        seeds.mkdir(parents=True, exist_ok=True)
        deck_path.parent.mkdir(parents=True, exist_ok=True)
        for path, content in writes:
            write_atomic(path, content, force=True)
        write_atomic(deck_path, text, force=args.force)
    except OSError as error:
        print(f"briefing draft: cannot write: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    from briefing.core.loader import load_deck

    try:
        deck = load_deck(deck_path)
    except DeckError as error:  # pragma: no cover - the drafter writes only what the loader accepts
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    items = sum(len(s.items) for s in deck.slides)
    for path, _ in writes:
        print(f"wrote {path} (snapshot)")
    kinds = ", ".join(f"{n} {k}" for k, n in counts.items() if k != "dropped" and n)
    print(f"wrote {deck_path}: {len(deck.slides)} slides, {items} draft items ({kinds})")
    if counts["dropped"]:
        print(f"  {counts['dropped']} candidate(s) dropped: no exact, unique passage verified them")
    print(f"  review: briefing {deck_path}   then: briefing check --strict {deck_path}")
    return EXIT_OK
