"""One coherent help: ``?`` opens the keys of the view you are in, with every mark explained.

Also: ``?`` and ``q`` work in every view, the help says how to close it,
and the source view's key bar keeps "esc back" however narrow it gets.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Static

from briefing.screens.deck import DeckScreen
from briefing.screens.help import LEGEND, OVERVIEW_KEYS, SOURCE_KEYS, HelpScreen, keys_table
from briefing.screens.overview import OverviewScreen
from briefing.screens.source import SourceScreen
from briefing.widgets.key_bar import KeyBar
from briefing.widgets.marks import STANCE_GLYPHS
from briefing.widgets.source_view import SourceView

SIZE = (100, 30)
#: Keys to reach each view from the deck's first slide.
VIEWS = {"deck": [], "overview": ["o"], "source": ["enter"]}
#: A distinctive line of each view's help.
SAYS = {
    "deck": "show / hide the slide's notes",
    "overview": "move between cards",
    "source": "next cited passage",
}


def help_text(screen: HelpScreen) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(screen.query_one("#keys", Static).content)  # type: ignore[arg-type]
    console.print(screen.query_one("#help-close", Static).content)  # type: ignore[arg-type]
    return console.export_text()


async def reach(pilot: Any, view: str) -> None:
    for key in VIEWS[view]:
        await pilot.press(key)
        await pilot.pause()


@pytest.mark.parametrize("view", list(VIEWS))
async def test_question_mark_opens_the_help_of_the_view(make_app: Any, view: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot, view)
        before = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.view == view
        text = help_text(app.screen)
        assert SAYS[view] in text
        for other, line in SAYS.items():
            if other != view:
                assert line not in text
        assert "Esc or ? closes this help" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is before


async def test_the_legend_explains_every_mark(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app.screen)
    for mark in ["✓ 2", "✗ 1", "◆ judgement", "¶4", "1.1", "(+1 more)", "▌", "79/79 ✓", "⚠"]:
        assert mark in text, mark
    for stance, glyph in STANCE_GLYPHS.items():
        assert f"{glyph} {stance}" in text


@pytest.mark.parametrize("view", [*VIEWS, "help"])
async def test_q_quits_from_every_view(make_app: Any, view: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot, "deck" if view == "help" else view)
        if view == "help":
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
        quits: list[bool] = []
        app.exit = lambda *args, **kwargs: quits.append(True)  # type: ignore[method-assign]
        await pilot.press("q")
        await pilot.pause()
        assert quits == [True]


def listed(sections: Any) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(keys_table(sections))
    return console.export_text().lower()


NAMES = {
    "question_mark": "?",
    "slash": "/",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "escape": "esc",
    "enter": "enter",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "shift+tab": "shift+tab",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
}


@pytest.mark.parametrize(
    "bindings,sections",
    [
        ([*SourceScreen.BINDINGS, *SourceView.BINDINGS], SOURCE_KEYS),
        (OverviewScreen.BINDINGS, OVERVIEW_KEYS),
    ],
    ids=["source", "overview"],
)
def test_each_view_help_covers_its_bindings(bindings: Any, sections: Any) -> None:
    text = listed(sections)
    for binding in bindings:
        for key in binding.key.split(","):
            assert NAMES.get(key, key).lower() in text, key


def test_the_legend_is_in_every_view_help() -> None:
    for sections in (SOURCE_KEYS, OVERVIEW_KEYS):
        text = listed(sections)
        for mark, _ in LEGEND:
            assert mark.lower() in text


@pytest.mark.parametrize("width", [40, 60, 100])
async def test_the_source_key_bar_keeps_esc_back(make_app: Any, width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        assert "esc back" in line
        assert "? help" in line


async def test_help_from_the_deck_then_back_keeps_the_deck(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, DeckScreen)


def test_the_readme_keys_table_lists_every_deck_key() -> None:
    """The README's Keys table names each key the deck screen binds (digits as "a number")."""
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Keys") :].split("\n\n")[1]
    readme_names = {**NAMES, "enter": "enter", "space": "space", "home": "home", "end": "end"}
    for binding in DeckScreen.BINDINGS:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            if key.isdigit():
                assert "a number" in table
                continue
            shown = readme_names.get(key, key)
            assert f"`{shown}`".lower() in table.lower() or f" {shown}`".lower() in table.lower(), key
    for words in ("speaker notes", "citations panel", "help for the view you are in"):
        assert words in table, words
