"""``briefing export``: write a deck as Marp-ready Markdown.

The command's job beyond :func:`briefing.output.markdown.export_markdown` is to be
safe with the user's files and clear about failures: it never overwrites
without ``--force``, writes atomically (a failed export leaves the old file
as it was), exports a deck with unverified citations but says so, and
reports every failure as one line naming the path and the reason, never a
traceback.

Exit status: 0 written; 2 the deck cannot be loaded or the file cannot be
written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from briefing.core.bundled import bundled_deck
from briefing.core.gcpause import collector_paused
from briefing.core.paths import display_path
from briefing.core.problems import DeckError, report, say
from briefing.core.textsafe import clean
from briefing.core.verify import Verifier
from briefing.output.atomic import write_atomic
from briefing.output.markdown import export_markdown
from briefing.store.cache import QuoteOffsets
from briefing.store.cache import load_deck_cached as load_deck

EXIT_OK, EXIT_FAILED = 0, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors by exception, not ``sys.exit``."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            say(sys.stderr, message.rstrip("\n"))
        raise _Exit(status)


class _Exit(Exception):
    """argparse finished (``--help``) or refused the arguments."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    """The ``briefing export`` argument parser."""
    parser = _Parser(
        prog="briefing export",
        description="Write DECK as Markdown: one slide per deck slide, a footnote with the "
        "exact source passage for every citation, speaker notes as HTML comments. "
        "The file opens as slides in Marp (marp: true) and reads as a document anywhere.",
        epilog="Exit status: 0 written, 2 the deck cannot be loaded or the file cannot be "
        "written. Unverified citations are exported with a visible ⚠ mark and a warning.",
    )
    parser.add_argument("deck", nargs="?", metavar="DECK", help="deck file (YAML); none: the bundled deck")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE.md",
        help="where to write (default: the deck's name with .md, in the "
        "current folder); - for standard output",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE.md if it exists")
    parser.add_argument("--no-notes", action="store_true", help="leave out speaker notes")
    return parser


def _write_stdout(text: str) -> None:
    """Write the export to standard output as UTF-8, whatever the locale."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def run(argv: list[str]) -> int:
    """Run ``briefing export``; returns the exit status."""
    # The loader's ~150,000 objects would otherwise be walked again and
    # again as they age while the export runs (about 30 ms; see gcpause).
    with collector_paused():
        return _run(argv)


def _run(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except _Exit as done:
        return done.status
    if args.deck is None:
        args.deck = str(bundled_deck())
    try:
        deck = load_deck(args.deck)
    except DeckError as error:
        report(
            error.problems,
            f"briefing export: {clean(display_path(Path(args.deck)))} cannot be "
            f"exported ({len(error.problems)} problem(s)); nothing was written",
        )
        return EXIT_FAILED
    verifier = Verifier(deck, QuoteOffsets())
    text = export_markdown(deck, verifier, notes=not args.no_notes)
    unverified = sum(1 for c in deck.citations if verifier.result(c).status != "verified")

    if args.output == "-":
        try:
            _write_stdout(text)
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_OK
        except OSError as error:
            say(sys.stderr, f"briefing export: cannot write to standard output: {_reason(error)}")
            return EXIT_FAILED
        target_name = "standard output"
    else:
        target = Path(args.output) if args.output else Path(Path(args.deck).stem + ".md")
        shown = clean(str(target))
        try:
            write_atomic(target, text, force=args.force)
        except FileExistsError:
            say(sys.stderr, f"briefing export: refusing to overwrite {shown} (it exists; pass --force)")
            return EXIT_FAILED
        except OSError as error:
            say(sys.stderr, f"briefing export: cannot write to {shown}: {_reason(error)}")
            return EXIT_FAILED
        target_name = shown
        say(sys.stdout, f"wrote {shown} ({len(deck.slides)} slides)")
    if unverified:
        say(
            sys.stderr,
            f"briefing export: warning: {unverified} citation(s) are not verified; "
            f"they are marked ⚠ unverified in {target_name} (run `briefing check` for details)",
        )
    return EXIT_OK


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor
        pass
