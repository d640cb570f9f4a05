"""The figures slide: each key number on a card, big, with what it measures.

Cards flow into as many columns as the width allows (at least
:data:`CARD_WIDTH` cells each); the highlighted card gets a heavy border,
so the highlight survives without colour.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefing.model import Figure, Slide
from briefing.widgets.lists import heading
from briefing.widgets.marks import RenderContext, badge, item_meta, plain

#: The narrowest a card gets before the grid drops a column.
CARD_WIDTH = 24


def figure_card(index: int, figure: Figure, selected: bool, ctx: RenderContext) -> Panel:
    """One card: the value large and bold, the measure, the badge."""
    value = plain(figure.value, ctx.palette.value)
    value.justify = "center"
    measures = plain(figure.measures, ctx.palette.muted)
    measures.justify = "center"
    mark = badge(figure, ctx)
    mark.justify = "center"
    return Panel(
        Group(value, measures, mark),
        box=box.HEAVY if selected else box.ROUNDED,
        border_style=ctx.palette.accent if selected else ctx.palette.muted,
        style=item_meta(index),
        padding=(1, 1, 0, 1),
    )


def render_figures(slide: Slide, selected: int | None, ctx: RenderContext,
                   width: int) -> RenderableType:
    """The figures slide at ``width`` cells."""
    columns = max(1, min(len(slide.items), width // CARD_WIDTH))
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(columns):
        grid.add_column(ratio=1)
    cards = [
        figure_card(index, item, index == selected, ctx)
        for index, item in enumerate(slide.items)
        if isinstance(item, Figure)
    ]
    for start in range(0, len(cards), columns):
        row: list[RenderableType] = list(cards[start:start + columns])
        row += [Text("")] * (columns - len(row))
        grid.add_row(*row)
    return Group(heading(slide, ctx), Text(""), grid)
