"""Renderer for a gaps slide: what is not known, each open question marked ``?``.

Saying what is missing is part of an honest assessment (ICD 203); the
slide draws each gap like a point, numbered ``?1``, ``?2`` so it never
reads as a finding, with the badge of the passage that reveals it.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from briefing.core.model import Slide
from briefing.widgets.lists import heading
from briefing.widgets.marks import RenderContext, badge, item_meta, plain


def render_gaps(slide: Slide, selected: int | None, ctx: RenderContext) -> RenderableType:
    """A gaps slide: heading, then one row per open question."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)  # highlight bar
    grid.add_column(justify="right", no_wrap=True)  # ?number
    grid.add_column(ratio=1)  # text
    grid.add_column(justify="right", no_wrap=True)  # badge
    for index, item in enumerate(slide.items):
        is_selected = index == selected
        style = item_meta(index)
        if is_selected:
            style = ctx.palette.selected + style
        bar = Text("▌" if is_selected else " ", ctx.palette.accent)
        number = Text(f"?{index + 1}", ctx.palette.muted)
        grid.add_row(bar, number, plain(item.label), badge(item, ctx), style=style)
    return Group(heading(slide, ctx), Text(""), grid)
