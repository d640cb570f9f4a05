"""The one widget that shows a slide.

The deck screen keeps a single ``SlideView`` and hands it a new slide on
every key press, rather than mounting one widget per slide or per item.
The view renders a slide once per width into strips (the Line API), keeps
the last few, and renders the neighbouring slides while the reader is
reading, so the next key usually costs only a repaint. Clicks are traced
back to items through style meta (see :func:`briefing.widgets.marks.item_meta`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Offset, Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.core.model import Deck, Slide
from briefing.widgets.compat import LayoutScrollView
from briefing.widgets.lists import render_points, render_quotes, render_title
from briefing.widgets.marks import Palette, RenderContext

if TYPE_CHECKING:
    from briefing.core.verify import Verifier

#: The widest a slide gets, in cells, whatever its kind (centred beyond that):
#: a table 200 columns wide is as hard to read as a line of text that long.
MEASURE = 110
#: Views at least this tall place a short slide a third of the way down
#: the free space rather than at the top (below it, every row counts).
BALANCE_ROWS = 36
#: How many rendered (slide, highlight, width) combinations to keep.
CACHE_SIZE = 12


#: Draws a slide: ``(slide, selected, ctx, width, console, big)`` to a Rich renderable.
Renderer = Callable[[Slide, int | None, RenderContext, int, Console | None, bool], RenderableType]


def _title(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None, big: bool
) -> RenderableType:
    return render_title(slide, selected, ctx)


def _points(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None, big: bool
) -> RenderableType:
    return render_points(slide, selected, ctx)


def _reactions(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None, big: bool
) -> RenderableType:
    from briefing.widgets.reactions import render_reactions  # on first use: most slides are lists

    return render_reactions(slide, selected, ctx, width)


def _figures(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None, big: bool
) -> RenderableType:
    from briefing.widgets.figures import render_figures  # on first use: most slides are lists

    return render_figures(slide, selected, ctx, width, console, big)


def _quotes(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None, big: bool
) -> RenderableType:
    return render_quotes(slide, selected, ctx)


def _gaps(
    slide: Slide, selected: int | None, ctx: RenderContext, width: int, console: Console | None, big: bool
) -> RenderableType:
    from briefing.widgets.gaps import render_gaps  # on first use: most decks have one at most

    return render_gaps(slide, selected, ctx)


#: The renderer of each slide kind (the kinds are declared in ``briefing.core.kinds``).
RENDERERS: dict[str, Renderer] = {
    "title": _title,
    "points": _points,
    "reactions": _reactions,
    "figures": _figures,
    "quotes": _quotes,
    "gaps": _gaps,
}


def render_slide(
    slide: Slide,
    selected: int | None,
    ctx: RenderContext,
    width: int,
    console: Console | None = None,
    big: bool = False,
) -> RenderableType:
    """Any slide as a Rich renderable ``width`` cells wide (a kind without a renderer: as points).

    ``big``: big numerals where the kind has them (figures).
    """
    return RENDERERS.get(slide.kind, _points)(slide, selected, ctx, width, console, big)


def items_in(strips: list[Strip]) -> set[int]:
    """The items drawn (wholly or in part) on ``strips``, from their style meta."""
    return {
        index
        for strip in strips
        for seg in strip
        if seg.style is not None and isinstance(index := seg.style.meta.get("item"), int)
    }


def more_cue(lines: int, items: int) -> str:
    """What the cue at the foot of an overflowing slide says."""
    if items:
        return f"▼ {items} more item{'s' * (items != 1)} below"
    return f"▼ {lines} more line{'s' * (lines != 1)} below"


def _line(strips: list[Strip], y: int) -> Strip | None:
    """Line ``y`` of a rendered slide; ``None`` below its end (drawn blank)."""
    return strips[y] if y < len(strips) else None


class SlideView(LayoutScrollView, can_focus=False):
    """Renders the current slide, with one item highlighted, and scrolls it.

    The view has a fixed size (the frame's) and scrolls its own lines, so
    a new slide never changes the layout of the screen: slides shorter
    than the view all have the view's height, and a key repaints only the
    lines that differ from the slide before. The scrollbar is always there
    (``overflow-y: scroll``), so the text is wrapped to one width and no
    layout pass shows or hides it; it is drawn in the background's colour
    unless the slide overflows (the ``-overflows`` class).

    While lines are hidden below, the view's last row says so ("▼ 2 more
    items below"): a faint scrollbar was the only cue, and the hidden part
    was often the slide's conclusion.
    """

    class ItemClicked(Message):
        """An item was clicked (``index`` is its position in ``slide.items``)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self,
        deck: Deck,
        verifier: Verifier,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._deck, self._verifier = deck, verifier
        self._slide: Slide | None = None
        self._selected: int | None = None
        self._cache: dict[tuple[object, ...], list[Strip]] = {}
        self._base: Style | None = None
        #: The text's width and the view's height, once laid out (0 before).
        self._width = 0
        self._rows = 0

    def use(self, deck: Deck, verifier: Verifier) -> None:
        """Show ``deck`` from now on (a reload): what was rendered for the old one is dropped."""
        self._deck, self._verifier = deck, verifier
        self._cache.clear()
        self._slide = None

    def _virtual(self) -> Size:
        """Lines of the current slide, and at least the view's height."""
        return Size(self._width, max(len(self._strips(self._width)), self._rows))

    def _set_virtual(self, virtual: Size) -> None:
        """Take ``virtual`` as the scrolled size without a layout pass of its own."""
        self.set_reactive(ScrollView.virtual_size, virtual)
        self.set_class(virtual.height > self._rows, "-overflows")

    def before_layout_size(self, size: Size) -> None:
        """Render for the new size while Textual lays the screen out.

        Doing it here (rather than in ``on_resize``) puts the slide in the
        very frame that gave the view its size.
        """
        styles = self.styles
        self._width = max(0, size.width - styles.gutter.width - styles.scrollbar_size_vertical)
        self._rows = max(0, size.height - styles.gutter.height)
        self._set_virtual(self._virtual())

    def show(self, slide: Slide, selected: int | None) -> None:
        """Show ``slide`` with item ``selected`` highlighted (``None``: none)."""
        width = self._width
        old = self._strips(width) if self._slide is not None else None
        self._slide, self._selected = slide, selected
        if not width:
            return  # not laid out yet: before_layout_size renders it
        virtual = self._virtual()
        if old is None or virtual != self.virtual_size:
            # Setting ``virtual_size`` would schedule a layout pass (a full
            # repaint); the view's size does not change, only what the
            # scrollbar shows, so it is updated directly.
            self._set_virtual(virtual)
            self.update_scrollbars(virtual)
            self.refresh()
            return
        # Same height: repaint only the lines that differ, so a key press
        # sends the terminal what changed rather than the whole slide.
        new, top = self._strips(width), round(self.scroll_y)
        rows = [y for y in range(top, top + self._rows) if _line(old, y) != _line(new, y)]
        if self._rows and len(new) > self._rows:
            rows.append(top + self._rows - 1)  # the cue's row: what it counts may differ
        if rows:
            self.refresh(*(Region(0, y - top, width, 1) for y in rows))

    @property
    def rows(self) -> int:
        """Lines of slide the view shows at once (0 before the first layout)."""
        return self._rows

    def lines_for(self, slide: Slide) -> int:
        """Lines ``slide`` needs at the view's width (what ``briefing check --fit`` compares)."""
        return len(self._strips(self._width, slide, None))

    def prefetch(self, slides: list[tuple[Slide, int | None]]) -> None:
        """Render ``(slide, selected)`` pairs now, so showing them is instant.

        Before the first layout the view has no width to render at; it
        tries again once the screen has been drawn.
        """
        width = self._width
        if not width:
            self.call_after_refresh(self.prefetch, slides)
            return
        for slide, selected in slides:
            self._strips(width, slide, selected)

    def _strips(self, width: int, slide: Slide | None = None, selected: int | None = -1) -> list[Strip]:
        """The slide rendered at ``width``, one strip per line (cached)."""
        slide = self._slide if slide is None else slide
        selected = self._selected if selected == -1 else selected
        if slide is None or width <= 0:
            return []
        if self._base is None:
            self._base = self.rich_style  # walks every ancestor: once per style change
        base = self._base
        key = (id(slide), selected, width, self._rows, self.app.theme, base)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._render_strips(slide, selected, width, base)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = strips
        return strips

    def _render_strips(self, slide: Slide, selected: int | None, width: int, base: Style) -> list[Strip]:
        """Render ``slide`` at ``width``: at most :data:`MEASURE` wide, centred, balanced.

        Figures get big numerals when the slide still fits the view with them.
        """
        console = self.app.console
        ctx = RenderContext(self._deck, self._verifier, Palette.from_widget(self))
        options = console.options.update(width=width, height=None, highlight=False)
        measure = min(width, MEASURE)

        def lines(big: bool) -> list[list[Segment]]:
            renderable = render_slide(slide, selected, ctx, measure, console, big)
            if measure < width:
                # A column of one width and place for every slide: centring
                # each on its own width would move the heading between slides.
                left = (width - measure) // 2
                renderable = Padding(renderable, (0, width - measure - left, 0, left))
            return console.render_lines(renderable, options, style=base, pad=True)

        rendered = lines(big=slide.kind == "figures")
        if slide.kind == "figures" and len(rendered) > self._rows:
            rendered = lines(big=False)
        # Joined runs of one style: fewer segments to composite and to send.
        strips = [Strip(line, width).simplify() for line in rendered]
        free = self._rows - len(strips)
        if self._rows >= BALANCE_ROWS and free > 0:
            strips[:0] = [Strip.blank(width, base)] * (free // 3)
        return strips

    def notify_style_update(self) -> None:
        """Styles changed (theme, CSS): take the base style afresh."""
        super().notify_style_update()
        self._base = None

    def hidden_below(self) -> tuple[int, int]:
        """Lines, and items not wholly shown, below the view (the cue's row counts as hidden)."""
        strips, top, rows = self._strips(self._width), round(self.scroll_y), self._rows
        if not rows or len(strips) <= top + rows:
            return 0, 0
        cue = top + rows - 1
        hidden = items_in(strips[cue:])
        # An item that starts above the cue and goes on below it is hidden in part.
        return len(strips) - cue, len(hidden)

    def _cue(self, lines: int, items: int) -> Strip:
        """The "▼ N more" row, right-aligned in the accent colour."""
        palette = Palette.from_widget(self)
        text = Text(more_cue(lines, items), style=palette.accent, justify="right")
        console = self.app.console
        options = console.options.update(width=self._width, height=None, highlight=False)
        line = console.render_lines(text, options, style=self._base or Style(), pad=True)[0]
        return Strip(line, self._width)

    def render_line(self, y: int) -> Strip:
        """One line of the rendered slide (Line API), ``y`` rows below the top of the view."""
        row, width = y + round(self.scroll_y), self._width
        strips = self._strips(width)
        if y == self._rows - 1:
            lines, items = self.hidden_below()
            if lines:
                return self._cue(lines, items)
        if 0 <= row < len(strips):
            return strips[row]
        return Strip.blank(width, self._base)

    def on_click(self, event: events.Click) -> None:
        """Report which item was clicked, if any."""
        index = event.style.meta.get("item")
        if isinstance(index, int):
            event.stop()
            self.post_message(self.ItemClicked(index))

    def item_region(self, index: int) -> Region | None:
        """Where item ``index`` is drawn among the slide's lines (0: the first).

        The deck screen uses it to scroll a highlighted item into view.
        """
        width = self._width
        rows = [
            y
            for y, strip in enumerate(self._strips(width))
            if any(seg.style is not None and seg.style.meta.get("item") == index for seg in strip)
        ]
        if not rows:
            return None
        return Region(0, rows[0], width, rows[-1] - rows[0] + 1)

    def scroll_to_region(self, region: Region, *, spacing: Spacing | None = None, **kwargs: Any) -> Offset:
        """Scroll ``region`` into view, keeping a row below it for the "▼ more" cue.

        Without the row, an item scrolled into view at the bottom would end
        under the cue. (At the slide's end there is no cue, and the scroll
        stops at the last line.)
        """
        if spacing is None:
            spacing = Spacing(0, 0, 1, 0)
        return super().scroll_to_region(region, spacing=spacing, **kwargs)
