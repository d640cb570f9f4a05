"""Renderers for the list-shaped slides: title (BLUF), points and quotes.

Each item is one row of a borderless grid: a highlight bar, the number, the
text (wrapping under itself, not under the number) and the citation badge
at the right. Every row carries its item index as style meta so a click
can be traced back to the item.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from briefing.core.model import Point, Quote, Slide
from briefing.widgets.marks import RenderContext, badge, item_meta, plain, rests_on


def heading(slide: Slide, ctx: RenderContext) -> Text:
    """The slide's title, and its subtitle under it when there is one."""
    text = Text()
    text.append_text(plain(slide.title, ctx.palette.title))
    if slide.subtitle:
        text.append("\n")
        text.append_text(plain(slide.subtitle, ctx.palette.muted))
    return text


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)  # highlight bar
    grid.add_column(justify="right", no_wrap=True)  # number
    grid.add_column(ratio=1)  # text
    grid.add_column(justify="right", no_wrap=True)  # badge
    return grid


def _row(
    grid: Table,
    index: int,
    number: str,
    body: RenderableType,
    slide: Slide,
    selected: int | None,
    ctx: RenderContext,
) -> None:
    is_selected = index == selected
    style = item_meta(index)
    if is_selected:
        style = ctx.palette.selected + style
    bar = Text("▌" if is_selected else " ", ctx.palette.accent)
    grid.add_row(bar, Text(number, ctx.palette.muted), body, badge(slide.items[index], ctx), style=style)


def point_body(point: Point, ctx: RenderContext) -> Text:
    """A point's text, with the numbers of the items a judgement rests on under it."""
    text = plain(point.text)
    numbers = rests_on(point, ctx.deck)
    if numbers:
        text.append("\nrests on ", ctx.palette.muted)
        text.append_text(plain(", ".join(numbers), ctx.palette.muted))
    return text


def points_list(slide: Slide, selected: int | None, ctx: RenderContext) -> Table:
    """The numbered list of a title or points slide."""
    grid = _grid()
    for index, item in enumerate(slide.items):
        assert isinstance(item, Point)
        _row(grid, index, str(index + 1), point_body(item, ctx), slide, selected, ctx)
    return grid


def render_title(slide: Slide, selected: int | None, ctx: RenderContext) -> RenderableType:
    """A title slide: title, subtitle, the deck's date line, then the BLUF."""
    deck = ctx.deck
    parts: list[RenderableType] = [heading(slide, ctx)]
    facts = [deck.as_of, ", ".join(deck.authors)]
    facts += [f"source: {source.display_name}" for source in deck.sources]
    line = " · ".join(fact for fact in facts if fact)
    if line:
        parts.append(plain(line, ctx.palette.muted))
    if slide.items:
        parts.append(Text(""))
        if "bottom line" not in slide.subtitle.lower():
            parts.append(Text("Bottom line up front", ctx.palette.accent))
        parts.append(points_list(slide, selected, ctx))
    return Group(*parts)


def render_points(slide: Slide, selected: int | None, ctx: RenderContext) -> RenderableType:
    """A points slide: heading, then the numbered list."""
    return Group(heading(slide, ctx), Text(""), points_list(slide, selected, ctx))


def quote_body(quote: Quote, ctx: RenderContext) -> Text:
    """A quote in curly quotes, then ``— speaker, role`` under it."""
    text = Text.assemble(("“", ctx.palette.muted))
    text.append_text(plain(quote.text, "italic"))
    text.append("”", ctx.palette.muted)
    who = ", ".join(part for part in (quote.speaker, quote.role) if part)
    if who:
        text.append("\n— ", ctx.palette.muted)
        text.append_text(plain(who, ctx.palette.muted))
    return text


def render_quotes(slide: Slide, selected: int | None, ctx: RenderContext) -> RenderableType:
    """A quotes slide: each quote with its speaker, a blank line between."""
    grid = _grid()
    for index, item in enumerate(slide.items):
        assert isinstance(item, Quote)
        if index:
            grid.add_row()
        _row(grid, index, str(index + 1), quote_body(item, ctx), slide, selected, ctx)
    return Group(heading(slide, ctx), Text(""), grid)
