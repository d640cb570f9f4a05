"""Reload in place: saving the deck re-reads it under the reader, who stays where they were."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.deck import DeckScreen
from briefing.screens.problems import ProblemsScreen
from briefing.ui.app import BriefingApp
from tests.conftest import DATA

SIZE = (100, 30)


def copy_small(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "small", tmp_path / "small")
    return tmp_path / "small" / "decks" / "small.yaml"


def screen_text(app: BriefingApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def notices(app: BriefingApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def wait_for(pilot: Any, condition: Any, timeout: float = 30.0) -> None:
    """Let the app run (the watcher's thread and the reload's) until ``condition()``."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        await pilot.pause(0.05)
    await pilot.pause()


def deck_screen(app: BriefingApp) -> DeckScreen:
    screen = app.deck_screen
    assert screen is not None
    return screen


async def test_saving_the_deck_reloads_it_in_place(tmp_path: Path) -> None:
    path = copy_small(tmp_path)
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck), start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")  # the "split" point
        await pilot.pause()
        screen = deck_screen(app)
        assert screen.reader.current_item.id == "split"  # type: ignore[union-attr]
        await wait_for(pilot, lambda: app._watcher is not None)
        text = path.read_text(encoding="utf-8")
        # A new slide before, a new point before, the highlighted point reworded, a citation broken.
        text = text.replace(
            "slides:\n",
            'slides:\n  - kind: title\n    title: "A new first slide"\n',
            1,
        )
        text = text.replace(
            "      - id: lead\n",
            '      - text: "An inserted point"\n        cite: ["France leads the plan"]\n      - id: lead\n',
        )
        text = text.replace(
            'text: "Italy and Greece will not send troops"',
            'text: "Italy and Greece keep their troops home"',
        )
        text = text.replace(
            'cite: ["Italy and Greece rejected sending troops"]',
            'cite: ["Italy and Greece happily sent troops"]',
        )
        path.write_text(text, encoding="utf-8")
        await wait_for(pilot, lambda: app.deck is not deck)
        await pilot.pause()
        screen = deck_screen(app)
        assert screen.deck is app.deck
        assert screen.index == 2  # the same slide, now third
        assert screen.reader.current_item.id == "split"  # type: ignore[union-attr]
        shown = screen_text(app)
        assert "Italy and Greece keep their troops home" in shown
        assert "An inserted point" in shown
        assert "3 / 6" in shown
        said = notices(app)
        assert any(m.startswith("slide 3: 1 item changed, 1 item added, 1 citation now ✗;") for m in said), (
            said
        )
        assert any(m.endswith("; 1 slide added") for m in said), said


async def test_present_mode_keeps_the_slides_and_r_reloads(tmp_path: Path) -> None:
    path = copy_small(tmp_path)
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck), start=1, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app._watcher is not None)
        path.write_text(
            path.read_text(encoding="utf-8").replace('"Positions"', '"Stances"'), encoding="utf-8"
        )
        await wait_for(pilot, lambda: any("changed on disk" in m for m in notices(app)))
        assert app.deck is deck
        assert "Positions" in screen_text(app)
        assert "small.yaml changed" in screen_text(app)  # the top bar's mark
        await pilot.press("R")
        await wait_for(pilot, lambda: app.deck is not deck)
        await pilot.pause()
        assert "Stances" in screen_text(app)
        assert "changed" not in screen_text(app).splitlines()[0]


async def test_a_broken_save_shows_the_problems_then_recovers(tmp_path: Path) -> None:
    path = copy_small(tmp_path)
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck), start=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app._watcher is not None)
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("  - kind: reactions", "  - kind: reactionz"), encoding="utf-8")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        shown = screen_text(app)
        assert "unknown slide kind `reactionz`" in shown
        assert "  - kind: reactionz" in shown  # the offending line of YAML
        # The slides that built are still there, under the problems.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert app.deck is not None and len(app.deck) == 4
        assert deck_screen(app).reader.slide.title == "Positions"
        path.write_text(good, encoding="utf-8")
        await wait_for(pilot, lambda: app.deck is not None and len(app.deck) == 5 and not app.problems)
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert deck_screen(app).reader.slide.title == "Positions"


async def test_a_source_screen_is_closed_by_a_reload(tmp_path: Path) -> None:
    path = copy_small(tmp_path)
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck), start=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, DeckScreen))
        article = tmp_path / "small" / "seeds" / "article.txt"
        article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        # What is under test is the reload closing the source view; the watcher noticing
        # a save has tests of its own (test_reload_watch), so look at the files now.
        app._check_files()
        await wait_for(pilot, lambda: app.deck is not deck and isinstance(app.screen, DeckScreen))
        assert deck_screen(app).verifier is app.verifier is not None
