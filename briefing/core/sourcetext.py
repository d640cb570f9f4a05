"""Source texts: read once, normalised once, mapped back to the original.

A citation is verified against a *normalised* copy of the source (so that
a curly quote in the article matches a straight one in the deck), but the
passage must be highlighted in the *original* text. :class:`SourceText`
keeps both and a compact map between them: the normal form only folds
characters one for one or deletes them (invisible characters, the spare
spaces of a run, the spaces around a dash), so the map is a short list of
breakpoints rather than one entry per character.

The rules are listed in docs/deck-format.md ("How a quote is verified");
:func:`normalize` and :attr:`SourceText.normalized` apply the same ones.
Whole-word matching (:func:`starts_word`, :func:`ends_word`) is decided on
the original text, so a cached offset can be checked without normalising
the whole source.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.textsafe import SLICE, slices

#: Largest source file briefing reads.
MAX_SOURCE_BYTES = 64 * 1024 * 1024

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_SPACES = (
    "\t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Characters that display as nothing (soft hyphen, zero-width space,
#: non-joiner and joiner, word joiner, BOM): deleted, never turned into a
#: space, so "the\u200brapist" reads "therapist", as it is displayed.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
    }
)
#: The characters :data:`_FOLD` changes. ``str.translate`` with a dict table
#: looks every character up in the dict once the text holds any non-ASCII
#: character (most articles do: curly quotes, €), about 75 ms per MB;
#: substituting only the matches of this class is about six times faster.
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD if chr(c) != "\n") + "]")
_FOLD_TO = {chr(c): to for c, to in _FOLD.items()}
#: A run of spaces, dashes and invisible characters (after folding) that the
#: normal form changes: two or more of them, or an invisible one alone.
_RUN_CHARS = " -" + INVISIBLE
_RUN = re.compile(f"[{re.escape(_RUN_CHARS)}]{{2,}}|[{INVISIBLE}]")
_RUN_REST = re.compile(f"[{re.escape(_RUN_CHARS)}]*")
_INVISIBLE_CHAR = re.compile(f"[{INVISIBLE}]")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def fold(text: str) -> str:
    """``text.translate(_FOLD)``, faster on long non-ASCII text (same result).

    Every character folds on its own, so a long text is folded in slices
    (:func:`~briefing.core.textsafe.slices`), each a short C call.
    """
    if len(text) <= SLICE:
        return _fold(text)
    return "".join([_fold(text[start:end]) for start, end in slices(text)])


def _fold(text: str) -> str:
    # Line breaks are the commonest folded character in a hard-wrapped text;
    # str.replace handles them without a call per match.
    return _FOLD_CHARS.sub(_fold_match, text.replace("\n", " "))


def _fold_match(match: re.Match[str]) -> str:
    return _FOLD_TO[match[0]]


#: Any ASCII character: a cut just before one splits a text into parts
#: that are each in NFC exactly when the whole is (see :func:`is_nfc`).
_ASCII = re.compile("[\x00-\x7f]")


def is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, in slices for a long text.

    An ASCII character is a starter that composes with nothing before it,
    so normalisation never acts across a cut made just before one: the
    text is in NFC exactly when every part is. Each part is a short C call
    (a 10 MB text in one call holds the interpreter lock for about 12 ms).
    """
    if len(text) <= SLICE:
        return unicodedata.is_normalized("NFC", text)
    start, length = 0, len(text)
    while start < length:
        found = _ASCII.search(text, min(length, start + SLICE))
        end = found.start() if found is not None and found.start() > start else length
        if not unicodedata.is_normalized("NFC", text[start:end]):
            return False
        start = end
        if start < length:
            time.sleep(0)
    return True


def _squeezed(run: str) -> str:
    """What a run of spaces, dashes and invisible characters becomes."""
    return "-" if "-" in run else " " if " " in run else ""


def normalize(text: str) -> str:
    """The normal form quotes and sources are compared in.

    Unicode NFC; curly quotes to straight; dash variants to ``-``; every
    kind of space and line break to a space; invisible characters deleted;
    then each run of spaces, dashes and invisible characters becomes one
    ``-`` if it holds a dash (so " – ", "—", "-\\n" and "--" are equal),
    else one space; ends stripped.
    """
    if not text:  # prefix and suffix are usually empty
        return text
    text = unicodedata.normalize("NFC", text)
    # str.translate with a dict table is fast on ASCII text only.
    text = text.translate(_FOLD) if text.isascii() else fold(text)
    if "  " in text or "- " in text or " -" in text or "--" in text or not text.isascii():
        text = _RUN.sub(lambda match: _squeezed(match[0]), text)
    return text.strip()


def _deletions(folded: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of a folded text that the normal form deletes.

    Every run :data:`_RUN` matches keeps its first dash (else its first
    space, else nothing). The runs are found from literal pairs with
    ``str.find`` (a regex tries every space: three times slower).
    """
    seeds: list[int] = []
    find, rest = folded.find, _RUN_REST.match
    for pair in ("  ", " -", "- ", "--"):
        at = find(pair)
        while at >= 0:
            seeds.append(at)
            at = find(pair, rest(folded, at).end())  # type: ignore[union-attr]
    if not folded.isascii() and any(char in folded for char in INVISIBLE):
        seeds.extend(m.start() for m in _INVISIBLE_CHAR.finditer(folded))
    seeds.sort()
    out: list[tuple[int, int]] = []
    done = 0
    for seed in seeds:
        if seed < done:
            continue
        start = seed
        while start > done and folded[start - 1] in _RUN_CHARS:
            start -= 1
        end = rest(folded, seed).end()  # type: ignore[union-attr]
        run = folded[start:end]
        keep = run.find("-")
        if keep < 0:
            keep = run.find(" ")
        if keep < 0:
            out.append((start, end))
        else:
            if keep:
                out.append((start, start + keep))
            if start + keep + 1 < end:
                out.append((start + keep + 1, end))
        done = end
    return out


def fast_normal(folded: str) -> tuple[str, list[int], list[int]]:
    """The normal form of a folded NFC text (not stripped), and its breakpoints.

    The breakpoints (``bp_norm[k]``, ``bp_orig[k]``) start at ``(0, 0)``;
    after each deleted range, the next kept character's offsets in the
    normal form and in ``folded`` (see :meth:`SourceText.to_original`).
    """
    pieces: list[str] = []
    bp_norm, bp_orig = [0], [0]
    last = removed = 0
    for start, end in _deletions(folded):
        pieces.append(folded[last:start])
        removed += end - start
        bp_norm.append(end - removed)
        bp_orig.append(end)
        last = end
    pieces.append(folded[last:])
    return "".join(pieces), bp_norm, bp_orig


class SourceError(Exception):
    """A source file cannot be used; the message says why."""


class _Paragraphs:
    """Paragraph numbers from a sorted list of paragraph starts."""

    paragraph_starts: list[int]

    def paragraph_at(self, offset: int) -> int:
        """1-based number of the paragraph holding this original offset."""
        return max(1, bisect.bisect_right(self.paragraph_starts, offset))

    def paragraphs(self, start: int, end: int) -> tuple[int, int]:
        """First and last paragraph of the original ``[start, end)``."""
        return self.paragraph_at(start), self.paragraph_at(max(start, end - 1))

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs the source has."""
        return len(self.paragraph_starts)


@dataclass
class SourceOutline(_Paragraphs):
    """What ``check`` keeps of a source it verified in pieces (see :mod:`briefing.core.scan`).

    Its digest and paragraph starts, as a :class:`SourceText` of the same
    bytes has them, but not the text: a 10 MB source held whole, with its
    normal form and their maps, is several times its size in memory.
    """

    sha256: str
    paragraph_starts: list[int]


@dataclass
class SourceText(_Paragraphs):
    """The exact text of a source file, with its normalised twin.

    Attributes:
        text: the file decoded as UTF-8 with nothing changed (a BOM, if any,
            stays as U+FEFF, CRLF stays), so offsets into it are offsets into
            ``open(path, encoding="utf-8", newline="").read()``.
        normalized: :func:`normalize` applied to ``text`` (not stripped).
        sha256: hex digest of the file's bytes.
    """

    text: str
    sha256: str = ""
    _normalized: str | None = field(init=False, default=None, repr=False)
    _bp_norm: list[int] = field(init=False, repr=False)
    _bp_orig: list[int] = field(init=False, repr=False)
    _exact: list[int] | None = field(init=False, default=None, repr=False)
    _exact_end: list[int] | None = field(init=False, default=None, repr=False)
    paragraph_starts: list[int] = field(init=False, repr=False)
    # Two threads asking for the normal form at once (the warm-up and the
    # reader's Enter) build it once: the second waits for the first.
    _building: threading.Lock = field(init=False, repr=False, compare=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.paragraph_starts = _paragraph_starts(self.text)

    @property
    def normalized(self) -> str:
        """The normalised text, built on first use.

        Lazy because a source that no citation is checked against (one
        only shown, or one that cannot be read) never needs it; a quote
        found in the cache is checked against it too (see
        ``Verifier._match_cached``).
        """
        if self._normalized is None:
            with self._building:
                if self._normalized is None:
                    if is_nfc(self.text):
                        self._build_fast()
                    else:
                        self._build_slow()
        assert self._normalized is not None
        return self._normalized

    @classmethod
    def read(cls, path: Path, follow: bool = True) -> SourceText:
        """Read a source file, raising :class:`SourceError` with the reason.

        Only a regular file is read, never more than the limit + 1 bytes
        (see :mod:`briefing.core.safefile`); ``follow=False`` refuses a
        symlink as the last component (for a path already resolved).
        """
        from briefing.core.safefile import NotRegularFile, TooLarge, read_regular

        try:
            data = read_regular(path, MAX_SOURCE_BYTES, follow=follow)
        except TooLarge as error:
            given = f"{error.size:,} bytes" if error.size is not None else f"over {MAX_SOURCE_BYTES:,} bytes"
            raise SourceError(f"is too large ({given}; the limit is {MAX_SOURCE_BYTES:,})") from None
        except NotRegularFile as error:
            raise SourceError(f"{error.strerror}: a source is a UTF-8 text file") from None
        except IsADirectoryError:
            raise SourceError("is a folder, not a text file") from None
        except FileNotFoundError:
            raise SourceError("does not exist") from None
        except PermissionError:
            raise SourceError("cannot be read: permission denied") from None
        except (OSError, ValueError) as error:  # ValueError: a NUL in the path
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise SourceError(f"cannot be read: {reason}") from None
        if b"\x00" in data:
            raise SourceError("is a binary file (it contains NUL bytes), not UTF-8 text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SourceError(
                f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
                f"{error.start}): save it as UTF-8"
            ) from None
        if not text.strip():
            raise SourceError("is empty")
        return cls(text, hashlib.sha256(data).hexdigest())

    def _build_fast(self) -> None:
        self._normalized, self._bp_norm, self._bp_orig = fast_normal(fold(self.text))

    def _build_slow(self) -> None:
        """Per-cluster NFC for text that is not already NFC (rare)."""
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        text = self.text
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            for ch in unicodedata.normalize("NFC", text[i:j]).translate(_FOLD):
                chars.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
        folded = "".join(chars)
        keep = [True] * len(folded)
        for start, end in _deletions(folded):
            keep[start:end] = [False] * (end - start)
        self._exact = [s for s, k in zip(starts, keep, strict=True) if k]
        self._exact_end = [e for e, k in zip(ends, keep, strict=True) if k]
        self._bp_norm, self._bp_orig = [0], [0]
        self._normalized = "".join(c for c, k in zip(folded, keep, strict=True) if k)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` range of ``normalized`` to ``text``."""
        _ = self.normalized  # the map is built with it
        if self._exact is not None and self._exact_end is not None:
            if end <= start:
                return self._exact[start], self._exact[start]
            return self._exact[start], self._exact_end[end - 1]
        return self._orig(start), self._orig(end - 1) + 1 if end > start else self._orig(start)

    def _orig(self, n: int) -> int:
        k = bisect.bisect_right(self._bp_norm, n) - 1
        return self._bp_orig[k] + (n - self._bp_norm[k])

    def whole_words(self, start: int, end: int) -> bool:
        """Whether the original ``text[start:end]`` starts and ends at word boundaries."""
        return starts_word(self.text, start) and ends_word(self.text, end)


def paragraph_label(first: int | None, last: int | None = None) -> str:
    """``¶5``, or ``¶5–6`` for a passage that crosses a paragraph break ('' if unknown)."""
    if not first:
        return ""
    return f"¶{first}–{last}" if last and last != first else f"¶{first}"


def _paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs begin (see the format doc for the rule).

    A paragraph starts after the text's leading white space and after each
    blank line (or, in a text with no blank line, after each line break),
    at the first character that is not white space. The search starts from
    a line break (a literal the regex engine skips to) rather than trying
    ``^`` or a line break at every position, which was 10 ms per MB.
    """
    if _BLANK_LINE.search(text):
        first, rest = _FIRST_BLANK, _NEXT_BLANK
    else:
        first, rest = _FIRST_LINE, _NEXT_LINE
    starts: list[int] = []
    at = 0
    match = first.match(text)
    if match:
        at = match.end()
        starts.append(at)
    starts.extend(m.end() for m in rest.finditer(text, at))
    return starts or [0]


class ParagraphScan:
    """:func:`_paragraph_starts` of a text given in consecutive pieces.

    Each piece must end just before a character that is not white space
    (or at the end of the text), and :meth:`feed` must see that character
    too (``end`` then is one past the piece): a paragraph break is a run of
    white space, so it never crosses such a cut, and its lookahead
    ``(?=\\S)`` sees the character after it. Whether the text has a blank
    line (which picks the rule) is known only at the end, so the starts of
    both rules are gathered until one is seen.
    """

    def __init__(self) -> None:
        self.offset = 0
        self.blank = False
        self._by_blank: list[int] = []
        self._by_line: list[int] = []

    def feed(self, text: str, length: int, end: int) -> None:
        """The piece ``text[:length]``, with ``text[length:end]`` the character after it (if any)."""
        blank_at = line_at = 0
        if self.offset == 0:
            match = _FIRST_BLANK.match(text, 0, end)
            if match:
                blank_at = match.end()
                self._by_blank.append(blank_at)
            match = _FIRST_LINE.match(text, 0, end)
            if match:
                line_at = match.end()
                self._by_line.append(line_at)
        base = self.offset
        self._by_blank.extend(base + m.end() for m in _NEXT_BLANK.finditer(text, blank_at, end))
        if not self.blank and _BLANK_LINE.search(text, 0, end):
            self.blank = True
            self._by_line = []
        if not self.blank:
            self._by_line.extend(base + m.end() for m in _NEXT_LINE.finditer(text, line_at, end))
        self.offset += length

    def starts(self) -> list[int]:
        """The paragraph starts of the whole text, once every piece was fed."""
        return (self._by_blank if self.blank else self._by_line) or [0]


# _paragraph_starts used ``(?:^|\n[ \t\r]*\n)\s*(?=\S)`` (blank-line texts)
# and ``(?:^|\n)[ \t\r\ufeff]*(?=\S)``; ``^`` matches only at 0, so each
# is its first branch at 0, then its second branch from there on.
_FIRST_BLANK = re.compile(r"\s*(?=\S)")
_NEXT_BLANK = re.compile(r"\n[ \t\r]*\n\s*(?=\S)")
_FIRST_LINE = re.compile(r"[ \t\r\ufeff]*(?=\S)")
_NEXT_LINE = re.compile(r"\n[ \t\r\ufeff]*(?=\S)")


# -- whole words ----------------------------------------------------------------

_APOSTROPHES = "'" + _SINGLE_QUOTES
_HYPHENS = "-\u2010\u2011"
#: Between two digits these are part of one number or range: 1,130,000 and
#: 2.5, the no-break and thin spaces some languages group digits with, and
#: the figure dash, en dash and minus of 10,000–30,000.
_DIGIT_JOINERS = ",.\u00a0\u2009\u202f\u2012\u2013\u2212"
_BREAKS = "\n\r\x85\u2028"
_WRAP_SPACE = set(_SPACES + " " + INVISIBLE) - set("\u2029\x0b\x0c")


def is_word_char(char: str) -> bool:
    """A letter or digit of any script, or a combining mark (part of a letter)."""
    return char.isalnum() or (char > "\x7f" and unicodedata.category(char)[0] == "M")


def _before(text: str, at: int) -> int:
    """Index of the last character before ``at`` that is not invisible (-1 if none)."""
    at -= 1
    while at >= 0 and text[at] in INVISIBLE:
        at -= 1
    return at


def _after(text: str, at: int) -> int:
    """Index of the first character from ``at`` on that is not invisible (``len`` if none)."""
    n = len(text)
    while at < n and text[at] in INVISIBLE:
        at += 1
    return at


#: What follows an apostrophe that is part of the word before it: a quote
#: may not start there ("t" of "can't", "s" of "Macron's").
_CONTRACTIONS = frozenset({"t", "s", "ll", "re", "ve", "d", "m"})
#: What follows an apostrophe that changes the meaning of the word before
#: it: a quote may not end there ("can" of "can't"). A possessive or an
#: elision may ("Macron" of "Macron's", "initiative" of "l'initiative").
_NEGATIONS = frozenset({"t"})


def _word_at(text: str, at: int) -> str:
    """The run of word characters starting at ``at``."""
    end = at
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return text[at:end]


def _joined(left: str, mid: str, right: str) -> bool:
    """Whether ``mid`` between two word characters may keep them one word.

    An apostrophe (can't, Macron's) or a hyphen written without spaces
    (non-binding) joins letters; a comma, point or thin space joins digits
    (1,130,000), and so does an unspaced en dash (the range 10,000–30,000).
    For an apostrophe the callers look further: only a negation ("n't")
    binds the word before it, and only a contraction's tail the letters
    after it.
    """
    if not (left and right and is_word_char(left) and is_word_char(right)):
        return False
    if mid in _APOSTROPHES or mid in _HYPHENS:
        return True
    return mid in _DIGIT_JOINERS and left.isdigit() and right.isdigit()


def _one_break(space: str) -> bool:
    """Whether white space holds exactly one line break (a wrapped line, not a paragraph)."""
    return sum(space.replace("\r\n", "\n").count(b) for b in _BREAKS) == 1


def _wrap_after(text: str, at: int) -> bool:
    """Whether white space from ``at`` holds one line break and then a word goes on."""
    end = at
    while end < len(text) and text[end] in _WRAP_SPACE:
        end += 1
    return end > at and end < len(text) and is_word_char(text[end]) and _one_break(text[at:end])


def starts_word(text: str, start: int) -> bool:
    """Whether no word of ``text`` runs on across ``start`` from the left.

    The character just before (invisible ones skipped) must not be a
    letter or digit, nor a joiner inside a word (:func:`_joined`), nor the
    line break of a hyphenated word wrapped at its hyphen ("co-\\npilot").
    """
    at = _before(text, start)
    if at < 0:
        return True
    char = text[at]
    if is_word_char(char):
        return False
    first_at = _after(text, start)
    first = text[first_at] if first_at < len(text) else ""
    if not is_word_char(first or " "):
        return True
    left_at = _before(text, at)
    if _joined(text[left_at] if left_at >= 0 else "", char, first):
        if char not in _APOSTROPHES or _word_at(text, first_at).lower() in _CONTRACTIONS:
            return False
    if char in _WRAP_SPACE:
        hyphen = at
        while hyphen >= 0 and text[hyphen] in _WRAP_SPACE:
            hyphen -= 1
        if hyphen >= 0 and text[hyphen] in _HYPHENS and _one_break(text[hyphen + 1 : at + 1]):
            word = _before(text, hyphen)
            return not (word >= 0 and is_word_char(text[word]))
    return True


def ends_word(text: str, end: int) -> bool:
    """Whether no word of ``text`` runs on across ``end`` to the right (see :func:`starts_word`)."""
    at = _after(text, end)
    if at >= len(text):
        return True
    char = text[at]
    if is_word_char(char):
        return False
    last_at = _before(text, end)
    last = text[last_at] if last_at >= 0 else ""
    if last and is_word_char(last):
        next_at = _after(text, at + 1)
        if _joined(last, char, text[next_at] if next_at < len(text) else ""):
            if char not in _APOSTROPHES or _word_at(text, next_at).lower() in _NEGATIONS:
                return False
        return not (char in _HYPHENS and _wrap_after(text, at + 1))  # "co" of "co-\npilot"
    if last in _HYPHENS and last and char in _WRAP_SPACE:  # "co-" of "co-\npilot"
        word = _before(text, last_at)
        return not (word >= 0 and is_word_char(text[word]) and _wrap_after(text, at))
    return True


def whole_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends at word boundaries."""
    return starts_word(text, start) and ends_word(text, end)


def quoted_within(quote: str, passage: str) -> bool:
    """Whether ``quote`` is part of ``passage`` as whole words, both normalised.

    A passage verified as whole words in a source then proves the quote
    too. Decided on normalised text, so where the source may differ it errs
    towards "no" (and the quote is searched for itself): a dash or
    apostrophe between letters, or a space between digits (a thin space in
    1 130 000, perhaps), counts as inside a word.
    """
    short, long = normalize(quote), normalize(passage)
    if not short:
        return False
    at = long.find(short)
    while at >= 0:
        end = at + len(short)
        if whole_words(long, at, end) and not _digit_space(long, at) and not _digit_space(long, end):
            return True
        at = long.find(short, at + 1)
    return False


def _digit_space(text: str, cut: int) -> bool:
    """Whether ``cut`` falls beside a space between two digits."""
    if 0 < cut < len(text) and text[cut] == " ":
        return text[cut - 1].isdigit() and text[cut + 1 : cut + 2].isdigit()
    return cut > 1 and text[cut - 1] == " " and text[cut - 2].isdigit() and text[cut : cut + 1].isdigit()
