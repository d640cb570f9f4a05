"""Everything the deck says is on screen: the deck subtitle in the top bar, the notes under ``n``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.widgets import Static

from briefing.widgets.topbar import TopBar
from tests.conftest import DATA

SIZE = (100, 30)


def deck_with_notes(tmp_path: Path) -> Path:
    """The small deck, with notes (that look like markup) on its second slide."""
    shutil.copytree(DATA / "small", tmp_path / "small")
    path = tmp_path / "small" / "decks" / "small.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '    title: "Positions"\n',
        '    title: "Positions"\n    notes: "Stress the [bold] split, then pause."\n',
    )
    path.write_text(text, encoding="utf-8")
    return path


def notes_text(app: Any) -> str:
    return str(app.screen.query_one("#notes", Static).content)


async def test_the_deck_subtitle_is_in_the_top_bar(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Small test deck · One slide of each kind" in str(app.screen.query_one(TopBar).render())


async def test_n_shows_and_hides_the_notes_and_they_follow_the_slide(make_app: Any, tmp_path: Path) -> None:
    app = make_app(deck_with_notes(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query("#notes")  # nothing to pay for until asked
        await pilot.press("t")
        await pilot.pause()
        notes = app.screen.query_one("#notes", Static)
        assert notes.display and notes.region.height > 0
        assert notes_text(app) == "No notes on this slide."
        await pilot.press("right")
        await pilot.pause()
        assert notes_text(app) == "Stress the [bold] split, then pause."
        await pilot.press("t")
        await pilot.pause()
        assert not notes.display
        await pilot.press("left", "t")
        await pilot.pause()
        assert notes_text(app) == "No notes on this slide."
