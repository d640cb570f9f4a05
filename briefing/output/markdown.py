"""Export a deck to one Markdown file that is both a document and a deck.

The file opens with YAML front matter (``marp: true``), so Marp and Slidev
show it as slides; GitHub and any CommonMark reader show it as a document.
Each deck slide becomes one ``## ``-headed section, separated by a
thematic break with blank lines around it (``text`` directly above ``---``
would turn into a setext heading). Every cited item carries a footnote
whose text starts with the verbatim passage of the source, so the printed
file keeps the deck's promise: each claim shows the words that back it.

A formatter over :mod:`briefing.output.walk`: the walk decides what is
shown and what verification found; this module only words it. Deck text is
data, never Markdown: all of it goes through :mod:`briefing.output.escape`.
Each slide kind's body comes from one entry of :data:`SLIDE_FORMATTERS`.
Pure (no Textual, no I/O) and linear in the size of the deck.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from briefing.core.gcpause import collector_paused
from briefing.core.model import Deck, Figure, Quote, Reaction
from briefing.core.verify import Verifier
from briefing.output.escape import (
    escape_flat,
    escape_inline,
    escape_url,
    footnote_label,
    notes_comment,
    one_line,
    quoted,
    yaml_string,
)
from briefing.output.walk import WalkedCitation, WalkedItem, WalkedSlide, walk

__all__ = [
    "SLIDE_FORMATTERS",
    "SlideFormatter",
    "escape_inline",
    "export_markdown",
    "footnote_label",
    "notes_comment",
    "one_line",
    "yaml_string",
]

_REASONS = {
    "not_found": "not found in the source",
    "ambiguous": "found more than once in the source; not pinned to one place",
    "unchecked": "the source could not be read",
}


def export_markdown(deck: Deck, verifier: Verifier, notes: bool = True) -> str:
    """Render ``deck`` as Marp-ready Markdown with a footnote per citation.

    Args:
        deck: a loaded deck.
        verifier: the deck's verifier; its results decide each footnote's
            text (the verbatim passage, or an ``⚠ unverified`` mark with the
            quote as written).
        notes: include each slide's speaker notes as an HTML comment.

    Returns:
        The whole file, ending with a newline.
    """
    # Items in the order the viewer shows them (reactions by stance), numbered alike.
    with collector_paused():  # the walk and the text are acyclic (see gcpause)
        return _Markdown(deck).render(walk(deck, verifier, notes=notes))


class _Markdown:
    """One export run: the footnote labels taken so far, and the current slide's footnotes."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.names: dict[str, str] = {}
        self.labels: set[str] = set()
        self.suffixes: dict[str, int] = {}
        self.footnotes: list[str] = []

    # -- the whole file -------------------------------------------------
    def render(self, walked: Iterable[WalkedSlide]) -> str:
        # pandoc reads front matter values as Markdown: the title is escaped too.
        front = ["---", "marp: true", f"title: {yaml_string(escape_inline(self.deck.title))}", "---", ""]
        slides = [self.slide(slide) for slide in walked]
        return "\n".join(front) + "\n" + "\n\n---\n\n".join(slides) + "\n"

    def slide(self, slide: WalkedSlide) -> str:
        first = slide.number == 1
        lines = [f"## {escape_inline(slide.slide.title)}".rstrip()]
        self.footnotes = []
        subtitle = one_line(slide.slide.subtitle)
        if subtitle:
            lines += ["", f"*{escape_flat(subtitle)}*"]
        if first:
            lines += self.deck_header()
        if slide.items:
            formatter = SLIDE_FORMATTERS.get(slide.kind)
            if formatter is None:
                raise ValueError(f"no Markdown formatter for slide kind {slide.kind!r}")
            lines += ["", *formatter(self, slide)]
        if first:
            lines += self.sources_list()
        for footnote in self.footnotes:
            lines += ["", footnote]
        comment = notes_comment(slide.notes) if slide.notes else ""
        if comment:
            lines += ["", comment]
        return "\n".join(lines)

    # -- deck metadata (first slide) ------------------------------------
    def deck_header(self) -> list[str]:
        deck = self.deck
        title, subtitle, as_of = one_line(deck.title), one_line(deck.subtitle), one_line(deck.as_of)
        lines = []
        if title:
            lines += ["", f"**{escape_flat(title)}**"]
        if subtitle:
            lines += ["", f"*{escape_flat(subtitle)}*"]
        facts = []
        if as_of:
            facts.append(f"As of {escape_flat(as_of)}.")
        authors = [escape_flat(a) for a in map(one_line, deck.authors) if a]
        if authors:
            facts.append(f"Authors: {', '.join(authors)}.")
        if facts:
            lines += ["", " ".join(facts)]
        return lines

    def sources_list(self) -> list[str]:
        if not self.deck.sources:
            return []
        return ["", "Sources:", "", *source_entries(self.deck)]

    # -- what every kind's items share -----------------------------------
    def judgement(self, slide: WalkedSlide, item: WalkedItem) -> str:
        """The mark of a judgement item: whose reading it is and what it rests on."""
        if not item.item.judgement:
            return ""
        grounds = []
        for ground in item.grounds:
            target = ground.item
            name = f"“{_short(one_line(target.label))}”" if target is not None else one_line(ground.item_id)
            if ground.slide and ground.slide != slide.number:
                name += f" (slide {ground.slide})"
            grounds.append(escape_flat(name))
        if not grounds:
            return " *(the author’s judgement)*" + self.chips(item)
        return f" *(the author’s judgement, resting on {', '.join(grounds)})*" + self.chips(item)

    def chips(self, item: WalkedItem) -> str:
        """A judgement's confidence and likelihood (with its band), each a chip of its own."""
        # Italic chips, not code spans: no renderer reads deck words as code.
        out = f" *(confidence: {escape_flat(item.item.confidence)})*" if item.item.confidence else ""
        if item.item.likelihood:
            from briefing.core.tradecraft import band_for

            band = band_for(self.deck.scale, item.item.likelihood)
            band_text = f", {band.band}" if band else ""
            out += f" *(likelihood: {escape_flat(item.item.likelihood + band_text)})*"
        return out

    def marks(self, slide: WalkedSlide, item: WalkedItem) -> str:
        """What follows an item's text: its footnote markers, then its judgement mark."""
        out = self.refs(slide, item) if item.citations else ""
        if item.item.judgement:
            out += self.judgement(slide, item)
        return out + self.draft(item)

    @staticmethod
    def draft(item: WalkedItem) -> str:
        """The mark of an item proposed by `briefing draft` and not yet reviewed."""
        return " *(draft, not yet reviewed)*" if item.item.draft else ""

    def refs(self, slide: WalkedSlide, item: WalkedItem) -> str:
        """The item's footnote markers; their definitions join the slide's footnotes."""
        if not item.citations:
            return ""
        base = footnote_label(item.item.id) or f"s{slide.number}-{item.number}"
        labels, body, footnotes = self.labels, self.footnote_body, self.footnotes
        out = ""
        for k, citation in enumerate(item.citations, 1):
            label = base if k == 1 else f"{base}-{k}"
            if label in labels:
                label = self.unique(label)
            else:  # what unique() does with a free label, without the call
                labels.add(label)
            footnotes.append(f"[^{label}]: {body(citation)}")
            # A comma keeps two markers apart: "¹²" would read as twelve.
            out += f", [^{label}]" if out.endswith(")") else f",[^{label}]" if out else f"[^{label}]"
            if citation.passage is None:
                out += " (unverified)"
        return out

    def unique(self, label: str) -> str:
        """``label``, or ``label-2``, ``label-3``... if already taken (case-insensitively)."""
        candidate, k = label, self.suffixes.get(label, 1)
        while candidate in self.labels:
            k += 1
            candidate = f"{label}-{k}"
        self.suffixes[label] = k
        self.labels.add(candidate)
        return candidate

    def source_name(self, citation: WalkedCitation) -> str:
        """The escaped name footnotes give a source (computed once per source)."""
        source_id = citation.citation.source_id
        name = self.names.get(source_id)
        if name is None:
            source = citation.source
            name = escape_inline(source.display_name if source else source_id or "unknown source")
            self.names[source_id] = name
        return name

    def footnote_body(self, citation: WalkedCitation) -> str:
        """The footnote text for one citation: the verbatim passage, or a warning."""
        name = self.names.get(citation.citation.source_id) or self.source_name(citation)
        if citation.passage is not None:
            passage = escape_flat(f"“{one_line(citation.passage)}”")
            where = f", ¶{citation.paragraph}" if citation.paragraph else ""
            if citation.paragraph and citation.end_paragraph and citation.end_paragraph != citation.paragraph:
                where += f"–{citation.end_paragraph}"  # the passage crosses a paragraph break
            return f"{passage} — {name}{where}."
        reason = _REASONS.get(citation.status, citation.status)
        quote = escape_flat(f"“{one_line(citation.citation.quote)}”")
        return f"⚠ unverified: {quote} — {name} ({escape_inline(reason)})."


def source_entries(deck: Deck) -> list[str]:
    """One list line per source: its name, publisher, date and link (a real link only for http/https)."""
    lines = []
    for source in deck.sources:
        details = [escape_flat(v) for v in map(one_line, (source.publisher, source.date)) if v]
        url = one_line(source.url)
        if url:
            target = escape_url(url)
            details.append(f"[{escape_flat(url)}]({target})" if target else escape_flat(url))
        name = escape_inline(source.display_name)
        lines.append(f"- {name}: {', '.join(details)}" if details else f"- {name}")
    return lines


# -- one body per slide kind ------------------------------------------------


def _points(md: _Markdown, slide: WalkedSlide) -> list[str]:
    """A bulleted list: the points of a title or points slide."""
    return [f"- {escape_inline(item.item.label)}{md.marks(slide, item)}" for item in slide.items]


def _figures(md: _Markdown, slide: WalkedSlide) -> list[str]:
    """A bulleted list of key numbers: the value in bold, then what it measures."""
    lines = []
    for item in slide.items:
        figure = item.item
        assert isinstance(figure, Figure)
        value = escape_inline(figure.value)
        text = f"**{value}**: {escape_inline(figure.measures)}" if value else escape_inline(figure.measures)
        lines.append(f"- {text}{md.marks(slide, item)}")
    return lines


def _reactions(md: _Markdown, slide: WalkedSlide) -> list[str]:
    """A table, one row per reaction; the reaction's own quote follows its summary."""
    lines = ["| Country | Actor | Stance | Summary |", "| --- | --- | --- | --- |"]
    for item in slide.items:
        reaction = item.item
        assert isinstance(reaction, Reaction)
        actor = escape_inline(reaction.actor)
        role = one_line(reaction.role)
        if role:
            actor += f" ({escape_flat(role)})"
        summary = escape_inline(reaction.summary) + md.refs(slide, item)
        quote = one_line(reaction.quote)
        speaker = one_line(reaction.speaker)
        # A quote that is also a citation's already shows in its footnote.
        if quote and (speaker or not any(c.quote == reaction.quote for c in reaction.citations)):
            summary += f" — {escape_flat(quoted(quote))}"
            if speaker:
                summary += f" ({escape_flat(speaker)})"
        summary += md.judgement(slide, item) + md.draft(item)
        cells = (
            escape_inline(reaction.country),
            actor,
            escape_inline(reaction.stance),
            summary,
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _gaps(md: _Markdown, slide: WalkedSlide) -> list[str]:
    """A bulleted list of what is not known, each with the passage that shows the gap."""
    return [f"- ? {escape_inline(item.item.label)}{md.marks(slide, item)}" for item in slide.items]


def _quotes(md: _Markdown, slide: WalkedSlide) -> list[str]:
    """A blockquote per quote, with who said it under it."""
    lines: list[str] = []
    for item in slide.items:
        quote = item.item
        assert isinstance(quote, Quote)
        if lines:
            lines.append("")
        lines.append(f"> {escape_flat(quoted(one_line(quote.text)))}{md.marks(slide, item)}")
        who = ", ".join(escape_flat(v) for v in map(one_line, (quote.speaker, quote.role)) if v)
        if who:
            lines += [">", f"> — {who}"]
    return lines


#: Lines of one slide's body, given the run (for footnotes and marks) and the slide.
SlideFormatter = Callable[[_Markdown, WalkedSlide], list[str]]

#: The body of each slide kind, under its heading and the deck header: a
#: new kind adds one entry (a test checks every kind of the model has one).
SLIDE_FORMATTERS: dict[str, SlideFormatter] = {
    "title": _points,
    "points": _points,
    "reactions": _reactions,
    "figures": _figures,
    "quotes": _quotes,
    "gaps": _gaps,
}


def _short(text: str, limit: int = 48) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:.") + "…"
