"""Export a deck as a Marp presentation: slides that fit, sources on every slide.

Marp has no footnotes, and a slide is a fixed 1280x720 frame, so this is not
the Markdown document with another header. Each citation is a numbered
superscript (¹ ² ³, plain characters, no markup) and each slide ends with one
small "Sources" line giving every number's source and ¶; the full verbatim
passages go into the presenter notes (an HTML comment Marp shows as notes),
with the deck's speaker notes after them. A slide whose items would not fit
the frame at Marp's default theme continues on "(cont.)" slides; the fit is
estimated from text lengths with conservative line widths (the tests render
the bundled decks with marp-cli and measure every slide in Chromium).

A formatter over :mod:`briefing.output.walk`, reusing each slide kind's body
from :data:`briefing.output.markdown.SLIDE_FORMATTERS`; deck text goes
through :mod:`briefing.output.escape`, as in the Markdown export.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from briefing.core.gcpause import collector_paused
from briefing.core.model import Deck
from briefing.core.textsafe import clean
from briefing.core.verify import Verifier
from briefing.output.escape import (
    break_dashes,
    escape_flat,
    escape_inline,
    isolate,
    one_line,
    yaml_string,
)
from briefing.output.markdown import _REASONS, SLIDE_FORMATTERS, _Markdown, _short, source_entries
from briefing.output.walk import WalkedCitation, WalkedItem, WalkedSlide, walk

__all__ = ["CONT", "export_marp", "superscript"]

#: What a continued slide's title ends with.
CONT = " (cont.)"

#: The deck's own style: the Sources line and tables a little smaller than
#: the body (Marp reads a ``<style>`` block even with HTML switched off).
STYLE = """<style>
section.cited > p:last-of-type { font-size: 18px; line-height: 1.35; color: #555; }
section table { font-size: 22px; }
</style>"""

#: Pictographs Marp would replace by a Twemoji image fetched from a CDN;
#: a text-presentation selector (U+FE0E) after each keeps them characters.
_EMOJI = re.compile("([\u2600-\u27bf\U0001f000-\U0001faff])[\ufe0e\ufe0f]?")

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# -- the fit estimate (Marp's default theme: 1280x720, 29px text, ~78px padding)
#: Lines of body text (~40px each) a page holds, heading included (~15 would fill it).
BUDGET = 16.0
#: Characters per line: body text, table summary cells, the Sources line
#: (conservative: wide letters and word wrap both waste room).
BODY_CHARS, CELL_CHARS, SOURCES_CHARS = 68, 34, 120
#: Height of one line of the Sources line and of a table line, in body lines.
SOURCES_LINE, TABLE_LINE = 0.62, 0.8
#: Extra height between items (list items, table rows, blockquotes).
GAP = {"points": 0.15, "title": 0.15, "figures": 0.15, "reactions": 0.6, "quotes": 0.9}


def superscript(number: int) -> str:
    """``number`` in superscript digits (``12`` -> ``¹²``)."""
    return str(number).translate(_SUPERSCRIPT)


def export_marp(deck: Deck, verifier: Verifier, notes: bool = True) -> str:
    """Render ``deck`` as a Marp deck.

    Args:
        deck: a loaded deck.
        verifier: the deck's verifier; its results give each passage (or an
            ``⚠ unverified`` mark with the quote as written).
        notes: add the deck's speaker notes to the presenter notes (the
            passages are always there).

    Returns:
        The whole file, ending with a newline.
    """
    with collector_paused():
        return _Marp(deck).render(walk(deck, verifier, notes=notes))


class _Marp(_Markdown):
    """One Marp export: the current slide's numbered citations."""

    def __init__(self, deck: Deck) -> None:
        super().__init__(deck)
        self.cited: list[WalkedCitation] = []

    def render(self, walked: Iterable[WalkedSlide]) -> str:
        title = one_line(self.deck.title)
        # Marp's title directive is plain text (the HTML <title>), not Markdown.
        front = ["---", "marp: true", f"title: {yaml_string(title)}", "paginate: true", "---", "", STYLE]
        slides: list[str] = []
        for slide in walked:
            slides += self.pages(slide)
        if self.deck.sources:
            slides.append(self.sources_page())
        return "\n".join(front) + "\n\n" + "\n\n---\n\n".join(slides) + "\n"

    # -- one deck slide, on as many pages as it needs -----------------------
    def pages(self, slide: WalkedSlide) -> list[str]:
        first = slide.number == 1
        head = self.head(slide, first)
        room = BUDGET - self.cost_lines(head)
        chunks: list[list[WalkedItem]] = [[]]
        used = 0.0
        gap = GAP.get(slide.kind, 0.2)
        if slide.kind == "reactions" and slide.items:
            room -= 1.2  # the table's header row
        for item in slide.items:
            cost = self.item_cost(slide, item) + gap
            if chunks[-1] and used + cost > room:
                chunks.append([])
                used = 0.0
                head = self.head(slide, False, cont=True)
                room = BUDGET - self.cost_lines(head) - (1.2 if slide.kind == "reactions" else 0)
            chunks[-1].append(item)
            used += cost
        pages = []
        for k, chunk in enumerate(chunks):
            part = slide._replace(items=tuple(chunk))
            pages.append(self.page(part, self.head(slide, first and k == 0, cont=k > 0), notes=k == 0))
        return pages

    def head(self, slide: WalkedSlide, first: bool, cont: bool = False) -> list[str]:
        """The heading (and on the first slide the deck header) of one page."""
        title = escape_inline(slide.slide.title) + (CONT if cont else "")
        lines = [f"## {title}".rstrip()]
        subtitle = one_line(slide.slide.subtitle)
        if subtitle and not cont:
            lines += ["", f"*{escape_flat(subtitle)}*"]
        if first:
            lines += self.deck_header()
        return lines

    def page(self, slide: WalkedSlide, head: list[str], notes: bool) -> str:
        self.cited = []
        lines = list(head)
        if slide.items:
            formatter = SLIDE_FORMATTERS.get(slide.kind)
            if formatter is None:
                raise ValueError(f"no Markdown formatter for slide kind {slide.kind!r}")
            lines += ["", *formatter(self, slide)]
        if self.cited:
            lines[0:0] = ["<!-- _class: cited -->", ""]
            lines += ["", self.sources_line()]
        comment = self.notes(slide.notes if notes else "")
        if comment:
            lines += ["", comment]
        return _EMOJI.sub("\\1\ufe0e", "\n".join(lines))

    # -- citations -----------------------------------------------------------
    def refs(self, slide: WalkedSlide, item: WalkedItem) -> str:
        """The item's citation numbers as superscripts (comma-separated)."""
        numbers = []
        for citation in item.citations:
            self.cited.append(citation)
            mark = superscript(len(self.cited))
            numbers.append(mark if citation.passage is not None else f"{mark}⚠")
        return ",".join(numbers)

    def sources_line(self) -> str:
        """``Sources: Name ¹ ¶1, ² ¶2 · Other ³ ¶4`` for the page's citations, grouped by source."""
        groups: dict[str, list[str]] = {}
        for n, citation in enumerate(self.cited, 1):
            name = escape_flat(_short(self.plain_name(citation), 60))
            mark = superscript(n)
            if citation.passage is None:
                groups.setdefault(name, []).append(f"{mark} ⚠ unverified")
            else:
                groups.setdefault(name, []).append(f"{mark} {_where(citation)}".rstrip())
        return "Sources: " + " · ".join(f"{name} {', '.join(marks)}" for name, marks in groups.items())

    @staticmethod
    def plain_name(citation: WalkedCitation) -> str:
        source = citation.source
        return one_line(source.display_name if source else citation.citation.source_id or "unknown source")

    def notes(self, speaker: str) -> str:
        """The presenter notes: each number's full passage, then the speaker notes."""
        lines = []
        for n, citation in enumerate(self.cited, 1):
            # Right-to-left text is isolated here too, so it cannot reorder the ¶ after it.
            name = isolate(self.plain_name(citation))
            if citation.passage is not None:
                passage = isolate(f"“{one_line(citation.passage)}”")
                lines.append(f"{n}. {passage} — {name}, {_where(citation)}")
            else:
                reason = _REASONS.get(citation.status, citation.status)
                quote = isolate(f"“{one_line(citation.citation.quote)}”")
                lines.append(f"{n}. ⚠ unverified: {quote} — {name} ({reason})")
        body = clean(speaker).strip()
        if body:
            lines += ["", "Speaker notes.", *[line.rstrip() for line in body.replace("\r", "").split("\n")]]
        if not lines:
            return ""
        text = "\n".join(["Presenter notes.", *lines])
        # ``--`` would end the comment early.
        text = break_dashes(text)
        return f"<!--\n{text}\n-->"

    # -- the deck's sources, on a last page ----------------------------------
    def sources_page(self) -> str:
        lines = ["## Sources", "", *source_entries(self.deck)]
        return _EMOJI.sub("\\1\ufe0e", "\n".join(lines))

    # -- the fit estimate ----------------------------------------------------
    def item_cost(self, slide: WalkedSlide, item: WalkedItem) -> float:
        """The body lines one item takes, its share of the Sources line included."""
        saved = self.cited
        self.cited = []
        part = slide._replace(items=(item,))
        body = SLIDE_FORMATTERS[slide.kind](self, part)
        share = sum(len(_where(c)) + 12 for c in self.cited)
        self.cited = saved
        if slide.kind == "reactions":
            body = body[2:]  # the header row is counted once per page
        return self.cost_lines(body, kind=slide.kind) + SOURCES_LINE * share / SOURCES_CHARS

    @staticmethod
    def cost_lines(lines: list[str], kind: str = "") -> float:
        """Estimated height, in body lines, of some Markdown lines."""
        total = 0.0
        for line in lines:
            if not line or line.startswith("<!--"):
                continue
            visible = len(re.sub(r"\\(.)", r"\1", line))
            if line.startswith("## "):
                total += 1.35 * math.ceil(visible / (BODY_CHARS / 1.5)) + 0.5
            elif line.startswith("| "):
                cells = line.strip("|").split(" | ")
                widest = max((len(c) for c in cells), default=0)
                total += TABLE_LINE * max(1, math.ceil(widest / CELL_CHARS)) + 0.3
            else:
                total += max(1, math.ceil(visible / BODY_CHARS)) + 0.2
        return total


def _where(citation: WalkedCitation) -> str:
    """``¶5`` or ``¶5–6`` for a verified citation, else ``""``."""
    if not citation.paragraph:
        return ""
    where = f"¶{citation.paragraph}"
    if citation.end_paragraph and citation.end_paragraph != citation.paragraph:
        where += f"–{citation.end_paragraph}"
    return where
