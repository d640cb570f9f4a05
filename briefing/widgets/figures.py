"""The figures slide: each key number on a card, big, with what it measures.

Cards flow into as many columns as the width allows (at least
:data:`CARD_WIDTH` cells each); the highlighted card gets a heavy border,
so the highlight survives without colour. Where there is room, a value's
numerals are drawn three rows high (Textual's ``Digits`` glyphs), its
words beside them on the baseline.
"""

from __future__ import annotations

from rich import box
from rich.align import Align
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from briefing.core.model import Figure, Slide
from briefing.core.textsafe import clean
from briefing.widgets.lists import heading
from briefing.widgets.marks import RenderContext, badge, item_meta, plain

#: The narrowest a card gets before the grid drops a column.
CARD_WIDTH = 24
#: Characters drawn as big glyphs; everything else sits on the baseline.
BIG = frozenset("0123456789+-$£€()")


def big_value(value: str, style: Style) -> Text | None:
    """``value`` with its numerals three rows high, or ``None`` if it has none.

    Letters stay on the baseline, as they are (the glyph table's A-F
    would read as hex digits); a dash between numbers becomes the big minus.
    """
    from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD

    text = clean(value).replace("–", "-").replace("—", "-")
    if not any(character.isdigit() for character in text):
        return None
    rows: list[list[str]] = [[], [], []]
    for character in text:
        if character in BIG:
            position = DIGITS.index(character) * 3
            for row in range(3):
                rows[row].append(DIGITS3X3_BOLD[position + row].ljust(3))
        else:
            rows[0].append(" ")
            rows[1].append(" ")
            rows[2].append(character)
    # Rows of one width (not stripped): each is centred on its own, and
    # rows of different widths would shift the glyphs' parts apart.
    return Text("\n".join("".join(row) for row in rows), style=style, no_wrap=True)


def figure_card(
    index: int,
    figure: Figure,
    selected: bool,
    ctx: RenderContext,
    height: int | None = None,
    big_width: int = 0,
) -> Panel:
    """One card: the value large and bold, the measure, the badge.

    The value is drawn in big numerals when they fit in ``big_width`` cells.
    """
    text = plain(figure.value, ctx.palette.value)
    text.justify = "center"
    value: RenderableType = text
    big = big_value(figure.value, ctx.palette.value) if big_width else None
    if big is not None and max(cell_len(row) for row in big.plain.split("\n")) <= big_width:
        value = Align.center(big)  # as a block: justifying would centre each row on its own
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
    slide: Slide,
    selected: int | None,
    ctx: RenderContext,
    width: int,
    console: Console | None = None,
    big: bool = False,
) -> RenderableType:
    """The figures slide at ``width`` cells; ``big``: numerals three rows high where they fit.

    With a ``console`` to measure on, the cards of a row get equal heights.
    """
    columns = max(1, min(len(slide.items), width // CARD_WIDTH))
    grid = Table.grid(padding=(0, 1), expand=True)
    for _ in range(columns):
        grid.add_column(ratio=1)
    figures = [(index, item) for index, item in enumerate(slide.items) if isinstance(item, Figure)]
    card_width = (width - (columns - 1)) // columns
    big_width = max(0, card_width - 4) if big else 0  # less the borders and padding
    for start in range(0, len(figures), columns):
        chunk = figures[start : start + columns]
        height = None
        if console is not None:
            height = max(
                card_height(figure_card(i, f, False, ctx, big_width=big_width), card_width, console)
                for i, f in chunk
            )
        row: list[RenderableType] = [
            figure_card(i, f, i == selected, ctx, height, big_width) for i, f in chunk
        ]
        row += [Text("")] * (columns - len(row))
        grid.add_row(*row)
    return Group(heading(slide, ctx), Text(""), grid)
