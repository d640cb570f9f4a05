"""Files changing under an open deck: the app keeps going and says so (reload off) or why it cannot reload."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.problems import ProblemsScreen
from briefing.store.watch import FileWatch, deck_files
from briefing.ui.app import BriefingApp
from tests.conftest import DATA


def _copy_small(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "small", tmp_path / "small")
    return tmp_path / "small" / "decks" / "small.yaml"


def test_filewatch_reports_each_change_once(tmp_path: Path) -> None:
    deck_path = _copy_small(tmp_path)
    deck = load_deck(deck_path)
    watch = FileWatch(deck_files(deck.path, deck))
    assert watch.poll() == []
    with deck_path.open("a") as handle:
        handle.write("\n# edited\n")
    os.utime(deck_path, ns=(1, 1))
    assert [watch.message(path) for path in watch.poll()] == ["small.yaml changed on disk"]
    assert watch.poll() == []
    (tmp_path / "small" / "seeds" / "article.txt").unlink()
    assert [watch.message(path) for path in watch.poll()] == [
        "source article (../seeds/article.txt) was removed"
    ]


async def test_app_keeps_running_and_says_so(tmp_path: Path) -> None:
    deck_path = _copy_small(tmp_path)
    deck = load_deck(deck_path)
    app = BriefingApp(deck, Verifier(deck), live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        deck_path.unlink()
        app._check_files()
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("small.yaml was removed; still showing what was loaded" in m for m in messages)
        assert app.is_running


async def test_a_removed_deck_with_reload_on_shows_why_over_the_last_slides(tmp_path: Path) -> None:
    deck_path = _copy_small(tmp_path)
    deck = load_deck(deck_path)
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        deck_path.unlink()
        app._check_files()
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, ProblemsScreen):
                break
        assert isinstance(app.screen, ProblemsScreen)
        assert app.deck is deck  # the last slides that loaded stay under it
        await pilot.press("escape")
        await pilot.press("right")
        await pilot.pause()
        assert app.is_running
