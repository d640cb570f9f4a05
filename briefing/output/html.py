"""Export a deck to one self-contained HTML hand-out.

One file that opens offline, on a phone as on a projector: the slides as
``<section>`` elements (a document to scroll; the one inline script adds a
slide mode with the arrow keys), every citation a numbered link to its
passage, marked inside the full source text shipped in the same file, and
each passage linking back to the points that cite it. Verification shows as
in the viewer: ✓ verified, ✗ unverified with the reason, ◆ judgement.

A formatter over :mod:`briefing.output.walk`. Deck and source text are
data: cleaned of terminal controls and bidi overrides, then escaped; no id,
class or URL is built from it (a source's ``url`` becomes a link only when
it is plain ``http(s)``). A Content-Security-Policy allows nothing but the
one stylesheet and the one script, by hash. The output depends only on the
deck and its sources.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from briefing.core.gcpause import collector_paused
from briefing.core.model import Deck, Figure, Quote, Reaction, Source
from briefing.core.sourcetext import paragraph_label
from briefing.core.textsafe import clean
from briefing.core.verify import Verifier
from briefing.output.html_sources import Passage, source_html, text_html
from briefing.output.walk import WalkedCitation, WalkedItem, WalkedSlide, walk

__all__ = ["export_html", "render_html"]

_REASONS = {
    "not_found": "not found in the source",
    "ambiguous": "found more than once in the source",
    "unchecked": "the source could not be read",
}
_PLAIN_URL = re.compile(r"https?://[^\s\"'<>\\`]+", re.IGNORECASE)


@cache
def asset(name: str) -> str:
    """A stylesheet or script shipped next to this module."""
    return files("briefing.output").joinpath(name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline ``text``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def export_html(deck: Deck, verifier: Verifier, notes: bool = False) -> str:
    """Render ``deck`` as one self-contained HTML file.

    Args:
        deck: a loaded deck.
        verifier: the deck's verifier; its results decide each citation's
            mark and passage.
        notes: show each slide's speaker notes (left out by default).

    Returns:
        The whole document, ending with a newline.
    """
    return render_html(deck, verifier, notes=notes)


def render_html(deck: Deck, verifier: Verifier, *, notes: bool = False, printed: bool = False) -> str:
    """:func:`export_html`, or with ``printed`` the variant a PDF is made from.

    The printed variant has no script and, instead of the full sources, an
    appendix listing each cited passage with its source and ¶.
    """
    with collector_paused():  # the walk and the text are acyclic (see gcpause)
        slides = list(walk(deck, verifier, notes=notes))
        return _Handout(deck, verifier, printed).render(slides)


@dataclass
class _Note:
    """What one citation number stands for: a passage of a source, or an unverified citation."""

    number: int
    citation: WalkedCitation
    refs: list[tuple[str, str]] = field(default_factory=list)  # (ref id, "slide 3")


class _Handout:
    """One export run: the note numbers given so far and the items' anchors."""

    def __init__(self, deck: Deck, verifier: Verifier, printed: bool) -> None:
        self.deck = deck
        self.verifier = verifier
        self.printed = printed
        self.source_index = {source.id: k for k, source in enumerate(deck.sources, 1)}
        self.notes: list[_Note] = []
        self.by_place: dict[tuple[str, int, int], _Note] = {}
        self.passages: dict[str, list[Passage]] = {}
        self.refs = 0
        self.verified = 0
        self.anchors = {
            item.id: (n, k)
            for n, slide in enumerate(deck.slides, 1)
            for k, item in enumerate(slide.items, 1)
            if item.id
        }

    # -- the whole file -------------------------------------------------
    def render(self, slides: list[WalkedSlide]) -> str:
        body = [self.slide(slide, len(slides)) for slide in slides]
        css = asset("handout.css")
        script = "" if self.printed else asset("handout.js")
        policy = f"default-src 'none'; style-src {csp_hash(css)}; base-uri 'none'; form-action 'none'"
        if script:
            policy += f"; script-src {csp_hash(script)}"
        total = self.refs
        trust = "ok" if self.verified == total else "bad"
        title = text_html(_one_line(self.deck.title)) or "Briefing"
        head = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            f'<header class="top"><h1>{title}</h1><span class="trust {trust}">'
            f"{self.verified}/{total} {'✓' if trust == 'ok' else '✗'}</span></header>",
            "<main>",
        ]
        tail = ["</main>", self.appendix() if self.printed else self.sources()]
        if script:
            tail.append(f"<script>{script}</script>")
        tail += ["</body>", "</html>", ""]
        return "\n".join(head + body + tail)

    def slide(self, slide: WalkedSlide, count: int) -> str:
        number = slide.number
        parts = [
            f'<section class="slide kind-{_kind(slide.kind)}{_density(slide)}" id="slide-{number}"'
            f' aria-label="Slide {number}">',
            f'<p class="num">{number} / {count}</p>',
            f"<h2>{text_html(slide.slide.title)}</h2>",
        ]
        subtitle = _one_line(slide.slide.subtitle)
        if subtitle:
            parts.append(f'<p class="sub">{text_html(subtitle)}</p>')
        if number == 1:
            parts += self.deck_header()
        if slide.items:
            formatter = SLIDE_BODIES[slide.kind]
            parts.append(formatter(self, slide))
        if slide.notes.strip():
            parts.append(
                f'<aside class="notes"><h3>Speaker notes</h3>{text_html(slide.notes.strip())}</aside>'
            )
        parts.append("</section>")
        return "\n".join(parts)

    def deck_header(self) -> list[str]:
        deck = self.deck
        lines = []
        subtitle = _one_line(deck.subtitle)
        if subtitle:
            lines.append(f'<p class="deckhead sub">{text_html(subtitle)}</p>')
        facts = []
        if _one_line(deck.as_of):
            facts.append(f"As of {text_html(_one_line(deck.as_of))}.")
        authors = [text_html(a) for a in map(_one_line, deck.authors) if a]
        if authors:
            facts.append(f"Authors: {', '.join(authors)}.")
        if facts:
            lines.append(f'<p class="deckhead">{" ".join(facts)}</p>')
        if deck.sources:
            if self.printed:  # no full sources to link to: name each with its details
                names = [
                    f"{text_html(_one_line(source.display_name))} ({self.source_meta(source)})"
                    if self.source_meta(source)
                    else text_html(_one_line(source.display_name))
                    for source in deck.sources
                ]
            else:
                names = [
                    f'<a href="#src{k}">{text_html(_one_line(source.display_name))}</a>'
                    for k, source in enumerate(deck.sources, 1)
                ]
            lines.append(f'<p class="deckhead">Sources: {"; ".join(names)}.</p>')
        return lines

    # -- what every kind's items share -----------------------------------
    def marks(self, slide: WalkedSlide, item: WalkedItem) -> str:
        """What follows an item's text: its citation links, its judgement and draft marks."""
        out = self.cites(slide, item)
        if item.item.judgement:
            out += self.judgement(slide, item)
        if item.item.draft:
            out += ' <span class="draft">(draft, not yet reviewed)</span>'
        return out

    def cites(self, slide: WalkedSlide, item: WalkedItem) -> str:
        if not item.citations:
            return ""
        links, reasons = [], []
        for citation in item.citations:
            note = self.note(citation)
            self.refs += 1
            ref = f"r{self.refs}"
            note.refs.append((ref, f"slide {slide.number}"))
            source = citation.source.display_name if citation.source else citation.citation.source_id
            if citation.verified:
                self.verified += 1
                where = paragraph_label(citation.paragraph, citation.end_paragraph)
                tip = text_html(_one_line(f"✓ verified: {source} {where}"))
                links.append(
                    f'<a class="cite ok" id="{ref}" href="#n{note.number}" title="{tip}">✓{note.number}</a>'
                )
            else:
                reason = _REASONS.get(citation.status, citation.status)
                tip = text_html(_one_line(f"✗ unverified: {reason}"))
                links.append(
                    f'<a class="cite bad" id="{ref}" href="#n{note.number}" title="{tip}">✗{note.number}</a>'
                )
                reasons.append(f'<span class="reason">✗ unverified: {text_html(reason)}</span>')
        return f' <span class="cites">{" ".join(links)}</span>' + "".join(" " + r for r in reasons)

    def note(self, citation: WalkedCitation) -> _Note:
        """The note a citation links to: its passage's (shared by every citation of it), or its own."""
        result = self.verifier.result(citation.citation) if citation.verified else None
        if result is not None and result.start is not None and result.end is not None:
            place = (citation.citation.source_id, result.start, result.end)
            note = self.by_place.get(place)
            if note is None:
                note = self.by_place[place] = _Note(len(self.notes) + 1, citation)
                self.notes.append(note)
                self.passages.setdefault(place[0], []).append(Passage(result.start, result.end, note.number))
            return note
        note = _Note(len(self.notes) + 1, citation)
        self.notes.append(note)
        return note

    def judgement(self, slide: WalkedSlide, item: WalkedItem) -> str:
        grounds = []
        for ground in item.grounds:
            target = ground.item
            name = f"“{_short(_one_line(target.label))}”" if target is not None else _one_line(ground.item_id)
            if ground.slide and ground.slide != slide.number:
                name += f" (slide {ground.slide})"
            place = self.anchors.get(ground.item_id)
            if place is not None and target is not None:
                grounds.append(f'<a href="#i{place[0]}-{place[1]}">{text_html(name)}</a>')
            else:
                grounds.append(text_html(name))
        rest = f", resting on {', '.join(grounds)}" if grounds else ""
        return f' <span class="judgement">◆ the author’s judgement{rest}</span>' + self.chips(item)

    def chips(self, item: WalkedItem) -> str:
        """A judgement's confidence and likelihood (with its band), each a chip of its own."""
        out = ""
        if item.item.confidence:
            out += f' <span class="chip">confidence: {text_html(_one_line(item.item.confidence))}</span>'
        if item.item.likelihood:
            from briefing.core.tradecraft import band_for

            band = band_for(self.deck.scale, item.item.likelihood)
            text = item.item.likelihood + (f", {band.band}" if band else "")
            out += f' <span class="chip">likelihood: {text_html(_one_line(text))}</span>'
        return out

    # -- the sources, whole, with the passages marked --------------------
    def backs(self, number: int) -> str:
        note = self.notes[number - 1]
        links = "".join(f'<a href="#{ref}">↩ {where}</a>' for ref, where in note.refs)
        return f'<span class="backs">[{number}]{links}</span>'

    def sources(self) -> str:
        parts = ['<section id="sources">', "<h2>Sources</h2>"]
        unverified = [note for note in self.notes if not note.citation.verified]
        if unverified:
            parts += ["<h3>Unverified citations</h3>", '<ol class="unverified">']
            for note in unverified:
                parts.append(self.unverified(note))
            parts.append("</ol>")
        for k, source in enumerate(self.deck.sources, 1):
            parts.append(f'<article class="source" id="src{k}">')
            parts.append(f"<h3>{text_html(_one_line(source.display_name))}</h3>")
            parts.append(f'<p class="meta">{self.source_meta(source)}</p>')
            text = self.verifier.source_text(source.id)
            if text is None:
                parts.append('<p class="reason">✗ The source could not be read.</p>')
            else:
                body = source_html(text, f"src{k}", self.passages.get(source.id, ()), self.backs)
                parts.append(f'<div class="text">{body}</div>')
            parts.append("</article>")
        parts.append("</section>")
        return "\n".join(parts)

    def unverified(self, note: _Note) -> str:
        citation = note.citation
        source = citation.source.display_name if citation.source else citation.citation.source_id
        reason = citation.message or _REASONS.get(citation.status, citation.status)
        backs = "".join(f' <a href="#{ref}">↩ {where}</a>' for ref, where in note.refs)
        return (
            f'<li id="n{note.number}" value="{note.number}">'
            f"✗ “{text_html(_one_line(citation.citation.quote))}”"
            f' — {text_html(_one_line(source))}. <span class="reason">{text_html(_one_line(reason))}</span>'
            f"{backs}</li>"
        )

    @staticmethod
    def source_meta(source: Source) -> str:
        details = [text_html(v) for v in map(_one_line, (source.publisher, source.date)) if v]
        url = _one_line(source.url)
        if url:
            if _PLAIN_URL.fullmatch(url):
                details.append(f'<a href="{text_html(url)}" rel="noopener noreferrer">{text_html(url)}</a>')
            else:
                details.append(text_html(url))
        return ", ".join(details)

    # -- the printed variant: the cited passages, not the whole sources --
    def appendix(self) -> str:
        parts = ['<section id="sources">', "<h2>Cited passages</h2>", '<ol class="passages">']
        for note in self.notes:
            citation = note.citation
            source = citation.source.display_name if citation.source else citation.citation.source_id
            cited_on = ", ".join(where for _, where in note.refs)
            if citation.verified and citation.passage is not None:
                where = paragraph_label(citation.paragraph, citation.end_paragraph)
                parts.append(
                    f'<li id="n{note.number}" value="{note.number}">'
                    f"✓ “{text_html(_one_line(citation.passage))}”"
                    f" — {text_html(_one_line(source))}, {where}. <small>Cited on {cited_on}.</small></li>"
                )
            else:
                parts.append(self.unverified(note))
        parts += ["</ol>", "</section>"]
        return "\n".join(parts)


# -- one body per slide kind ------------------------------------------------


def _li(slide: WalkedSlide, item: WalkedItem, html: str) -> str:
    return f'<li id="i{slide.number}-{item.number}">{html}</li>'


def _points(out: _Handout, slide: WalkedSlide) -> str:
    rows = [_li(slide, item, text_html(item.item.label) + out.marks(slide, item)) for item in slide.items]
    return '<ul class="items">' + "".join(rows) + "</ul>"


def _figures(out: _Handout, slide: WalkedSlide) -> str:
    rows = []
    for item in slide.items:
        figure = item.item
        assert isinstance(figure, Figure)
        value = text_html(figure.value)
        text = f"<strong>{value}</strong>: " if value else ""
        rows.append(_li(slide, item, text + text_html(figure.measures) + out.marks(slide, item)))
    return '<ul class="items figures">' + "".join(rows) + "</ul>"


def _reactions(out: _Handout, slide: WalkedSlide) -> str:
    rows = ["<tr><th>Country</th><th>Actor</th><th>Stance</th><th>Summary</th></tr>"]
    for item in slide.items:
        reaction = item.item
        assert isinstance(reaction, Reaction)
        actor = text_html(reaction.actor)
        if _one_line(reaction.role):
            actor += f" ({text_html(_one_line(reaction.role))})"
        summary = text_html(reaction.summary)
        quote = _one_line(reaction.quote)
        if quote and (reaction.speaker or not any(c.quote == reaction.quote for c in reaction.citations)):
            summary += f" — “{text_html(quote)}”"
            if _one_line(reaction.speaker):
                summary += f" ({text_html(_one_line(reaction.speaker))})"
        cells = (
            text_html(reaction.country),
            actor,
            text_html(reaction.stance),
            summary + out.marks(slide, item),
        )
        rows.append(
            f'<tr id="i{slide.number}-{item.number}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    return '<div class="tablewrap"><table>' + "".join(rows) + "</table></div>"


def _quotes(out: _Handout, slide: WalkedSlide) -> str:
    parts = []
    for item in slide.items:
        quote = item.item
        assert isinstance(quote, Quote)
        who = ", ".join(text_html(v) for v in map(_one_line, (quote.speaker, quote.role)) if v)
        footer = f'<footer class="who">— {who}</footer>' if who else ""
        parts.append(
            f'<blockquote id="i{slide.number}-{item.number}"><p>“{text_html(quote.text)}”'
            f"{out.marks(slide, item)}</p>{footer}</blockquote>"
        )
    return "".join(parts)


def _gaps(out: _Handout, slide: WalkedSlide) -> str:
    """What is not known: a list marked "?", each with the passage that shows the gap."""
    rows = [
        _li(slide, item, '<span class="gap">?</span> ' + text_html(item.item.label) + out.marks(slide, item))
        for item in slide.items
    ]
    return '<ul class="items gaps">' + "".join(rows) + "</ul>"


#: The body of each slide kind: a new kind adds one entry (tests/test_kinds.py
#: checks every kind of the registry has one, and no other).
SLIDE_BODIES = {
    "title": _points,
    "points": _points,
    "reactions": _reactions,
    "figures": _figures,
    "quotes": _quotes,
    "gaps": _gaps,
}


#: Lines a printed page holds at the slide's font size (12pt), and the
#: smaller sizes (see the print rules of handout.css) for slides that need more.
_PAGE_LINES = ((22, ""), (30, " long"), (38, " longer"))


def _density(slide: WalkedSlide) -> str:
    """The class that shrinks a long slide's print so it keeps to its page (a rough line count)."""
    wide = 55 if slide.kind == "reactions" else 105  # characters per line: the summary cell, or a list
    gap = {"quotes": 2.0, "reactions": 0.4}.get(slide.kind, 0.3)  # a quote: who said it, and a gap
    lines = 2.0 + bool(slide.slide.subtitle) + (slide.number == 1) * 3
    for item in slide.items:
        reaction = item.item
        size = 6 * len(item.citations) + 40 * item.item.judgement
        if isinstance(reaction, Reaction):
            size += len(reaction.summary) + len(reaction.quote) + len(reaction.speaker)
        else:
            size += len(reaction.label)
        lines += -(-size // wide) + gap
    lines += -(-len(slide.notes) // 105) + 1 if slide.notes else 0
    return next((cls for most, cls in _PAGE_LINES if lines <= most), " longest")


def _kind(kind: str) -> str:
    """The slide kind as a class name (a kind the model does not know becomes ``other``)."""
    return kind if kind in SLIDE_BODIES else "other"


def _one_line(text: str) -> str:
    """``text`` cleaned, its white space collapsed to single spaces."""
    return " ".join(clean(text).split())


def _short(text: str, limit: int = 48) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:.") + "…"
