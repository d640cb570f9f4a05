"""The source view: a whole article with cited passages marked by offset.

A source may be a 1 MB article, so this is a Line API widget: it wraps the
text once per width (offsets only, see :mod:`.source_layout`) and builds a
:class:`~textual.strip.Strip` only for the rows on screen. Passages are
styled by code-point offsets into the exact source text, so the highlight
covers precisely the characters a citation verified — nothing is ever
re-found by searching the displayed text.

A long source is shown first from a window of lines around the passage
(:func:`~.source_layout.window`), so ``Enter`` on a 10 MB source costs what
it costs on a short one; a thread lays the whole text out meanwhile, and
the view swaps it in with the same rows on screen.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.core.foreground import step_aside
from briefing.core.picker import snap
from briefing.widgets.compat import LayoutScrollView
from briefing.widgets.source_layout import WINDOW_MIN, WrappedText, prepare, window

HighlightKind = Literal["current", "suggestion"]

#: Rows of context kept above a passage the view jumps to.
CONTEXT_ROWS = 3


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge the ones that overlap or touch.

    Args:
        spans: ``(start, end)`` offset pairs, in any order; empty ones are
            ignored.

    Returns:
        Disjoint spans in increasing order.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class SourceView(LayoutScrollView, can_focus=True):
    """Shows a source text with a paragraph gutter and marked passages.

    The current passage is marked strongly (``source-view--current``), or,
    when it is only the closest match to a quote that did not verify, in the
    warning style (``source-view--suggestion``). The item's other citations
    stand out (``source-view--own``): when every cited passage was
    underlined alike, an item's second citation was lost among the deck's.
    Passages other items cite are only dimmed (``source-view--cited``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "scroll", key_display="↑↓"),
        Binding("down,j", "scroll_down", "scroll", show=False),
        Binding("pageup", "page_up", "page", key_display="PgUp/PgDn"),
        Binding("pagedown", "page_down", "page", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--gutter",
        "source-view--cited",
        "source-view--own",
        "source-view--current",
        "source-view--suggestion",
        "source-view--selection",
    }

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        """Create an empty view; call :meth:`load` to give it a text."""
        super().__init__(name=name, id=id, classes=classes)
        self._source = ""
        self._display: str | None = ""  # the display text, once known (see text)
        self._paragraph_starts: Sequence[int] = ()
        self._cited: list[tuple[int, int]] = []
        self._cited_starts: list[int] = []
        self._own: list[tuple[int, int]] = []
        self._wrapped: WrappedText | None = None
        self._gutter = 0
        # Where to scroll once the text is wrapped: (start, end, mode), mode
        # "passage" (bring into view with context) or "row" (put at the top).
        self._pending: tuple[int, int, str] | None = None
        # Bumped for each new text or width: a whole layout made in a thread
        # for an older one is dropped.
        self._layout_job = 0
        self._cache: LRUCache[int, Strip] = LRUCache(256)
        self.highlight: tuple[int, int] | None = None
        """The offsets of the highlighted passage, or ``None``."""
        self.highlight_kind: HighlightKind = "current"
        """Whether the highlight is a verified passage or a suggestion."""
        self.selection: tuple[int, int] | None = None
        """The span picked to quote (keys or the mouse), snapped to words; ``None``: none."""
        self._drag_from: int | None = None

    @property
    def text(self) -> str:
        """The text as drawn: same length and offsets as the source text.

        For a long source shown from a window this is made (or waited for,
        from the warm-up) when first asked: only picking a quote needs it.
        """
        if self._display is None:
            self._display = prepare(self._source).text
        return self._display

    @property
    def source(self) -> str:
        """The exact source text shown ("" before :meth:`load`)."""
        return self._source

    @property
    def wrapped(self) -> WrappedText | None:
        """The current rows, or ``None`` before the view knows its width."""
        return self._wrapped

    def load(
        self,
        text: str,
        paragraph_starts: Sequence[int] = (),
        cited: Iterable[tuple[int, int]] = (),
    ) -> None:
        """Show a new text, scrolled to the top, with nothing highlighted.

        Args:
            text: The exact source text (control characters are shown as a
                placeholder, one for one, so offsets still hold).
            paragraph_starts: Offset of each paragraph's start, in order.
            cited: Every passage the deck cites in this text.
        """
        self._source = text
        self._display = prepare(text).text if len(text) <= WINDOW_MIN else None
        self._layout_job += 1
        self._paragraph_starts = paragraph_starts
        self._gutter = len(f"¶{len(paragraph_starts)}") + 2 if paragraph_starts else 1
        self.set_cited(cited)
        self._own = []
        self.highlight = None
        self._wrapped = None
        self._pending = (0, 0, "row")
        self._cache.clear()
        if self.outer_size.width:
            self._wrap_to(self.outer_size, during_layout=False)
            self._scroll_to_pending()
        self.refresh()

    def set_cited(self, cited: Iterable[tuple[int, int]]) -> None:
        """Mark every passage the deck cites in this text (faintly).

        Args:
            cited: ``(start, end)`` offsets, in any order.
        """
        self._cited = merge_spans(cited)
        self._cited_starts = [start for start, _ in self._cited]
        self._cache.clear()
        self.refresh()

    def set_own(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark the passages the current item cites (besides the highlighted one).

        Args:
            spans: ``(start, end)`` offsets, in any order.
        """
        own = merge_spans(spans)
        if own != self._own:
            self._own = own
            self._cache.clear()
            self.refresh()

    def show_passage(self, span: tuple[int, int] | None, kind: HighlightKind = "current") -> None:
        """Highlight a passage and bring it into view.

        The view only moves when the passage is not already wholly on
        screen; then it lands with :data:`CONTEXT_ROWS` rows above it.

        Args:
            span: ``(start, end)`` offsets into the text, or ``None`` to
                clear the highlight (and go to the top).
            kind: ``"current"`` for a verified passage, ``"suggestion"`` for
                the closest passage to a quote that did not verify.
        """
        self.highlight = span
        self.highlight_kind = kind
        self._cache.clear()
        self._pending = (*span, "passage") if span else (0, 0, "row")
        if self._wrapped is not None:
            self._scroll_to_pending()
        self.refresh()

    def select(self, span: tuple[int, int] | None) -> None:
        """Mark ``span`` as the selection (``None`` clears it) and keep its end in view."""
        if span == self.selection:
            return
        self.selection = span
        self._cache.clear()
        if span is not None and self._wrapped is not None:
            last = max(span[0], span[1] - 1)
            moved = not self._wrapped.covers(last, last + 1)
            if moved:  # rows numbered afresh: none of them is on screen yet
                self._rewindow(last, last + 1)
            row = self._wrapped.row_of(last)
            height = self.container_size.height - self.scrollbar_size_horizontal
            top = round(self.scroll_y)
            if moved or not top <= row < top + height:
                self.scroll_to(y=max(0, row - height + 1 + CONTEXT_ROWS), animate=False, immediate=True)
        self.refresh()

    def top_offset(self) -> int:
        """The offset of the first character on screen (0 before the text is wrapped)."""
        wrapped = self._wrapped
        if wrapped is None or not len(wrapped):
            return 0
        return wrapped.starts[min(round(self.scroll_y), len(wrapped) - 1)]

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under cell ``(x, y)`` of the content region (``None``: no text there)."""
        wrapped = self._wrapped
        row = round(self.scroll_y) + y
        if wrapped is None or not 0 <= row < len(wrapped):
            return None
        start, end = wrapped.starts[row], wrapped.ends[row]
        cells, at = x - self._gutter, start
        for char in wrapped.chars(start, end):
            if cells <= 0:
                break
            cells -= cell_len(char)
            at += 1
        return at

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Start a selection where the mouse is pressed."""
        where = event.get_content_offset(self)
        offset = None if where is None else self.offset_at(where.x, where.y)
        if offset is not None:
            self._drag_from = offset
            self.capture_mouse()
            self.select(snap(self.text, offset, offset))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Extend the selection while dragging (it snaps to whole words)."""
        self._drag_to(event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """End the drag; the selection stays."""
        if self._drag_from is not None:
            self._drag_to(event)
            self._drag_from = None
            self.release_mouse()

    def _drag_to(self, event: events.MouseEvent) -> None:
        if self._drag_from is None:
            return
        where = event.get_content_offset(self)
        offset = None if where is None else self.offset_at(where.x, where.y)
        if offset is not None:
            low, high = sorted((self._drag_from, offset))
            self.select(snap(self.text, low, high))

    def before_layout_size(self, size: Size) -> None:
        """Wrap to a new width while Textual lays the screen out.

        Wrapping here rather than in ``on_resize`` puts the highlighted
        passage in the very first frame instead of one or two frames later
        (``on_resize`` stays as the fallback should the hook ever change).
        """
        self._wrap_to(size, during_layout=True)

    def after_layout_size(self) -> None:
        """Scroll to the pending passage once the new size is applied."""
        self._scroll_to_pending()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap to the new width if layout did not already."""
        self._wrap_to(self.outer_size, during_layout=False)
        self._scroll_to_pending()

    def notify_style_update(self) -> None:
        """Styles changed (e.g. the theme): drawn rows are stale."""
        super().notify_style_update()
        self._cache.clear()

    def _text_width(self, size: Size) -> int:
        """Cells left for text in a widget of ``size`` (border, scrollbar, gutter removed)."""
        styles = self.styles
        reserve = styles.overflow_y == "scroll" or styles.scrollbar_gutter == "stable"
        scrollbar = styles.scrollbar_size_vertical if reserve or self.show_vertical_scrollbar else 0
        return max(1, size.width - styles.gutter.width - scrollbar - self._gutter)

    def _wrap_to(self, size: Size, during_layout: bool) -> None:
        """Wrap the text for ``size`` unless it already is.

        After a resize the highlighted passage stays in view if it was;
        otherwise the text that was on the top row stays on top. A long
        text gets a window around that place now and its whole layout
        from a thread (:meth:`_adopt`).
        """
        width = self._text_width(size)
        if not size.width or (self._wrapped is not None and self._wrapped.width == width):
            return
        if self._wrapped is not None and self._pending is None and len(self._wrapped):
            self._pending = self._anchor(self._wrapped)
        if len(self._source) <= WINDOW_MIN:
            prepared = prepare(self._source)
            self._set_rows(
                WrappedText(prepared.text, width, self._paragraph_starts, prepared.lines), during_layout
            )
            return
        start, end, _ = self._pending or (0, 0, "row")
        wrapped = window(
            self._source, width, self._paragraph_starts, start, end, rows=self._rows_wanted(size)
        )
        self._set_rows(wrapped, during_layout)
        self._layout_job += 1
        if wrapped.whole:
            self._display = wrapped.text
            return
        job = (self._layout_job, self._source, width, self._paragraph_starts)
        threading.Thread(target=self._lay_out, args=job, name="source-layout", daemon=True).start()

    def _set_rows(self, wrapped: WrappedText, during_layout: bool) -> None:
        """Show ``wrapped`` (rows for the view's width) and size the scroll area to it."""
        self._wrapped = wrapped
        self._cache.clear()
        virtual = Size(wrapped.width + self._gutter, len(wrapped))
        if during_layout:
            # The layout in progress picks the new size up; a reactive
            # update would only schedule another layout pass.
            self.set_reactive(ScrollView.virtual_size, virtual)
        else:
            self.virtual_size = virtual

    def _rewindow(self, start: int, end: int) -> None:
        """Lay out the lines around ``[start, end)`` instead (the whole layout is not ready yet)."""
        if self._wrapped is not None:
            rows = self._rows_wanted(self.outer_size)
            wrapped = window(self._source, self._wrapped.width, self._paragraph_starts, start, end, rows=rows)
            self._set_rows(wrapped, during_layout=False)

    @staticmethod
    def _rows_wanted(size: Size) -> int:
        """Rows a window needs either side of its passage so that the view scrolls as in the whole text.

        A screen's worth and the context rows: then the passage lands on
        the same row as it would with the whole layout (see :meth:`_scroll_to_pending`).
        """
        return size.height + CONTEXT_ROWS + 1

    class LaidOut(Message, bubble=False):
        """The whole layout of a long text, made in a thread (see :meth:`SourceView._adopt`)."""

        def __init__(self, job: int, wrapped: WrappedText) -> None:
            super().__init__()
            self.job = job
            self.wrapped = wrapped

    def _lay_out(self, job: int, source: str, width: int, paragraph_starts: Sequence[int]) -> None:
        """Make the whole layout in a thread and post it to the view (``post_message`` is thread-safe).

        It starts once the view's first frame is out (see
        :mod:`briefing.core.foreground`): wrapping 10 MB holds the
        interpreter for milliseconds at a time.
        """
        try:
            step_aside()
            prepared = prepare(source)
            step_aside()
            if job == self._layout_job:
                wrapped = WrappedText(prepared.text, width, paragraph_starts, prepared.lines)
                self.post_message(self.LaidOut(job, wrapped))
        except Exception:  # the app has closed; or the text cannot be laid out: the window stays
            return

    def on_source_view_laid_out(self, message: LaidOut) -> None:
        """Swap the whole layout in (see :meth:`_adopt`)."""
        self._adopt(message.job, message.wrapped)

    def _adopt(self, job: int, wrapped: WrappedText) -> None:
        """Swap the whole layout in for the window, keeping the same rows on screen.

        The window's first row is a row of the whole layout, so the view
        scrolls down by that row's number and shows the same rows; only the
        scrollbar moves.
        """
        shown = self._wrapped
        if job != self._layout_job or shown is None or shown.whole or shown.width != wrapped.width:
            return
        shift = wrapped.row_of(shown.first)
        top = round(self.scroll_y) + shift
        self._wrapped = wrapped
        self._display = wrapped.text
        self._cache.clear()
        virtual = Size(wrapped.width + self._gutter, len(wrapped))
        self.set_reactive(ScrollView.virtual_size, virtual)
        self.update_scrollbars(virtual)
        if self._pending is None:
            self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()

    def _anchor(self, wrapped: WrappedText) -> tuple[int, int, str]:
        """What to keep in view across a re-wrap (see :meth:`_wrap_to`)."""
        top = min(round(self.scroll_y), len(wrapped) - 1)
        height = self.container_size.height - self.scrollbar_size_horizontal
        if self.highlight is not None and top <= wrapped.row_of(self.highlight[0]) < top + height:
            return (*self.highlight, "passage")
        return (wrapped.starts[top], wrapped.starts[top], "row")

    def _scroll_to_pending(self) -> None:
        """Scroll to what :meth:`load`, :meth:`show_passage` or a resize asked for."""
        wrapped, pending = self._wrapped, self._pending
        height = self.container_size.height - self.scrollbar_size_horizontal
        if wrapped is None or pending is None or height <= 0:
            return
        self._pending = None
        start, end, mode = pending
        moved = not wrapped.covers(start, max(start, end))
        if moved:  # a window elsewhere: its rows are numbered afresh, none is on screen yet
            self._rewindow(start, end)
            wrapped = self._wrapped
            assert wrapped is not None
        first = wrapped.row_of(start)
        top = round(self.scroll_y)
        if mode == "passage":
            last = wrapped.row_of(max(start, end - 1))
            if not moved and top <= first and last < top + height:
                return
            first = max(0, first - CONTEXT_ROWS)
        self.scroll_to(y=min(first, max(0, len(wrapped) - height)), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        """Draw one row of the text (only rows on screen are ever drawn)."""
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        wrapped = self._wrapped
        if wrapped is None or row >= len(wrapped):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(row)
        if strip is None:
            strip = self._draw_row(wrapped, row, width)
            self._cache[row] = strip
        return strip

    def _draw_row(self, wrapped: WrappedText, row: int, width: int) -> Strip:
        base = self.rich_style
        number = wrapped.label(row)
        label = f"¶{number}" if number is not None else ""
        gutter_style = base + self.get_component_rich_style("source-view--gutter")
        segments = [Segment(label.ljust(self._gutter), gutter_style)]
        start, end = wrapped.starts[row], wrapped.ends[row]
        for piece_start, piece_end, style in self._pieces(start, end, base):
            segments.append(Segment(wrapped.chars(piece_start, piece_end), style))
        return Strip(segments).crop_extend(0, width, base)

    def _pieces(self, start: int, end: int, base: Style) -> list[tuple[int, int, Style]]:
        """Split ``[start, end)`` into runs of one style each."""
        cited_style = base + self.get_component_rich_style("source-view--cited")
        strong = f"source-view--{self.highlight_kind}"
        current_style = base + self.get_component_rich_style(strong)
        cuts = {start, end}
        marks: list[tuple[int, int, Style]] = []
        index = max(0, bisect_left(self._cited_starts, start) - 1)
        while index < len(self._cited) and self._cited[index][0] < end:
            cited_start, cited_end = self._cited[index]
            if cited_end > start:
                marks.append((cited_start, cited_end, cited_style))
            index += 1
        if self._own:
            own_style = base + self.get_component_rich_style("source-view--own")
            marks.extend((a, b, own_style) for a, b in self._own if a < end and b > start)
        if self.highlight is not None and self.highlight[0] < end and self.highlight[1] > start:
            marks.append((*self.highlight, current_style))
        if self.selection is not None and self.selection[0] < end and self.selection[1] > start:
            marks.append((*self.selection, base + self.get_component_rich_style("source-view--selection")))
        for mark_start, mark_end, _ in marks:
            cuts.update(c for c in (mark_start, mark_end) if start < c < end)
        ordered = sorted(cuts)
        pieces = []
        for left, right in pairwise(ordered):
            style = base
            for mark_start, mark_end, mark_style in marks:
                if mark_start <= left and right <= mark_end:
                    style = mark_style
            pieces.append((left, right, style))
        return pieces

    def highlighted_on_screen(self) -> str:
        """The highlighted characters in the rows now on screen, in order.

        Tests compare it with the citation's verified passage; it reads the
        same strips the terminal gets, so it checks what a reader sees.
        """
        strong = f"source-view--{self.highlight_kind}"
        style = self.rich_style + self.get_component_rich_style(strong)
        height = self.scrollable_content_region.height
        return "".join(
            segment.text for y in range(height) for segment in self.render_line(y) if segment.style == style
        )
