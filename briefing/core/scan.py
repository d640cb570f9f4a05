"""Find a source's quotes in one pass over its file, holding a window of it.

``briefing check`` of a deck citing a 10 MB source held the text, its
folded copy, its normal form, the UTF-8 bytes and a word index at once:
about 22 bytes of memory per byte of source. :func:`scan_file` reads the
file in pieces instead, hashing and decoding each, and keeps only a window
of the text (the new piece and enough of the one before for a quote that
straddles them), so memory follows the piece size, not the source's.

It decides nothing itself: for each normalised quote it counts the places
:func:`briefing.core.verify._match` would count and notes the one(s) it
would choose, computed with the same functions on the window. The
verifier turns a quote chosen at exactly one place into the result it
would have given; for anything else (a quote not found, found more than
once, a text that is not NFC, ...) it reads the whole source the usual way.

Why the window gives the whole text's answers:

* the text is cut only just before a printable ASCII character other than
  ``-`` (:data:`_CUT`): the normal form folds characters one by one and
  rewrites each run of spaces, dashes and invisible characters as a
  whole, and no such run crosses a cut; NFC never acts across a cut
  either (see :func:`briefing.core.sourcetext.is_nfc`); nor does a
  paragraph break (a run of white space, see
  :class:`~briefing.core.sourcetext.ParagraphScan`). So the normal form
  of the whole is the normal forms of the pieces, end to end, and each
  piece maps its kept characters back as the whole does;
* a place is looked at only once the window holds the prefix and suffix
  context :func:`_match` reads, and the characters the whole-word tests
  read (:func:`_left_safe`, :func:`_right_safe`); until then it waits for
  the next piece.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.safefile import read_chunks
from briefing.core.sourcetext import _WRAP_SPACE, ParagraphScan, fast_normal, fold, whole_words

#: Characters a piece of text is cut before: printable ASCII but ``-``.
_CUT = re.compile("[!-,.-~]")
#: About how many characters a piece holds (2 bytes each in a text with
#: curly quotes or dashes, so about 0.5 MB, with its folded and normal
#: copies and the window about 3 MB at a time).
CHUNK_CHARS = 256 * 1024
#: Bytes read from the file at a time.
READ_BYTES = 256 * 1024
#: Normalised characters kept before the earliest place still to be looked
#: at, beyond its longest prefix: more than enough for the whole-word tests
#: (see :func:`_left_safe`).
_LEFT = 64
#: Normalised characters wanted after a place's suffix context before it is
#: looked at (so the whole-word tests rarely have to wait for more).
_RIGHT = 32
#: The most places noted for one quote, prefix and suffix (one is enough
#: to verify; more only to check a cached place among them).
MAX_NOTED = 64


class ScanAborted(Exception):
    """The window cannot give the whole text's answer: read the source whole."""


@dataclass
class _Quote:
    """One normalised quote: how often it occurs, and its chosen places per prefix and suffix."""

    text: str
    contexts: dict[tuple[str, str], list[tuple[int, int, int]]]
    chosen: dict[tuple[str, str], int] = field(default_factory=dict)
    found: int = 0
    places: int = 0
    next: int = 0  # the first normalised offset not yet searched from

    @property
    def before(self) -> int:
        """Normalised characters read before a place: the longest prefix, and one."""
        return max(len(prefix) for prefix, _ in self.contexts) + 1

    @property
    def after(self) -> int:
        """Normalised characters read from a place on: the quote, the longest suffix and one."""
        return len(self.text) + max(len(suffix) for _, suffix in self.contexts) + 1


class Scan:
    """The places of some normalised quotes in a text fed in pieces (see the module doc).

    Args:
        quotes: for each normalised quote (not empty), the normalised
            ``(prefix, suffix)`` pairs it is cited with.
        chunk: about how many characters to normalise at a time.
    """

    def __init__(self, quotes: dict[str, Iterable[tuple[str, str]]], chunk: int = CHUNK_CHARS) -> None:
        self.quotes = {q: _Quote(q, {pair: [] for pair in pairs}) for q, pairs in quotes.items() if q}
        self.chunk = max(1, chunk)
        self.left, self.right = _LEFT, _RIGHT
        self.paragraphs = ParagraphScan()
        self.nonblank = False
        self._pending = ""
        self._searched = 0  # where the search for a cut resumes in _pending
        # The window: original text from _o0, normal form from _n0, and the
        # breakpoints mapping one to the other (global offsets).
        self._orig = ""
        self._norm = ""
        self._o0 = self._n0 = 0
        self._bp_norm: list[int] = [0]
        self._bp_orig: list[int] = [0]

    # -- input -------------------------------------------------------------

    def feed(self, text: str) -> None:
        """More of the decoded text."""
        pending = self._pending + text if self._pending else text
        start = 0
        while len(pending) - start > self.chunk:
            cut = _CUT.search(pending, max(start + self.chunk, self._searched))
            if cut is None:
                self._searched = len(pending)
                break
            end = cut.start()
            self.paragraphs.feed(pending[start : end + 1], end - start, end - start + 1)
            self._piece(pending[start:end], final=False)
            start = self._searched = end
        self._searched -= start
        self._pending = pending[start:] if start else pending

    def finish(self) -> None:
        """The text has ended: look at every place left."""
        pending, self._pending = self._pending, ""
        self.paragraphs.feed(pending, len(pending), len(pending))
        self._piece(pending, final=True)
        self._orig = self._norm = ""

    # -- one piece -----------------------------------------------------------

    def _piece(self, text: str, final: bool) -> None:
        if not unicodedata.is_normalized("NFC", text):
            raise ScanAborted("the text is not in NFC")  # the whole-text path maps it per cluster
        if text and not text.isspace():
            self.nonblank = True
        norm, bp_norm, bp_orig = fast_normal(fold(text))
        o_start, n_start = self._o0 + len(self._orig), self._n0 + len(self._norm)
        self._bp_norm.extend(n_start + n for n in bp_norm)
        self._bp_orig.extend(o_start + o for o in bp_orig)
        self._orig += text
        self._norm += norm
        del text, norm
        for quote in self.quotes.values():
            self._search(quote, final)
        if not final:
            self._trim()

    def _search(self, quote: _Quote, final: bool) -> None:
        """Look at each place of ``quote`` the window can decide, from ``quote.next`` on."""
        norm, n0 = self._norm, self._n0
        n_end = n0 + len(norm)
        size, need = len(quote.text), quote.after + self.right
        at = norm.find(quote.text, quote.next - n0)
        while at >= 0:
            place = n0 + at
            if not final and place + need > n_end:
                quote.next = place
                return
            if not self._look(quote, place, final):
                quote.next = place  # the whole-word test reads past the window: wait
                return
            at = norm.find(quote.text, at + 1)
        quote.next = max(quote.next, n_end - size + 1)

    def _look(self, quote: _Quote, place: int, final: bool) -> bool:
        """Count one place of the quote as :func:`_match` does; ``False`` to wait for more text."""
        size = len(quote.text)
        start, end = self._orig_at(place), self._orig_at(place + size - 1) + 1
        orig, o0 = self._orig, self._o0
        if not _right_safe(orig, end - o0, final):
            return False
        if not (o0 == 0 or _left_safe(orig, start - o0)):
            raise ScanAborted("too little text kept before a place")  # never with _LEFT kept
        quote.found += 1
        if not whole_words(orig, start - o0, end - o0):
            return True
        quote.places += 1
        norm, n0 = self._norm, self._n0
        for (prefix, suffix), noted in quote.contexts.items():
            if prefix:
                low = max(0, place - len(prefix) - 1)
                if low < n0:
                    raise ScanAborted("too little text kept before a place")
                if not norm[low - n0 : place - n0].rstrip().endswith(prefix):
                    continue
            if suffix:
                tail = place + size - n0
                if not norm[tail : tail + len(suffix) + 1].lstrip().startswith(suffix):
                    continue
            quote.chosen[prefix, suffix] = quote.chosen.get((prefix, suffix), 0) + 1
            if len(noted) < MAX_NOTED:
                noted.append((place, start, end))
        return True

    def _orig_at(self, n: int) -> int:
        """The original offset of normalised offset ``n`` (``SourceText._orig``)."""
        k = bisect.bisect_right(self._bp_norm, n) - 1
        return self._bp_orig[k] + (n - self._bp_norm[k])

    def _trim(self) -> None:
        """Drop the window's text that no place still to be looked at reads."""
        n_end = self._n0 + len(self._norm)
        keep = min((q.next - q.before - self.left for q in self.quotes.values()), default=n_end)
        keep = min(max(keep, self._n0), n_end)
        if keep == self._n0:
            return
        o_keep = self._orig_at(keep)
        k = bisect.bisect_right(self._bp_norm, keep)
        self._bp_norm = [keep, *self._bp_norm[k:]]
        self._bp_orig = [o_keep, *self._bp_orig[k:]]
        self._norm = self._norm[keep - self._n0 :]
        self._orig = self._orig[o_keep - self._o0 :]
        self._n0, self._o0 = keep, o_keep

    # -- answers -------------------------------------------------------------

    def count(self, quote: str, prefix: str, suffix: str) -> int:
        """How many places :func:`_match` would choose for this quote, prefix and suffix."""
        return self.quotes[quote].chosen.get((prefix, suffix), 0)

    def noted(self, quote: str, prefix: str, suffix: str) -> list[tuple[int, int, int]]:
        """The first :data:`MAX_NOTED` chosen places: ``(normalised offset, start, end)``."""
        return self.quotes[quote].contexts[prefix, suffix]


def _left_safe(orig: str, start: int) -> bool:
    """Whether the whole-word tests at ``start`` read nothing before the window.

    Going back from a place, :func:`~briefing.core.sourcetext.starts_word`
    and :func:`~briefing.core.sourcetext.ends_word` skip runs of white
    space and invisible characters and step over single characters (the
    joiner before a word, the letter before it, a hyphen before a line
    break), reading no further back than the second character before
    ``start`` that is neither. Three are asked for. With :data:`_LEFT`
    normalised characters kept (no two of them spaces or dashes in a row)
    there are always more.
    """
    seen = 0
    for at in range(start - 1, -1, -1):
        if orig[at] not in _WRAP_SPACE:
            seen += 1
            if seen == 3:
                return True
    return False


def _right_safe(orig: str, end: int, final: bool) -> bool:
    """Whether the whole-word tests at ``end`` read nothing after the window.

    Going on from a place they read up to the second character after
    ``end`` that is not white space or invisible, and from there the rest
    of a word, to tell a negation from a longer word ("can" of "can’t" is
    not whole, of "can’to" is): one more character in the window settles
    that (the word has ended, or it is longer than "t").
    """
    if final:
        return True
    seen, at, n = 0, end, len(orig)
    while at < n and seen < 2:
        if orig[at] not in _WRAP_SPACE:
            seen += 1
        at += 1
    return seen == 2 and at < n


@dataclass
class Scanned:
    """A source file read in pieces: the digest of its bytes, and the scan of its text."""

    sha256: str
    scan: Scan


def scan_file(
    path: Path,
    quotes: dict[str, Iterable[tuple[str, str]]],
    limit: int,
    chunk: int = 0,
    read: int = 0,
) -> Scanned | None:
    """Read ``path`` in pieces, hashing and scanning it; ``None`` if it must be read whole.

    ``chunk`` characters are normalised and ``read`` bytes read at a time
    (:data:`CHUNK_CHARS`, :data:`READ_BYTES` when 0).

    ``None`` whenever :meth:`~briefing.core.sourcetext.SourceText.read`
    would refuse the file (it is then read that way, for its message), or
    the text is not NFC, or it is blank.
    """
    scan = Scan(quotes, chunk or CHUNK_CHARS)
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    pieces = read_chunks(path, limit, follow=False, size=read or READ_BYTES)
    try:
        for data in pieces:
            if b"\x00" in data:
                return None
            digest.update(data)
            scan.feed(decoder.decode(data))
            del data
        scan.feed(decoder.decode(b"", final=True))
        scan.finish()
    except (OSError, ValueError, ScanAborted):  # UnicodeDecodeError is a ValueError
        return None
    finally:
        pieces.close()
    if not scan.nonblank:
        return None
    return Scanned(digest.hexdigest(), scan)
