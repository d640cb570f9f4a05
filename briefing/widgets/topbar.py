"""The always-visible line at the top: deck title, slide title, position.

The position (``4 / 12``) has its own room at the right end, as wide as
the longest position of the deck, so however narrow the terminal gets the
titles are cut (with an ellipsis) before it is. The line is one widget
(it used to be a row of three: each widget costs start-up time), and it
never changes size, so a slide change repaints it without a layout pass.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from briefing.widgets.marks import Palette, plain


def title_line(deck_title: str, slide_title: str, pending: str, width: int, palette: Palette) -> Text:
    """Deck title on the left, slide title (and pending keys) on the right.

    The deck title gives way first, then the slide title; both end in "…"
    when cut.
    """
    right = Text()
    if pending:
        right.append(pending + "  ", palette.accent)
    right.append_text(plain(slide_title, palette.title))
    right.truncate(width if width < 24 else (width * 3) // 5, overflow="ellipsis")
    left = plain(deck_title, palette.muted)
    room = width - right.cell_len - 2
    if room < 4:
        return right
    left.truncate(room, overflow="ellipsis")
    gap = " " * max(2, width - left.cell_len - right.cell_len)
    return Text.assemble(left, gap, right)


class TopBar(Widget):
    """The deck title, the slide title and the position, on one line.

    One widget rather than a row of three: the position keeps a fixed
    width at the right end (as wide as the deck's longest position, so it
    never moves or gets cut), and the titles share what is left. Nothing in
    it changes size on a key, so a slide change repaints the line without
    a layout pass.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"topbar--position"}

    def __init__(
        self,
        deck_title: str,
        slide_count: int,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.deck_title = deck_title
        self.slide_title = ""
        self.pending = ""
        self.position = ""
        self._widest = len(f"{slide_count} / {slide_count}")

    def show(self, slide_title: str, position: str, pending: str = "") -> None:
        """Update the line.

        Args:
            slide_title: the current slide's title (deck text, shown literally).
            position: e.g. ``4 / 12``.
            pending: keys typed so far of a longer command, e.g. ``go to 3…``.
        """
        self.slide_title, self.position, self.pending = slide_title, position, pending
        self.refresh()

    def render(self) -> Text:
        """Titles on the left, the position right-aligned in its own room."""
        width = self.content_size.width
        room = min(width, self._widest)
        position = Text(
            self.position[-room:] if room else "", self.get_component_rich_style("topbar--position")
        )
        position.align("right", room)
        titles_width = width - room - 2
        if titles_width < 1:
            return position
        palette = Palette.from_widget(self)
        titles = title_line(self.deck_title, self.slide_title, self.pending, titles_width, palette)
        titles.align("left", titles_width)
        return Text.assemble(titles, "  ", position, no_wrap=True, overflow="crop")
