"""The two briefing themes: a calm dark one (default) and a light one.

Colours are defined here once (chosen to quantise well: the greys stay
grey in 256 colours; in 16 colours the slide's marks switch to the ANSI
palette, see ``widgets.marks.Palette.for_colours``); everything else (the stylesheet, the slide
renderers' palette) refers to them through theme variables such as
``$accent`` or ``$text-error``, so switching theme recolours the whole app.
"""

from __future__ import annotations

from textual.theme import Theme

BRIEFING_DARK = Theme(
    name="briefing-dark",
    primary="#5B8DEF",
    secondary="#7AA2F7",
    accent="#E0AF68",
    warning="#E0AF68",
    error="#F7768E",
    success="#9ECE6A",
    foreground="#D8DEE9",
    background="#16181D",
    surface="#1E2128",
    panel="#2B2E35",  # low saturation: a grey, not navy, in 256 colours
    dark=True,
)

BRIEFING_LIGHT = Theme(
    name="briefing-light",
    primary="#2F5DB8",
    secondary="#3B6FD4",
    accent="#A35F00",
    warning="#9A6700",
    error="#C62839",
    success="#2E7D32",
    foreground="#1F2328",
    background="#FAFAF7",
    surface="#F0F0EB",
    panel="#DCDCD4",
    dark=False,
)

#: Every theme briefing registers, default first.
THEMES: tuple[Theme, ...] = (BRIEFING_DARK, BRIEFING_LIGHT)
DEFAULT_THEME = BRIEFING_DARK.name
