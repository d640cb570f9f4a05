"""The presenter view: an audience view and a notes view following it over the real channel."""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AsyncExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.widgets import Static

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.notes import NotesScreen
from briefing.store.channel import Position
from briefing.ui.app import BriefingApp, Presenting
from briefing.widgets.notes_passage import PassagePane
from tests.conftest import DATA

SIZE = (100, 30)

NOTES = {
    '    title: "A reassurance force, in brief"\n': "Open with the map; wait for quiet.",
    '    title: "Positions"\n': "Stress the [bold] split, then pause.",
}


def presenter_deck(root: Path) -> Path:
    """The small deck with notes (one looks like markup) on its first two slides."""
    shutil.copytree(DATA / "small", root / "small")
    path = root / "small" / "decks" / "small.yaml"
    text = path.read_text(encoding="utf-8")
    for title, notes in NOTES.items():
        text = text.replace(title, f'{title}    notes: "{notes}"\n')
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder() -> Iterator[Path]:
    """A short private folder for the deck and the socket (socket paths are limited to ~100 bytes)."""
    with tempfile.TemporaryDirectory(prefix="bpr") as name:
        yield Path(name)


def app_for(path: Path, role: str, folder: Path, **options: Any) -> BriefingApp:
    deck = load_deck(path)
    return BriefingApp(deck, Verifier(deck), presenting=Presenting(role=role, folder=folder, **options))


def text_of(app: BriefingApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def until(pilot: Any, condition: Any, timeout: float = 5.0) -> None:
    """Let both apps run until ``condition()`` holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await pilot.pause(0.02)


async def test_the_notes_view_follows_the_audience_view(folder: Path) -> None:
    path = presenter_deck(folder)
    audience = app_for(path, "audience", folder)
    notes = app_for(path, "notes", folder)
    async with AsyncExitStack() as stack:
        front = await stack.enter_async_context(audience.run_test(size=SIZE))
        back = await stack.enter_async_context(notes.run_test(size=SIZE))
        screen = notes.screen
        assert isinstance(screen, NotesScreen)
        await until(back, lambda: screen.connected)
        assert "Open with the map" in text_of(notes, "#notes-text")
        assert "Next: Positions" in text_of(notes, "#notes-next")
        await front.press("right")
        await until(back, lambda: screen.reader.index == 1)
        assert text_of(notes, "#notes-text") == "Stress the [bold] split, then pause."
        assert "2 / 5" in text_of(notes, "#notes-now")
        assert "Next: Reactions by country" in text_of(notes, "#notes-next")
        await front.press("down")
        await until(back, lambda: screen.reader.item == audience.screen.item)  # type: ignore[attr-defined]
        assert "Italy and Greece will not send troops" in text_of(notes, "#notes-now")
        passage = str(notes.screen.query_one(PassagePane).content)
        assert "Italy and Greece rejected sending troops" in passage
        assert re.search(r"¶\d", passage)


async def test_enter_in_the_audience_view_shows_the_passage_in_the_notes_view_and_esc_comes_back(
    folder: Path,
) -> None:
    path = presenter_deck(folder)
    audience = app_for(path, "audience", folder)
    notes = app_for(path, "notes", folder)
    async with AsyncExitStack() as stack:
        front = await stack.enter_async_context(audience.run_test(size=SIZE))
        back = await stack.enter_async_context(notes.run_test(size=SIZE))
        screen = notes.screen
        assert isinstance(screen, NotesScreen)
        await until(back, lambda: screen.connected)
        await front.press("right", "down", "enter")
        await until(back, lambda: screen.drilled is not None)
        assert type(audience.screen).__name__ == "SourceScreen"
        assert screen.drilled == (1, 1, 0)
        pane = screen.query_one(PassagePane)
        assert pane.has_class("-shown")
        assert "on the audience screen" in str(pane.content)
        assert "Italy and Greece rejected sending troops" in str(pane.content)
        await front.press("escape")
        await until(back, lambda: screen.drilled is None)
        assert not pane.has_class("-shown")
        assert screen.reader.index == 1


async def test_follow_both_the_notes_views_keys_move_the_audience_view(folder: Path) -> None:
    path = presenter_deck(folder)
    audience = app_for(path, "audience", folder)
    notes = app_for(path, "notes", folder, follow_both=True)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(audience.run_test(size=SIZE))
        back = await stack.enter_async_context(notes.run_test(size=SIZE))
        screen = notes.screen
        assert isinstance(screen, NotesScreen)
        await until(back, lambda: screen.connected)
        await back.press("right", "right")
        await until(back, lambda: audience.screen.index == 2)  # type: ignore[attr-defined]
        assert screen.reader.index == 2


async def test_without_follow_both_the_notes_view_does_not_move_the_audience(folder: Path) -> None:
    path = presenter_deck(folder)
    audience = app_for(path, "audience", folder)
    notes = app_for(path, "notes", folder)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(audience.run_test(size=SIZE))
        back = await stack.enter_async_context(notes.run_test(size=SIZE))
        screen = notes.screen
        assert isinstance(screen, NotesScreen)
        await until(back, lambda: screen.connected)
        await back.press("right")
        await back.pause(0.2)
        assert screen.reader.index == 1  # the notes view looks ahead
        assert audience.screen.index == 0  # type: ignore[attr-defined]


async def test_the_audience_view_hides_the_key_bar_and_the_preview(folder: Path) -> None:
    path = presenter_deck(folder)
    for options, preview in (({}, False), ({"preview": True}, True)):
        app = app_for(path, "audience", folder, **options)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#deck-keys").region.height == 0
            assert (app.screen.query_one("#preview").region.height > 0) is preview
    alone = BriefingApp(load_deck(path), Verifier(load_deck(path)))
    async with alone.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert alone.screen.query_one("#deck-keys").region.height > 0


async def test_a_notes_view_alone_waits_and_says_how_to_start_the_audience_view(folder: Path) -> None:
    path = presenter_deck(folder)
    notes = app_for(path, "notes", folder)
    async with notes.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert "waiting for the audience view" in text_of(notes, "#notes-status")
        assert "--present" in text_of(notes, "#notes-status")


async def test_a_passage_from_another_slide_is_not_trusted(folder: Path) -> None:
    path = presenter_deck(folder)
    notes = app_for(path, "notes", folder)
    async with notes.run_test(size=SIZE) as pilot:
        screen = notes.screen
        assert isinstance(screen, NotesScreen)
        screen.follow(Position(1, 0, (3, 0, 0)))
        await pilot.pause()
        assert screen.drilled is None
        screen.follow(Position(99, 99))  # clamped, never outside the deck
        assert screen.reader.index == 4


class FakeClock:
    """Monotonic seconds moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def near(color: Color, expected: str | None) -> bool:
    """The same colour, give or take the rounding of a stylesheet's colour."""
    other = Color.parse(expected or "")
    return all(abs(a - b) <= 2 for a, b in zip(color.rgb, other.rgb, strict=True))


def countdown(app: BriefingApp) -> Static:
    return app.screen.query_one("#countdown", Static)


async def test_the_countdown_turns_to_warning_then_error_colour(folder: Path) -> None:
    path = presenter_deck(folder)
    clock = FakeClock()
    notes = app_for(
        path, "notes", folder, total=20 * 60.0, clock=clock, wall=lambda: datetime(2026, 3, 27, 14, 5)
    )
    async with notes.run_test(size=SIZE) as pilot:
        ticker = notes.screen.query_one("#notes-clock")
        theme = notes.current_theme

        async def at(seconds: float) -> Static:
            clock.now = 1000.0 + seconds
            ticker.tick()  # type: ignore[attr-defined]
            await pilot.pause()
            return countdown(notes)

        shown = await at(0)
        assert str(shown.content) == "20:00 left"
        assert "0:00 elapsed" in text_of(notes, "#elapsed")
        assert text_of(notes, "#wall") == "14:05"
        normal = shown.styles.color
        shown = await at(17 * 60 + 59)
        assert str(shown.content) == "2:01 left"
        assert not shown.has_class("-warning") and shown.styles.color == normal
        shown = await at(18 * 60)
        assert str(shown.content) == "2:00 left"
        assert shown.has_class("-warning")
        assert near(shown.styles.color, theme.warning) and not near(normal, theme.warning)
        shown = await at(20 * 60 + 35)
        assert str(shown.content) == "over by 0:35"
        assert shown.has_class("-over") and not shown.has_class("-warning")
        assert near(shown.styles.color, theme.error)
        assert "20:35 elapsed" in text_of(notes, "#elapsed")
        await pilot.press("r")
        await pilot.pause()
        assert str(countdown(notes).content) == "20:00 left"


async def test_without_a_length_no_countdown(folder: Path) -> None:
    notes = app_for(presenter_deck(folder), "notes", folder)
    async with notes.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not countdown(notes).display


async def test_the_latency_benchmark_runs(folder: Path) -> None:
    from benchmarks.presenter import measure, summary

    times = await measure(presenter_deck(folder), keys=6)
    assert len(times) == 6 and all(0 < t < 5 for t in times)
    assert summary(times).startswith("6 keys: median ")


async def test_keys_and_a_clicker_page_the_notes_view_even_when_its_notes_overflow(folder: Path) -> None:
    path = presenter_deck(folder)
    long = " ".join(f"Line {n} of a long note." for n in range(400))
    text = path.read_text(encoding="utf-8").replace("Open with the map; wait for quiet.", long)
    path.write_text(text, encoding="utf-8")
    notes = app_for(path, "notes", folder)
    async with notes.run_test(size=SIZE) as pilot:
        screen = notes.screen
        assert isinstance(screen, NotesScreen)
        scroll = screen.query_one("#notes-scroll")
        assert scroll.max_scroll_y > 0  # the notes overflow their pane
        await pilot.press("down")
        assert screen.reader.item == 1
        await pilot.press("pagedown")
        assert screen.reader.index == 1
        await pilot.press("pageup")
        assert screen.reader.index == 0
