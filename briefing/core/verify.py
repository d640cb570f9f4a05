"""Citation verification: prove every quote against its source.

A quote is verified only by an exact match after :func:`normalize` on both
sides, of whole words (it starts and ends where words of the source do),
at a single place in the source (``prefix``/``suffix`` pick one when the
words occur more than once). Fuzzy matching is used for one thing only:
suggesting the closest passage when a quote is not found (see
:mod:`briefing.core.hints`). It never verifies.

:class:`Verifier` works lazily: a source is read and normalised the first
time a citation needs it, and each result is computed once. The TUI asks
only for the citations on screen before its first paint; ``check`` asks
for all of them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Protocol

from briefing.core.gcpause import collector_paused
from briefing.core.hints import clip
from briefing.core.model import Citation, Deck, Source
from briefing.core.paths import real_source_path
from briefing.core.problems import Problem
from briefing.core.scan import MAX_NOTED, Scan, scan_file
from briefing.core.sourcetext import (
    MAX_SOURCE_BYTES,
    SourceError,
    SourceOutline,
    SourceText,
    normalize,
    paragraph_label,
)

__all__ = ["CitationResult", "SourceText", "Verification", "Verifier", "normalize"]

VERIFIED, AMBIGUOUS, NOT_FOUND, UNCHECKED = "verified", "ambiguous", "not_found", "unchecked"
#: ``verify_all(stream=True)`` reads a source at least this large in pieces
#: (see :mod:`briefing.core.scan`); a smaller one is read whole.
STREAM_MIN_BYTES = 1 << 20


class OffsetStore(Protocol):
    """Where verified offsets are kept between runs (:mod:`briefing.store.cache`).

    The core never reaches for the disk itself: the command line hands a
    store in, and a verifier without one simply searches every quote.
    """

    def load(self, sha256: str) -> dict[str, list[int]]: ...  # pragma: no cover

    def save(self, sha256: str, offsets: dict[str, list[int]]) -> None: ...  # pragma: no cover


def quote_key(quote: str, prefix: str, suffix: str) -> str:
    """The key of a citation's offsets within one source."""
    return f"{quote}\0{prefix}\0{suffix}"


@dataclass(frozen=True)
class CitationResult:
    """What verification found for one citation.

    ``start``/``end`` are code-point offsets into the source file's text;
    ``paragraph`` and ``end_paragraph`` the 1-based paragraphs it starts
    and ends in (the same number unless the passage crosses a paragraph
    break); all set only when verified. ``near_start``/``near_end`` locate
    the closest passage when the quote was not found (or the first place
    when ambiguous); ``suggestion`` is that passage's text.
    """

    citation: Citation
    status: str
    start: int | None = None
    end: int | None = None
    paragraph: int | None = None
    message: str = ""
    suggestion: str = ""
    near_start: int | None = None
    near_end: int | None = None
    end_paragraph: int | None = None

    @property
    def verified(self) -> bool:
        """True when the quote was found at exactly one place."""
        return self.status == VERIFIED

    @property
    def paragraph_label(self) -> str:
        """``¶5``, or ``¶5–6`` for a passage across a paragraph break; '' unless verified."""
        return paragraph_label(self.paragraph, self.end_paragraph)


@dataclass(frozen=True)
class Verification:
    """Results for every citation of a deck, with problems and coverage."""

    results: dict[str, CitationResult]
    problems: list[Problem]
    coverage: dict[str, tuple[int, int]]

    @property
    def verified_count(self) -> int:
        """How many citations verified."""
        return sum(1 for r in self.results.values() if r.verified)


class Verifier:
    """Verifies a deck's citations on demand, caching sources and results."""

    def __init__(self, deck: Deck, offsets: OffsetStore | None = None) -> None:
        self.deck = deck
        self._store = offsets
        self._texts: dict[str, SourceText | None] = {}
        # Sources verify_all(stream=True) verified in pieces, without their text.
        self._outlines: dict[str, SourceOutline] = {}
        self._source_problems: dict[str, Problem] = {}
        self._results: dict[str, CitationResult] = {}
        self._lock = threading.RLock()
        # Verified offsets by source id, from the cache and from this run;
        # the ids whose entries grew and should be saved.
        self._offsets: dict[str, dict[str, list[int]]] = {}
        self._grown: set[str] = set()

    def source_text(self, source_id: str) -> SourceText | None:
        """The source's text, read on first use; ``None`` if unusable."""
        with self._lock:
            if source_id in self._texts:
                return self._texts[source_id]
            source = self.deck.source(source_id)
            text: SourceText | None = None
            if source is not None and source.resolved is not None:
                # Checked again at each read: the file may have been swapped
                # since the deck was loaded (see paths.real_source_path).
                real, reason = real_source_path(self.deck.path, source.path)
                try:
                    if real is None:
                        raise SourceError(f"is refused now: {reason}")
                    text = SourceText.read(real, follow=False)
                except SourceError as error:
                    self._source_problems[source_id] = self._problem(
                        source, f"source `{source.id}` ({source.path}) {error}"
                    )
            self._texts[source_id] = text
            if text is not None:
                self._offsets[source_id] = self._store.load(text.sha256) if self._store is not None else {}
            if text is not None and source is not None:
                self._check_sha(source, text.sha256)
            return text

    def _check_sha(self, source: Source, sha256: str) -> None:
        """Warn when the source's bytes are not the ones the deck recorded."""
        if source.sha256 and sha256 != source.sha256:
            self._source_problems[source.id] = self._problem(
                source,
                f"source `{source.id}` changed since the deck recorded its sha256 "
                f"(recorded {source.sha256[:12]}…, now {sha256[:12]}…): every quote was "
                "verified against the new text; update `sha256:` once you have reviewed it",
                severity="warning",
            )

    def recheck(self, source_id: str) -> bool:
        """Check the source's path again; ``False`` if it is no longer usable.

        The viewer calls this each time it opens a source: a file swapped
        since it was read (for a symlink out of the project, say) is
        dropped, its text forgotten and its citations unchecked, rather
        than shown from memory as verified.
        """
        with self._lock:
            source = self.deck.source(source_id)
            if source is None or source.resolved is None:
                return False
            real, reason = real_source_path(self.deck.path, source.path)
            if real is not None:
                return True
            self._texts[source_id] = None
            self._outlines.pop(source_id, None)
            self._source_problems[source_id] = self._problem(
                source, f"source `{source.id}` ({source.path}) is refused now: {reason}"
            )
            for path in [p for p, r in self._results.items() if r.citation.source_id == source_id]:
                del self._results[path]
            return False

    def _problem(self, source: Source, message: str, severity: str = "error") -> Problem:
        from briefing.core.paths import display_path

        return Problem(
            display_path(self.deck.path),
            source.location.line,
            source.location.col,
            f"sources[{self.deck.sources.index(source)}].path",
            message,
            severity,
        )

    def result(self, citation: Citation) -> CitationResult:
        """Verify one citation (cached)."""
        cached = self._results.get(citation.path)
        if cached is not None and cached.citation is citation:
            return cached
        text = self.source_text(citation.source_id)
        if text is None:
            problem = self._source_problems.get(citation.source_id)
            reason = problem.message if problem else f"source `{citation.source_id}` is not usable"
            result = CitationResult(citation, UNCHECKED, message=reason)
        else:
            result = self._match_cached(citation, text)
        self._results[citation.path] = result
        return result

    def prefetch(self, citations: Iterable[Citation]) -> None:
        """Verify many citations at once, source by source.

        The results are exactly those :meth:`result` gives (and are then
        returned by it); only the order of the work differs. Each source's
        quotes are matched one after another while its text is in the
        processor's cache, and a source with many quotes to search is
        indexed by word once (see :class:`_WordIndex`) instead of being
        scanned twice per quote.
        """
        by_source: dict[str, list[Citation]] = {}
        for citation in citations:
            cached = self._results.get(citation.path)
            if cached is None or cached.citation is not citation:
                by_source.setdefault(citation.source_id, []).append(citation)
        for source_id, group in by_source.items():
            text = self.source_text(source_id)
            index: _WordIndex | None = None
            if text is not None:
                known = self._offsets.get(source_id, {})
                quotes = {c.quote for c in group if quote_key(c.quote, c.prefix, c.suffix) not in known}
                if len(quotes) >= _INDEX_MIN_QUOTES:
                    index = _WordIndex(text.normalized, quotes)
            for citation in group:
                if text is None:
                    self.result(citation)
                else:
                    self._results[citation.path] = self._match_cached(citation, text, index)

    def _match_cached(
        self, citation: Citation, text: SourceText, index: _WordIndex | None = None
    ) -> CitationResult:
        """:func:`_match`, or the place a previous run verified in these bytes, checked again.

        A stored ``[start, end, at]`` is believed only if the normalised
        text at ``at`` is the normalised quote and maps back to exactly
        ``start, end``, as whole words, with the prefix and suffix around it:
        what :func:`_match` asks of every place (each O(quote length)).
        Anything else is dropped and the quote searched afresh. That the
        place is the *only* one is what the cache still vouches for: a
        finding of this code on the same bytes, quote, prefix and suffix
        (the store files offsets by the source's sha256, the briefing
        version and its ``CACHE_FORMAT``, to be bumped when the matching
        rules change). Checking it again is the whole-source search the
        cache exists to save.
        """
        offsets = self._offsets.setdefault(citation.source_id, {})
        key = quote_key(citation.quote, citation.prefix, citation.suffix)
        known = offsets.get(key)
        norm = text.normalized
        quote = normalize(citation.quote) if index is None else index.normalized(citation.quote)
        if known is not None:
            prefix, suffix = normalize(citation.prefix), normalize(citation.suffix)
            if (
                type(known) is list
                and len(known) == 3
                and all(type(n) is int and n >= 0 for n in known)
                and quote
                and norm.startswith(quote, at := known[2])
                and text.to_original(at, at + len(quote)) == (known[0], known[1])
                and text.whole_words(known[0], known[1])
                and (not prefix or norm[max(0, at - len(prefix) - 1) : at].rstrip().endswith(prefix))
                and (
                    not suffix
                    or norm[at + len(quote) : at + len(quote) + len(suffix) + 1].lstrip().startswith(suffix)
                )
            ):
                return _verified(citation, text, known[0], known[1])
            offsets.pop(key, None)
            self._grown.add(citation.source_id)
        result = _match(citation, text, index)
        if result.verified:
            assert result.start is not None and result.end is not None
            found = (result.start, result.end)
            at = _normalized_at(text, result.start)
            if norm.startswith(quote, at) and text.to_original(at, at + len(quote)) == found:
                places = [at]  # the first place mapping to found: no second scan of the source
            else:
                places = _occurrences(norm, quote) if index is None else index.occurrences(quote)
            for at in places:
                if text.to_original(at, at + len(quote)) == found:
                    offsets[key] = [result.start, result.end, at]
                    self._grown.add(citation.source_id)
                    break
        return result

    def save_cache(self) -> None:
        """Store newly verified offsets for the next run (best effort)."""
        if self._store is None:
            return
        with self._lock:
            for source_id in sorted(self._grown):
                text = self._texts.get(source_id) or self._outlines.get(source_id)
                if text is not None:
                    self._store.save(text.sha256, self._offsets[source_id])
            self._grown.clear()

    def verify_all(self, stream: bool = False) -> Verification:
        """Verify every citation; collect problems and paragraph coverage.

        With ``stream``, a source of :data:`STREAM_MIN_BYTES` or more is
        read in pieces and not kept (see :meth:`_stream`): the results are
        the same, but :meth:`source_text` reads it again if asked.
        """
        from briefing.core.paths import display_path

        shown = display_path(self.deck.path)
        with collector_paused():  # results and source texts are acyclic (see gcpause)
            if stream:
                self._stream()
            self.prefetch(self.deck.citations)
            results = {c.path: self.result(c) for c in self.deck.citations}
            for source in self.deck.sources:
                if source.id not in self._outlines:
                    self.source_text(source.id)
            self.save_cache()
        problems = list(self._source_problems.values())
        for result in results.values():
            if result.status in (AMBIGUOUS, NOT_FOUND):
                c = result.citation
                problems.append(Problem(shown, c.location.line, c.location.col, c.path, result.message))
        # One pass over the results, grouped by source (not one pass per
        # source: 100 sources x 10,000 citations took a quarter of a second).
        spans: dict[str, list[tuple[int, int]]] = {}
        for result in results.values():
            if result.verified:
                assert result.start is not None and result.end is not None
                spans.setdefault(result.citation.source_id, []).append((result.start, result.end))
        coverage: dict[str, tuple[int, int]] = {}
        for source in self.deck.sources:
            text = self._texts.get(source.id) or self._outlines.get(source.id)
            if text is None:
                continue
            cited: set[int] = set()
            for start, end in spans.get(source.id, ()):
                first, last = text.paragraphs(start, end)
                cited.update(range(first, last + 1))
            coverage[source.id] = (len(cited), text.paragraph_count)
        return Verification(results, problems, coverage)

    def _stream(self) -> None:
        """Verify each large source's citations in one pass over its file.

        Sources are taken in the order :meth:`prefetch` and then
        :meth:`verify_all` read them, so their problems are listed in the
        same order; one that is small, unusable, or has a citation the
        pass cannot settle (see :meth:`_settle`) is read whole, as before.
        """
        by_source: dict[str, list[Citation]] = {}
        for citation in self.deck.citations:
            if citation.path not in self._results:
                by_source.setdefault(citation.source_id, []).append(citation)
        for source in self.deck.sources:
            by_source.setdefault(source.id, [])
        for source_id, group in by_source.items():
            with self._lock:
                if source_id in self._texts or source_id in self._outlines:
                    continue
                if not self._stream_source(source_id, group):
                    self.source_text(source_id)

    def _stream_source(self, source_id: str, group: list[Citation]) -> bool:
        """Verify ``group`` by :func:`~briefing.core.scan.scan_file`; ``False`` if it cannot."""
        source = self.deck.source(source_id)
        if source is None or source.resolved is None:
            return False
        real, _ = real_source_path(self.deck.path, source.path)
        try:
            if real is None or os.stat(real).st_size < STREAM_MIN_BYTES:
                return False
        except (OSError, ValueError):
            return False
        wanted: dict[str, set[tuple[str, str]]] = {}
        for citation in group:
            quote = normalize(citation.quote)
            if quote:
                wanted.setdefault(quote, set()).add((normalize(citation.prefix), normalize(citation.suffix)))
        scanned = scan_file(real, {q: sorted(pairs) for q, pairs in wanted.items()}, MAX_SOURCE_BYTES)
        if scanned is None:
            return False
        offsets = self._store.load(scanned.sha256) if self._store is not None else {}
        if not all(_settled(citation, scanned.scan, offsets) for citation in group):
            return False
        outline = SourceOutline(scanned.sha256, scanned.scan.paragraphs.starts())
        self._outlines[source_id] = outline
        self._offsets[source_id] = offsets
        self._check_sha(source, scanned.sha256)
        for citation in group:
            self._results[citation.path] = self._settle(citation, scanned.scan, outline, offsets)
        return True

    def _settle(
        self, citation: Citation, scan: Scan, outline: SourceOutline, offsets: dict[str, list[int]]
    ) -> CitationResult:
        """What :meth:`_match_cached` gives, from a scan (for a citation :func:`_settled` passed).

        A cached place is believed on the same tests: the normalised quote
        at ``at``, mapping to ``start, end``, whole words, with the prefix
        and suffix around it, which is exactly a place the scan chose there.
        Otherwise the quote is empty, or chosen at exactly one place, which
        :func:`_match` verifies and the cache then keeps.
        """
        key = quote_key(citation.quote, citation.prefix, citation.suffix)
        known = offsets.get(key)
        quote = normalize(citation.quote)
        prefix, suffix = normalize(citation.prefix), normalize(citation.suffix)
        if known is not None:
            if _cached_place(known, quote, prefix, suffix, scan):
                return _verified(citation, outline, known[0], known[1])
            offsets.pop(key, None)
            self._grown.add(citation.source_id)
        if not quote:
            return CitationResult(citation, NOT_FOUND, message="the quote is empty")
        [(at, start, end)] = scan.noted(quote, prefix, suffix)
        offsets[key] = [start, end, at]
        self._grown.add(citation.source_id)
        return _verified(citation, outline, start, end)


def _cached_place(known: object, quote: str, prefix: str, suffix: str, scan: Scan) -> bool | None:
    """Whether a cached ``[start, end, at]`` is a place the scan chose (``None``: not known)."""
    if not (
        type(known) is list and len(known) == 3 and all(type(n) is int and n >= 0 for n in known) and quote
    ):
        return False
    if (known[2], known[0], known[1]) in scan.noted(quote, prefix, suffix):
        return True
    return None if scan.count(quote, prefix, suffix) > MAX_NOTED else False


def _settled(citation: Citation, scan: Scan, offsets: dict[str, list[int]]) -> bool:
    """Whether :meth:`Verifier._settle` can give this citation's result.

    Its cached place is valid, or (once a stale one is dropped) the quote
    is empty or chosen at exactly one place; anything else (not found,
    ambiguous, or a cached place the scan cannot vouch for) needs the
    whole text, for the message and the closest passage.
    """
    quote = normalize(citation.quote)
    prefix, suffix = normalize(citation.prefix), normalize(citation.suffix)
    known = offsets.get(quote_key(citation.quote, citation.prefix, citation.suffix))
    if known is not None:
        cached = _cached_place(known, quote, prefix, suffix, scan)
        if cached is None:
            return False
        if cached:
            return True
    return not quote or scan.count(quote, prefix, suffix) == 1


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


#: A source with fewer quotes to search than this is scanned per quote:
#: indexing 50 KB costs about as much as 40 scans of it.
_INDEX_MIN_QUOTES = 48
#: An anchor word found more often than this is searched for by a scan.
_MAX_CANDIDATES = 64


class _WordIndex:
    """Where each of some words stands in a normalised text, for many quotes.

    Every place a quote occurs contains each of its *inner* words (all
    but the first and last, which may be parts of longer words in the
    text) as a whole word: between two spaces of the normalised text.
    So the places of a quote are among the places of its longest inner
    word, shifted back by that word's offset in the quote; each candidate
    is confirmed with ``startswith``. :meth:`occurrences` returns exactly
    what :func:`_occurrences` does (all places, overlapping ones included,
    in order, whole words or not: :func:`_match` filters them), and falls
    back to it for a quote with no inner word, one that was not given when
    the index was built, or one whose word is too common to help.
    """

    def __init__(self, norm: str, quotes: Iterable[str]) -> None:
        self.norm = norm
        self.quotes: dict[str, str] = {}  # as written -> normalised
        self.anchors: dict[str, tuple[str, int] | None] = {}
        for written in quotes:
            quote = self.quotes[written] = normalize(written)
            self.anchors[quote] = _anchor(quote)
        wanted = {anchor[0] for anchor in self.anchors.values() if anchor is not None}
        self.positions: dict[str, list[int]] = {word: [] for word in wanted}
        words = norm.split(" ")
        # Which words are wanted, and their offsets, in C loops: the word
        # at index i starts after the i words and i spaces before it.
        hits = list(compress(range(len(words)), map(wanted.__contains__, words)))
        if hits:
            ends = list(accumulate(map(len, words)))
            for i in hits:
                word = words[i]
                self.positions[word].append(ends[i] - len(word) + i)

    def normalized(self, written: str) -> str:
        """:func:`normalize` of a quote, computed once when it was indexed."""
        quote = self.quotes.get(written)
        return normalize(written) if quote is None else quote

    def occurrences(self, quote: str) -> list[int]:
        """``_occurrences(norm, quote)``, from the index when it can."""
        anchor = self.anchors.get(quote)
        if anchor is None:
            return _occurrences(self.norm, quote)
        word, offset = anchor
        spots = self.positions[word]
        if len(spots) > _MAX_CANDIDATES:
            return _occurrences(self.norm, quote)
        startswith = self.norm.startswith
        return [at for at in (spot - offset for spot in spots) if at >= 0 and startswith(quote, at)]


def _anchor(quote: str) -> tuple[str, int] | None:
    """The quote's longest inner word (the first, on a tie) and its offset."""
    words = quote.split(" ")
    if len(words) < 3:
        return None
    best, offset, at = "", 0, len(words[0]) + 1
    for word in words[1:-1]:
        if len(word) > len(best):
            best, offset = word, at
        at += len(word) + 1
    return (best, offset) if best else None


def _verified(citation: Citation, text: SourceText | SourceOutline, start: int, end: int) -> CitationResult:
    first, last = text.paragraphs(start, end)
    return CitationResult(citation, VERIFIED, start, end, first, end_paragraph=last)


def _where(text: SourceText, norm_start: int, norm_end: int) -> str:
    """``¶5`` (or ``¶5–6``) of a range of the normalised text."""
    return paragraph_label(*text.paragraphs(*text.to_original(norm_start, norm_end)))


def _match(citation: Citation, text: SourceText, index: _WordIndex | None = None) -> CitationResult:
    quote = normalize(citation.quote) if index is None else index.normalized(citation.quote)
    if not quote:
        return CitationResult(citation, NOT_FOUND, message="the quote is empty")
    norm = text.normalized
    found = _occurrences(norm, quote) if index is None else index.occurrences(quote)
    if not found:
        return _not_found(citation, quote, text)
    size = len(quote)
    spans = {p: text.to_original(p, p + size) for p in found}
    places = [p for p in found if text.whole_words(*spans[p])]
    if not places:
        return _inside_words(citation, quote, text, found)
    prefix, suffix = normalize(citation.prefix), normalize(citation.suffix)
    chosen = places
    if prefix:
        chosen = [p for p in chosen if norm[max(0, p - len(prefix) - 1) : p].rstrip().endswith(prefix)]
    if suffix:
        chosen = [
            p for p in chosen if norm[p + size : p + size + len(suffix) + 1].lstrip().startswith(suffix)
        ]
    if len(chosen) == 1:
        return _verified(citation, text, *spans[chosen[0]])
    where = ", ".join(_where(text, p, p + size) for p in places[:8])
    first = spans[places[0]]
    if not chosen:
        message = (
            f"the quote occurs {len(places)} time(s) in `{citation.source_id}` ({where}) "
            "but the prefix/suffix match none of them: copy the words just before or "
            "after the quote exactly"
        )
        status = NOT_FOUND if len(places) == 1 else AMBIGUOUS
    elif citation.path.endswith(".quote"):  # words shown in quotation marks take no prefix
        message = (
            f"the quoted words occur {len(places)} times in `{citation.source_id}` ({where}): "
            "add `cite:` with a passage that holds the one you mean"
        )
        status = AMBIGUOUS
    else:
        message = (
            f"the quote occurs {len(places)} times in `{citation.source_id}` ({where}): "
            "add `prefix:` or `suffix:` with the words just before or after the one you mean"
        )
        status = AMBIGUOUS
    return CitationResult(
        citation,
        status,
        message=message,
        near_start=first[0],
        near_end=first[1],
        suggestion=text.text[first[0] : first[1]],
    )


def _inside_words(citation: Citation, quote: str, text: SourceText, found: list[int]) -> CitationResult:
    """Not found: the words occur, but only as parts of longer words."""
    norm, shown = text.normalized, []
    spans = []
    for p in found[:3]:
        # Widened to the space-separated words it cuts into, as the source has them.
        low, high = max(0, p - 40), min(len(norm), p + len(quote) + 40)
        start = norm.rfind(" ", low, p) + 1 or low
        end = norm.find(" ", p + len(quote), high)
        end = high if end < 0 else end
        span = text.to_original(start, end)
        spans.append(span)
        shown.append(f"{paragraph_label(*text.paragraphs(*span))} “{clip(norm[start:end], 120)}”")
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    message = (
        f"quote not found in source `{citation.source_id}`: “{clip(citation.quote)}” "
        f"occurs only inside a longer word: {', '.join(shown)}{more}. A quote must start and "
        "end where the source's words do: quote the whole word."
    )
    start, end = spans[0]
    return CitationResult(
        citation,
        NOT_FOUND,
        message=message,
        suggestion=text.text[start:end],
        near_start=start,
        near_end=end,
    )


def _not_found(citation: Citation, quote: str, text: SourceText) -> CitationResult:
    """A not-found result carrying the closest passage as a suggestion."""
    from briefing.core.hints import closest, differences  # only for quotes that are not found

    message = f"quote not found in source `{citation.source_id}`: “{clip(citation.quote)}”."
    near = closest(text.normalized, quote)
    start = end = None
    suggestion = ""
    if near is not None:
        start, end = text.to_original(*near)
        suggestion = text.text[start:end]
        changes = differences(quote, text.normalized[near[0] : near[1]])
        message += (
            f" Closest passage ({paragraph_label(*text.paragraphs(start, end))}): "
            f"“{clip(text.normalized[near[0] : near[1]])}”; it differs: {changes}."
        )
    else:
        message += " No passage of the source is close to it."
    if "…" in citation.quote or "..." in citation.quote:
        message += " A quote must be the exact words: split it at the ellipsis into two citations."
    return CitationResult(
        citation, NOT_FOUND, message=message, suggestion=suggestion, near_start=start, near_end=end
    )


def _normalized_at(text: SourceText, offset: int) -> int:
    """Where the original character at ``offset`` stands in ``text.normalized``.

    The inverse of :meth:`SourceText.to_original` for a character the
    normal form keeps (the first of its cluster, for text that was not
    NFC); for one it deletes the answer is meaningless, so the caller
    checks what it finds there. A verified passage's place in the normal
    form, for the offset cache, without scanning the source a second time.
    """
    import bisect  # only the offset cache needs it

    _ = text.normalized  # the map is built with it
    if text._exact is not None:
        return bisect.bisect_left(text._exact, offset)
    k = bisect.bisect_right(text._bp_orig, offset) - 1
    return text._bp_norm[k] + (offset - text._bp_orig[k])
