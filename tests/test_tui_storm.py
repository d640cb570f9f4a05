"""Resize storm: random sizes from 20x6 to 250x80 while keys are pressed.

No exception may escape, and the position indicator stays on screen
whenever the terminal has room for it (at least 40 columns and 12 rows,
the smallest size briefing promises to lay out).
"""

from __future__ import annotations

import random
from typing import Any

from briefing.screens.deck import DeckScreen
from briefing.widgets.topbar import TopBar
from tests.conftest import SMALL_DECK

KEYS = [
    "right",
    "left",
    "down",
    "up",
    "j",
    "k",
    "space",
    "end",
    "home",
    "s",
    "s",
    "o",
    "escape",
    "question_mark",
    "escape",
    "pagedown",
    "3",
    "G",
]


async def test_resize_storm_keeps_position_visible(make_app: Any) -> None:
    rng = random.Random(20261125)  # fixed seed: a failure can be replayed
    app = make_app(SMALL_DECK)
    checked = 0
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(60):
            width, height = rng.randint(20, 250), rng.randint(6, 80)
            await pilot.resize_terminal(width, height)
            await pilot.press(rng.choice(KEYS))
            await pilot.pause()
            if width >= 40 and height >= 12 and isinstance(app.screen, DeckScreen):
                bar = app.screen.query_one(TopBar)
                region = bar.region
                assert region.width > 0 and region.height > 0, (width, height)
                assert region.right <= width and region.bottom <= height, (width, height, region)
                assert str(bar.render()).endswith(" / 5"), (width, height)
                checked += 1
        assert app.return_value is None
    assert checked >= 10, f"only {checked} checks ran: the storm proves too little"
