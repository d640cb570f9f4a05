"""The search screen (``/``), ``n`` / ``N`` after it, and the palette's content hits, driven with Pilot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandList
from textual.widgets import Input, OptionList

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.deck import DeckScreen
from briefing.screens.search import MATCH_STYLE, FoundInSource, SearchScreen
from briefing.ui.app import BriefingApp
from tests.deckfiles import make_project
from tests.test_search import ARTICLE, SLIDES

SIZE = (100, 30)


def build(tmp_path: Path) -> BriefingApp:
    deck = load_deck(make_project(tmp_path, SLIDES, article=ARTICLE))
    return BriefingApp(deck, Verifier(deck))


async def type_query(pilot: Any, text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    for char in text:
        await pilot.press("space" if char == " " else char)
    await pilot.pause(0.2)


def results(app: BriefingApp) -> list[str]:
    return [str(option.prompt) for option in app.screen.query_one(OptionList)._options]


def deck(app: BriefingApp) -> DeckScreen:
    return app.screen_stack[0] if isinstance(app.screen_stack[0], DeckScreen) else app.screen_stack[1]  # type: ignore[return-value]


async def test_typing_lists_grouped_results_with_the_match_highlighted(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "porcu")
        assert isinstance(app.screen, SearchScreen)
        shown = results(app)
        assert shown[0] == "Slide 1 · Élysée talks"
        assert shown[1].strip().startswith("Élysée talks › 1")
        assert shown[2].strip().startswith("Élysée talks · notes")
        assert shown[3] == "¶ Source · article"
        assert shown[4].strip().startswith("¶1")
        assert [s.strip()[:2] for s in shown[5:]] == ["¶2", "¶2"]
        # Each listed match is highlighted exactly over the matched letters.
        option = app.screen.query_one(OptionList)._options[5]
        content = option.prompt
        spans = [(span.start, span.end) for span in content.spans if str(span.style) == MATCH_STYLE]
        assert [content.plain[s:e] for s, e in spans] == ["porcu"]
        status = str(app.screen.query_one("#search-status").render())
        assert status.startswith("5 matches")
        # Typing more narrows the results as you type.
        for key in ("p", "i", "n", "e", "space", "i", "d"):
            await pilot.press(key)
        await pilot.pause(0.2)
        assert [s.strip()[:20] for s in results(app)] == ["Slide 1 · Élysée tal", "Élysée talks · notes"]


async def test_enter_jumps_to_the_slide_item(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        await type_query(pilot, "other point")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert (app.screen.index, app.screen.item) == (0, 1)


async def test_enter_on_a_source_match_opens_the_source_at_it(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "bristling with")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FoundInSource)
        start = ARTICLE.index("bristling")
        assert screen.view.highlight == (start, start + len("bristling\nwith"))


async def test_n_and_shift_n_step_through_matches_after_closing(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, "porcupine")
        await pilot.press("enter")  # the first: slide 1, item 1
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.item == 0
        await pilot.press("n")  # notes of slide 1: still the deck
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        await pilot.press("n")  # ¶1 of the source
        await pilot.pause()
        assert isinstance(app.screen, FoundInSource)
        first = ARTICLE.index("porcupine")
        assert app.screen.view.highlight == (first, first + 9)
        await pilot.press("n")  # ¶2, in the same source view
        await pilot.pause()
        second = ARTICLE.index("porcupine", first + 1)
        assert app.screen.view.highlight == (second, second + 9)
        await pilot.press("N", "N")  # back to the notes: the deck screen again
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert app.screen.index == 0
        await pilot.press("N", "N")  # wraps to the last match (PORCUPINE)
        await pilot.pause()
        assert isinstance(app.screen, FoundInSource)
        last = ARTICLE.index("PORCUPINE")
        assert app.screen.view.highlight == (last, last + 9)


async def test_reopening_keeps_the_query_and_escape_closes(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # no search yet: nothing moves
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.index == 0
        await type_query(pilot, "second")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.index == 1
        await pilot.press("slash")
        await pilot.pause(0.2)
        assert app.screen.query_one(Input).value == "second"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.index == 1


async def test_palette_finds_content_after_the_commands(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "second":
            await pilot.press(char)
        await pilot.pause(0.8)
        shown = [str(option.prompt) for option in app.screen.query_one(CommandList)._options]
        assert shown[0].startswith("Go to slide: 2 Second slide")
        assert shown[1].startswith("Second slide · title")
        assert any(s.startswith("¶2") for s in shown)  # "A second paragraph"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen) and app.screen.index == 1


async def test_enter_in_a_found_source_goes_to_the_item_citing_the_passage(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        await type_query(pilot, "porcupine strategy")  # no match: the quote marks are between
        assert results(app) == []
        await pilot.press("escape")
        await type_query(pilot, "porcupine")
        for _ in range(2):
            await pilot.press("down")
        await pilot.press("enter")  # ¶1: inside the passage item 1 of slide 1 cites
        await pilot.pause()
        assert isinstance(app.screen, FoundInSource)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert (app.screen.index, app.screen.item) == (0, 0)
        await pilot.press("n", "n")  # ¶2 "porcupine", then "PORCUPINE", which no slide cites
        await pilot.pause()
        assert isinstance(app.screen, FoundInSource)
        assert app.screen.found.text[app.screen.found.start : app.screen.found.end] == "PORCUPINE"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FoundInSource)  # stays, and says why
        assert any("No slide cites" in str(n.message) for n in app._notifications)
