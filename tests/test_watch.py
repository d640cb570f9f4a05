"""Files changing under an open deck: the app keeps going and says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.store.watch import FileWatch
from briefing.ui.app import BriefingApp
from tests.conftest import DATA


def _copy_small(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "small", tmp_path / "small")
    return tmp_path / "small" / "decks" / "small.yaml"


def test_filewatch_reports_each_change_once(tmp_path: Path) -> None:
    deck_path = _copy_small(tmp_path)
    watch = FileWatch(load_deck(deck_path))
    assert watch.changes() == []
    with deck_path.open("a") as handle:
        handle.write("\n# edited\n")
    os.utime(deck_path, ns=(1, 1))
    assert watch.changes() == [
        (
            "small.yaml changed on disk; still showing what was loaded "
            "(restart briefing to see the new version)"
        )
    ]
    assert watch.changes() == []
    (tmp_path / "small" / "seeds" / "article.txt").unlink()
    assert watch.changes() == [
        ("source article (../seeds/article.txt) was removed; still showing what was loaded")
    ]


async def test_app_keeps_running_and_says_so(tmp_path: Path) -> None:
    deck_path = _copy_small(tmp_path)
    deck = load_deck(deck_path)
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        deck_path.unlink()
        app._check_files()
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("small.yaml was removed" in m for m in messages)
        assert app.is_running
