"""Drilling into sources, driven with keys as a reader would.

Each test opens the source view on the fixture deck ``tests/data/drill``
inside the real app and checks what is on screen: the highlighted
characters are read back from the strips the view draws, so a highlight
that is off by one character, or a passage scrolled out of view, fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.core.drill import DrillIndex
from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck, Point, Slide, Source
from briefing.core.sourcetext import SourceText
from briefing.core.verify import Verifier
from briefing.screens.source import CitingItemChooser, SourceScreen
from briefing.ui.app import BriefingApp
from briefing.widgets.source_layout import display_text

DECK_PATH = Path(__file__).parent / "data" / "drill" / "decks" / "drill.yaml"
SIZE = (100, 30)


@pytest.fixture
def deck() -> Deck:
    return load_deck(DECK_PATH)


@pytest.fixture
def verifier(deck: Deck) -> Verifier:
    return Verifier(deck)


async def open_source(pilot: Any, screen: SourceScreen) -> tuple[SourceScreen, list[Any]]:
    """Push ``screen``; return it and a list that receives its dismiss value."""
    results: list[Any] = []
    pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    return screen, results


def on_screen(screen: SourceScreen) -> str:
    return screen.view.highlighted_on_screen()


def expected(verifier: Verifier, citation: Citation, start: int, end: int) -> str:
    text = verifier.source_text(citation.source_id)
    assert text is not None
    return display_text(text.text[start:end]).replace("\n", "")


@pytest.mark.parametrize(
    ("slide", "item", "kind"),
    [(0, 0, "title"), (1, 1, "points"), (2, 2, "reactions"), (3, 1, "figures"), (4, 0, "quotes")],
)
async def test_highlight_is_exactly_the_verified_passage(
    deck: Deck, verifier: Verifier, slide: int, item: int, kind: str
) -> None:
    assert deck.slides[slide].kind == kind
    citation = deck.slides[slide].items[item].citations[0]
    result = verifier.result(citation)
    assert result.verified and result.start is not None and result.end is not None
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, slide, item))
        assert screen.highlight == (result.start, result.end)
        assert screen.view.highlight_kind == "current"
        text = verifier.source_text(citation.source_id)
        assert text is not None
        assert on_screen(screen) == text.text[result.start : result.end]
        assert "✓ verified" in str(screen.query_one("#source-status").render())
        assert f"from: {deck.slides[slide].title} › {item + 1}" in str(
            screen.query_one("#source-from").render()
        )


async def test_reaction_quote_with_brackets_is_shown_literally(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 2, 2))
        assert on_screen(screen) == "They asked [the tourists] instead."
        assert screen.query_one("#source-from").render().plain == "from: Who stands where › 3"


async def test_wide_characters_and_control_characters_keep_offsets(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 4, 1))
        assert on_screen(screen) == "観光か漁業か — tourism or fishing"
        await pilot.press("tab")  # one citation: tab does nothing here
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 4, 2))
        citation = deck.slides[4].items[2].citations[0]
        start, end = screen.highlight or (0, 0)
        assert (
            on_screen(screen)
            == expected(verifier, citation, start, end)
            == "aloud and then\ufffd[31m someone laughed"
        )
        assert "\x1b" not in "".join(s.text for y in range(10) for s in screen.view.render_line(y))


async def test_n_walks_every_passage_in_source_order_then_wraps(deck: Deck, verifier: Verifier) -> None:
    index = DrillIndex(deck, verifier)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen.for_source(deck, verifier, "harbour"))
        seen = []
        for _ in range(len(index) + 1):
            await pilot.press("n")
            assert on_screen(screen), "the passage must be on screen after n"
            seen.append((screen.source_id, screen.highlight))
        order = [("harbour", span) for span in index.spans("harbour")]
        order += [("notes", span) for span in index.spans("notes")]
        assert seen == order + order[:1]
        passage_line = screen.query_one("#source-passage").render().plain
        assert passage_line.startswith(
            f"passage 1 of {index.count('harbour')} in this source · cited by The harbour vote › 1"
        )


async def test_capital_n_and_brackets_go_back_and_forth(deck: Deck, verifier: Verifier) -> None:
    index = DrillIndex(deck, verifier)
    spans = index.spans("harbour")
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 1, 1))
        here = spans.index(screen.highlight)
        await pilot.press("N")
        assert screen.highlight == spans[here - 1]
        await pilot.press("right_square_bracket")
        assert screen.highlight == spans[here]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.highlight == spans[here - 2]
        assert "cited by" in str(screen.query_one("#source-from").render())


async def test_escape_dismisses_with_none(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, results = await open_source(pilot, SourceScreen(deck, verifier, 3, 2))
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None]
        assert app.screen is not screen


async def test_clicking_esc_in_the_key_bar_goes_back(deck: Deck, verifier: Verifier) -> None:
    from briefing.widgets.key_bar import KeyBar

    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, results = await open_source(pilot, SourceScreen(deck, verifier, 1, 1))
        bar = screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(bar.render().plain.index("esc"), 0))
        await pilot.pause()
        assert results == [None]


async def test_enter_dismisses_with_the_citing_item(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        _, results = await open_source(pilot, SourceScreen(deck, verifier, 1, 1))
        await pilot.press("n")  # next passage: "create around 300 seasonal jobs", cited by figures[1]
        await pilot.press("enter")
        await pilot.pause()
        assert results == [(3, 1)]


async def test_enter_on_a_passage_cited_twice_asks_which_item(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        _, results = await open_source(pilot, SourceScreen(deck, verifier, 0, 1))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CitingItemChooser)
        assert [label for _, label in app.screen.choices] == [
            "The harbour vote › 2 “€48 million over six years”",
            "Key figures › 1 “€48 million: six-year budget”",
        ]
        await pilot.press("escape")  # changed my mind: back to the source
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen) and results == []
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert results == [(3, 0)]


async def test_unverified_quote_shows_the_closest_passage_under_a_banner(
    deck: Deck, verifier: Verifier
) -> None:
    result = verifier.result(deck.slides[1].items[3].citations[0])
    assert result.status == "not_found" and result.near_start is not None and result.near_end is not None
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, results = await open_source(pilot, SourceScreen(deck, verifier, 1, 3))
        assert screen.highlight == (result.near_start, result.near_end)
        assert screen.view.highlight_kind == "suggestion"
        assert not screen.verified
        assert on_screen(screen) == "Construction is due to start in the spring,"
        banner = screen.query_one("#source-banner")
        assert banner.display
        assert "✗ not verified: quote not found" in str(banner.render())
        assert "the autumn" in str(banner.render())
        status = screen.query_one("#source-status")
        assert status.has_class("-unverified") and "✗ not verified" in str(status.render())
        await pilot.press("enter")  # no verified passage: back to the item itself
        await pilot.pause()
        assert results == [(1, 3)]


async def test_tab_cycles_an_items_citations(deck: Deck, verifier: Verifier) -> None:
    item = deck.slides[1].items[0]
    spans = [(verifier.result(c).start, verifier.result(c).end) for c in item.citations]
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 1, 0))
        assert screen.active_bindings["tab"].enabled
        seen = [screen.highlight]
        for _ in range(3):
            await pilot.press("tab")
            seen.append(screen.highlight)
        assert seen == spans + spans[:1]
        assert str(screen.query_one("#source-status").render()).startswith("1 of 3 · citation 3 of 18")
        single, _ = await open_source(pilot, SourceScreen(deck, verifier, 1, 1))
        assert "tab" not in single.active_bindings


async def test_judgement_opens_on_what_it_rests_on(deck: Deck, verifier: Verifier) -> None:
    wall = deck.slides[1].items[0].citations[0]
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, results = await open_source(pilot, SourceScreen(deck, verifier, 1, 4))
        assert screen.highlight == (verifier.result(wall).start, verifier.result(wall).end)
        assert (
            str(screen.query_one("#source-from").render()) == "from: The plan › 5 (judgement) → The plan › 1"
        )
        banner = str(screen.query_one("#source-banner").render())
        assert "judgement" in banner and "The plan › 1" in banner and "The plan › 2" in banner
        for _ in range(3):
            await pilot.press("tab")
        assert str(screen.query_one("#source-from").render()).endswith("→ The plan › 2")
        await pilot.press("enter")
        await pilot.pause()
        assert results == [(1, 1)]


async def test_for_source_opens_at_the_top_with_nothing_highlighted(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, results = await open_source(pilot, SourceScreen.for_source(deck, verifier, "notes"))
        assert screen.highlight is None and screen.view.scroll_y == 0
        assert (
            screen.query_one("#source-title")
            .render()
            .plain.startswith("Source · Field notes from the east quay")
        )
        await pilot.press("enter")  # nothing selected: stays
        assert results == [] and app.screen is screen
        await pilot.press("n")
        assert screen.source_id == "notes"
        assert screen.highlight == DrillIndex(deck, verifier).spans("notes")[0]


async def test_drill_from_the_deck_and_back_restores_slide_and_item(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        deck_screen: Any = app.screen
        deck_screen.jump(2, 1)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.highlight == (
            verifier.result(deck.slides[2].items[1].citations[0]).start,
            verifier.result(deck.slides[2].items[1].citations[0]).end,
        )
        await pilot.press("n", "N", "escape")
        await pilot.pause()
        assert app.screen is deck_screen
        assert (deck_screen.index, deck_screen.item) == (2, 1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "enter")  # on to the next source: its first passage is quotes[2]'s
        await pilot.pause()
        assert app.screen is deck_screen
        assert (deck_screen.index, deck_screen.item) == (4, 2)


def big_deck(paragraphs: int) -> tuple[Deck, Verifier]:
    """A deck on an in-memory source of ``paragraphs`` paragraphs (about 300 characters each)."""
    body = [f"Paragraph {n}: " + "the harbour works continue as planned, " * 7 for n in range(paragraphs)]
    middle = paragraphs // 2
    body[middle] = "In the middle: the needle sits exactly here, cited once."
    text = "\n".join(body)
    cite = Citation("big", "the needle sits exactly here", path="slides[0].points[0].cite[0]")
    last = Citation("big", f"Paragraph {paragraphs - 1}:", path="slides[0].points[1].cite[0]")
    deck = Deck(
        "Big",
        (
            Slide(
                "points",
                "Needle",
                (
                    Point("needle", citations=(cite,), path="slides[0].points[0]"),
                    Point("last", citations=(last,), path="slides[0].points[1]"),
                ),
            ),
        ),
        (Source("big", "big.txt", title="Big"),),
    )

    class InMemory(Verifier):
        def source_text(self, source_id: str) -> SourceText | None:
            return source if source_id == "big" else None

    source = SourceText(text)
    return deck, InMemory(deck)


async def test_a_long_source_draws_only_the_rows_on_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    deck, verifier = big_deck(3500)  # about 1 MB
    assert len(verifier.source_text("big").text) > 1_000_000  # type: ignore[union-attr]
    drawn: list[int] = []
    from briefing.widgets.source_view import SourceView

    original = SourceView._draw_row

    def counting(self: SourceView, wrapped: Any, row: int, width: int) -> Any:
        drawn.append(row)
        return original(self, wrapped, row, width)

    monkeypatch.setattr(SourceView, "_draw_row", counting)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 0, 0))
        assert on_screen(screen) == "the needle sits exactly here"
        height = screen.view.scrollable_content_region.height
        assert len(set(drawn)) <= 2 * height
        for _ in range(1000):  # the whole layout, from a thread (see test_source_window)
            if screen.view.wrapped is not None and screen.view.wrapped.whole:
                break
            await pilot.pause(0.01)
        assert screen.view.wrapped is not None and len(screen.view.wrapped) > 10_000
        assert screen.view.scroll_y > 5_000
        assert on_screen(screen) == "the needle sits exactly here"
        drawn.clear()
        await pilot.press("n")  # the last paragraph, 1 MB further
        assert on_screen(screen) == f"Paragraph {3500 - 1}:"
        assert len(set(drawn)) <= 2 * height


async def test_resizing_rewraps_and_keeps_the_passage_in_view(deck: Deck, verifier: Verifier) -> None:
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 2, 1))
        wide_rows = len(screen.view.wrapped or ())
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert len(screen.view.wrapped or ()) > wide_rows
        assert on_screen(screen) == "mortgaged the town’s future on a brochure"
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert len(screen.view.wrapped or ()) == wide_rows
        assert on_screen(screen) == "mortgaged the town’s future on a brochure"


async def test_an_unreadable_source_says_so_and_highlights_nothing(deck: Deck) -> None:
    class Unreadable(Verifier):
        def source_text(self, source_id: str) -> SourceText | None:
            return None

    verifier = Unreadable(deck)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 1, 1))
        assert screen.highlight is None and not screen.verified
        banner = str(screen.query_one("#source-banner").render())
        assert banner.startswith("✗ not verified: source `harbour` is not usable")
        assert "No close passage was found." in banner
        await pilot.press("n")  # nothing verified anywhere: a notice, no crash
        assert screen.highlight is None


async def test_deck_text_in_the_headers_is_literal_and_clean() -> None:
    text = "Intro.\nThe [bold]plan[/bold] costs €2 billion, said [the Americans].\nEnd."
    cite = Citation("s", "costs €2 billion, said [the Americans]", path="slides[0].points[0].cite[0]")
    point = Point("[b]x[/b] \x1b]0;pwned\x07point", citations=(cite,), path="slides[0].points[0]")
    deck = Deck(
        "D", (Slide("points", "[red]Title[/red]\x1b[2J", (point,)),), (Source("s", "s.txt", title="[i]S"),)
    )
    source = SourceText(text)

    class InMemory(Verifier):
        def source_text(self, source_id: str) -> SourceText | None:
            return source

    verifier = InMemory(deck)
    app = BriefingApp(deck, verifier)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_source(pilot, SourceScreen(deck, verifier, 0, 0))
        assert on_screen(screen) == "costs €2 billion, said [the Americans]"
        assert screen.query_one("#source-from").render().plain == "from: [red]Title[/red] › 1"
        assert screen.query_one("#source-title").render().plain.startswith("Source · [i]S")
        passage = screen.query_one("#source-passage").render().plain
        assert "“[b]x[/b] point”" in passage and "\x1b" not in passage and "\x07" not in passage
        drawn = "".join(s.text for y in range(5) for s in screen.view.render_line(y))
        assert "The [bold]plan[/bold] costs" in drawn
