"""One highlight: ``Enter`` opens the highlighted item's passage after any sequence of keys.

Each test drives a sequence from issue 14 on the small fixture deck and
checks that the source view opened on the item the slide highlighted just
before ``Enter`` (and on one of that item's own citations), that ``j``/``k``
and ``↓``/``↑`` move the same highlight, and that a hidden citations panel
never holds focus.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefing.screens.deck import DeckScreen
from briefing.screens.source import SourceScreen
from briefing.widgets.sources_panel import SourcesPanel

SIZE = (100, 30)
#: Slide 2 ("Positions"): items in deck order; slide 3 (reactions): sorted by stance.
POINTS, REACTIONS = 1, 2


async def drive(app: Any, pilot: Any, keys: list[str]) -> tuple[int, int | None]:
    """Press ``keys``; return the slide and the highlighted item just before the last key."""
    for key in keys[:-1]:
        await pilot.press(key)
        await pilot.pause()
    deck = app.screen_stack[0]
    assert isinstance(deck, DeckScreen)
    where = (deck.index, deck.item)
    await pilot.press(keys[-1])
    await pilot.pause()
    return where


def assert_drilled(app: Any, where: tuple[int, int | None]) -> None:
    """The source view is open on the item highlighted at ``where``, showing one of its citations."""
    source = app.screen
    assert isinstance(source, SourceScreen), f"Enter opened {type(source).__name__}"
    assert source.origin == where
    backing = source.backings[source.backing_number]
    if backing.via_judgement:  # a judgement shows what it rests on
        return
    assert (backing.slide_index, backing.item_index) == where


SEQUENCES = {
    "overview": ["s", "s", "o", "escape", "j", "j", "enter"],
    "help": ["s", "s", "question_mark", "escape", "j", "j", "enter"],
    "palette": ["s", "s", "ctrl+p", "escape", "j", "j", "enter"],
    "panel-jk": ["s", "j", "j", "enter"],
    "panel-arrows": ["s", "down", "down", "enter"],
    "panel-mixed": ["s", "j", "down", "enter"],
    "panel-closed-after-moving": ["s", "j", "s", "j", "enter"],
    "panel-open-through-help": ["s", "question_mark", "escape", "j", "j", "enter"],
    "panel-open-through-overview": ["s", "o", "escape", "down", "j", "enter"],
    "panel-open-through-palette": ["s", "ctrl+p", "escape", "j", "down", "enter"],
}


@pytest.mark.parametrize("slide", [POINTS, REACTIONS])
@pytest.mark.parametrize("name", list(SEQUENCES))
async def test_enter_opens_the_highlighted_item(make_app: Any, name: str, slide: int) -> None:
    app = make_app(start=slide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        deck = app.screen
        order = deck.reader.order
        where = await drive(app, pilot, SEQUENCES[name])
        # Two steps down from the first item, whichever keys and widgets moved it.
        assert where == (slide, order[2])
        assert_drilled(app, where)


@pytest.mark.parametrize("down,up", [("j", "k"), ("down", "up")])
async def test_jk_and_arrows_are_synonyms_with_the_panel_open(make_app: Any, down: str, up: str) -> None:
    app = make_app(start=REACTIONS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", down, down, down, up)
        await pilot.pause()
        deck = app.screen
        panel = deck.query_one(SourcesPanel)
        assert deck.item == deck.reader.order[2]
        # The panel's highlight is a citation of the slide's highlighted item.
        assert panel.highlighted is not None
        assert panel._targets[panel.highlighted][0] == deck.item


async def test_the_panel_follows_the_slide(make_app: Any) -> None:
    """Moving the slide's highlight while the panel is open (not focused) moves the panel too."""
    app = make_app(start=REACTIONS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        deck = app.screen
        deck.set_focus(None)
        await pilot.press("j", "j")
        await pilot.pause()
        panel = deck.query_one(SourcesPanel)
        assert panel._targets[panel.highlighted][0] == deck.item == deck.reader.order[2]


async def test_a_hidden_panel_never_holds_focus(make_app: Any) -> None:
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        panel = app.screen.query_one(SourcesPanel)
        assert app.focused is panel
        await pilot.press("s")
        await pilot.pause()
        assert app.focused is None
        assert not panel.focusable
        for key in ("o", "escape", "question_mark", "escape"):
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is not panel


async def test_enter_on_a_judgement_with_the_panel_open(make_app: Any) -> None:
    """A judgement cites nothing itself: clicking it with the panel open, Enter still opens it."""
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        deck = app.screen
        deck.select_item(3)
        await pilot.pause()
        assert deck.query_one(SourcesPanel).highlighted is None
        await pilot.press("enter")
        await pilot.pause()
        assert_drilled(app, (POINTS, 3))


async def test_down_past_the_panel_s_last_citation_reaches_the_judgement(make_app: Any) -> None:
    """The judgement cites nothing itself, so it has no panel entry; ↓ still reaches it, Enter opens it."""
    app = make_app(start=POINTS)
    async with app.run_test(size=SIZE) as pilot:
        where = await drive(app, pilot, ["s", "down", "down", "down", "enter"])
        assert where == (POINTS, 3)
        assert_drilled(app, where)
