"""``briefing check``: verify decks and report, for people or for tools."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from briefing.core.gcpause import collector_paused
from briefing.core.paths import display_path
from briefing.core.problems import DeckError, Problem, report
from briefing.core.verify import Verification, Verifier
from briefing.store.cache import QuoteOffsets
from briefing.store.cache import load_deck_cached as load_deck

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing check",
        description="Verify every citation of each deck against its sources.",
        epilog="Exit status: 0 all verified, 1 schema or citation problems, 2 unusable input.",
    )
    parser.add_argument("decks", nargs="+", metavar="DECK", help="deck files (YAML)")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON document (see docs/deck-format.md)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="also fail (status 1) while any item is still a draft"
    )
    return parser


def _deck_json(shown: str, deck, verification: Verification | None, problems: list[Problem]) -> dict:
    citations = []
    if deck is not None and verification is not None:
        for index, slide in enumerate(deck.slides):
            for item in slide.items:
                for citation in item.citations:
                    result = verification.results[citation.path]
                    source = deck.source(citation.source_id)
                    citations.append(
                        {
                            "deck": shown,
                            "slide": index,
                            "item": item.path,
                            "citation": citation.path,
                            "source": citation.source_id,
                            "source_path": source.path if source else None,
                            "quote": citation.quote,
                            "start": result.start,
                            "end": result.end,
                            "paragraph": result.paragraph,
                            "status": result.status,
                        }
                    )
    summary: dict = {}
    if deck is not None and verification is not None:
        summary = {
            "slides": len(deck.slides),
            "items": sum(len(s.items) for s in deck.slides),
            "citations": len(verification.results),
            "verified": verification.verified_count,
            "drafts": _drafts(deck),
            "coverage": {k: {"cited": c, "paragraphs": n} for k, (c, n) in verification.coverage.items()},
        }
    return {
        "deck": shown,
        "citations": citations,
        "problems": [p.as_dict() for p in problems],
        "summary": summary,
    }


def _drafts(deck) -> int:
    """Items still marked ``draft: true`` (proposed by `briefing draft`, not yet reviewed)."""
    return sum(item.draft for slide in deck.slides for item in slide.items)


def run(argv: list[str]) -> int:
    """Run ``briefing check``; returns the exit status."""
    with collector_paused():  # decks and results are acyclic (see gcpause)
        return _run(argv)


def _run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    status = EXIT_OK
    documents = []
    for name in args.decks:
        shown = display_path(Path(name))
        started = time.perf_counter()
        try:
            deck = load_deck(name)
        except DeckError as error:
            status = max(status, EXIT_UNUSABLE if error.unusable else EXIT_PROBLEMS)
            if args.json:
                documents.append(_deck_json(shown, None, None, error.problems))
            else:
                report(error.problems, f"{shown}: {len(error.problems)} problem(s); the deck cannot be used")
            continue
        verification = Verifier(deck, QuoteOffsets()).verify_all()
        elapsed = time.perf_counter() - started
        errors = [p for p in verification.problems if p.severity == "error"]
        drafts = _drafts(deck)
        if errors or (args.strict and drafts):
            status = max(status, EXIT_PROBLEMS)
        if args.json:
            documents.append(_deck_json(shown, deck, verification, verification.problems))
            continue
        for problem in verification.problems:
            print(problem)
        items = sum(len(s.items) for s in deck.slides)
        total = len(verification.results)
        print(
            f"{shown}: {len(deck.slides)} slides, {items} items, "
            f"{verification.verified_count}/{total} citations verified, "
            f"{len(errors)} problem(s) ({elapsed * 1000:.0f} ms)"
        )
        for source in deck.sources:
            if source.id in verification.coverage:
                cited, paragraphs = verification.coverage[source.id]
                share = 100 * cited / paragraphs if paragraphs else 0
                print(f"  source {source.id}: {cited}/{paragraphs} paragraphs cited ({share:.0f}%)")
        if drafts:
            print(
                f"  {drafts} {'item still a draft' if drafts == 1 else 'items still drafts'}: "
                "review each and remove its `draft: true`"
                + (" (--strict: this fails the check)" if args.strict else "")
            )
    if args.json:
        json.dump({"version": 1, "decks": documents}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return status
