"""Source texts: read once, normalised once, mapped back to the original.

A citation is verified against a *normalised* copy of the source (so that
a curly quote in the article matches a straight one in the deck), but the
passage must be highlighted in the *original* text. :class:`SourceText`
keeps both and a compact map between them: most characters map one to
one, and only runs of white space shrink, so the map is a short list of
breakpoints rather than one entry per character.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: Largest source file briefing reads.
MAX_SOURCE_BYTES = 64 * 1024 * 1024

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
)
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
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")
_FOLD_TO = {chr(c): to for c, to in _FOLD.items()}
_RUNS = re.compile(r" {2,}")
_SPACE_RUN = re.compile(r" +")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def fold(text: str) -> str:
    """``text.translate(_FOLD)``, faster on long non-ASCII text (same result)."""
    return _FOLD_CHARS.sub(lambda match: _FOLD_TO[match[0]], text)


def normalize(text: str) -> str:
    """The normal form quotes and sources are compared in.

    Unicode NFC; curly quotes to straight; dash variants to ``-``; every
    kind of space and line break to one space, runs of them to one; ends
    stripped.
    """
    if not text:  # prefix and suffix are usually empty
        return text
    text = unicodedata.normalize("NFC", text)
    # str.translate with a dict table is fast on ASCII text only.
    text = text.translate(_FOLD) if text.isascii() else fold(text)
    if "  " in text:
        text = _RUNS.sub(" ", text)
    return text.strip()


class SourceError(Exception):
    """A source file cannot be used; the message says why."""


@dataclass
class SourceText:
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

    def __post_init__(self) -> None:
        self.paragraph_starts = _paragraph_starts(self.text)

    @property
    def normalized(self) -> str:
        """The normalised text, built on first use.

        Lazy because a source whose quotes are all found in the cache (see
        :mod:`briefing.store.cache`) never needs it.
        """
        if self._normalized is None:
            if unicodedata.is_normalized("NFC", self.text):
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
        folded = fold(self.text)
        pieces: list[str] = []
        bp_norm, bp_orig = [0], [0]
        last = removed = 0
        # The runs of spaces that :data:`_RUNS` matches, found with
        # ``str.find`` (the regex tries every position: 8 ms per MB).
        find, space_run = folded.find, _SPACE_RUN.match
        start = find("  ")
        while start >= 0:
            end = space_run(folded, start).end()  # type: ignore[union-attr]
            pieces.append(folded[last : start + 1])
            removed += end - start - 1
            bp_norm.append(end - removed)
            bp_orig.append(end)
            last = end
            start = find("  ", end)
        pieces.append(folded[last:])
        self._bp_norm, self._bp_orig = bp_norm, bp_orig
        self._normalized = "".join(pieces)

    def _build_slow(self) -> None:
        """Per-cluster NFC for text that is not already NFC (rare)."""
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        text = self.text
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            for ch in unicodedata.normalize("NFC", text[i:j]).translate(_FOLD):
                if ch == " " and out and out[-1] == " ":
                    ends[-1] = j
                    continue
                out.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
        self._exact, self._exact_end = starts, ends
        self._bp_norm, self._bp_orig = [0], [0]
        self._normalized = "".join(out)

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

    def paragraph_at(self, offset: int) -> int:
        """1-based number of the paragraph holding this original offset."""
        return max(1, bisect.bisect_right(self.paragraph_starts, offset))

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs the source has."""
        return len(self.paragraph_starts)


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


# _paragraph_starts used ``(?:^|\n[ \t\r]*\n)\s*(?=\S)`` (blank-line texts)
# and ``(?:^|\n)[ \t\r\ufeff]*(?=\S)``; ``^`` matches only at 0, so each
# is its first branch at 0, then its second branch from there on.
_FIRST_BLANK = re.compile(r"\s*(?=\S)")
_NEXT_BLANK = re.compile(r"\n[ \t\r]*\n\s*(?=\S)")
_FIRST_LINE = re.compile(r"[ \t\r\ufeff]*(?=\S)")
_NEXT_LINE = re.compile(r"\n[ \t\r\ufeff]*(?=\S)")
