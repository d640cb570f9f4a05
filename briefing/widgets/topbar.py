"""The always-visible line at the top: deck title, slide title, position.

The position (``4 / 12``) is its own widget at the right end, as wide as
the longest position of the deck, so however narrow the terminal gets the
titles are cut (with an ellipsis) before it is. Neither part ever changes
size, so a slide change repaints the line without a layout pass.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widget import Widget
from textual.widgets import Static

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


class TitleLine(Widget):
    """Renders :func:`title_line` at whatever width it is given."""

    def __init__(self, deck_title: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.deck_title = deck_title
        self.slide_title = ""
        self.pending = ""

    def render(self) -> RenderableType:
        """The line at the current width."""
        palette = Palette.from_widget(self)
        return title_line(self.deck_title, self.slide_title, self.pending, self.content_size.width, palette)


class TopBar(HorizontalGroup):
    """The title line and the position indicator."""

    def __init__(self, deck_title: str, slide_count: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._deck_title = deck_title
        self._widest = len(f"{slide_count} / {slide_count}")

    def compose(self) -> ComposeResult:
        """The titles (elastic) and the position (fixed width)."""
        yield TitleLine(self._deck_title, id="titles")
        position = Static(id="position", markup=False)
        position.styles.width = self._widest + 2
        yield position

    def show(self, slide_title: str, position: str, pending: str = "") -> None:
        """Update the line.

        Args:
            slide_title: the current slide's title (deck text, shown literally).
            position: e.g. ``4 / 12``.
            pending: keys typed so far of a longer command, e.g. ``go to 3…``.
        """
        titles = self.query_one(TitleLine)
        titles.slide_title, titles.pending = slide_title, pending
        titles.refresh()
        self.query_one("#position", Static).update(Text(position), layout=False)
