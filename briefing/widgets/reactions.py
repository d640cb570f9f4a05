"""The reactions slide as a country matrix, sorted from support to hostility.

Rows are numbered in that order: the number is the one the source view's
"Reactions by country › N" names (:func:`briefing.core.drill.item_label`).

Wide terminals get a table (country, actor and role, stance, position) that
stretches to use the room; below :data:`WIDE` columns each reaction becomes
a two-line entry, so nothing is squeezed into one-letter columns.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from briefing.core.model import Reaction, Slide
from briefing.core.order import item_order
from briefing.widgets.lists import heading
from briefing.widgets.marks import (
    RenderContext,
    badge,
    item_meta,
    plain,
    stance_mark,
)

#: Narrowest width (in cells) that still gets the table layout.
WIDE = 70


def actor_text(reaction: Reaction, ctx: RenderContext, separator: str = ", ") -> Text:
    """The actor, then the role (muted) after ``separator``."""
    text = plain(reaction.actor or "—")
    if reaction.role:
        text.append(separator, ctx.palette.muted)
        text.append_text(plain(reaction.role, ctx.palette.muted))
    return text


def _row_style(index: int, selected: int | None, ctx: RenderContext):
    style = item_meta(index)
    return ctx.palette.selected + style if index == selected else style


def _bar(index: int, selected: int | None, ctx: RenderContext) -> Text:
    return Text("▌" if index == selected else " ", ctx.palette.accent)


def matrix_table(slide: Slide, selected: int | None, ctx: RenderContext) -> Table:
    """The wide layout: one row per reaction."""
    table = Table(
        box=None, expand=True, show_edge=False, pad_edge=False, header_style=ctx.palette.muted, padding=(0, 1)
    )
    table.add_column("", width=1, no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    table.add_column("Country", max_width=22)
    table.add_column("Actor", ratio=2, min_width=10)
    table.add_column("Stance", no_wrap=True)
    table.add_column("Position", ratio=3, min_width=12)
    table.add_column("", justify="right", no_wrap=True)
    for number, index in enumerate(item_order(slide), start=1):
        reaction = slide.items[index]
        assert isinstance(reaction, Reaction)
        table.add_row(
            _bar(index, selected, ctx),
            Text(str(number), ctx.palette.muted),
            plain(reaction.country, "bold"),
            actor_text(reaction, ctx, "\n"),
            stance_mark(reaction.stance, ctx.palette),
            plain(reaction.summary),
            badge(reaction, ctx),
            style=_row_style(index, selected, ctx),
        )
    return table


def matrix_stacked(slide: Slide, selected: int | None, ctx: RenderContext) -> Table:
    """The narrow layout: stance and country, then actor and position."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for number, index in enumerate(item_order(slide), start=1):
        reaction = slide.items[index]
        assert isinstance(reaction, Reaction)
        body = Text(f"{number} ", ctx.palette.muted)
        body.append_text(stance_mark(reaction.stance, ctx.palette))
        body.append("  ")
        body.append_text(plain(reaction.country, "bold"))
        body.append("  ")
        body.append_text(badge(reaction, ctx))
        body.append("\n")
        body.append_text(actor_text(reaction, ctx))
        body.append(": ", ctx.palette.muted)
        body.append_text(plain(reaction.summary))
        grid.add_row(_bar(index, selected, ctx), body, style=_row_style(index, selected, ctx))
    return grid


def render_reactions(slide: Slide, selected: int | None, ctx: RenderContext, width: int) -> RenderableType:
    """The reactions slide at ``width`` cells."""
    layout = matrix_table if width >= WIDE else matrix_stacked
    return Group(heading(slide, ctx), Text(""), layout(slide, selected, ctx))
