"""The screens around the deck: overview, help, export and its question.

Each test opens the screen with its key (or a click), checks what it shows
and that it leaves the deck where the reader expects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.geometry import Region

from briefing.screens.deck import DeckScreen
from briefing.screens.help import KEYS, HelpScreen
from briefing.screens.overview import OverviewScreen
from briefing.ui.app import BriefingApp
from briefing.widgets.card_grid import CARD_HEIGHT, CardGrid

SIZE = (100, 30)


async def open_overview(pilot: Any) -> OverviewScreen:
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, OverviewScreen)
    return screen


def grid_lines(grid: CardGrid) -> list[str]:
    """The text of every line the grid shows."""
    return ["".join(seg.text for seg in grid.render_line(y)) for y in range(grid.size.height)]


async def test_overview_lists_every_slide_with_the_current_one_outlined(make_app: Any) -> None:
    app = make_app(start=2)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        grid = overview.grid
        assert (grid.current, overview.selected, grid.columns) == (2, 2, 3)
        text = "\n".join(grid_lines(grid))
        for title in (
            "1  A reassurance force",
            "2  Positions",
            "3  Reactions by country",
            "4  Key figures",
            "5  Quotes",
        ):
            assert title in text
        assert "Who stands where" in text and "5 items · 5 citations" in text  # a subtitle, not a kind
        first_row = grid_lines(grid)[0]
        assert first_row.count("╭") == 2 and first_row.count("┏") == 1  # the selected card is heavy
        assert first_row.index("┏") > first_row.rindex("╭")  # ... and it is the third


async def test_overview_counts_verified_citations_in_the_background(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await overview.workers.wait_for_complete()
        await pilot.pause()
        assert overview.grid.verified[2] == (5, 0)
        assert "✓ 5" in "\n".join(grid_lines(overview.grid))


async def test_overview_arrows_move_and_enter_jumps(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await pilot.press("right", "right")
        assert overview.selected == 2
        await pilot.press("left")
        assert overview.selected == 1
        await pilot.press("down")  # 100 columns hold three cards a row
        assert overview.selected == 4
        second_row = grid_lines(overview.grid)[CARD_HEIGHT]
        assert second_row.count("┏") == 1 and second_row.index("┏") > second_row.index("╭")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert app.screen.index == 4


async def test_overview_escape_returns_to_the_same_slide(make_app: Any) -> None:
    app = make_app(start=1)
    async with app.run_test(size=SIZE) as pilot:
        await open_overview(pilot)
        await pilot.press("right", "right", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert app.screen.index == 1


async def test_clicking_an_overview_card_jumps_to_it(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        card = overview.grid.card_region(3)  # second row, first card
        await pilot.click(CardGrid, offset=(card.x + 5, card.y + 2))
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert app.screen.index == 3


async def test_overview_of_a_long_deck_opens_fast_and_scrolls_to_the_selection(tmp_path: Path) -> None:
    from briefing.core.model import Deck, Point, Slide
    from briefing.core.verify import Verifier
    from briefing.ui.app import BriefingApp

    slides = tuple(
        Slide(kind="points", title=f"Slide {n}", items=(Point(text="x", judgement=True),))
        for n in range(1, 1501)
    )
    deck = Deck(title="Long", slides=slides, sources=())
    app = BriefingApp(deck, Verifier(deck), start=1200)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await pilot.pause()
        assert "1201  Slide 1201" in "\n".join(grid_lines(overview.grid))
        await pilot.press("end")
        await pilot.pause()
        assert "1500  Slide 1500" in "\n".join(grid_lines(overview.grid))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)


async def test_help_lists_the_keys_and_escape_closes_it(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)


#: How the help writes the keys Textual names otherwise.
HELP_NAMES = {
    "question_mark": "?",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "escape": "Esc",
    "space": "Space",
    "enter": "Enter",
    "home": "Home",
    "end": "End",
    "ctrl+p": "Ctrl+P",
    "slash": "/",
}
#: Words in the help's key column that are not keys ("N G  or  N Enter", "click").
NOT_KEYS = {"N", "or", "click"}


def help_tokens() -> set[str]:
    """Every whitespace-separated token of the help's key column."""
    return {token for _, rows in KEYS for keys, _ in rows for token in keys.split()}


def deck_screen_keys() -> set[str]:
    """The deck screen's bound keys, as the help writes them (digits are "N")."""
    keys = set()
    for binding in DeckScreen.BINDINGS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            if not key.isdigit():
                keys.add(HELP_NAMES.get(key, key))
    return keys


def test_help_covers_every_deck_screen_binding() -> None:
    """Each key bound on the deck screen is a token of the help, and the help names no other key."""
    tokens, bound = help_tokens(), deck_screen_keys()
    assert bound - tokens == set(), "bound but not in the help"
    palette = HELP_NAMES[BriefingApp.COMMAND_PALETTE_BINDING]
    assert tokens - NOT_KEYS - bound - {palette} == set(), "in the help but not bound"


async def test_e_exports_markdown_to_the_current_folder(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # the format: Markdown
        await pilot.pause()
        written = tmp_path / "small.md"
        assert written.exists()
        assert "Reactions by country" in written.read_text(encoding="utf-8")
        assert any(str(written) in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(("answer", "overwritten"), [("y", True), ("n", False)])
async def test_export_asks_before_overwriting(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, overwritten: bool
) -> None:
    from briefing.screens.confirm import ConfirmScreen

    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text("old", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(answer)
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
    text = (tmp_path / "small.md").read_text(encoding="utf-8")
    assert (text != "old") is overwritten


@pytest.mark.parametrize(("key", "name"), [("s", "small.marp.md"), ("m", "small.md"), ("escape", None)])
async def test_e_asks_which_format(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, name: str | None
) -> None:
    from briefing.screens.export_choice import ExportChoiceScreen

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportChoiceScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ([name] if name else [])
    if name and name.endswith(".marp.md"):
        assert "<!-- _class: cited -->" in (tmp_path / name).read_text(encoding="utf-8")


def test_count_order_counts_every_slide_once_from_near_the_current_one() -> None:
    from briefing.screens.overview import count_order

    for count, current in ((5, 2), (1, 0), (101, 100), (1500, 1200), (1500, 0), (10_000, 9_999)):
        batches = count_order(count, current, 50)
        assert sorted(i for batch in batches for i in batch) == list(range(count))
        assert current in batches[0] and all(len(batch) <= 50 for batch in batches)


async def test_overview_of_a_long_deck_counts_the_cards_scrolled_to(small_deck: Any) -> None:
    """Counts are made for every card, on screen first; scrolled to, a card shows its marks."""
    from dataclasses import replace

    from briefing.core.verify import Verifier

    deck = replace(small_deck, slides=small_deck.slides * 300)  # 1,500 slides, each citing
    app = BriefingApp(deck, Verifier(deck), start=1200)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await overview.workers.wait_for_complete()
        await pilot.pause()
        grid = overview.grid
        assert len(grid.verified) == 1500
        assert "✓ 5" in "\n".join(grid_lines(grid))  # slide 1203, like slide 3, has five verified
        for key in ("home", "end"):
            await pilot.press(key)
            await pilot.pause()
            rows = grid_lines(grid)
            lines = "\n".join(rows)
            top = int(grid.scroll_y)
            on_screen = Region(0, top, grid.size.width, grid.size.height)
            whole = [i for i in grid.visible_cards() if on_screen.contains_region(grid.card_region(i))]
            assert whole and all(f" {index + 1}  " in lines for index in whole)  # each card, by number
            citing = [grid.card_region(i) for i in whole if deck.slides[i].citations]
            counts = [rows[card.y - top + 4][card.x : card.right] for card in citing]  # a card's 5th line
            assert citing and all("✓" in line for line in counts)  # each card on screen has its marks


async def test_overview_counts_repaint_only_for_cards_on_screen(make_app: Any) -> None:
    from dataclasses import replace

    from briefing.core.verify import Verifier

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        small = app.deck
        deck = replace(small, slides=small.slides * 100)
        overview = OverviewScreen(deck, Verifier(deck))
        await app.push_screen(overview)
        await pilot.pause()
        await overview.workers.wait_for_complete()
        grid = overview.grid
        refreshed: list[object] = []
        real = grid.refresh
        grid.refresh = lambda *a, **k: refreshed.append(1) or real(*a, **k)  # type: ignore[method-assign]
        grid.set_verified({400: (1, 1)})  # far below the screen
        assert refreshed == [] and grid.verified[400] == (1, 1)
        grid.set_verified({1: (1, 1)})
        assert refreshed == [1]
