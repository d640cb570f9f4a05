"""The figures slide: each key number on a card, big, with what it measures.

Cards flow into as many columns as the width allows (at least
:data:`CARD_WIDTH` cells each); the highlighted card gets a heavy border,
so the highlight survives without colour.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from briefing.core.model import Figure, Slide
from briefing.widgets.lists import heading
from briefing.widgets.marks import RenderContext, badge, item_meta, plain

#: The narrowest a card gets before the grid drops a column.
CARD_WIDTH = 24


def figure_card(
    index: int, figure: Figure, selected: bool, ctx: RenderContext, height: int | None = None
) -> Panel:
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
        height=height,
    )


def card_height(card: Panel, width: int, console: Console) -> int:
    """How many lines ``card`` needs at ``width`` cells."""
    return len(console.render_lines(card, console.options.update(width=width, height=None)))


def render_figures(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None = None
) -> RenderableType:
    """The figures slide at ``width`` cells.

    With a ``console`` to measure on, the cards of a row get equal heights.
    """
    columns = max(1, min(len(slide.items), width // CARD_WIDTH))
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(columns):
        grid.add_column(ratio=1)
    figures = [(index, item) for index, item in enumerate(slide.items) if isinstance(item, Figure)]
    card_width = (width - (columns - 1)) // columns
    for start in range(0, len(figures), columns):
        chunk = figures[start : start + columns]
        height = None
        if console is not None:
            height = max(card_height(figure_card(i, f, False, ctx), card_width, console) for i, f in chunk)
        row: list[RenderableType] = [figure_card(i, f, i == selected, ctx, height) for i, f in chunk]
        row += [Text("")] * (columns - len(row))
        grid.add_row(*row)
    return Group(heading(slide, ctx), Text(""), grid)
