"""Colours that survive 256 and 16-colour terminals.

The theme's soft colours all quantise to one grey in 16 colours, so there
the slide's marks use the terminal's ANSI colours; in 256 colours the bars
must stay grey (they quantised to navy). Glyphs carry the meaning anyway;
these tests keep the colour from contradicting or erasing it.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.color import Color, ColorSystem

from briefing.ui.themes import THEMES
from briefing.widgets.marks import Palette
from briefing.widgets.slide_view import SlideView

REACTIONS = 2
GREEN, YELLOW, RED = {2, 10}, {3, 11}, {1, 9}
GREYS = {0, 7, 8, 15}


def ansi(color: Color | None) -> int:
    """The ANSI number (0-15) a colour becomes in a 16-colour terminal."""
    assert color is not None
    number = color.downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return number


@pytest.fixture
def colours(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> str:
    """Make the app's console use ``request.param`` colours, as the terminal would."""
    import textual.constants

    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", request.param)
    return str(request.param)


@pytest.mark.parametrize("colours", ["standard"], indirect=True)
@pytest.mark.parametrize("theme", [t.name for t in THEMES])
async def test_stances_take_distinct_ansi_colours_in_16_colours(
    make_app: Any, colours: str, theme: str
) -> None:
    app = make_app(start=REACTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        assert app.console.color_system == "standard"
        palette = Palette.from_widget(app.screen.query_one(SlideView))
        groups = {
            "leads": GREEN,
            "supports": GREEN,
            "conditional": YELLOW,
            "cautious": YELLOW,
            "opposed": RED,
            "hostile": RED,
        }
        for stance, group in groups.items():
            assert ansi(palette.stances[stance].color) in group, stance
        assert ansi(palette.ok.color) in GREEN and ansi(palette.bad.color) in RED
        assert ansi(palette.accent.color) not in GREYS and ansi(palette.title.color) not in GREYS


@pytest.mark.parametrize("colours", ["standard"], indirect=True)
async def test_reactions_slide_draws_stances_in_ansi_colours(make_app: Any, colours: str) -> None:
    """What is drawn, not just the palette: "✕ hostile" reaches the terminal red, "◉ leads" green."""
    app = make_app(start=REACTIONS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        found: dict[str, int] = {}
        for y in range(view.rows):
            for segment in view.render_line(y):
                for stance in ("leads", "hostile"):
                    if stance in segment.text and segment.style is not None and segment.style.color:
                        found[stance] = ansi(segment.style.color)
        assert found["leads"] in GREEN and found["hostile"] in RED


@pytest.mark.parametrize("colours", ["256"], indirect=True)
async def test_highlight_is_grey_in_256_colours(make_app: Any, colours: str) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        palette = Palette.from_widget(app.screen.query_one(SlideView))
        color = palette.selected.bgcolor
        assert color is not None
        assert color.downgrade(ColorSystem.EIGHT_BIT).number in range(232, 256)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_bars_and_backgrounds_stay_grey_in_256_colours(theme: Any) -> None:
    """The top bar, key bar and backgrounds map to the 256-colour grey ramp, not a hue."""
    variables = theme.to_color_system().generate()
    for name in ("background", "surface", "panel"):
        color = Color.parse(variables[name]).downgrade(ColorSystem.EIGHT_BIT)
        assert color.number in {16, 231, *range(232, 256)}, (name, variables[name], color.number)


async def test_truecolor_keeps_the_theme_colours(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        palette = Palette.from_widget(app.screen.query_one(SlideView))
        assert app.console.color_system == "truecolor"
        assert palette.stances["leads"].color is not None
        assert palette.stances["leads"].color.triplet != Color.parse("#55ff55").triplet
