"""``briefing export``: write a deck as Markdown, a Marp deck, an HTML hand-out or a PDF.

``--to md|marp|html|pdf`` picks the format; without it, ``-o``'s extension
does (``.marp.md``, ``.md``, ``.html``, ``.pdf``), else Markdown. The HTML
and PDF writers are imported only when asked for (PDF needs an extra).
The command's job beyond the formatters is to be
safe with the user's files and clear about failures: it never overwrites
without ``--force``, never overwrites the deck or its sources nor anything
but a regular file at all, writes atomically (a failed export leaves the old file
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
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from briefing.cli.stdout import OutputError, failed, write_bytes, write_line
from briefing.core.bundled import bundled_deck
from briefing.core.gcpause import collector_paused
from briefing.core.model import Deck
from briefing.core.paths import display_path
from briefing.core.problems import DeckError, report, say
from briefing.core.textsafe import clean
from briefing.core.verify import Verifier
from briefing.output.atomic import RefusedTarget, deck_files, write_atomic
from briefing.output.formats import FORMATS, MissingFormat, infer_format, render_text, write_pdf
from briefing.store.cache import QuoteOffsets, warnings_to
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
        description="Write DECK as Markdown (md: one section per slide, a footnote with the exact "
        "source passage for every citation, speaker notes as HTML comments), as a Marp deck "
        "(marp: sources under each slide, passages in the presenter notes, long slides split), "
        "as one self-contained HTML hand-out (html) or as a PDF (pdf, an optional extra).",
        epilog="Exit status: 0 written, 2 the deck cannot be loaded or the file cannot be "
        "written. Unverified citations are exported with a visible ⚠ mark and a warning.",
    )
    parser.add_argument("deck", nargs="?", metavar="DECK", help="deck file (YAML); none: the bundled deck")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: the deck's name with the format's extension, in the "
        "current folder); - for standard output. Without --to, the extension picks the "
        "format: .md, .marp.md, .html, .pdf",
    )
    parser.add_argument(
        "--to",
        choices=list(FORMATS),
        help="the format: md (default), marp, html or pdf",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.add_argument("--no-notes", action="store_true", help="leave out speaker notes")
    return parser


def _write_stdout(text: str, keep: list[Path]) -> None:
    """Write the export to standard output as UTF-8, whatever the locale, in full or raise.

    Standard output redirected into the deck or one of its sources
    (``>> deck.yaml``) is refused like ``-o deck.yaml``.
    """
    if sys.stdout is not None:
        try:
            info = os.fstat(sys.stdout.fileno())
        except (OSError, ValueError):
            info = None
        for kept in keep:
            try:
                same = info is not None and os.path.samestat(info, os.stat(kept))
            except (OSError, ValueError):
                same = False
            if same:
                raise RefusedTarget(Path(kept), "it is the deck or one of its sources, opened for writing")
    write_bytes(text.encode("utf-8"), text)


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def run(argv: list[str]) -> int:
    """Run ``briefing export``; returns the exit status."""
    warnings_to(sys.stderr)  # the one line about a cache not used (the viewer shows none)
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
    fmt = args.to or infer_format(args.output)
    verifier = Verifier(deck, QuoteOffsets())
    keep = deck_files(deck)
    if fmt == "pdf":
        return _run_pdf(args, deck, verifier, keep)
    try:
        text = render_text(fmt, deck, verifier, notes=not args.no_notes)
    except MissingFormat as error:
        say(sys.stderr, f"briefing export: cannot export to {fmt}: {error}; nothing was written")
        return EXIT_FAILED
    unverified = sum(1 for c in deck.citations if verifier.result(c).status != "verified")

    if args.output == "-":
        try:
            _write_stdout(text, keep)
        except RefusedTarget as error:
            say(sys.stderr, f"briefing export: refusing to write to standard output: {_reason(error)}")
            return EXIT_FAILED
        except OutputError as output:
            failed("export", output.error)
            return EXIT_OK if isinstance(output.error, BrokenPipeError) else EXIT_FAILED
        target_name = "standard output"
    else:
        target = Path(args.output) if args.output else Path(Path(args.deck).stem + FORMATS[fmt])
        shown = clean(str(target))
        if not _written(lambda: write_atomic(target, text, force=args.force, keep=keep), shown):
            return EXIT_FAILED
        target_name = shown
        try:
            write_line(f"wrote {shown} ({len(deck.slides)} slides)")
        except OutputError as output:  # the file is written; only the note is lost
            failed("export", output.error)
    if unverified:
        say(
            sys.stderr,
            f"briefing export: warning: {unverified} citation(s) are not verified; "
            f"they are marked ⚠ unverified in {target_name} (run `briefing check` for details)",
        )
    return EXIT_OK


def _written(write: Callable[[], None], shown: str) -> bool:
    """Run ``write``; on a refusal or an error, say why (one line) and return ``False``."""
    try:
        write()
    except RefusedTarget as error:
        say(sys.stderr, f"briefing export: refusing to overwrite {shown}: {_reason(error)}")
    except FileExistsError:
        say(sys.stderr, f"briefing export: refusing to overwrite {shown} (it exists; pass --force)")
    except OSError as error:
        say(sys.stderr, f"briefing export: cannot write to {shown}: {_reason(error)}")
    else:
        return True
    return False


def _run_pdf(args: argparse.Namespace, deck: Deck, verifier: Verifier, keep: list[Path]) -> int:
    """The PDF branch of :func:`_run`: a file only (never standard output)."""
    if args.output == "-":
        say(sys.stderr, "briefing export: a PDF is not written to standard output; pass -o FILE.pdf")
        return EXIT_FAILED
    target = Path(args.output) if args.output else Path(Path(args.deck).stem + ".pdf")
    shown = clean(str(target))
    try:
        if not _written(lambda: write_pdf(deck, verifier, target, args.force, keep), shown):
            return EXIT_FAILED
    except MissingFormat as error:
        say(sys.stderr, f"briefing export: cannot export to pdf: {error}; nothing was written")
        return EXIT_FAILED
    try:
        write_line(f"wrote {shown} ({len(deck.slides)} slides)")
    except OutputError as output:
        failed("export", output.error)
    unverified = sum(1 for c in deck.citations if verifier.result(c).status != "verified")
    if unverified:
        say(
            sys.stderr,
            f"briefing export: warning: {unverified} citation(s) are not verified; "
            f"they are marked ⚠ unverified in {shown} (run `briefing check` for details)",
        )
    return EXIT_OK
