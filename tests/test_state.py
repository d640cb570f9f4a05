"""``--slide`` and the remembered position: where a deck opens."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.store import state
from tests.deckfiles import make_project

cli_main = importlib.import_module("briefing.cli.main")  # the package's `main` is the function


def _slides(*ids: str) -> str:
    out = []
    for i, slide_id in enumerate(ids):
        out += [
            "  - kind: points",
            f"    title: Slide {i + 1}",
            *([f"    id: {slide_id}"] if slide_id else []),
            "    points:",
            "      - text: a point",
            '        cite: ["nearly 30 nations"]',
        ]
    return "\n".join(out) + "\n"


@pytest.fixture(autouse=True)
def _state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", _slides("intro", "", "money", "end"))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Run ``briefing DECK ...`` in-process up to the app, recording the slide it would open at."""
    from briefing.ui.app import BriefingApp

    starts: list[int] = []

    def run(self: BriefingApp, *args: Any, **kwargs: Any) -> None:
        starts.append(self._start)

    monkeypatch.setattr(cli_main, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(BriefingApp, "run", run)
    return starts


def test_state_file_follows_xdg_state_home(_state_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert state.state_file() == _state_home / "briefing" / "positions.json"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/path")  # ignored, as the spec says
    assert (
        state.state_file()
        == Path(os.path.expanduser("~")) / ".local" / "state" / "briefing" / "positions.json"
    )


def test_remember_and_recall_by_real_path(deck_path: Path, tmp_path: Path) -> None:
    assert state.recall(deck_path) is None
    state.remember(deck_path, (2, "money"))
    link = tmp_path / "link.yaml"
    link.symlink_to(deck_path)
    assert state.recall(link) == (2, "money")
    assert [p.name for p in state.state_file().parent.iterdir()] == ["positions.json"]


def test_start_prefers_the_id_then_the_number(deck_path: Path) -> None:
    slides = load_deck(deck_path).slides
    assert state.start_for(slides, (0, "money")) == 2
    assert state.start_for(slides, (3, "gone")) == 3
    assert state.start_for(slides, (9, "")) == 0
    assert state.start_for(slides, None) == 0


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"version": 2, "decks": {}}',
        b'{"version": 1, "decks": []}',
        b'{"version": 1, "decks": {"KEY": {"slide": -1}}}',
        b'{"version": 1, "decks": {"KEY": {"slide": "2"}}}',
        b'{"version": 1, "decks": {"KEY": {"slide": true}}}',
        b'{"version": 1, "decks": {"KEY": {"slide": 1, "id": 7}}}',
        b'{"version": 1, "decks": {"KEY": 3}}',
        b"[" * 100_000,
        b" " * (state.MAX_STATE_BYTES + 1),
    ],
    ids=lambda content: repr(content[:40]),
)
def test_a_tampered_state_file_is_ignored(deck_path: Path, content: bytes, opened: list[int]) -> None:
    path = state.state_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content.replace(b"KEY", json.dumps(os.path.realpath(deck_path))[1:-1].encode()))
    assert state.recall(deck_path) is None
    assert cli_main.main([str(deck_path)]) == 0
    assert opened == [0]
    state.remember(deck_path, (1, ""))  # and it is replaced by a good one
    assert state.recall(deck_path) == (1, "")


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_a_state_file_that_is_not_a_regular_file_is_ignored(
    deck_path: Path, tmp_path: Path, kind: str
) -> None:
    path = state.state_file()
    path.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.json"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        elsewhere.write_text('{"version": 1, "decks": {}}')
        path.symlink_to(elsewhere)
    assert state.recall(deck_path) is None  # and no hang
    state.remember(deck_path, (1, ""))  # refused quietly: never written through
    assert state.recall(deck_path) is None
    assert path.is_symlink() if kind == "symlink" else path.is_fifo()
    if kind == "symlink":
        assert elsewhere.read_text() == '{"version": 1, "decks": {}}'


def test_slide_by_number_and_by_id(deck_path: Path, opened: list[int]) -> None:
    assert cli_main.main([str(deck_path), "--slide", "3"]) == 0
    assert cli_main.main([str(deck_path), "--slide", "end"]) == 0
    assert cli_main.main(["--slide", "intro", str(deck_path)]) == 0
    assert opened == [2, 3, 0]


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("0", "--slide 0: the deck has slides 1 to 4"),
        ("5", "--slide 5: the deck has slides 1 to 4"),
        ("nosuch", "--slide nosuch: no slide has that id (the slides' ids: intro, money, end)"),
    ],
)
def test_a_slide_that_is_not_there_is_said(
    deck_path: Path, opened: list[int], wanted: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main.main([str(deck_path), "--slide", wanted]) == 2
    assert message in capsys.readouterr().err
    assert opened == []


def test_the_deck_reopens_where_it_was_left_and_slide_1_starts_over(
    deck_path: Path, opened: list[int]
) -> None:
    state.remember(deck_path, (2, "money"))
    assert cli_main.main([str(deck_path)]) == 0
    assert cli_main.main([str(deck_path), "--slide", "1"]) == 0
    assert opened == [2, 0]


async def test_the_viewer_remembers_the_slide_it_was_closed_on(deck_path: Path) -> None:
    from briefing.ui.app import BriefingApp

    deck = load_deck(deck_path)
    app = BriefingApp(deck, Verifier(deck), start=1, remember=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
    assert state.recall(deck_path) == (3, "end")
    # An app not asked to remember (a test's, an embedded one) writes nothing.
    other = BriefingApp(deck, Verifier(deck), start=0)
    async with other.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    assert state.recall(deck_path) == (3, "end")
    # And the next start opens there.
    reopened = BriefingApp(deck, Verifier(deck), start=state.start_for(deck.slides, state.recall(deck_path)))
    async with reopened.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert reopened.screen.reader.index == 3  # type: ignore[attr-defined]


def test_only_the_most_recently_closed_decks_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "MAX_DECKS", 2)
    clock = iter(range(1000, 2000))
    monkeypatch.setattr(state.time, "time", lambda: next(clock))
    decks = [tmp_path / f"d{i}.yaml" for i in range(3)]
    for i, deck in enumerate(decks):
        state.remember(deck, (i, ""))
    assert [state.recall(deck) for deck in decks] == [None, (1, ""), (2, "")]
