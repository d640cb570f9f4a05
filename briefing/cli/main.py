"""The ``briefing`` command: open a deck, or ``check`` / ``export`` one.

Sub-commands import only what they need: ``check`` and ``export`` never
load Textual, and the viewer loads it only after the deck has loaded
cleanly, so a bad deck is reported before any screen opens (and before
the viewer refuses to run without a terminal).
"""

from __future__ import annotations

import sys

from briefing import __version__
from briefing.core.gcpause import collector_paused

TYPE_CHECKING = False  # as typing's, without importing typing (`--help` does not need it)
if TYPE_CHECKING:
    import argparse  # imported only when a parser is built (see _main)
    from collections.abc import Sequence

COMMANDS = ("check", "export", "config", "serve")


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
        epilog="Commands:\n  briefing check [DECK...]   verify every citation (--json for tools, --fit WxH)\n"
        "  briefing export [DECK]     write the deck as Markdown (Marp-ready)\n"
        "  briefing config            the settings file: --path, --example\n"
        "  briefing serve [DECK]      the viewer in a web browser (needs briefing[serve])\n"
        "With no DECK, each command uses the bundled deck.\n"
        "Run `briefing check --help` or `briefing export --help` for their options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("deck", nargs="?", metavar="DECK", help="deck file (YAML) to open")
    parser.add_argument(
        "--version", action=VersionAction, nargs=0, help="show briefing's and Textual's versions and exit"
    )
    return parser


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
        if argv and argv[0] == "config":
            from briefing.cli import config

            return config.run(argv[1:])
        if argv and argv[0] == "serve":
            from briefing.cli import serve

            return serve.run(argv[1:])
        if not argv or (len(argv) == 1 and not argv[0].startswith("-")):
            # The common case needs no parser: argparse costs ~10 ms at start.
            return _present(argv[0] if argv else None)
        args = build_parser().parse_args(argv)
        return _present(args.deck)
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


def _present(deck_arg: str | None) -> int:
    from briefing.core.bundled import bundled_deck
    from briefing.core.problems import DeckError, report, say
    from briefing.store.cache import QuoteOffsets
    from briefing.store.cache import load_deck_cached as load_deck

    if deck_arg is not None:
        problem = _not_a_deck(deck_arg)
        if problem is not None:
            say(sys.stderr, problem)
            return 2
    path = deck_arg or str(bundled_deck())
    try:
        deck = load_deck(path)
    except DeckError as error:
        report(
            error.problems,
            f"briefing: the deck cannot be opened ({len(error.problems)} problem(s)); "
            "fix them and try again, or run `briefing check` for details",
        )
        return 2
    if not _on_a_terminal() and not _in_a_browser():
        say(sys.stderr, "briefing: not a terminal; use `briefing check` or `briefing export`")
        return 2
    from briefing.core.config import config_path, load_config
    from briefing.core.verify import Verifier
    from briefing.store.state import state_path
    from briefing.ui.app import BriefingApp

    config, problems = load_config(config_path())
    verifier = Verifier(deck, QuoteOffsets())
    app = BriefingApp(
        deck, verifier, signals=True, config=config, config_problems=problems, state_file=state_path()
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
