"""``briefing check``: verify decks and report, for people or for tools."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from briefing.cli.stdout import OutputError, failed, write_line, write_text
from briefing.core.bundled import bundled_deck
from briefing.core.gcpause import collector_paused
from briefing.core.model import Deck
from briefing.core.paths import display_path
from briefing.core.problems import DeckError, Problem, report
from briefing.core.textsafe import clean, json_text
from briefing.core.verify import Verification, Verifier
from briefing.store.cache import QuoteOffsets, warnings_to
from briefing.store.cache import load_deck_cached as load_deck

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing check",
        description="Verify every citation of each deck against its sources.",
        epilog="Exit status: 0 all verified, 1 schema or citation problems, 2 unusable input.",
    )
    parser.add_argument("decks", nargs="*", metavar="DECK", help="deck files (YAML); none: the bundled deck")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON document (see docs/deck-format.md)"
    )
    parser.add_argument(
        "--fit",
        metavar="WxH",
        type=_size,
        help="also report every slide that would overflow a WxH terminal (e.g. 80x24) in the viewer",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail (status 1) while any item is still a draft, or on any tradecraft problem "
        "(warnings otherwise: confidence, likelihood words, source grades, BLUF, gaps slide)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="rewrite quotes that differ from their source only in typography (quotes, dashes, "
        "hyphen or space, a capital at the start, spaces) to the source's wording, in place",
    )
    parser.add_argument("--dry-run", action="store_true", help="with --fix: show the changes, write nothing")
    return parser


def _size(value: str) -> tuple[int, int]:
    """``80x24`` as ``(80, 24)`` (an argparse type)."""
    width, sep, height = value.lower().partition("x")
    if sep and width.isdigit() and height.isdigit() and 0 < int(width) <= 1000 and 0 < int(height) <= 1000:
        return int(width), int(height)
    raise argparse.ArgumentTypeError(f"{value!r} is not a terminal size: write WIDTHxHEIGHT, e.g. 80x24")


def report_fit(shown: str, deck: Deck, verifier: Verifier, size: tuple[int, int]) -> int:
    """Print each slide that overflows at ``size`` as a located line; how many do.

    Measured by the viewer itself, run headless (imports Textual: only here).
    """
    from briefing.ui.fit import measure

    width, height = size
    overflowing = [fit for fit in measure(deck, verifier, width, height) if fit.overflows]
    for fit in overflowing:
        where, title = fit.slide.location, json.dumps(clean(fit.slide.title), ensure_ascii=False)
        write_line(
            f"{shown}:{where.line}:{where.col}: slide {fit.index + 1} {title} "
            f"needs {fit.needs} rows, has {fit.has} at {width}x{height}"
        )
    fits = len(deck.slides) - len(overflowing)
    write_line(f"{shown}: {fits}/{len(deck.slides)} slides fit at {width}x{height}")
    return len(overflowing)


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
                            "end_paragraph": result.end_paragraph,
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
    """Run ``briefing check``; returns the exit status.

    A report that cannot be written in full (standard output closed, a
    full disk) is said on standard error and exits 2: a truncated report
    must not pass for a complete one.
    """
    warnings_to(sys.stderr)  # the one line about a cache not used (the viewer shows none)
    with collector_paused():  # decks and results are acyclic (see gcpause)
        try:
            return _run(argv)
        except OutputError as output:
            failed("check", output.error)
            return EXIT_OK if isinstance(output.error, BrokenPipeError) else EXIT_UNUSABLE


def _json_document(documents: list[dict]) -> str:
    """The JSON report, in UTF-8 if stdout takes it, else pure ASCII.

    Either way it is valid JSON with the same content; characters a
    terminal would obey are escaped (see :func:`briefing.core.textsafe.json_text`).
    """
    document = {"version": 1, "decks": documents}
    text = json_text(json.dumps(document, ensure_ascii=False, indent=2))
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(document, ensure_ascii=True, indent=2)
    return text


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.fit and args.json:
        parser.error("--fit reports for people; run it without --json")
    if args.fix and (args.json or not args.decks):
        parser.error("--fix edits a deck file: name it (DECK), and run it without --json")
    if args.dry_run and not args.fix:
        parser.error("--dry-run goes with --fix")
    status = EXIT_OK
    documents = []
    for name in args.decks or [str(bundled_deck())]:
        named = display_path(Path(name))
        shown = clean(named)  # a file name can hold escape sequences
        if args.fix:
            from briefing.cli.fix import fix_deck

            fix_deck(name, shown, dry_run=args.dry_run)
        started = time.perf_counter()
        try:
            deck = load_deck(name)
        except DeckError as error:
            status = max(status, EXIT_UNUSABLE if error.unusable else EXIT_PROBLEMS)
            if args.json:
                documents.append(_deck_json(named, None, None, error.problems))
            else:
                report(error.problems, f"{shown}: {len(error.problems)} problem(s); the deck cannot be used")
            continue
        verifier = Verifier(deck, QuoteOffsets())
        verification = verifier.verify_all(stream=True)
        elapsed = time.perf_counter() - started
        from briefing.core.tradecraft import check_deck

        problems = verification.problems + check_deck(deck, named, strict=args.strict)
        errors = [p for p in problems if p.severity == "error"]
        drafts = _drafts(deck)
        if errors or (args.strict and drafts):
            status = max(status, EXIT_PROBLEMS)
        if args.json:
            documents.append(_deck_json(named, deck, verification, problems))
            continue
        for problem in problems:
            write_line(str(problem))
        items = sum(len(s.items) for s in deck.slides)
        total = len(verification.results)
        write_line(
            f"{shown}: {len(deck.slides)} slides, {items} items, "
            f"{verification.verified_count}/{total} citations verified, "
            f"{len(errors)} problem(s) ({elapsed * 1000:.0f} ms)"
        )
        for source in deck.sources:
            if source.id in verification.coverage:
                cited, paragraphs = verification.coverage[source.id]
                share = 100 * cited / paragraphs if paragraphs else 0
                write_line(f"  source {source.id}: {cited}/{paragraphs} paragraphs cited ({share:.0f}%)")
        if args.fit and report_fit(shown, deck, verifier, args.fit):
            status = max(status, EXIT_PROBLEMS)
        if drafts:
            write_line(
                f"  {drafts} {'item still a draft' if drafts == 1 else 'items still drafts'}: "
                "review each and remove its `draft: true`"
                + (" (--strict: this fails the check)" if args.strict else "")
            )
    if args.json:
        write_text(_json_document(documents) + "\n")
    return status
