"""``briefing serve [DECK]``: the viewer in a web browser, through textual-serve.

Each browser tab runs its own ``briefing DECK`` process, drawn in the page.
It listens on the loopback address (``127.0.0.1``) only, unless ``--host``
is given: a deck and its sources are only shared with other machines when
asked for. textual-serve (and aiohttp) are an optional extra, imported only
here: ``pip install 'briefing[serve]'``.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from briefing.core.problems import say

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8000
MISSING = (
    "briefing serve needs textual-serve, an optional extra: pip install 'briefing[serve]' "
    "(or pip install 'textual-serve>=1.1')"
)


def build_parser() -> argparse.ArgumentParser:
    """``briefing serve [DECK] [--host HOST] [--port PORT]``."""
    parser = argparse.ArgumentParser(
        prog="briefing serve",
        description="Serve the viewer to a web browser (each tab runs its own viewer). "
        "With no DECK, the bundled deck.",
    )
    parser.add_argument("deck", nargs="?", metavar="DECK", help="deck file (YAML) to serve")
    parser.add_argument(
        "--host",
        default=LOOPBACK,
        help=f"address to listen on (default {LOOPBACK}: this machine only; "
        "0.0.0.0 shares the deck with your network)",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    return parser


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def viewer_command(deck: str | None) -> str:
    """The shell command each browser tab runs: this Python, ``-m briefing``, the deck (absolute)."""
    argv = [sys.executable, "-m", "briefing"]
    if deck is not None:
        argv.append(str(Path(deck).resolve()))
    return shlex.join(argv)


def run(argv: list[str]) -> int:
    """Serve until interrupted; 2 when the deck cannot be opened or textual-serve is missing."""
    args = build_parser().parse_args(argv)
    if not 0 < args.port < 65536:
        say(sys.stderr, f"briefing serve: --port {args.port} is not a port (1-65535)")
        return 2
    from briefing.core.bundled import bundled_deck
    from briefing.core.problems import DeckError, report
    from briefing.store.cache import load_deck_cached

    try:  # a bad deck is reported here, not in every browser tab
        deck = load_deck_cached(args.deck or str(bundled_deck()))
    except DeckError as error:
        report(
            error.problems, f"briefing serve: the deck cannot be opened ({len(error.problems)} problem(s))"
        )
        return 2
    try:
        from textual_serve.server import Server
    except ImportError:
        say(sys.stderr, MISSING)
        return 2
    if not is_loopback(args.host):
        say(
            sys.stderr,
            f"briefing serve: listening on {args.host}: anyone who can reach this machine on port "
            f"{args.port} can open the deck and its sources",
        )
    server = Server(viewer_command(args.deck), host=args.host, port=args.port, title=deck.title)
    server.serve()
    return 0
