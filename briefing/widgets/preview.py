"""The citation preview under a slide: provenance before anyone drills in.

Shows the highlighted item's first citation as a quote, and in the rule
above it where the quote is (``✓ article · ¶4``) or, when it does not
hold, why (``✗ not found``). A judgement shows what it rests on instead.
The preview has a fixed height, one line less on short terminals (long quotes end in "…"), so moving the
highlight repaints it without a layout pass.

What the preview shows of an item (its lines and its rule's title) is
drawn once and kept, and the deck screen has the neighbouring slides'
first items drawn while the reader reads (:meth:`CitationPreview.prepare`):
drawing it took about a seventh of a slide change's frame (measured in-process).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.text import Text
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from briefing.core.model import Deck, Item
from briefing.widgets.marks import Palette, RenderContext, plain, rests_on_labels

if TYPE_CHECKING:
    from briefing.core.verify import CitationResult, Verifier

#: Lines of quote the preview shows at most (fewer on a short terminal: see the stylesheet).
LINES = 2
#: How many items' drawings the preview keeps (the one shown, the neighbours', a few before).
KEPT = 8


def citation_where(result: CitationResult, ctx: RenderContext) -> Text:
    """``✓ article · ¶4`` for a verified citation, else the problem."""
    citation = result.citation
    source = ctx.deck.source(citation.source_id)
    grade = f" {source.grade}" if source is not None and source.grade else ""  # Admiralty grade
    if result.status == "verified":
        where = citation.source_id + grade
        if result.paragraph:
            where += f" · {result.paragraph_label}"
        return Text.assemble(("✓ ", ctx.palette.ok), plain(where, ctx.palette.muted))
    reason = result.status.replace("_", " ")
    return Text.assemble(
        (f"✗ {reason}", ctx.palette.bad), plain(f" · {citation.source_id}{grade}", ctx.palette.muted)
    )


def preview_where(item: Item | None, ctx: RenderContext) -> Text | None:
    """Where the first citation is (and how many more there are), if any."""
    if item is None or not item.citations:
        return None
    where = citation_where(ctx.verifier.result(item.citations[0]), ctx)
    more = len(item.citations) - 1
    if more:
        where.append(f"  (+{more} more)", ctx.palette.muted)
    return where


def preview_text(item: Item | None, ctx: RenderContext) -> Text:
    """The quote of ``item``'s first citation, or what a judgement rests on."""
    if item is None:
        return Text("")
    if not item.citations:
        text = Text.assemble(("◆ judgement", ctx.palette.judgement))
        labels = rests_on_labels(item, ctx.deck)
        if labels:
            text.append(" — rests on ", ctx.palette.muted)
            text.append_text(plain("; ".join(labels)))
        return text
    quote = Text.assemble(("“", ctx.palette.muted))
    quote.append_text(plain(item.citations[0].quote, "italic"))
    quote.append("”", ctx.palette.muted)
    return quote


def clamp_lines(text: Text, width: int, console: Console, lines: int = LINES) -> Text:
    """``text`` cut so that it wraps to at most ``lines`` lines, ending in "…"."""
    if width <= 1:
        return text
    wrapped = text.wrap(console, width)
    if len(wrapped) <= lines:
        return text
    end = sum(len(line.plain) for line in wrapped[:lines])
    cut = text[: max(0, end - 1)]
    while cut.plain and len(Text.assemble(cut, "…").wrap(console, width)) > lines:
        cut = cut[:-1]
    cut.rstrip()
    cut.append("…")
    return cut


class CitationPreview(Widget):
    """Shows the highlighted item's first citation."""

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
        self._item: Item | None = None
        # Per item (by identity; the item is kept with them so its id is not reused):
        # its rule's title, and its lines per size and theme.
        self._titles: dict[int, tuple[Item | None, Text | None]] = {}
        self._lines: dict[tuple[object, ...], tuple[Item | None, list[Strip]]] = {}

    def use(self, deck: Deck, verifier: Verifier) -> None:
        """Preview ``deck``'s items from now on (a reload)."""
        self._deck, self._verifier = deck, verifier
        self._item = None
        self._titles.clear()
        self._lines.clear()

    def _render_context(self) -> RenderContext:
        return RenderContext(self._deck, self._verifier, Palette.from_widget(self))

    def show(self, item: Item | None) -> None:
        """Preview ``item`` (``None`` clears the preview)."""
        if item is self._item:
            return
        self._item = item
        self.border_title = self._title(item)
        self.refresh()

    def prepare(self, item: Item | None) -> None:
        """Draw what the preview shows of an item shown soon (a neighbouring slide's)."""
        if not self.size.width:
            return
        self._title(item)
        shown, self._item = self._item, item
        try:
            self._drawn()
        finally:
            self._item = shown

    def notify_style_update(self) -> None:
        """Styles changed (theme, CSS): what was drawn is stale."""
        super().notify_style_update()
        self._titles.clear()
        self._lines.clear()

    def _title(self, item: Item | None) -> Text | None:
        """The rule's title for ``item``: where its first citation is (kept per item)."""
        kept = self._titles.get(id(item))
        if kept is not None and kept[0] is item:
            return kept[1]
        where = preview_where(item, self._render_context())
        title = Text.assemble(" ", where, " ") if where is not None else None
        _keep(self._titles, id(item), (item, title))
        return title

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the quote, from the lines drawn per item (see :meth:`_drawn`)."""
        strips = self._drawn()
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _drawn(self) -> list[Strip]:
        """The lines for the item shown: Textual's own drawing of :meth:`render`, kept."""
        width, height = self.size
        item = self._item
        key = (id(item), width, height, self.app.theme)
        kept = self._lines.get(key)
        if kept is not None and kept[0] is item:
            return kept[1]
        visual = visualize(self, self.render(), markup=False)
        strips = Visual.to_strips(self, visual, width, height, self.visual_style)
        _keep(self._lines, key, (item, strips))
        return strips

    def render(self) -> RenderableType:
        """The quote, cut to the lines the preview has with "…" if longer."""
        text = preview_text(self._item, self._render_context())
        lines = max(1, min(LINES, self.content_size.height))
        return clamp_lines(text, self.content_size.width, self.app.console, lines)


def _keep(kept: dict[Any, Any], key: object, value: object) -> None:
    """Keep ``value`` under ``key``, dropping the oldest beyond :data:`KEPT`."""
    if key not in kept and len(kept) >= KEPT:
        kept.pop(next(iter(kept)))
    kept[key] = value
