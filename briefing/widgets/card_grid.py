"""The overview's grid of slide cards, drawn line by line.

A deck may have thousands of slides, and a widget per card would take
seconds to mount. This one widget (a Line API ``ScrollView``) draws only
the rows of cards on screen, from a cache of rendered cards, so opening the
overview and moving in it cost the same for 5 slides or 2,000.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.core.model import Slide
from briefing.core.order import item_order
from briefing.widgets.marks import Palette, plain
from briefing.widgets.preview import clamp_lines

#: Cards get at least this many cells of width before the grid drops a column.
CARD_MIN_WIDTH = 30
#: Lines per card, borders included.
CARD_HEIGHT = 6
#: Blank cells between two cards of a row.
GAP = 1
#: Lines a card gives to what its slide says.
ABOUT_LINES = 2


def card_counts(slide: Slide, palette: Palette, verified: tuple[int, int] | None, width: int) -> Text:
    """``2 items · 3 citations  ✓ 3``, shortened to fit ``width``; never breaks a mark."""
    items, citations = len(slide.items), len(slide.citations)
    marks, problems = Text(), Text()
    if verified is not None:
        ok, bad = verified
        if ok:
            marks.append(f"✓ {ok}", palette.ok)
        if bad:
            marks.append("  " if ok else "")
            problems.append(f"✗ {bad}", palette.bad)
            marks.append_text(problems)
    item_words = f"{items} item{'s' * (items != 1)}"
    for words in (f"{item_words} · {citations} citation{'s' * (citations != 1)}", item_words, ""):
        line = Text(words, palette.muted)
        if words and marks:
            line.append("  ")
        line.append_text(marks)
        if line.cell_len <= width:
            return line
    # Too narrow for both marks: the problems are what must not be lost.
    line = problems if problems and marks.cell_len > width else marks
    line.truncate(width, overflow="ellipsis")
    return line


def card_text(
    number: int,
    slide: Slide,
    palette: Palette,
    verified: tuple[int, int] | None = None,
    width: int = 0,
    console: Console | None = None,
) -> Text:
    """A card's content; ``verified`` is ``(verified, unverified)`` once known.

    The title on one line, then two lines of what the slide says (its
    subtitle, else its first item: a reader knows slides by their words,
    not by internal kind names), then the counts. With a ``width`` and a
    ``console``, each part is cut to its lines with "…".
    """
    title = Text.assemble((f"{number}  ", palette.accent))
    title.append_text(plain(slide.title, palette.title))
    first = slide.items[item_order(slide)[0]].label if slide.items else ""  # as the slide shows it
    about = plain(slide.subtitle or first, palette.muted)
    counts = card_counts(slide, palette, verified, width or 10**6)
    if width and console is not None:
        title.truncate(width, overflow="ellipsis")
        about = clamp_lines(about, width, console, ABOUT_LINES)
        shown = len(about.wrap(console, width)) if about.plain else 0
        about.append("\n" * (ABOUT_LINES - shown))
    text = Text("\n").join([title, about, counts])
    return text


class CardGrid(ScrollView, can_focus=False):
    """Cards for ``slides``; the ``current`` one outlined, ``selected`` highlighted."""

    selected = reactive(0, init=False)

    class Chosen(Message):
        """A card was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self,
        slides: tuple[Slide, ...],
        current: int,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.slides = slides
        self.current = current
        self.columns = 1
        self.verified: dict[int, tuple[int, int]] = {}
        self._cards: dict[tuple[object, ...], list[Strip]] = {}
        self.set_reactive(CardGrid.selected, current)

    @property
    def usable_width(self) -> int:
        """The width cards may use: always less the vertical scrollbar's.

        Reserved even when the grid fits, so a scrollbar appearing never
        pushes the last column past the edge.
        """
        return max(1, self.size.width - (self.styles.scrollbar_size_vertical or 0))

    @property
    def card_width(self) -> int:
        """Width of one card at the current size."""
        return max(1, (self.usable_width - GAP * (self.columns - 1)) // self.columns)

    def on_resize(self) -> None:
        """Fit as many columns as the width allows; keep the selection in view."""
        self.columns = max(1, min(len(self.slides), self.usable_width // CARD_MIN_WIDTH))
        rows = -(-len(self.slides) // self.columns)
        self.virtual_size = Size(self.size.width, rows * CARD_HEIGHT)
        self.show_selected()

    def watch_selected(self) -> None:
        """Repaint and scroll to the newly selected card."""
        self.refresh()
        self.show_selected()

    def card_region(self, index: int) -> Region:
        """Where card ``index`` is in the grid's virtual space."""
        row, column = divmod(index, self.columns)
        return Region(column * (self.card_width + GAP), row * CARD_HEIGHT, self.card_width, CARD_HEIGHT)

    def show_selected(self) -> None:
        """Scroll (the least) so the selected card is fully visible."""
        card, top, height = self.card_region(self.selected), int(self.scroll_y), self.size.height
        if card.y < top:
            self.scroll_to(y=card.y, animate=False, force=True)
        elif card.bottom > top + height:
            self.scroll_to(y=card.bottom - height, animate=False, force=True)

    def set_verified(self, counts: dict[int, tuple[int, int]]) -> None:
        """Show verification counts (``index -> (verified, unverified)``).

        Repaints only when a card on screen got its counts: on a deck of
        thousands of slides most batches are of cards scrolled out of view,
        drawn with their counts when scrolled to.
        """
        self.verified.update(counts)
        shown = self.visible_cards()
        if any(index in shown for index in counts):
            self.refresh()

    def visible_cards(self) -> range:
        """The indexes of the cards on screen, wholly or in part (empty before the first layout)."""
        height = self.size.height
        if height <= 0:
            return range(0)
        top = int(self.scroll_y)
        first_row, last_row = top // CARD_HEIGHT, (top + height - 1) // CARD_HEIGHT
        return range(first_row * self.columns, min(len(self.slides), (last_row + 1) * self.columns))

    def _card(self, index: int, width: int) -> list[Strip]:
        selected, current = index == self.selected, index == self.current
        key = (index, width, selected, current, self.verified.get(index), self.app.theme)
        strips = self._cards.get(key)
        if strips is None:
            palette = Palette.from_widget(self)
            console = self.app.console
            inner = max(1, width - 4)  # borders and padding
            text = card_text(index + 1, self.slides[index], palette, self.verified.get(index), inner, console)
            border = palette.accent if current else palette.muted
            panel = Panel(
                text,
                box=box.HEAVY if selected else box.ROUNDED,
                border_style=border,
                style=palette.selected if selected else Style(),
                height=CARD_HEIGHT,
                padding=(0, 1),
            )
            lines = console.render_lines(
                panel, console.options.update(width=width, height=CARD_HEIGHT), style=self.rich_style
            )
            strips = [Strip(line, width) for line in lines]
            if len(self._cards) > 256:
                self._cards.clear()
            self._cards[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        """One line across a row of cards (Line API)."""
        scroll_x, scroll_y = self.scroll_offset
        row, inner = divmod(y + scroll_y, CARD_HEIGHT)
        width, base = self.card_width, self.rich_style
        parts: list[Strip] = []
        for column in range(self.columns):
            index = row * self.columns + column
            if column:
                parts.append(Strip.blank(GAP, base))
            if index < len(self.slides):
                parts.append(self._card(index, width)[inner])
            else:
                parts.append(Strip.blank(width, base))
        return Strip.join(parts).crop_extend(scroll_x, scroll_x + self.size.width, base)

    def on_click(self, event: events.Click) -> None:
        """A click on a card chooses it."""
        x, y = event.x + int(self.scroll_x), event.y + int(self.scroll_y)
        column = min(self.columns - 1, x // (self.card_width + GAP))
        index = (y // CARD_HEIGHT) * self.columns + column
        if 0 <= index < len(self.slides):
            event.stop()
            self.post_message(self.Chosen(index))
