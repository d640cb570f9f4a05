"""Trust at deck level: the top bar counts verified citations and marks files changed on disk.

The count is made in the background after the first paint; these tests
wait for it, then read the top bar as it renders.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from briefing.widgets.marks import Palette
from briefing.widgets.topbar import TopBar
from tests.conftest import BROKEN_DECK, DATA
from tests.test_snapshots import settled

SIZE = (100, 30)


def top_text(app: Any) -> Any:
    return app.screen_stack[0].query_one(TopBar).render()


async def counted(pilot: Any) -> None:
    top = pilot.app.screen_stack[0].query_one(TopBar)
    for _ in range(500):
        if top.verified is not None:
            return
        await pilot.pause(0.01)
    raise AssertionError("the deck's citations were never counted")


def notices(app: Any) -> list[Any]:
    return list(app._notifications)


async def test_all_verified_shows_a_tick(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await counted(pilot)
        await pilot.pause()
        assert "16/16 ✓" in str(top_text(app))
        assert not [n for n in notices(app) if n.severity == "error"]


async def test_unverified_citations_show_a_cross_in_the_error_colour_and_a_notice(make_app: Any) -> None:
    app = make_app(BROKEN_DECK)
    async with app.run_test(size=SIZE) as pilot:
        await counted(pilot)
        await pilot.pause()
        text = top_text(app)
        assert "2/4 ✗" in str(text)
        bad = Palette.from_widget(app.screen_stack[0].query_one(TopBar)).bad
        start = str(text).index("2/4 ✗")
        assert any(span.start <= start < span.end and span.style == bad for span in text.spans)
        said = [n for n in notices(app) if n.severity == "error"]
        assert len(said) == 1
        assert "2 of 4 citations did not verify" in said[0].message


async def test_a_changed_source_is_marked(make_app: Any, tmp_path: Path) -> None:
    """With reload off (``--present``): with it on, the source is read again instead."""
    shutil.copytree(DATA / "small", tmp_path / "small")
    app = make_app(tmp_path / "small" / "decks" / "small.yaml")
    app.live = False
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "changed" not in str(top_text(app))
        article = tmp_path / "small" / "seeds" / "article.txt"
        article.write_text(article.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
        stat = article.stat()
        os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        app._check_files()
        await pilot.pause()
        assert "⚠ article changed" in str(top_text(app))


async def test_the_count_is_made_off_the_ui_thread_after_first_paint(make_app: Any, monkeypatch: Any) -> None:
    """The verifier stays lazy for the first frame: the deck-wide check runs in a thread, later."""
    import threading

    from briefing.screens import deck_openers

    seen: list[tuple[str, bool]] = []
    real = deck_openers.verify_deck

    def spy(deck: Any, verifier: Any) -> tuple[int, int]:
        top = app.screen_stack[0].query_one(TopBar)
        seen.append((threading.current_thread().name, bool(top.position)))
        return real(deck, verifier)

    monkeypatch.setattr(deck_openers, "verify_deck", spy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await counted(pilot)
    assert seen == [("warm-drill", True)]  # once, in the warm-up thread, after the slide was shown
