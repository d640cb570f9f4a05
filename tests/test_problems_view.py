"""A deck with problems opens to the problems view; fixing the file brings the slides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.problems import DeckError
from briefing.core.verify import Verifier
from briefing.screens.deck import DeckScreen
from briefing.screens.problems import ProblemsScreen, problems_text
from briefing.ui.app import BriefingApp
from tests.conftest import DATA
from tests.test_reload import SIZE, screen_text, wait_for


def _copy(tmp_path: Path) -> tuple[Path, str]:
    shutil.copytree(DATA / "small", tmp_path / "small")
    path = tmp_path / "small" / "decks" / "small.yaml"
    return path, path.read_text(encoding="utf-8")


def _open(path: Path) -> BriefingApp:
    """What the command line does on a terminal: the problems, over the slides that built."""
    try:
        deck = load_deck(path)
    except DeckError as error:
        partial = error.partial
        verifier = Verifier(partial) if partial is not None else None
        return BriefingApp(partial, verifier, problems=error.problems, deck_path=path)
    return BriefingApp(deck, Verifier(deck), deck_path=path)


def test_the_partial_deck_keeps_only_slides_without_problems(tmp_path: Path) -> None:
    path, good = _copy(tmp_path)
    path.write_text(good.replace("stance: hostile", "stance: hostil"), encoding="utf-8")
    try:
        load_deck(path)
    except DeckError as error:
        assert error.partial is not None
        assert [s.title for s in error.partial.slides if s.kind == "reactions"] == []
        assert len(error.partial.slides) == 4
    else:
        raise AssertionError("the deck should not load")


def test_problems_text_shows_the_line_and_a_caret(tmp_path: Path) -> None:
    path, good = _copy(tmp_path)
    path.write_text(good.replace("stance: hostile", "stance: hostil"), encoding="utf-8")
    try:
        load_deck(path)
    except DeckError as raised:
        error = raised
    text = problems_text(error.problems, path).plain
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "unknown stance `hostil`" in line)
    assert lines[first].split(":")[1:3] == [str(error.problems[0].line), str(error.problems[0].col)]
    assert lines[first + 1].endswith("│         stance: hostil")
    caret = lines[first + 2]
    assert caret.index("^") == lines[first + 1].index("hostil")


async def test_a_deck_with_problems_opens_to_them_with_the_good_slides_below(tmp_path: Path) -> None:
    path, good = _copy(tmp_path)
    path.write_text(good.replace("stance: hostile", "stance: hostil"), encoding="utf-8")
    app = _open(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = screen_text(app)
        assert "1 problem in small.yaml" in shown
        assert "unknown stance `hostil` (did you mean `hostile`?)" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert "1 / 4" in screen_text(app)
        await pilot.press("p")  # back to the problems
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        path.write_text(good, encoding="utf-8")  # fixed: the view follows by itself
        await wait_for(pilot, lambda: not app.problems and isinstance(app.screen, DeckScreen))
        assert "1 / 5" in screen_text(app)


async def test_no_slide_at_all_shows_the_problems_alone_until_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short path shown, so the message is not wrapped mid-phrase
    path, good = _copy(tmp_path)
    path.write_text("- a list, not a deck\n", encoding="utf-8")
    app = _open(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert len(app.screen_stack) == 1
        await pilot.press("escape")  # nothing to go back to
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "a deck is a mapping" in screen_text(app)
        assert "- a list, not a deck" in screen_text(app)
        path.write_text(good.replace('title: "Positions"', "title: [Positions"), encoding="utf-8")
        await wait_for(pilot, lambda: "not valid YAML" in screen_text(app))
        assert isinstance(app.screen, ProblemsScreen)
        path.write_text(good, encoding="utf-8")
        await wait_for(pilot, lambda: isinstance(app.screen, DeckScreen))
        assert "1 / 5" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert "2 / 5" in screen_text(app)
