"""The ``briefing`` command: open a deck, or ``check`` / ``export`` one, or start a ``new`` one.

Sub-commands import only what they need: ``check`` and ``export`` never
load Textual. A deck with problems opens to the viewer's problems view;
without a terminal the viewer prints them and exits 2, as before.
"""

from __future__ import annotations

import sys

from briefing import __version__
from briefing.core.gcpause import collector_paused

TYPE_CHECKING = False  # as typing's, without importing typing (`--help` does not need it)
if TYPE_CHECKING:
    import argparse  # imported only when a parser is built (see _main)
    from collections.abc import Sequence

    from briefing.core.model import Deck, Slide

COMMANDS = ("check", "export", "draft", "new", "diff", "config", "serve")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        textual = version("textual")
    except PackageNotFoundError:  # pragma: no cover
        textual = "not installed"
    return f"briefing {__version__} (Textual {textual})"


def build_parser() -> argparse.ArgumentParser:
    """The parser for ``briefing [DECK]``, ``--help`` and ``--version``."""
    import argparse

    class VersionAction(argparse.Action):
        """``--version``, computed only when asked (it reads package metadata)."""

        def __call__(
            self,
            parser: argparse.ArgumentParser,
            namespace: argparse.Namespace,
            values: str | Sequence[object] | None,
            option_string: str | None = None,
        ) -> None:
            print(_version())
            parser.exit()

    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Source-grounded briefing decks in the terminal. With no DECK, opens the bundled deck.",
        epilog="Commands:\n  briefing check [DECK...]   verify every citation (--json, --fit WxH, --fix)\n"
        "  briefing export [DECK]     write the deck as Markdown, Marp slides, HTML or PDF\n"
        "  briefing draft ARTICLE     draft a deck from an article (.txt, .html, .pdf)\n"
        "  briefing new DECK --source ARTICLE   start a deck for an article\n"
        "  briefing diff OLD NEW      what changed between two versions (--since REV, --json, --slide)\n"
        "  briefing config            the settings file: --path, --example\n"
        "  briefing serve [DECK]      the viewer in a web browser (needs briefing[serve])\n"
        "With no DECK, check and export use the bundled deck.\n"
        "Run `briefing check --help` or `briefing export --help` for their options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("deck", nargs="?", metavar="DECK", help="deck file (YAML) to open")
    talk = parser.add_argument_group("presenting (see README: Presenting)")
    role = talk.add_mutually_exclusive_group()
    role.add_argument(
        "--present",
        action="store_true",
        help="the audience view: the slide alone, followed by --notes views; no reload on save (R: on)",
    )
    role.add_argument(
        "--notes",
        action="store_true",
        help="the presenter's view, in a second terminal: notes, next slide, timer, the passage",
    )
    talk.add_argument("--preview", action="store_true", help="with --present: keep the citation preview")
    talk.add_argument(
        "--time", type=talk_length, metavar="LENGTH", help="with --notes: the talk's length (20m, 1h30m, 90s)"
    )
    talk.add_argument(
        "--follow",
        choices=("audience", "both"),
        default="audience",
        help="with --notes: `both` lets the notes view's keys move the audience view too",
    )
    parser.add_argument(
        "--slide",
        metavar="N",
        help="open at slide N (a number from 1, or a slide's id); "
        "without it a deck reopens where it was closed (--slide 1 starts over)",
    )
    parser.add_argument(
        "--version", action=VersionAction, nargs=0, help="show briefing's and Textual's versions and exit"
    )
    return parser


def talk_length(text: str) -> float:
    """Seconds in ``20m``, ``1h30m``, ``90s`` or ``45`` (minutes); an argparse type."""
    import argparse
    import re

    match = re.fullmatch(r"\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*", text.lower())
    if text.strip().isdigit():
        seconds = int(text) * 60.0
    elif match and any(match.groups()):
        hours, minutes, secs = (int(part or 0) for part in match.groups())
        seconds = hours * 3600.0 + minutes * 60.0 + secs
    else:
        raise argparse.ArgumentTypeError(f"{text!r} is not a length: give e.g. 20m, 1h30m or 90s")
    if seconds <= 0:
        raise argparse.ArgumentTypeError("the talk's length must be more than 0")
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    # The cycle collector waits until the viewer has painted (see
    # gcpause.resume_after_start_up); the commands run without it.
    with collector_paused():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] == "check":
            from briefing.cli import check

            return check.run(argv[1:])
        if argv and argv[0] == "export":
            from briefing.cli import export

            return export.run(argv[1:])
        if argv and argv[0] == "diff":
            from briefing.cli import diff

            return diff.run(argv[1:])
        if argv and argv[0] == "draft":
            from briefing.cli import draft

            return draft.run(argv[1:])
        if argv and argv[0] == "new":
            from briefing.cli import new

            return new.run(argv[1:])
        if argv and argv[0] == "config":
            from briefing.cli import config

            return config.run(argv[1:])
        if argv and argv[0] == "serve":
            from briefing.cli import serve

            return serve.run(argv[1:])
        if not argv or (len(argv) == 1 and not argv[0].startswith("-")):
            # The common case needs no parser: argparse is a cost at start-up.
            return _present(argv[0] if argv else None)
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.time is not None and not args.notes:
            parser.error("--time shows in the notes view: add --notes")
        if args.preview and not args.present:
            parser.error("--preview goes with --present (the reading view always has the preview)")
        if args.follow != "audience" and not args.notes:
            parser.error("--follow goes with --notes")
        return _present(args.deck, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `briefing check --json | head`
        return 0


#: Suffixes of the articles a deck cites, which people open by mistake.
ARTICLE_SUFFIXES = (".txt", ".text")


def _not_a_deck(deck_arg: str) -> str | None:
    """Why ``deck_arg`` cannot be opened before it is even read, or ``None``.

    No ``file:1:1:`` here: there is no line to point at.
    """
    from pathlib import Path

    from briefing.core.textsafe import clean

    path = Path(deck_arg)
    shown = clean(deck_arg)
    if not path.exists():
        return f"briefing: no such file: {shown} (run `briefing` with no argument for the bundled deck)"
    if path.is_dir():
        return f"briefing: {shown} is a folder; give a deck file (YAML)"
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return (
            f"briefing: {shown} looks like an article, not a deck. A deck is a YAML file of "
            "slides whose points cite an article's exact words. To make one for this article, "
            "start from the complete example in docs/deck-format.md, set its source `path:` to "
            f"{shown} (relative to the deck file), then run `briefing check DECK` and `briefing DECK`."
        )
    return None


def slide_index(slides: Sequence[Slide], wanted: str) -> int | str:
    """The 0-based index ``--slide`` names (a number from 1, or a slide id), or why there is none."""
    from briefing.core.textsafe import clean

    if wanted.strip().isdigit():
        number = int(wanted)
        if 1 <= number <= len(slides):
            return number - 1
        return f"briefing: --slide {clean(wanted)}: the deck has slides 1 to {len(slides)}"
    for index, slide in enumerate(slides):
        if slide.id and slide.id == wanted:
            return index
    ids = ", ".join(slide.id for slide in slides if slide.id) or "none"
    return f"briefing: --slide {clean(wanted)}: no slide has that id (the slides' ids: {clean(ids)})"


def _present(deck_arg: str | None, args: argparse.Namespace | None = None) -> int:
    slide = args.slide if args is not None else None
    live = not (args is not None and args.present)  # a presenter's screen stays put
    from briefing.core.bundled import bundled_deck
    from briefing.core.problems import DeckError, Problem, report, say
    from briefing.store.cache import QuoteOffsets
    from briefing.store.cache import load_deck_cached as load_deck

    if deck_arg is not None:
        problem = _not_a_deck(deck_arg)
        if problem is not None:
            say(sys.stderr, problem)
            return 2
    path = deck_arg or str(bundled_deck())
    problems: list[Problem] = []
    try:
        deck: Deck | None = load_deck(path)
    except DeckError as error:
        if not _on_a_terminal():
            report(
                error.problems,
                f"briefing: the deck cannot be opened ({len(error.problems)} problem(s)); "
                "fix them and try again, or run `briefing check` for details",
            )
            return 2
        # On a terminal the viewer opens anyway: to its problems, over the slides that built.
        deck, problems = error.partial, error.problems
    from briefing.store import state

    start = 0
    if deck is not None and slide is None:
        start = state.start_for(deck.slides, state.recall(deck.path))
    elif deck is not None and slide is not None:
        found = slide_index(deck.slides, slide)
        if isinstance(found, str):
            say(sys.stderr, found)
            return 2
        start = found
    if not _on_a_terminal() and not _in_a_browser():
        say(sys.stderr, "briefing: not a terminal; use `briefing check` or `briefing export`")
        return 2
    import os
    from pathlib import Path

    from briefing.core.config import config_path, load_config
    from briefing.core.verify import Verifier
    from briefing.store.theme_state import state_path
    from briefing.ui.app import BriefingApp, Presenting

    config, config_problems = load_config(config_path())
    live = live and config.reload  # `reload = false` in the settings

    presenting = None
    if args is not None and (args.present or args.notes):
        presenting = Presenting(
            role="audience" if args.present else "notes",
            preview=args.preview,
            follow_both=args.follow == "both",
            total=args.time,
        )
    verifier = Verifier(deck, QuoteOffsets()) if deck is not None else None
    app = BriefingApp(
        deck,
        verifier,
        start=start,
        signals=True,
        remember=deck is not None,
        presenting=presenting,
        live=live,
        problems=problems,
        deck_path=Path(os.path.abspath(path)),
        config=config,
        config_problems=config_problems,
        state_file=state_path(),
    )
    app.run()
    # Textual returns from run() after a crash too (having printed the
    # traceback); its return code says so. SIGTERM/SIGHUP give 128 + signal.
    return app.return_code or 0


def _in_a_browser() -> bool:
    """Whether textual-serve started this viewer for a browser tab (it draws through the web driver)."""
    import os

    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def _on_a_terminal() -> bool:
    """Whether both stdin and stdout are terminals (the viewer needs both).

    Without them Textual would draw into a file or a pipe and spin reading
    keys that never come.
    """
    try:
        return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (OSError, ValueError):  # a closed stream
        return False
