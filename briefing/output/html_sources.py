"""The full text of a source as HTML, every cited passage marked where it stands.

The hand-out ships each source whole, so a reader can check a quote in its
context offline. The verifier's offsets are code points into the file's
exact text (``SourceText.text``, CRLF and all); the text is cut at those
offsets first and each piece cleaned and escaped after, so removing
control characters never shifts a mark. Each paragraph (the ¶ rule of
:mod:`briefing.core.sourcetext`) is one ``<p>`` with an ``id``; the white
space between paragraphs stays between the elements, so the container's
text is the cleaned source, character for character. A passage that
crosses a paragraph break is marked in pieces, one per paragraph; passages
that overlap share ``<mark>`` pieces (``data-n`` lists their numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from itertools import pairwise
from typing import NamedTuple

from briefing.core.sourcetext import SourceText
from briefing.core.textsafe import clean

__all__ = ["Passage", "source_html", "text_html"]


class Passage(NamedTuple):
    """One cited passage of a source: its offsets and its note number.

    Attributes:
        start: first code point of the passage in ``SourceText.text``.
        end: one past its last code point.
        note: its number in the hand-out (the citation links' text).
    """

    start: int
    end: int
    note: int


def text_html(text: str) -> str:
    """Deck or source text as HTML text: control characters removed, all markup escaped."""
    return escape(clean(text))


def source_html(
    text: SourceText, prefix: str, passages: Sequence[Passage], backs: Callable[[int], str]
) -> str:
    """The source's paragraphs as ``<p>`` elements with the passages marked.

    Args:
        text: the source's text (the verifier's copy, which the offsets index).
        prefix: the ids' prefix: paragraph ``n`` is ``{prefix}-p{n}``.
        passages: the cited passages, in any order.
        backs: the HTML of a passage's back links, given its note number;
            it follows the passage's last character.

    Returns:
        The paragraphs, with the text between them as it is in the source.
    """
    raw = text.text
    starts = text.paragraph_starts
    ordered = sorted(passages)
    out: list[str] = [text_html(raw[: starts[0]])]
    active: list[Passage] = []
    j = 0
    anchored: set[int] = set()
    for n, a in enumerate(starts, 1):
        following = starts[n] if n < len(starts) else len(raw)
        b = a + len(raw[a:following].rstrip())
        while j < len(ordered) and ordered[j].start < b:
            active.append(ordered[j])
            j += 1
        here = [p for p in active if p.end > a]
        out.append(f'<p class="para" id="{prefix}-p{n}" data-n="{n}">')
        inner = [x for p in here for x in (p.start, p.end) if a < x < b]
        cuts = sorted({a, b, *inner})
        for x, y in pairwise(cuts):
            cover = [p for p in here if p.start < y and p.end > x]
            for p in cover:
                if p.note not in anchored:
                    anchored.add(p.note)
                    out.append(f'<span class="anchor" id="n{p.note}" data-note="{p.note}"></span>')
            piece = text_html(raw[x:y])
            if cover:
                notes = " ".join(str(p.note) for p in sorted(cover, key=lambda p: p.note))
                out.append(f'<mark data-n="{notes}">{piece}</mark>')
            else:
                out.append(piece)
            for p in cover:
                if min(p.end, b) == y and p.end <= following:  # its last piece
                    out.append(backs(p.note))
        out.append("</p>")
        out.append(text_html(raw[b:following]))
        active = [p for p in here if p.end > b]
    return "".join(out)
