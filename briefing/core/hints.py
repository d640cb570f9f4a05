"""The closest passage to a quote that is not in its source, and how they differ.

A suggestion for the author, never a proof: nothing here can verify a
quote. The search is bounded whatever the source's size: one to three
exact scans of the normalised text for the quote's rarest words
(``str.find``, about 25–40 ms each on 60 MB), each followed by a fuzzy
score of the windows around the places they point to, so a near miss (a
hyphen for a space, a capital, a comma, one changed word) is found without
comparing the quote with every place in the source. Scores come from rapidfuzz when it is installed (the
``hints`` extra; imported only here, on the first quote not found), else
from difflib on fewer windows.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable

#: How long the exact scans for anchor words may take, in all (a scan is not
#: started if the last one, taken again, would end past it).
SCAN_SECONDS = 0.065
#: A window scoring this (0–100) ends the search: the near miss is found.
GOOD_SCORE = 85.0
#: At most this many anchor words are scanned for.
MAX_SCANS = 3
#: Places kept per anchor word (a common word stops its scan early).
MAX_HITS = 4000
#: How much of a long text is sampled, in how many slices, to tell rare words from common ones.
SAMPLE_SIZE = 256 * 1024
SAMPLE_PARTS = 8
#: Windows scored in all with rapidfuzz (difflib is slower: a quarter as many).
MAX_WINDOWS = 48
#: A text this short is scored whole when no anchor word is in it (rapidfuzz only).
WHOLE_TEXT = 512 * 1024
#: Below this score (0–100) nothing is suggested.
MIN_SCORE = 55.0

_WORDS = re.compile(r"[^\W_]+")
#: Words as a reader counts them: "plan's" is one.
_READ_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

Scorer = Callable[[str, str], tuple[float, int, int]]


def one_line(text: str) -> str:
    """``text`` with every run of white space made one space."""
    return " ".join(text.split())


def clip(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ratio() -> Callable[[str, str], float]:
    """Similarity (0–100) of two whole strings."""
    try:
        from rapidfuzz.fuzz import ratio
    except ImportError:
        import difflib

        return lambda a, b: 100.0 * difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return ratio


def _scorer() -> tuple[Scorer, int]:
    """The window scorer and how many windows it may score."""
    try:
        from rapidfuzz.fuzz import partial_ratio_alignment
    except ImportError:
        return _difflib_score, MAX_WINDOWS // 4

    def score(quote: str, window: str) -> tuple[float, int, int]:
        found = partial_ratio_alignment(quote, window)
        if found is None:  # pragma: no cover - only for empty strings
            return 0.0, 0, 0
        if len(quote) > len(window):  # rapidfuzz aligned the window inside the quote
            return found.score, 0, len(window)
        return found.score, found.dest_start, found.dest_end

    return score, MAX_WINDOWS


def _difflib_score(quote: str, window: str) -> tuple[float, int, int]:
    """Similarity (0–100) and the span of ``window`` that matches ``quote``."""
    import difflib

    matcher = difflib.SequenceMatcher(None, window, quote, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    # Stray one- and two-letter matches far off would stretch the span.
    blocks = [b for b in blocks if b.size >= 3] or blocks
    if not blocks:
        return 0.0, 0, 0
    first, last = blocks[0], blocks[-1]
    # Where the quote's own ends fall, past its first and last matched letters.
    start = max(0, first.a - first.b)
    end = min(len(window), last.a + last.size + len(quote) - last.b - last.size)
    matched = sum(b.size for b in blocks)
    return 200.0 * matched / (len(quote) + end - start), start, end


def _folded(text: str) -> str:
    """Lower case when that keeps every offset (it does for nearly every text)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text


def _sample(norm: str) -> tuple[list[str], float]:
    """A few slices spread through the text, and how many times longer the text is."""
    if len(norm) <= SAMPLE_SIZE:
        return [norm], 1.0
    step, size = len(norm) // SAMPLE_PARTS, SAMPLE_SIZE // SAMPLE_PARTS
    return [norm[i * step : i * step + size] for i in range(SAMPLE_PARTS)], len(norm) / SAMPLE_SIZE


def _anchors(norm: str, quote: str) -> list[tuple[str, int]]:
    """The quote's distinct words, rarest in the text first (then longest), with their offsets.

    How rare is estimated from a sample of the text; a word the sample
    lacks (rare, or the very word that was changed) comes first, unless
    the sample has it in lower case (then the capital is likely what
    differs, and the word comes last).
    """
    seen: dict[str, int] = {}
    for match in _WORDS.finditer(quote):
        seen.setdefault(match[0], match.start())
    words = [item for item in seen.items() if len(item[0]) >= 3] or list(seen.items())
    parts, scale = _sample(norm)

    def expected(word: str) -> float:
        count = sum(part.count(word) for part in parts)
        if not count and word != word.lower() and any(word.lower() in part for part in parts):
            return float("inf")  # a capital where the text has none: likely the very difference
        return scale * count

    rank = {word: expected(word) for word, _ in words}
    return sorted(words, key=lambda item: (rank[item[0]], -len(item[0]), item[1]))


def _ranked(estimates: list[tuple[int, float]]) -> list[int]:
    """Places where the quote would start, best-supported first.

    Each place found by an anchor word counts ``1 / (places that word
    has)``: one hit of a rare word says more than one of a thousand hits of
    a common one. Places a few characters apart are one (a word of another
    length before the anchor moves it), and their weights add up.
    """
    estimates.sort()
    clusters: list[tuple[float, int]] = []  # (-weight, first estimate)
    total, first, last = 0.0, 0, None
    for estimate, weight in estimates:
        if last is not None and estimate - last > 24:
            clusters.append((-total, first))
            total, last = 0.0, None
        if last is None:
            first = estimate
        total += weight
        last = estimate
    if last is not None:
        clusters.append((-total, first))
    clusters.sort()
    return [place for _, place in clusters]


def closest(norm: str, quote: str) -> tuple[int, int] | None:
    """The ``[start, end)`` of ``norm`` most like ``quote`` (both normalised), or ``None``.

    The span is widened to whole words. Bounded: anchor words are scanned
    for one at a time, rarest first, at most :data:`MAX_SCANS` of them and
    none that would end past :data:`SCAN_SECONDS` (judged by the last
    scan); after each, the best-supported new places are scored, and a
    score of :data:`GOOD_SCORE` ends the search. At most
    :data:`MAX_WINDOWS` windows of a few times the quote's length are
    scored; nothing the size of the text is copied.
    """
    if not norm or not quote:
        return None
    score, windows = _scorer()
    target = _folded(quote)
    size, pad = len(quote), len(quote) // 2 + 16
    best: tuple[float, int, int] | None = None
    estimates: list[tuple[int, float]] = []
    scored: set[int] = set()
    started = time.perf_counter()
    last_scan = 0.0
    for word, offset in _anchors(norm, quote)[:MAX_SCANS]:
        began = time.perf_counter()
        if last_scan and began - started + last_scan > SCAN_SECONDS:
            break
        hits: list[int] = []
        at = norm.find(word)
        while at >= 0 and len(hits) < MAX_HITS:
            hits.append(at - offset)
            at = norm.find(word, at + 1)
        last_scan = time.perf_counter() - began
        estimates.extend((estimate, 1 / len(hits)) for estimate in hits)
        fresh = [place for place in _ranked(estimates) if place // 8 not in scored]
        for place in fresh[: max(4, windows // MAX_SCANS)]:
            if len(scored) >= windows:
                break
            scored.add(place // 8)
            low = max(0, place - pad)
            value, start, end = score(target, _folded(norm[low : place + size + pad]))
            if end > start and (best is None or value > best[0]):
                best = (value, low + start, low + end)
        if best is not None and best[0] >= GOOD_SCORE:
            break
    if best is None and len(norm) <= WHOLE_TEXT and score is not _difflib_score:
        value, start, end = score(target, _folded(norm))
        if end > start:
            best = (value, start, end)
    if best is None or best[0] < MIN_SCORE:
        return None
    return _whole_words(norm, target, best[1], best[2])


def _count_words(text: str) -> int:
    return sum(1 for _ in _READ_WORDS.finditer(text))


def _whole_words(norm: str, target: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of whole words around ``[start, end)`` most like ``target``.

    The aligned span has the quote's length, so it may cut into a word or
    take in one too many; starts and ends a word or two either way are
    tried, and a span of as many words as the quote is preferred (dropping
    the one changed word would otherwise score best).
    """
    low, high = max(0, start - 80), min(len(norm), end + 80)
    cuts = [low - 1, *(i for i in range(low, high) if norm[i] == " "), high]
    starts = [c + 1 for c in cuts if start - 40 <= c + 1 <= start + 40 and c + 1 < high]
    ends = [c for c in cuts if end - 40 <= c <= end + 40 and c > low]
    near_start = sorted(starts, key=lambda c: abs(c - start))[:4]
    near_end = sorted(ends, key=lambda c: abs(c - end))[:4]
    ratio = _ratio()
    words = _count_words(target)
    best: tuple[float, int, int, int] | None = None
    for a in near_start:
        for b in near_end:
            if b > a:
                value = ratio(target, _folded(norm[a:b])) - 8 * abs(_count_words(norm[a:b]) - words)
                key = (value, -abs((b - a) - len(target)), -a, b)
                if best is None or key > best:
                    best = key
    if best is None:
        return None
    return -best[2], best[3]


def _describe_char(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def _unlike(yours: str, theirs: str) -> str:
    """The first differing character, named, when it is not plain ASCII (look-alikes)."""
    for a, b in zip(yours, theirs, strict=False):
        if a != b:
            if a.isascii() and a.isprintable() and b.isascii() and b.isprintable():
                return ""
            return f" (the quote has {_describe_char(a)}, the source {_describe_char(b)})"
    longer = yours[len(theirs) :] or theirs[len(yours) :]
    if longer and not (longer[0].isascii() and longer[0].isprintable()):
        return f" ({_describe_char(longer[0])})"
    return ""


def differences(quote: str, passage: str, limit: int = 3) -> str:
    """Where a normalised quote and passage differ, word by word, for a message.

    ``“speed” where the source has “steam.”``; a look-alike character (a
    Cyrillic а for a Latin a, a format character) is named by its code point,
    so the two sides never read the same.
    """
    import difflib

    ours, theirs = quote.split(" "), passage.split(" ")
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    notes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        mine, source = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            notes.append(
                f"“{clip(mine, 40)}” where the source has “{clip(source, 40)}”{_unlike(mine, source)}"
            )
        elif tag == "delete":
            notes.append(f"“{clip(mine, 40)}” is not in the source there")
        else:
            notes.append(f"the source has “{clip(source, 40)}” there")
    if not notes:  # the same words: they differ only at the ends, which are cut differently
        return "only in where it starts or ends"
    more = f"; and {len(notes) - limit} more difference(s)" if len(notes) > limit else ""
    return "; ".join(notes[:limit]) + more
