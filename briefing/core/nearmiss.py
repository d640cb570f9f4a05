"""Typographic near-misses: the source's own wording for a quote typed by hand.

A quote copied by hand often differs from its source only in ways no reader
hears: straight for curly quotes, one dash for another, a hyphen for a space,
a capital at the start, a double space. :func:`find` looks for the one passage
of a source equal to a quote under exactly those foldings, at word boundaries,
so ``check --fix`` can write the source's wording back; every word must be the
same, letter for letter, so a changed word is never "fixed".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from briefing.core.sourcetext import fold, normalize

__all__ = ["NearMiss", "find", "passages", "wording"]

#: Characters that show nothing; a passage's wording drops them.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: Dashes that join two parts of a word ("well-known"), unlike en/em dashes.
HYPHENS = "-\u2010\u2011"


@dataclass(frozen=True)
class _Classes:
    single: str
    double: str
    dashes: str
    spaces: str
    marks: str


@lru_cache(maxsize=1)
def _classes() -> _Classes:
    """Which characters :func:`fold` treats as quotes, dashes and spaces (and the combining marks).

    Derived from ``fold`` itself, so this module agrees with verification
    whatever characters it learns to fold.
    """
    single, double, dashes, spaces, marks = ["'"], ['"'], ["-"], [" ", "\t", "\n", "\r"], []
    candidates = [*range(0x80, 0x3100), *range(0xFE00, 0xFF10)]
    for code in candidates:
        char = chr(code)
        if unicodedata.category(char).startswith("M"):
            marks.append(char)
        if char in INVISIBLE:
            continue
        folded = fold(char)
        if folded == "'":
            single.append(char)
        elif folded == '"':
            double.append(char)
        elif folded == "-":
            dashes.append(char)
        elif folded == " ":
            spaces.append(char)
    return _Classes(*("".join(chars) for chars in (single, double, dashes, spaces, marks)))


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@lru_cache(maxsize=1)
def _word_re() -> re.Pattern[str]:
    return re.compile(rf"(?:[^\W_]|{_cls(_classes().marks)})+")


@dataclass(frozen=True)
class NearMiss:
    """The one passage a quote stands for: ``text[start:end]``, and its wording."""

    start: int
    end: int
    wording: str


def _word_pattern(word: str, first: bool, invisible: bool) -> str:
    parts = []
    for i, char in enumerate(word):
        if first and i == 0 and char.lower() != char.upper():
            parts.append(_cls("".join(dict.fromkeys((char, char.lower(), char.upper(), char.title())))))
        else:
            parts.append(re.escape(char))
    return (f"{_cls(INVISIBLE)}*" if invisible else "").join(parts)


def _separator_pattern(separator: str, between_words: bool) -> str:
    """What may stand in the source for ``separator`` of the quote."""
    classes = _classes()
    space = _cls(classes.spaces + INVISIBLE)
    dash = f"{space}*{_cls(classes.dashes)}+{space}*"
    canonical = re.sub(" +", " ", fold("".join(c for c in separator if c not in INVISIBLE)))
    if between_words and canonical == " ":  # a space, or a hyphen for it
        return f"(?:{space}+|{_cls(HYPHENS)})"
    if between_words and canonical == "-":  # a hyphen, a space for it, or any dash, spaced or not
        return f"(?:{space}+|{dash})"
    parts = []
    for token in re.finditer(r" *-+ *| +|.", canonical, re.DOTALL):
        piece = token[0]
        if "-" in piece:
            parts.append(dash)
        elif piece.startswith(" "):
            parts.append(f"{space}+")
        elif piece == "'":
            parts.append(_cls(classes.single))
        elif piece == '"':
            parts.append(_cls(classes.double))
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


def _pattern(quote: str, invisible: bool) -> re.Pattern[str] | None:
    """The regular expression of every passage typographically equal to ``quote``."""
    quote = unicodedata.normalize("NFC", quote).strip()
    words = list(_word_re().finditer(quote))
    if not words:
        return None
    word_char = rf"(?:[^\W_]|{_cls(_classes().marks)})"
    parts = []
    lead = quote[: words[0].start()]
    parts.append(_separator_pattern(lead, False) if lead else rf"(?<!{word_char})")
    for i, word in enumerate(words):
        parts.append(_word_pattern(word[0], i == 0, invisible))
        if i + 1 < len(words):
            parts.append(_separator_pattern(quote[word.end() : words[i + 1].start()], True))
    trail = quote[words[-1].end() :]
    parts.append(_separator_pattern(trail, False) if trail else rf"(?!{word_char})")
    return re.compile("".join(parts))


def passages(quote: str, text: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``text`` typographically equal to ``quote``.

    Empty for a source that is not in Unicode NFC (its offsets could not be
    compared character for character) and for a quote with no word.
    """
    if not unicodedata.is_normalized("NFC", text):
        return []
    invisible = any(c in text for c in INVISIBLE)
    if not invisible:  # every word but the first (its case may differ) is in the text as written
        words = _word_re().findall(unicodedata.normalize("NFC", quote))
        if any(word not in text for word in words[1:]):
            return []
    pattern = _pattern(quote, invisible)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


_HYPHEN_BREAK = re.compile(rf"(?<=[^\W_][{HYPHENS}])[ \t]*(?:\r\n|\r|\n)\s*(?=[^\W_])")


def wording(text: str, start: int, end: int) -> str:
    """The passage ``text[start:end]`` as a quote writes it.

    The source's characters, except that invisible characters are dropped,
    a line break after a hyphen inside a word is joined ("co-\\npilot"), and
    every run of white space (line breaks included) becomes one space.
    """
    passage = "".join(c for c in text[start:end] if c not in INVISIBLE)
    passage = _HYPHEN_BREAK.sub("", passage)
    space = _cls(_classes().spaces)
    return re.sub(f"{space}+", " ", unicodedata.normalize("NFC", passage)).strip()


def _context_ok(text: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Whether the passage has ``prefix`` just before it and ``suffix`` just after (normalised)."""
    if prefix:
        before = normalize(text[max(0, start - 4 * len(prefix) - 16) : start])
        if not before.endswith(normalize(prefix)):
            return False
    if suffix:
        after = normalize(text[end : end + 4 * len(suffix) + 16])
        if not after.startswith(normalize(suffix)):
            return False
    return True


def find(quote: str, text: str, prefix: str = "", suffix: str = "") -> NearMiss | None:
    """The one passage of ``text`` that ``quote`` stands for, up to typography.

    ``prefix``/``suffix`` pick among several places as verification does.
    ``None`` when no passage or more than one matches: a fix must never guess.
    """
    places = [p for p in passages(quote, text) if _context_ok(text, *p, prefix, suffix)]
    if len(places) != 1:
        return None
    start, end = places[0]
    return NearMiss(start, end, wording(text, start, end))
