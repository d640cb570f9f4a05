"""The citation preview under a slide: provenance before anyone drills in.

Shows the highlighted item's first citation as a quote, with where it is
(``article · ¶4``) or, when it does not hold, why (``✗ not found``). A
judgement shows what it rests on instead.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widget import Widget

from briefing.model import Deck, Item
from briefing.widgets.marks import (
    PALETTE_CLASSES,
    Palette,
    RenderContext,
    plain,
    rests_on,
)


def citation_where(result: Any, ctx: RenderContext) -> Text:
    """``article · ¶4`` for a verified citation, else the problem."""
    citation = result.citation
    if result.status == "verified":
        where = citation.source_id
        if result.paragraph:
            where += f" · ¶{result.paragraph}"
        return Text.assemble(("✓ ", ctx.palette.ok), plain(where, ctx.palette.muted))
    reason = result.status.replace("_", " ")
    return Text.assemble((f"✗ {reason}", ctx.palette.bad),
                         plain(f" · {citation.source_id}", ctx.palette.muted))


def render_preview(item: Item | None, ctx: RenderContext) -> RenderableType:
    """The preview of ``item``'s first citation (empty without an item)."""
    if item is None:
        return Text("")
    if not item.citations:
        labels = rests_on(item, ctx.deck)
        text = Text.assemble(("◆ judgement", ctx.palette.judgement))
        if labels:
            text.append(" — rests on: ", ctx.palette.muted)
            text.append_text(plain("; ".join(labels)))
        return text
    result = ctx.verifier.result(item.citations[0])
    quote = Text.assemble(("“", ctx.palette.muted))
    quote.append_text(plain(item.citations[0].quote, "italic"))
    quote.append("”", ctx.palette.muted)
    where = citation_where(result, ctx)
    more = len(item.citations) - 1
    if more:
        where.append(f"  (+{more} more)", ctx.palette.muted)
    where.justify = "right"
    return Group(quote, where)


class CitationPreview(Widget):
    """Shows :func:`render_preview` for the highlighted item."""

    COMPONENT_CLASSES = PALETTE_CLASSES

    def __init__(self, deck: Deck, verifier: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._deck, self._verifier = deck, verifier
        self._item: Item | None = None

    def show(self, item: Item | None) -> None:
        """Preview ``item`` (``None`` clears the preview)."""
        if item is not self._item:
            self._item = item
            self.refresh(layout=True)

    def render(self) -> RenderableType:
        """Render the preview with the current theme's palette."""
        ctx = RenderContext(self._deck, self._verifier, Palette.from_widget(self))
        return render_preview(self._item, ctx)
