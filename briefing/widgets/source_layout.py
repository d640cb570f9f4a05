"""Lay out a source's text for the terminal without moving a single offset.

The source view highlights passages by code-point offsets into the exact
file text, so everything here keeps one displayed character per source
character: control characters become a visible placeholder instead of being
dropped, and wrapping only records where each screen row starts and ends.

Wrapping a 1 MB article must take milliseconds, not seconds, so the common
case (every character one cell wide) breaks rows with ``str.rfind`` — a C
loop per row rather than a Python loop per word. Only lines holding a wide
(CJK, emoji) or zero-width character take the slower per-character path,
which measures cells with :func:`rich.cells.get_character_cell_size`.

What does not depend on the width (the display text, where lines start
and end, which lines hold unusual characters) is worked out once per text
by :func:`prepare` and kept for the last few texts, so the source view can
have it ready before the reader presses ``Enter`` (see
``briefing.screens.source.warm_up``) and a re-wrap only pays for the rows.

A long text (over :data:`WINDOW_MIN` characters) is first laid out only
around the place to show (:func:`window`): whole lines around it, wrapped
exactly as the whole text would wrap them, since each line is wrapped on
its own. The source view shows that window at once and swaps in the whole
layout when a thread has made it (a 10 MB source: about 100 ms of work).

Nothing here imports Textual: the layout is plain data, tested on its own.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress, islice, repeat
from operator import add, gt
from typing import NamedTuple

from rich.cells import get_character_cell_size

from briefing.core.foreground import step_aside
from briefing.core.textsafe import SLICE, slices, visible

#: Shown in place of a terminal control character (one for one).
PLACEHOLDER = "\ufffd"
#: How many prepared texts :func:`prepare` keeps (a source may be 1 MB).
PREPARED_KEPT = 4
#: A text longer than this (characters) is laid out around the place to show first.
WINDOW_MIN = 256 * 1024
#: Characters a window reaches either side of the place to show (then to whole lines).
WINDOW_REACH = 32 * 1024

# Characters known to be exactly one cell wide. Anything else (wide CJK,
# emoji, combining marks, zero-width spaces, the soft hyphen) sends its line
# through the exact, slower wrapper.
_NOT_SIMPLE = re.compile(
    "[^\n\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027"
    "\u2030-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2500-\u25fc]"
)


def display_text(text: str) -> str:
    """Make source text safe to draw, keeping its length.

    A CRLF line ending shows its CR as a trailing space (invisible), a tab as
    one space, and every other control character as :data:`PLACEHOLDER`, so
    ``display_text(t)[i]`` is always what is drawn for ``t[i]``.

    Args:
        text: The exact text of a source file.

    Returns:
        A string of the same length with no terminal control characters
        (``text`` itself when nothing needs changing). A long text is done
        in :func:`~briefing.core.textsafe.slices`, each a short C call.
    """
    if len(text) <= SLICE:
        return _display(text)
    pieces: list[str] = []
    changed = False
    for start, end in slices(text):
        piece = text[start:end]
        shown = _display(piece)
        changed = changed or shown is not piece
        pieces.append(shown)
    return "".join(pieces) if changed else text


def _display(text: str) -> str:
    return visible(text.replace("\r\n", " \n").replace("\t", " "), PLACEHOLDER)


class Lines:
    """Where each line of a display text starts and ends, at any width.

    Attributes:
        lengths: The length of each line, without its newline.
        starts: The offset of each line's first character.
        ends: The offset of each line's end (its newline, or the text's end).
        unusual: The lines holding a character that is not one cell wide,
            in increasing order.
    """

    def __init__(self, text: str) -> None:
        """Find the lines of ``text`` (display text, see :func:`display_text`).

        Line boundaries come from ``str.split`` and ``accumulate`` (loops
        in C); only the characters that are not one cell wide are visited.
        A long text is done in :func:`~briefing.core.textsafe.slices`, so
        no single C call holds the interpreter lock for long (a worker
        thread lays out a 10 MB source while the reader presses keys).
        """
        lengths = [0]
        for start, end in slices(text):
            parts = list(map(len, text[start:end].split("\n")))
            lengths[-1] += parts[0]  # the line the previous slice left open
            lengths.extend(islice(parts, 1, None))
        self.lengths = lengths
        starts: list[int] = []
        ends: list[int] = []
        at = 0
        for first, last in _runs(len(lengths)):
            run = lengths[first:last]
            run_starts = list(accumulate(map(add, run, repeat(1)), initial=at))
            at = run_starts.pop()
            starts.extend(run_starts)
            ends.extend(map(add, run_starts, run))
        self.starts = starts
        self.ends = ends
        unusual: set[int] = set()
        if not text.isascii():
            for start, end in slices(text):
                unusual.update(
                    bisect_right(starts, m.start()) - 1 for m in _NOT_SIMPLE.finditer(text, start, end)
                )
        self.unusual = sorted(unusual)


def _runs(count: int) -> Iterator[tuple[int, int]]:
    """``(first, last)`` of consecutive runs of ``count`` lines, yielding the GIL between them."""
    size = max(1, SLICE // 8)
    for first in range(0, count, size):
        if first:
            time.sleep(0)
            step_aside()
        yield first, min(count, first + size)


class Prepared(NamedTuple):
    """A source text made ready to wrap: see :func:`prepare`."""

    source: str
    text: str
    lines: Lines


_prepared: list[Prepared] = []
_prepared_lock = threading.Lock()
#: Texts being prepared right now (by identity), with the event set when done.
_in_flight: dict[int, tuple[str, threading.Event]] = {}


def prepare(source: str) -> Prepared:
    """The display text of ``source`` and its lines, computed once per text.

    Safe to call from a worker thread: the source view's warm-up prepares
    the sources a reader may drill into before they do. The last
    :data:`PREPARED_KEPT` texts are kept, recognised by identity (the
    verifier hands out one string per source). A caller asking for a text
    another thread is preparing waits for that one computation instead of
    repeating it (``Enter`` during the warm-up of a 10 MB source).

    Args:
        source: The exact source text.

    Returns:
        The source, its display text (:func:`display_text`) and its lines.
    """
    while True:
        with _prepared_lock:
            for found in _prepared:
                if found.source is source:
                    return found
            pending = _in_flight.get(id(source))
            if pending is None:
                done = threading.Event()
                _in_flight[id(source)] = (source, done)
                break
        pending[1].wait()  # then look again: kept, or failed (and this caller tries)
    try:
        text = display_text(source)
        found = Prepared(source, text, Lines(text))
        with _prepared_lock:
            _prepared.insert(0, found)
            del _prepared[PREPARED_KEPT:]
    finally:
        with _prepared_lock:
            del _in_flight[id(source)]
        done.set()
    return found


class WrappedText:
    """Screen rows of a text at one width, as offsets into the text.

    Row ``r`` shows ``text[starts[r]:ends[r]]``. Every character except the
    newlines between lines belongs to exactly one row; a space at which a
    row breaks stays at the end of that row, so a highlight of any span of
    offsets is drawn exactly, on however many rows it covers.

    Attributes:
        width: The width in cells the rows were wrapped to.
        starts: The offset of each row's first character.
        ends: The offset just past each row's last character.
    """

    def __init__(
        self,
        text: str,
        width: int,
        paragraph_starts: Sequence[int] = (),
        lines: Lines | None = None,
        first: int = 0,
        whole: bool = True,
    ) -> None:
        """Wrap ``text`` to ``width`` cells.

        Args:
            text: Display text (see :func:`display_text`).
            width: Available width in cells (at least 1 is used).
            paragraph_starts: Offset where each paragraph begins, in order;
                paragraph ``n`` (1-based) is labelled on the row holding
                ``paragraph_starts[n - 1]``.
            lines: ``Lines(text)`` if already known (see :func:`prepare`).
            first: the offset of ``text`` in the whole text, for a window
                (see :func:`window`); rows hold offsets into the whole text.
            whole: ``False`` for a window: the rows of some lines only.
        """
        self.width = max(1, width)
        self.starts: list[int] = []
        self.ends: list[int] = []
        _wrap(text, lines or Lines(text), self.width, self.starts, self.ends)
        if first:
            self.starts = [start + first for start in self.starts]
            self.ends = [end + first for end in self.ends]
        self._paragraph_starts = paragraph_starts
        self.text = text
        """The display text the rows show (from :attr:`first` on)."""
        self.first = first
        """Offset of the first character laid out."""
        self.whole = whole
        """Whether the rows cover the whole text (not a :func:`window` of it)."""

    def __len__(self) -> int:
        return len(self.starts)

    def chars(self, start: int, end: int) -> str:
        """The display text of ``[start, end)`` (offsets into the whole text, inside :meth:`covers`)."""
        return self.text[start - self.first : end - self.first]

    def covers(self, start: int, end: int) -> bool:
        """Whether offsets ``[start, end)`` are laid out here (always, for the whole text)."""
        return self.whole or (self.first <= start and end <= self.first + len(self.text))

    def row_of(self, offset: int) -> int:
        """The row that shows the character at ``offset`` (clamped to the text)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def label(self, row: int) -> int | None:
        """The number of the paragraph that begins on ``row``, if one does.

        Worked out per row as it is drawn, so a source of thousands of
        paragraphs costs nothing up front.
        """
        paragraphs = self._paragraph_starts
        at = bisect_left(paragraphs, self.starts[row])
        following = self.starts[row + 1] if row + 1 < len(self.starts) else self.ends[row] + 1
        if at < len(paragraphs) and paragraphs[at] < following:
            return at + 1
        return None


def window(
    source: str,
    width: int,
    paragraph_starts: Sequence[int],
    start: int,
    end: int,
    reach: int | None = None,
    rows: int = 0,
) -> WrappedText:
    """The rows of the whole lines of ``source`` around ``[start, end)``, as the whole text has them.

    Each line is wrapped on its own, so the rows of the lines from ``start
    - reach`` to ``end + reach`` are the whole layout's rows there, with
    the same offsets. Only those lines are made display text and wrapped:
    a few milliseconds, whatever the length of the source. A window that
    comes to the whole text is :func:`prepare`'d like any text.

    Args:
        source: the exact source text.
        width: available width in cells.
        paragraph_starts: offsets where paragraphs begin, in the whole text.
        start: first offset to show.
        end: offset just past the last one to show.
        reach: characters to lay out either side, rounded out to whole lines
            (:data:`WINDOW_REACH` if ``None``).
        rows: the fewest rows wanted before the row holding ``start`` and
            from the one holding ``end`` on (fewer only at the text's ends):
            the reach doubles until there are (rows of blank lines or
            zero-width characters hold few characters each).
    """
    reach = WINDOW_REACH if reach is None else reach
    while True:
        wrapped = _window(source, width, paragraph_starts, start, end, reach)
        if wrapped.whole or _room(wrapped, len(source), start, end, rows):
            return wrapped
        reach = max(1, 2 * reach)


def _window(
    source: str, width: int, paragraph_starts: Sequence[int], start: int, end: int, reach: int
) -> WrappedText:
    """:func:`window` for one reach."""
    length = len(source)
    low, high = max(0, min(start, length) - reach), min(length, max(start, end) + reach)
    first = source.rfind("\n", 0, low) + 1
    after = source.find("\n", high)
    last = length if after < 0 else after + 1
    if first == 0 and last == length:
        prepared = prepare(source)
        return WrappedText(prepared.text, width, paragraph_starts, prepared.lines)
    # Made display text with the newline that ends the last line, so a CR
    # before it shows as a CRLF's does; the newline itself is dropped unless
    # the text ends there (the row after it belongs to the next line).
    shown = display_text(source[first:last])
    if last < length:
        shown = shown[:-1]
    return WrappedText(shown, width, paragraph_starts, first=first, whole=False)


def _room(wrapped: WrappedText, length: int, start: int, end: int, rows: int) -> bool:
    """Whether a window has ``rows`` rows before ``start``'s and from ``end``'s (or the text's ends)."""
    before = wrapped.first == 0 or wrapped.row_of(start) >= rows
    reaches_end = wrapped.first + len(wrapped.text) == length
    return before and (reaches_end or len(wrapped) - wrapped.row_of(max(start, end - 1)) >= rows)


def _wrap(text: str, lines: Lines, width: int, starts: list[int], ends: list[int]) -> None:
    """Append the rows of every line of ``text`` to ``starts`` and ``ends``.

    Python only looks at the lines that need wrapping: longer than the
    width, or holding a character that is not one cell wide.
    """
    line_starts, line_ends = lines.starts, lines.ends
    long_lines = compress(range(len(lines.lengths)), map(gt, lines.lengths, repeat(width)))
    unusual = set(lines.unusual)
    done = 0
    for line in sorted(unusual.union(long_lines)):
        starts.extend(line_starts[done:line])
        ends.extend(line_ends[done:line])
        wrap_line = _wrap_cells if line in unusual else _wrap_simple
        wrap_line(text, line_starts[line], line_ends[line], width, starts, ends)
        done = line + 1
    starts.extend(line_starts[done:])
    ends.extend(line_ends[done:])


def _wrap_simple(text: str, pos: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    """Greedy wrap of one line whose characters are all one cell wide."""
    while end - pos > width:
        # A break space may sit just past the width: it ends the row unseen.
        space = text.rfind(" ", pos + 1, pos + width + 1)
        cut = pos + width if space == -1 else space + 1
        starts.append(pos)
        ends.append(cut)
        pos = cut
    starts.append(pos)
    ends.append(end)


def _wrap_cells(text: str, pos: int, end: int, width: int, starts: list[int], ends: list[int]) -> None:
    """Greedy wrap of one line, measuring every character's cells."""
    row_start = pos
    column = 0
    last_space = -1
    index = pos
    while index < end:
        char = text[index]
        cells = get_character_cell_size(char)
        if char == " ":
            if column + cells > width:
                starts.append(row_start)
                ends.append(index + 1)
                row_start, column, last_space = index + 1, 0, -1
                index += 1
                continue
            last_space = index
        elif column + cells > width and index > row_start:
            cut = last_space + 1 if last_space >= row_start else index
            starts.append(row_start)
            ends.append(cut)
            column = sum(get_character_cell_size(c) for c in text[cut:index])
            row_start, last_space = cut, -1
            if column + cells > width and index > row_start:
                # The word carried over plus this wide character still overflow.
                starts.append(row_start)
                ends.append(index)
                row_start, column = index, 0
        column += cells
        index += 1
    starts.append(row_start)
    ends.append(end)
