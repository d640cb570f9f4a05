"""Shared fixtures: the fixture decks, and a BriefingApp built on them.

The TUI tests use decks under ``tests/data/`` (never the bundled deck, whose
content editors may change) so that keys, snapshots and counts stay stable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.verify import Verifier

DATA = Path(__file__).parent / "data"
#: One slide of each kind: title, points, reactions, figures, quotes.
SMALL_DECK = DATA / "small" / "decks" / "small.yaml"
#: Citations that do not hold (not found in the source).
BROKEN_DECK = DATA / "small" / "decks" / "broken.yaml"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep briefing's on-disk cache out of the user's home during tests."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)


@pytest.fixture(autouse=True)
def _private_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep remembered slide positions out of the user's home, and each test's apart."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def _truecolor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run apps in truecolor whatever ``TERM`` says, so snapshots do not depend on the terminal.

    (16 colours changes the slide's palette; tests of that set it themselves.)
    """
    import textual.constants

    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "truecolor")


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep text cursors steady so snapshots do not depend on timing."""
    from textual.reactive import reactive
    from textual.widgets import Input

    steady: reactive[bool] = reactive(False, init=False)
    steady.__set_name__(Input, "cursor_blink")
    monkeypatch.setattr(Input, "cursor_blink", steady)


@pytest.fixture
def small_deck() -> Deck:
    """The small fixture deck (5 slides, one of each kind)."""
    return load_deck(SMALL_DECK)


@pytest.fixture
def broken_deck() -> Deck:
    """A deck whose citations are partly not found in the source."""
    return load_deck(BROKEN_DECK)


@pytest.fixture
def make_app() -> Callable[..., object]:
    """Build a ``BriefingApp`` for a deck path (the small deck by default)."""
    from briefing.ui.app import BriefingApp

    def build(path: Path = SMALL_DECK, start: int = 0) -> BriefingApp:
        deck = load_deck(path)
        return BriefingApp(deck, Verifier(deck), start=start)

    return build
