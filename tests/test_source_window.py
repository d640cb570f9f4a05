"""A long source is shown from a window of lines first, and looks exactly as when laid out whole.

``Enter`` on a 10 MB source must not wait for the whole text to be made
display text and wrapped, so the source view first lays out only the lines
around the passage (:func:`briefing.widgets.source_layout.window`) and a
thread lays out the rest. These tests hold that path to the plain one: the
rows on screen (their characters and styles, the highlight, the gutter)
must be identical to those the view draws when it lays the whole text out
at once, at several widths, before and after the whole layout is swapped in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck, Point, Slide, Source
from briefing.core.sourcetext import SourceText
from briefing.core.verify import Verifier
from briefing.screens.source import SourceScreen
from briefing.ui.app import BriefingApp
from briefing.widgets import source_layout, source_view
from briefing.widgets.source_view import SourceView

SIZES = [(100, 30), (61, 24), (43, 40)]


def long_deck() -> tuple[Deck, Verifier]:
    """A deck citing a ~660 KB in-memory source of mixed lines: hard-wrapped, long, CRLF, tabs, controls."""
    parts = []
    for n in range(7000):
        if n % 5 == 0:  # one long line: it wraps into several rows
            parts.append(f"Long line {n}: " + "the\tharbour works continue as planned, " * 6 + "\n\n")
        elif n % 5 == 1:  # CRLF lines, a control character, wide characters
            parts.append(f"Windows line {n} \x1b[31m red\r\nnext 中文 line\r\n\r\n")
        else:
            parts.append(f"Wrapped paragraph {n} about the\nsea wall, in short\nlines.\n\n")
    middle = len(parts) // 2
    parts[middle] = "In the middle: the needle sits exactly here, cited once.\n\n"
    # Blank lines (rows of one character) before it put this needle a few rows further
    # into its window than the first needle is into its own.
    parts[middle + 1000] = "\n" * 8 + "Further on: a second needle, cited once too.\n\n"
    parts[-1] = "The very last words of the source."
    text = "".join(parts)
    quotes = [
        "the needle sits exactly here",
        "The very last words",
        "Wrapped paragraph 2 about",
        "a second needle",
    ]
    points = tuple(
        Point(
            f"p{n}",
            citations=(Citation("big", quote, path=f"slides[0].points[{n}].cite[0]"),),
            path=f"slides[0].points[{n}]",
        )
        for n, quote in enumerate(quotes)
    )
    deck = Deck("Long", (Slide("points", "Needles", points),), (Source("big", "big.txt", title="Big"),))
    source = SourceText(text)

    class InMemory(Verifier):
        def source_text(self, source_id: str) -> SourceText | None:
            return source if source_id == "big" else None

    return deck, InMemory(deck)


def screen_rows(view: SourceView) -> list[list[tuple[str, Any]]]:
    """Every row on screen as (text, style) segments: what the terminal gets."""
    height = view.scrollable_content_region.height
    return [[(s.text, s.style) for s in view.render_line(y)] for y in range(height)]


async def whole_layout(pilot: Any, view: SourceView) -> None:
    """Wait until the thread's whole layout is in the view."""
    for _ in range(1000):
        if view.wrapped is not None and view.wrapped.whole:
            return
        await pilot.pause(0.01)
    raise AssertionError("the whole layout never came")


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the view's layout thread until the event is set (it is set at the end)."""
    release = threading.Event()
    real = source_view.prepare

    def waiting(text: str) -> source_layout.Prepared:
        if threading.current_thread() is not threading.main_thread():
            release.wait(30)
        return real(text)

    monkeypatch.setattr(source_view, "prepare", waiting)
    yield release
    release.set()


async def drawn(
    deck: Deck, verifier: Verifier, size: tuple[int, int], item: int, keys: tuple[str, ...] = ()
) -> tuple[Any, ...]:
    """The rows on screen once the item's passage is opened and ``keys`` pressed; the top row's offset."""
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=size) as pilot:
        screen = SourceScreen(deck, verifier, 0, item)
        app.push_screen(screen)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        view = screen.view
        return (
            view.top_offset(),
            view.highlight,
            screen_rows(view),
            view.wrapped is not None and view.wrapped.whole,
        )


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_frame_of_a_long_source_has_the_whole_layouts_rows(
    size: tuple[int, int], held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, verifier = long_deck()
    assert len(verifier.source_text("big").text) > 2 * source_layout.WINDOW_MIN  # type: ignore[union-attr]
    for item in range(3):
        *shown, whole = await drawn(deck, verifier, size, item)
        assert not whole  # a window: the thread is held
        with monkeypatch.context() as plain:
            plain.setattr(source_view, "WINDOW_MIN", 10**9)  # laid out whole, at once
            *expected, whole = await drawn(deck, verifier, size, item)
        assert whole
        assert shown == expected
        assert any(segment[0].strip() for row in shown[2] for segment in row)


@pytest.mark.parametrize("size", SIZES)
async def test_the_bundled_deck_looks_the_same_from_a_window(
    size: tuple[int, int], held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = load_deck(bundled_deck())
    verifier = Verifier(deck)
    items = [
        (s, i) for s, slide in enumerate(deck.slides) for i, item in enumerate(slide.items) if item.citations
    ]
    windows = 0
    for slide, item in items[::7]:
        rows = []
        for window_min in (10**9, 0):  # whole, then a window of a few lines around the passage
            monkeypatch.setattr(source_view, "WINDOW_MIN", window_min)
            monkeypatch.setattr(source_layout, "WINDOW_REACH", 200)
            app = BriefingApp(deck, verifier)
            async with app.run_test(size=size) as pilot:
                screen = SourceScreen(deck, verifier, slide, item)
                app.push_screen(screen)
                await pilot.pause()
                assert screen.view.wrapped is not None
                windows += not screen.view.wrapped.whole
                rows.append((screen.view.top_offset(), screen_rows(screen.view)))
        assert rows[0] == rows[1]
    assert windows >= len(items[::7]) // 2  # most were drawn from a window (some need the whole text)


async def test_the_whole_layout_comes_in_with_the_same_rows_on_screen(held: threading.Event) -> None:
    deck, verifier = long_deck()
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 0, 0)
        app.push_screen(screen)
        await pilot.pause()
        view = screen.view
        assert view.wrapped is not None and not view.wrapped.whole
        before = (view.top_offset(), screen_rows(view))
        window_rows = view.virtual_size.height
        held.set()
        await whole_layout(pilot, view)
        assert (view.top_offset(), screen_rows(view)) == before
        assert view.virtual_size.height == len(view.wrapped) > 10 * window_rows
        assert view.highlighted_on_screen() == "the needle sits exactly here"
        await pilot.press("n", "n")  # to the end of the source, in the whole layout
        assert view.highlighted_on_screen() == "The very last words"


async def test_a_far_passage_before_the_whole_layout_gets_its_own_window(held: threading.Event) -> None:
    deck, verifier = long_deck()
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 0, 0)
        app.push_screen(screen)
        await pilot.pause()
        view = screen.view
        steps = (("n", "a second needle"), ("n", "The very last words"), ("n", "Wrapped paragraph 2 about"))
        for key, words in steps:
            await pilot.press(key)
            await pilot.pause()
            assert view.wrapped is not None and not view.wrapped.whole
            assert view.highlighted_on_screen() == words
        before = (view.top_offset(), screen_rows(view))
        held.set()
        await whole_layout(pilot, view)
        assert (view.top_offset(), screen_rows(view)) == before


@pytest.mark.parametrize("keys", [("n",), ("n", "n", "n"), ("N",), ("pagedown", "n", "pageup")])
async def test_stepping_before_the_whole_layout_shows_what_the_whole_layout_shows(
    keys: tuple[str, ...], held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, verifier = long_deck()
    *shown, whole = await drawn(deck, verifier, (100, 30), 0, keys)
    assert not whole
    monkeypatch.setattr(source_view, "WINDOW_MIN", 10**9)
    *expected, whole = await drawn(deck, verifier, (100, 30), 0, keys)
    assert whole and shown == expected


async def test_a_layout_made_for_another_width_is_dropped(held: threading.Event) -> None:
    deck, verifier = long_deck()
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 0, 0)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.resize_terminal(61, 24)  # the held thread still lays out for 100 columns
        await pilot.pause()
        view = screen.view
        width = view.wrapped.width if view.wrapped is not None else 0
        held.set()
        await whole_layout(pilot, view)
        assert view.wrapped is not None and view.wrapped.width == width
        assert view.highlighted_on_screen() == "the needle sits exactly here"
        plain = source_layout.WrappedText(source_layout.display_text(view.source), width)
        assert view.wrapped.starts == plain.starts and view.wrapped.ends == plain.ends


async def test_opening_a_long_source_does_not_prepare_it_on_the_ui_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deck, verifier = long_deck()
    long_texts: list[str] = []
    real = source_layout.prepare

    def recording(text: str) -> source_layout.Prepared:
        if threading.current_thread() is threading.main_thread() and len(text) > source_layout.WINDOW_MIN:
            long_texts.append(threading.current_thread().name)
        return real(text)

    monkeypatch.setattr(source_view, "prepare", recording)
    monkeypatch.setattr(source_layout, "prepare", recording)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 0, 1)
        app.push_screen(screen)
        await pilot.pause()
        assert screen.view.highlighted_on_screen() == "The very last words"
        await whole_layout(pilot, screen.view)
        assert long_texts == []
        assert screen.view.text == source_layout.display_text(screen.view.source)
        assert screen.view.highlighted_on_screen() == "The very last words"


async def test_a_long_sources_citations_are_indexed_in_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Verifying a long source's every citation would hold up the reader's next key: a thread does it."""
    from briefing.core.drill import DrillIndex

    deck, verifier = long_deck()
    on_ui_thread: list[bool] = []
    real = DrillIndex._build

    def recording(index: DrillIndex, source_id: str) -> Any:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(index, source_id)

    monkeypatch.setattr(DrillIndex, "_build", recording)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SourceScreen(deck, verifier, 0, 0)
        app.push_screen(screen)
        await pilot.pause()
        assert screen.view.highlighted_on_screen() == "the needle sits exactly here"
        for _ in range(1000):
            if screen.citing:
                break
            await pilot.pause(0.01)
        assert on_ui_thread == [False]
        assert screen.query_one("#source-passage").render().plain.startswith("passage 2 of 4 in this source")
        assert screen.view.highlighted_on_screen() == "the needle sits exactly here"
