"""Pick a quote from a source: a span snapped to words, and the citation line that cites it.

Pure: offsets into a :class:`SourceText`'s exact text in, offsets and a
YAML line out. The line is checked with the verifier's own matcher before
it is offered, so what is copied verifies (with a ``prefix:``, or at the
very start a ``suffix:``, when the words occur more than once), or says
why not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from briefing.core.model import Citation
from briefing.core.sourcetext import SourceText, is_word_char
from briefing.core.verify import _match

#: Words of ``prefix:`` tried, at most, to tell a repeated quote apart.
MAX_PREFIX_WORDS = 12
_SENTENCE_ENDS = ".!?"


def _is_word(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (is_word_char(text[at]) or (text[at] in "'’-" and _inner(text, at)))


def _inner(text: str, at: int) -> bool:
    """An apostrophe or hyphen between two letters (``can't``, ``cease-fire``)."""
    return 0 < at < len(text) - 1 and is_word_char(text[at - 1]) and is_word_char(text[at + 1])


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved out to whole words, then in past spaces at either edge."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start > end:
        start, end = end, start
    if start == end:  # a point: the word there
        return word_at(text, start) if start < len(text) else (start, end)
    while start > 0 and _is_word(text, start - 1) and _is_word(text, start):
        start -= 1
    while end < len(text) and _is_word(text, end - 1) and _is_word(text, end):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word at ``offset`` (or the next one after it)."""
    at = offset
    while at < len(text) and not _is_word(text, at):
        at += 1
    return snap(text, at, min(at + 1, len(text)))


def next_word_end(text: str, end: int) -> int:
    """Where the next word after ``end`` ends (``end`` itself at the text's end)."""
    at = end
    while at < len(text) and not _is_word(text, at):
        at += 1
    while at < len(text) and _is_word(text, at):
        at += 1
    at = _take_closing(text, at)
    return at if at > end else end


def _take_closing(text: str, at: int) -> int:
    """Punctuation that closes the word at ``at`` (``,`` ``.`` ``”``) belongs with it."""
    while at < len(text) and text[at] in ',.;:!?”’")]':
        at += 1
    return at


def previous_word_end(text: str, start: int, end: int) -> int:
    """The span one word shorter (never shorter than its first word)."""
    at = end
    while at > start and not _is_word(text, at - 1):
        at -= 1
    while at > start and _is_word(text, at - 1):
        at -= 1
    while at > start and not _is_word(text, at - 1):
        at -= 1
    if at <= start:
        return end if _first_word_end(text, start) >= end else _first_word_end(text, start)
    return _take_closing(text, at) if _take_closing(text, at) <= end else at


def _first_word_end(text: str, start: int) -> int:
    at = start
    while at < len(text) and not _is_word(text, at):
        at += 1
    while at < len(text) and _is_word(text, at):
        at += 1
    return at


def sentence_end(text: str, end: int) -> int:
    """Where the sentence going on at ``end`` ends (its full stop included)."""
    at = end
    while at < len(text):
        after = text[at + 1 : at + 2]
        if text[at] in _SENTENCE_ENDS and (not after or after.isspace() or after in '”’"'):
            return _take_closing(text, at + 1)
        if text.startswith("\n\n", at):
            return at
        at += 1
    return at


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` starts."""
    at = offset
    while at > 0:
        before = text[at - 1]
        if before in _SENTENCE_ENDS or text.startswith("\n\n", at - 2):
            break
        at -= 1
    while at < offset and not _is_word(text, at) and text[at] not in '“"‘(':
        at += 1
    return at


@dataclass(frozen=True)
class Picked:
    """A quote picked from a source, and whether the line offered for it verifies."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    verified: bool = True
    message: str = ""

    @property
    def line(self) -> str:
        """The citation as YAML: ``- "exact text"``, or a mapping with ``prefix:`` when needed."""
        if not (self.prefix or self.suffix):
            return f"- {_yaml_string(self.quote)}"
        key, words = ("prefix", self.prefix) if self.prefix else ("suffix", self.suffix)
        extra = f"{key}: {_yaml_string(words)}"
        return f"- quote: {_yaml_string(self.quote)}\n  {extra}"


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def pick(source: SourceText, start: int, end: int, source_id: str = "") -> Picked:
    """The citation for ``source.text[start:end]`` (snapped to words), checked by the verifier."""
    text = source.text
    start, end = snap(text, start, end)
    quote = " ".join(text[start:end].split())
    if not quote:
        return Picked("", verified=False, message="nothing selected")
    result = _match(Citation(source_id, quote), source)
    if result.verified:
        return Picked(quote)
    first = result
    before, after = text[:start].split(), text[end:].split()
    # The words just before tell it apart; at the very start of the text, those after.
    for count in range(1, MAX_PREFIX_WORDS + 1):
        if count <= len(before):
            prefix = " ".join(before[-count:])
            result = _match(Citation(source_id, quote, prefix=prefix), source)
            if result.verified and result.start == start:
                return Picked(quote, prefix=prefix)
        if count <= len(after):
            suffix = " ".join(after[:count])
            result = _match(Citation(source_id, quote, suffix=suffix), source)
            if result.verified and result.start == start:
                return Picked(quote, suffix=suffix)
    return Picked(quote, verified=False, message=first.message or "the selection does not verify")
