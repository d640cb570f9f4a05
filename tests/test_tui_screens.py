"""The screens around the deck: overview, help, export and its question.

Each test opens the screen with its key (or a click), checks what it shows
and that it leaves the deck where the reader expects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.screens.deck import DeckScreen
from briefing.screens.help import KEYS, HelpScreen
from briefing.screens.overview import OverviewScreen
from briefing.widgets.slide_card import SlideCard

SIZE = (100, 30)


async def open_overview(pilot: Any) -> OverviewScreen:
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, OverviewScreen)
    return screen


async def test_overview_lists_every_slide_with_the_current_one_outlined(make_app: Any) -> None:
    app = make_app(start=2)
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        cards = list(overview.query(SlideCard))
        assert [card.index for card in cards] == [0, 1, 2, 3, 4]
        assert [card.has_class("-current") for card in cards] == [False, False, True, False, False]
        assert overview.selected == 2
        text = str(cards[2].render())
        assert "3  Reactions by country" in text
        assert "reactions" in text and "5 items · 5 citations" in text


async def test_overview_counts_verified_citations_in_the_background(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        overview = await open_overview(pilot)
        await overview.workers.wait_for_complete()
        await pilot.pause()
        assert "✓ 5" in str(overview.query(SlideCard)[2].render())


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
        assert overview.query(SlideCard)[4].has_class("-selected")
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
        card = overview.query(SlideCard)[3]
        await pilot.click(card)
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
        assert app.screen.index == 3


async def test_help_lists_the_keys_and_escape_closes_it(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)


def test_help_covers_every_deck_screen_binding() -> None:
    """Each key bound on the deck screen appears in the help text."""
    listed = " ".join(keys for _, rows in KEYS for keys, _ in rows).lower()
    names = {
        "question_mark": "?",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "right": "→",
        "left": "←",
        "up": "↑",
        "down": "↓",
        "escape": "esc",
        "space": "space",
    }
    for binding in DeckScreen.BINDINGS:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            if key.isdigit():
                continue  # digits are documented as "N"
            assert names.get(key, key).lower() in listed, key


def _contract_write(path: Path, text: str, force: bool = False) -> None:
    """What ``write_atomic`` promises, for use until the real one exists."""
    if path.exists() and not force:
        raise FileExistsError(path)
    path.write_text(text, encoding="utf-8")


def _write_atomic_or_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    export = pytest.importorskip("briefing.export")
    if not hasattr(export, "write_atomic"):
        monkeypatch.setattr(export, "write_atomic", _contract_write, raising=False)


async def test_e_exports_markdown_to_the_current_folder(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_atomic_or_stand_in(monkeypatch)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        written = tmp_path / "small.md"
        assert written.exists()
        assert "Reactions by country" in written.read_text(encoding="utf-8")
        assert any(str(written) in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(("answer", "overwritten"), [("y", True), ("n", False)])
async def test_export_asks_before_overwriting(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, overwritten: bool
) -> None:
    _write_atomic_or_stand_in(monkeypatch)
    from briefing.screens.confirm import ConfirmScreen

    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text("old", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(answer)
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)
    text = (tmp_path / "small.md").read_text(encoding="utf-8")
    assert (text != "old") is overwritten
