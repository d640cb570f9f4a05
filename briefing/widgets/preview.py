"""The citation preview under a slide: provenance before anyone drills in.

Shows the highlighted item's first citation as a quote, and in the rule
above it where the quote is (``✓ article · ¶4``) or, when it does not
hold, why (``✗ not found``). A judgement shows what it rests on instead.
The preview has a fixed height, one line less on short terminals (long quotes end in "…"), so moving the
highlight repaints it without a layout pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.text import Text
from textual.widget import Widget

from briefing.core.model import Deck, Item
from briefing.widgets.marks import Palette, RenderContext, plain, rests_on_labels

if TYPE_CHECKING:
    from briefing.core.verify import CitationResult, Verifier

#: Lines of quote the preview shows at most (fewer on a short terminal: see the stylesheet).
LINES = 2


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

    def use(self, deck: Deck, verifier: Verifier) -> None:
        """Preview ``deck``'s items from now on (a reload)."""
        self._deck, self._verifier = deck, verifier
        self._item = None

    def _render_context(self) -> RenderContext:
        return RenderContext(self._deck, self._verifier, Palette.from_widget(self))

    def show(self, item: Item | None) -> None:
        """Preview ``item`` (``None`` clears the preview)."""
        if item is self._item:
            return
        self._item = item
        where = preview_where(item, self._render_context())
        self.border_title = Text.assemble(" ", where, " ") if where is not None else None
        self.refresh()

    def render(self) -> RenderableType:
        """The quote, cut to the lines the preview has with "…" if longer."""
        text = preview_text(self._item, self._render_context())
        lines = max(1, min(LINES, self.content_size.height))
        return clamp_lines(text, self.content_size.width, self.app.console, lines)
