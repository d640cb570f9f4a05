"""The always-visible line at the top: deck title, slide title, trust, position.

Trust is the deck's verification state (``79/79 ✓``, or ``78/79 ✗`` in the
error colour), filled in once the background check has counted it, and a
``⚠ … changed`` mark when a file behind the deck changed on disk. The
position (``4 / 12``) has its own room at the right end, as wide as
the longest position of the deck, so however narrow the terminal gets the
titles are cut (with an ellipsis) before it is. The line is one widget
(each widget costs start-up time), and it never changes size, so a slide
change repaints it without a layout pass.

The line is drawn once per state (titles, position, trust, width) and
kept, and the deck screen has the neighbouring slides' lines drawn while
the reader reads (:meth:`TopBar.prepare`): drawing it took about a sixth of
a slide change's frame (measured in-process).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from briefing.widgets.marks import Palette, plain

#: How many drawn lines the top bar keeps (the slide shown, its neighbours, a few before).
LINES_KEPT = 8


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

    COMPONENT_CLASSES: ClassVar[set[str]] = {"topbar--position", "topbar--changed"}

    def __init__(
        self,
        deck_title: str,
        slide_count: int,
        subtitle: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.deck_title = f"{deck_title} · {subtitle}" if subtitle else deck_title
        self.verified: tuple[int, int] | None = None
        """``(verified, total)`` citations once counted; ``None`` until then."""
        self.changed: tuple[str, ...] = ()
        """Names of the deck's files that changed on disk since it was loaded."""
        self.slide_title = ""
        self.pending = ""
        self.position = ""
        self._widest = len(f"{slide_count} / {slide_count}")
        self._lines: dict[tuple[object, ...], list[Strip]] = {}

    def use(self, deck_title: str, slide_count: int, subtitle: str = "") -> None:
        """Another deck (a reload): its title and size; its trust is counted again."""
        self.deck_title = f"{deck_title} · {subtitle}" if subtitle else deck_title
        self._widest = len(f"{slide_count} / {slide_count}")
        self.verified = None
        self.refresh()

    def show(self, slide_title: str, position: str, pending: str = "") -> None:
        """Update the line.

        Args:
            slide_title: the current slide's title (deck text, shown literally).
            position: e.g. ``4 / 12``.
            pending: keys typed so far of a longer command, e.g. ``go to 3…``.
        """
        self.slide_title, self.position, self.pending = slide_title, position, pending
        self.refresh()

    def show_trust(self, verified: int, total: int) -> None:
        """Show how many of the deck's ``total`` citations verified."""
        self.verified = (verified, total)
        self.refresh()

    def show_changed(self, names: tuple[str, ...]) -> None:
        """Mark the files (short names) that changed on disk; empty clears the mark."""
        if names != self.changed:
            self.changed = names
            self.refresh()

    def prepare(self, slide_title: str, position: str, pending: str = "") -> None:
        """Draw the line for a state shown soon (a neighbouring slide), so showing it costs no drawing."""
        if not self.size.width:
            return
        shown = self.slide_title, self.position, self.pending
        self.slide_title, self.position, self.pending = slide_title, position, pending
        try:
            self._drawn()
        finally:
            self.slide_title, self.position, self.pending = shown

    def notify_style_update(self) -> None:
        """Styles changed (theme, CSS): the lines drawn are stale."""
        super().notify_style_update()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the widget, from the lines drawn per state (see :meth:`_drawn`)."""
        strips = self._drawn()
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _drawn(self) -> list[Strip]:
        """The widget's lines for its current state: Textual's own drawing of :meth:`render`, kept."""
        width, height = self.size
        key = (
            self.deck_title,
            self.slide_title,
            self.position,
            self.pending,
            self.verified,
            self.changed,
            self._widest,
            width,
            height,
            self.app.theme,
        )
        strips = self._lines.get(key)
        if strips is None:
            visual = visualize(self, self.render(), markup=False)
            strips = Visual.to_strips(self, visual, width, height, self.visual_style)
            if len(self._lines) >= LINES_KEPT:
                self._lines.pop(next(iter(self._lines)))
            self._lines[key] = strips
        return strips

    def trust_text(self, palette: Palette) -> Text:
        """``⚠ article changed  6/6 ✓``: what is known so far about the deck's trust."""
        text = Text()
        if self.changed:
            what = self.changed[0] if len(self.changed) == 1 else f"{len(self.changed)} files"
            text.append_text(plain(f"⚠ {what} changed", self.get_component_rich_style("topbar--changed")))
        if self.verified is not None:
            verified, total = self.verified
            if text:
                text.append("  ")
            ok = verified == total
            text.append(f"{verified}/{total} {'✓' if ok else '✗'}", palette.ok if ok else palette.bad)
        return text

    def render(self) -> Text:
        """Titles on the left, then trust, the position right-aligned in its own room."""
        width = self.content_size.width
        room = min(width, self._widest)
        position = Text(
            self.position[-room:] if room else "", self.get_component_rich_style("topbar--position")
        )
        position.align("right", room)
        palette = Palette.from_widget(self)
        trust = self.trust_text(palette)
        if trust and width - room - 2 - trust.cell_len - 2 >= 8:
            position = Text.assemble(trust, "  ", position)
            room += trust.cell_len + 2
        titles_width = width - room - 2
        if titles_width < 1:
            return position
        titles = title_line(self.deck_title, self.slide_title, self.pending, titles_width, palette)
        titles.align("left", titles_width)
        return Text.assemble(titles, "  ", position, no_wrap=True, overflow="crop")
