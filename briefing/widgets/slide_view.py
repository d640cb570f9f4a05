"""The one widget that shows a slide.

The deck screen keeps a single ``SlideView`` and hands it a new slide on
every key press, rather than mounting one widget per slide or per item:
changing slides then costs one render, which keeps key latency close to a
bare Textual app. Clicks are traced back to items through style meta
(see :func:`briefing.widgets.marks.item_meta`).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from briefing.model import Deck, Slide
from briefing.widgets.figures import render_figures
from briefing.widgets.lists import render_points, render_quotes, render_title
from briefing.widgets.marks import PALETTE_CLASSES, Palette, RenderContext
from briefing.widgets.reactions import render_reactions


#: Slide kinds that may use the full width of a wide terminal.
WIDE_KINDS = ("reactions", "figures")


def render_slide(slide: Slide, selected: int | None, ctx: RenderContext,
                 width: int, console: Console | None = None) -> RenderableType:
    """Any slide as a Rich renderable ``width`` cells wide."""
    if slide.kind == "reactions":
        return render_reactions(slide, selected, ctx, width)
    if slide.kind == "figures":
        return render_figures(slide, selected, ctx, width, console)
    if slide.kind == "quotes":
        return render_quotes(slide, selected, ctx)
    if slide.kind == "title":
        return render_title(slide, selected, ctx)
    return render_points(slide, selected, ctx)


class _AtWidth:
    """Defers rendering until Rich knows the width (layouts depend on it)."""

    def __init__(self, slide: Slide, selected: int | None, ctx: RenderContext) -> None:
        self.slide, self.selected, self.ctx = slide, selected, ctx

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield render_slide(self.slide, self.selected, self.ctx, options.max_width, console)


class SlideView(Widget):
    """Renders the current slide, with one item highlighted."""

    COMPONENT_CLASSES = PALETTE_CLASSES

    class ItemClicked(Message):
        """An item was clicked (``index`` is its position in ``slide.items``)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, deck: Deck, verifier: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._deck, self._verifier = deck, verifier
        self._slide: Slide | None = None
        self._selected: int | None = None

    def show(self, slide: Slide, selected: int | None) -> None:
        """Show ``slide`` with item ``selected`` highlighted (``None``: none)."""
        layout = slide is not self._slide
        self._slide, self._selected = slide, selected
        # Text reads best at a bounded measure; tables and cards use the room.
        self.set_class(slide.kind in WIDE_KINDS, "-wide")
        self.refresh(layout=layout)

    def _renderable(self) -> _AtWidth | str:
        if self._slide is None:
            return ""
        ctx = RenderContext(self._deck, self._verifier, Palette.from_widget(self))
        return _AtWidth(self._slide, self._selected, ctx)

    def render(self) -> RenderableType:
        """Render the slide (Textual calls this on every refresh)."""
        return self._renderable()

    def on_click(self, event: events.Click) -> None:
        """Report which item was clicked, if any."""
        index = event.style.meta.get("item")
        if isinstance(index, int):
            event.stop()
            self.post_message(self.ItemClicked(index))

    def item_region(self, index: int) -> Region | None:
        """Where item ``index`` is drawn, relative to this widget's content.

        Renders the slide off screen and looks for the item's meta, so the
        deck screen can scroll a highlighted item into view.
        """
        width = self.content_region.width or self.size.width
        if self._slide is None or width <= 0:
            return None
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False)
        lines = console.render_lines(self._renderable(), options, pad=False)
        rows = [
            y for y, line in enumerate(lines)
            if any(seg.style is not None and seg.style.meta.get("item") == index for seg in line)
        ]
        if not rows:
            return None
        return Region(0, rows[0], width, rows[-1] - rows[0] + 1)
