"""One card of the overview grid: a slide at a glance.

Shows the slide's number, title and kind and how many items and citations
it has; once the overview's background check has run, also how many of
those citations hold (``✓ 12`` or ``✗ 2``).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from briefing.model import Slide
from briefing.widgets.marks import PALETTE_CLASSES, Palette, plain


def card_text(number: int, slide: Slide, palette: Palette, verified: tuple[int, int] | None = None) -> Text:
    """The card's content; ``verified`` is ``(verified, unverified)`` once known."""
    text = Text.assemble((f"{number}  ", palette.accent))
    text.append_text(plain(slide.title, palette.title))
    text.append("\n")
    text.append(slide.kind, palette.muted)
    items, citations = len(slide.items), len(slide.citations)
    text.append(
        f"\n{items} item{'s' * (items != 1)} · {citations} citation{'s' * (citations != 1)}", palette.muted
    )
    if verified is not None:
        ok, bad = verified
        if ok:
            text.append(f"  ✓ {ok}", palette.ok)
        if bad:
            text.append(f"  ✗ {bad}", palette.bad)
    return text


class SlideCard(Widget):
    """A clickable card for slide ``index``."""

    COMPONENT_CLASSES = PALETTE_CLASSES

    class Chosen(Message):
        """The card was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, slide: Slide, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.index = index
        self.slide = slide
        self._verified: tuple[int, int] | None = None

    def set_verified(self, verified: int, unverified: int) -> None:
        """Show how many of the slide's citations hold."""
        self._verified = (verified, unverified)
        self.refresh()

    def render(self) -> RenderableType:
        """The card text in the current theme."""
        return card_text(self.index + 1, self.slide, Palette.from_widget(self), self._verified)

    def on_click(self, event: events.Click) -> None:
        """A click chooses the slide."""
        event.stop()
        self.post_message(self.Chosen(self.index))
