"""Export a deck to one Markdown file that is both a document and a deck.

The file opens with YAML front matter (``marp: true``), so Marp and Slidev
show it as slides; GitHub and any CommonMark reader show it as a document.
Each deck slide becomes one ``## ``-headed section, separated by a
thematic break with blank lines around it (``text`` directly above ``---``
would turn into a setext heading). Every cited item carries a footnote
whose text starts with the verbatim passage of the source, so the printed
file keeps the deck's promise: each claim shows the words that back it.

Deck text is data, never Markdown: everything a deck author wrote is
stripped of terminal control characters and escaped, so ``*``, ``|``,
``<script>``, ``[^1]`` or a leading ``#`` come out as literal characters
and can never add a heading, a table column, a footnote or raw HTML.

This module is pure (no Textual, no I/O) and linear in the size of the
deck: it never rescans the deck per slide.
"""

from __future__ import annotations

import json
import re
from itertools import groupby
from typing import Protocol

from briefing.core.model import Citation, Deck, Figure, Item, Quote, Reaction, Slide, Source
from briefing.core.textsafe import clean

__all__ = ["escape_inline", "export_markdown", "footnote_label", "notes_comment"]

#: Runs of white space and line breaks collapse to one space (before
#: :func:`clean`, so a vertical tab or U+2028 becomes a space, not nothing).
#: A lone plain space never matches, which keeps the common case cheap.
_WS = "\t\r\n\f\v\x1c-\x1f\x85\u2028\u2029"
_SPACES = re.compile(f" [ {_WS}]+|[{_WS}][ {_WS}]*")
#: ASCII punctuation CommonMark (or Marp's math, GFM's strikethrough, pandoc's
#: superscript and ``^[inline footnotes]``) treats specially anywhere in a
#: line; each gets a backslash. (``<`` becomes ``&lt;`` so no HTML can start.)
_SPECIAL = re.compile(r"[\\`*_\[\]#|~$^]")
#: ``&`` that would start an entity reference (``&amp;``, ``&#123;``).
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: What would open a block when it starts a line or a container: a list
#: bullet, a blockquote, a setext underline, an ordered-list number.
_BLOCK_START = re.compile(r"[-+>=]|[0-9]{1,9}[.)]")
#: Footnote labels keep only these characters (lowercased: some renderers
#: compare labels case-insensitively).
_LABEL_JUNK = re.compile(r"[^a-z0-9-]+")
#: Two or more hyphens would end an HTML comment (and a lone ``--`` is a
#: slide break in Obsidian); notes get a look-alike hyphen instead.
_DASHES = re.compile(r"-{2,}")
#: Characters a YAML double-quoted scalar must escape beyond what JSON does
#: (line separators, BOM, non-characters PyYAML refuses).
_YAML_UNSAFE = re.compile("[\u0085\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")

_REASONS = {
    "not_found": "not found in the source",
    "ambiguous": "found more than once in the source; not pinned to one place",
    "unchecked": "the source could not be read",
}


class _Result(Protocol):
    status: str
    start: int | None
    end: int | None
    paragraph: int | None


class _SourceText(Protocol):
    text: str


class VerifierLike(Protocol):
    """What the exporter needs from :class:`briefing.core.verify.Verifier`."""

    def result(self, citation: Citation) -> _Result: ...  # pragma: no cover

    def source_text(self, source_id: str) -> _SourceText | None: ...  # pragma: no cover


def one_line(text: str) -> str:
    """Clean ``text`` and collapse its whitespace (line breaks included) to single spaces.

    Args:
        text: any deck or source text.

    Returns:
        The text on one line, without control characters or outer spaces.
    """
    # Printable text holds no control character (so clean() would keep it
    # as it is) and no white space but the plain space (so without two
    # spaces in a row there is nothing to collapse): most deck text.
    if text.isprintable():
        if "  " not in text:
            return text.strip()
    elif "\n" in text:
        # The same with line breaks (source passages are hard-wrapped): if
        # no two spaces or breaks touch, each break becomes one space.
        flat = text.replace("\n", " ")
        if flat.isprintable() and "  " not in flat:
            return flat.strip()
    # Collapse before cleaning (a vertical tab becomes a space, not nothing)
    # and after (removing a control character can leave two spaces side by
    # side), so that one_line(one_line(x)) == one_line(x).
    collapsed = _SPACES.sub(" ", text)
    cleaned = clean(collapsed)
    if cleaned is not collapsed:  # clean() returns its argument when nothing is removed
        cleaned = _SPACES.sub(" ", cleaned)
    return cleaned.strip()


def escape_inline(text: str) -> str:
    """Make deck text literal Markdown on a single line.

    The result is safe at the start of a line or of any container (list
    item, blockquote, table cell, heading, emphasis): it can add no
    structure, only characters.

    Args:
        text: raw deck text.

    Returns:
        Escaped Markdown that renders as exactly ``one_line(text)``.
    """
    return _escape_flat(one_line(text))


def _backslash(match: re.Match[str]) -> str:
    # A function, not the template r"\\\g<0>": re expands a template in
    # Python for every match, after parsing it on every call.
    return "\\" + match[0]


def _escape_flat(flat: str) -> str:
    """:func:`escape_inline` for text already passed through :func:`one_line`."""
    out = _SPECIAL.sub(_backslash, flat)
    if "&" in out:
        out = _ENTITY.sub("&amp;", out)
    if "<" in out:
        out = out.replace("<", "&lt;")
    start = _BLOCK_START.match(out)
    if start:
        at = start.end() - 1  # escape the last character: `-`, `>`, `1.`'s dot
        out = f"{out[:at]}\\{out[at:]}"
    if out.endswith("!"):  # `![^x]` would start an image in some renderers
        out = out[:-1] + "\\!"
    return out


def yaml_string(text: str) -> str:
    """Quote ``text`` as a YAML double-quoted scalar (JSON syntax, valid YAML)."""
    quoted = json.dumps(clean(text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def footnote_label(raw: str) -> str:
    """Reduce an item id to the characters a footnote label may use.

    Args:
        raw: an item id such as ``obj.Deterrence_1``.

    Returns:
        Lowercase ``[a-z0-9-]`` text, possibly empty.
    """
    return _LABEL_JUNK.sub("-", raw.lower()).strip("-")


def notes_comment(notes: str) -> str:
    """Wrap speaker notes in an HTML comment their text cannot close.

    The comment opens with a fixed line that is neither a Marp directive
    nor a YAML key, so Marp shows the whole comment as presenter notes and
    never reads a note like ``theme: x`` as a directive.

    Args:
        notes: the slide's notes, any text.

    Returns:
        ``<!-- Speaker notes. ... -->`` on lines of its own, or ``""`` when
        the notes are blank.
    """
    body = _DASHES.sub(lambda m: "\u2010" * len(m.group()), clean(notes))
    lines = [line.rstrip() for line in body.replace("\r", "").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    return "\n".join(["<!-- Speaker notes.", *lines, "-->"])


def _quoted(text: str) -> str:
    """``text`` in curly quotes, unless it already opens with a quotation mark."""
    return text if text and text[0] in "“\"‘'«„" else f"“{text}”"


class _Exporter:
    """One export run: holds the footnote labels used so far and lookups built once."""

    def __init__(self, deck: Deck, verifier: VerifierLike, notes: bool) -> None:
        self.deck = deck
        self.verifier = verifier
        self.notes = notes
        self.sources: dict[str, Source] = {s.id: s for s in deck.sources}
        self.texts: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        self.labels: set[str] = set()
        self.suffixes: dict[str, int] = {}
        self.slide_of: dict[str, int] = {
            item.id: number for number, slide in enumerate(deck.slides, 1) for item in slide.items if item.id
        }

    # -- the whole file -------------------------------------------------
    def render(self) -> str:
        front = ["---", "marp: true", f"title: {yaml_string(self.deck.title)}", "---", ""]
        slides = [self.slide(number, slide) for number, slide in enumerate(self.deck.slides, 1)]
        return "\n".join(front) + "\n" + "\n\n---\n\n".join(slides) + "\n"

    def slide(self, number: int, slide: Slide) -> str:
        lines = [f"## {escape_inline(slide.title)}".rstrip()]
        footnotes: list[str] = []
        subtitle = one_line(slide.subtitle)
        if subtitle:
            lines += ["", f"*{_escape_flat(subtitle)}*"]
        if number == 1:
            lines += self.deck_header()
        for kind, run in groupby(enumerate(slide.items, 1), key=lambda pair: type(pair[1])):
            items = list(run)
            lines.append("")
            if kind is Reaction:
                lines += self.table(number, items, footnotes)
            elif kind is Quote:
                lines += self.quotes(number, items, footnotes)
            else:
                lines += [f"- {self.item_line(number, n, item, footnotes)}" for n, item in items]
        if number == 1:
            lines += self.sources_list()
        for footnote in footnotes:
            lines += ["", footnote]
        if self.notes:
            comment = notes_comment(slide.notes)
            if comment:
                lines += ["", comment]
        return "\n".join(lines)

    # -- deck metadata (first slide) ------------------------------------
    def deck_header(self) -> list[str]:
        deck = self.deck
        title, subtitle, as_of = one_line(deck.title), one_line(deck.subtitle), one_line(deck.as_of)
        lines = []
        if title:
            lines += ["", f"**{_escape_flat(title)}**"]
        if subtitle:
            lines += ["", f"*{_escape_flat(subtitle)}*"]
        facts = []
        if as_of:
            facts.append(f"As of {_escape_flat(as_of)}.")
        authors = [_escape_flat(a) for a in map(one_line, deck.authors) if a]
        if authors:
            facts.append(f"Authors: {', '.join(authors)}.")
        if facts:
            lines += ["", " ".join(facts)]
        return lines

    def sources_list(self) -> list[str]:
        if not self.deck.sources:
            return []
        lines = ["", "Sources:", ""]
        for source in self.deck.sources:
            details = [
                _escape_flat(v) for v in map(one_line, (source.publisher, source.date, source.url)) if v
            ]
            name = escape_inline(source.display_name)
            lines.append(f"- {name}: {', '.join(details)}" if details else f"- {name}")
        return lines

    # -- items ----------------------------------------------------------
    def item_line(self, slide_no: int, item_no: int, item: Item, footnotes: list[str]) -> str:
        if isinstance(item, Figure):
            value = escape_inline(item.value)
            text = f"**{value}**: {escape_inline(item.measures)}" if value else escape_inline(item.measures)
        else:
            text = escape_inline(item.label)
        return text + self.refs(slide_no, item_no, item, footnotes) + self.judgement(item, slide_no)

    def table(self, slide_no: int, items: list[tuple[int, Item]], footnotes: list[str]) -> list[str]:
        lines = ["| Country | Actor | Stance | Summary |", "| --- | --- | --- | --- |"]
        for n, reaction in items:
            assert isinstance(reaction, Reaction)
            actor = escape_inline(reaction.actor)
            role = one_line(reaction.role)
            if role:
                actor += f" ({_escape_flat(role)})"
            summary = escape_inline(reaction.summary) + self.refs(slide_no, n, reaction, footnotes)
            quote = one_line(reaction.quote)
            speaker = one_line(reaction.speaker)
            if quote and (speaker or not any(c.quote == reaction.quote for c in reaction.citations)):
                summary += f" — {_escape_flat(_quoted(quote))}"
                if speaker:
                    summary += f" ({_escape_flat(speaker)})"
            summary += self.judgement(reaction, slide_no)
            cells = (escape_inline(reaction.country), actor, escape_inline(reaction.stance), summary)
            lines.append("| " + " | ".join(cells) + " |")
        return lines

    def quotes(self, slide_no: int, items: list[tuple[int, Item]], footnotes: list[str]) -> list[str]:
        lines: list[str] = []
        for n, quote in items:
            assert isinstance(quote, Quote)
            if lines:
                lines.append("")
            body = _escape_flat(_quoted(one_line(quote.text))) + self.refs(slide_no, n, quote, footnotes)
            lines.append(f"> {body}{self.judgement(quote, slide_no)}")
            who = ", ".join(_escape_flat(v) for v in map(one_line, (quote.speaker, quote.role)) if v)
            if who:
                lines += [">", f"> — {who}"]
        return lines

    def judgement(self, item: Item, slide_no: int) -> str:
        """The mark of a judgement item: whose reading it is and what it rests on."""
        if not item.judgement:
            return " *(draft, not yet reviewed)*" if item.draft else ""  # `briefing draft` output
        grounds = []
        for item_id, target in self.deck.grounds(item):
            name = f"“{_short(one_line(target.label))}”" if target is not None else one_line(item_id)
            where = self.slide_of.get(item_id)
            if where and where != slide_no:
                name += f" (slide {where})"
            grounds.append(_escape_flat(name))
        if not grounds:
            return " *(the author’s judgement)*"
        return f" *(the author’s judgement, resting on {', '.join(grounds)})*"

    # -- footnotes ------------------------------------------------------
    def refs(self, slide_no: int, item_no: int, item: Item, footnotes: list[str]) -> str:
        if not item.citations:
            return ""
        base = footnote_label(item.id) or f"s{slide_no}-{item_no}"
        out = ""
        for k, citation in enumerate(item.citations, 1):
            label = self.unique(base if k == 1 else f"{base}-{k}")
            body, verified = self.footnote_body(citation)
            footnotes.append(f"[^{label}]: {body}")
            out += f" [^{label}]" if out.endswith(")") else f"[^{label}]"
            if not verified:
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

    def source_name(self, source_id: str) -> str:
        """The escaped name footnotes give a source (computed once per source)."""
        name = self.names.get(source_id)
        if name is None:
            source = self.sources.get(source_id)
            name = escape_inline(source.display_name if source else source_id or "unknown source")
            self.names[source_id] = name
        return name

    def source_text(self, source_id: str) -> str | None:
        if source_id not in self.texts:
            found = self.verifier.source_text(source_id)
            self.texts[source_id] = found.text if found is not None else None
        return self.texts[source_id]

    def footnote_body(self, citation: Citation) -> tuple[str, bool]:
        """The footnote text for one citation and whether it was verified."""
        result = self.verifier.result(citation)
        name = self.source_name(citation.source_id)
        text = self.source_text(citation.source_id)
        if (
            result.status == "verified"
            and text is not None
            and result.start is not None
            and result.end is not None
        ):
            passage = _escape_flat(f"“{one_line(text[result.start : result.end])}”")
            where = f", ¶{result.paragraph}" if result.paragraph else ""
            return f"{passage} — {name}{where}.", True
        reason = _REASONS.get(result.status, result.status)
        quote = _escape_flat(f"“{one_line(citation.quote)}”")
        return f"⚠ unverified: {quote} — {name} ({escape_inline(reason)}).", False


def _short(text: str, limit: int = 48) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def export_markdown(deck: Deck, verifier: VerifierLike, notes: bool = True) -> str:
    """Render ``deck`` as Marp-ready Markdown with a footnote per citation.

    Args:
        deck: a loaded deck.
        verifier: a :class:`briefing.core.verify.Verifier` for the deck; its
            results decide each footnote's text (the verbatim passage, or
            an ``⚠ unverified`` mark with the quote as written).
        notes: include each slide's speaker notes as an HTML comment.

    Returns:
        The whole file, ending with a newline.
    """
    # Verify every citation up front, source by source, when the verifier
    # can (about twice as fast as one at a time in slide order).
    prefetch = getattr(verifier, "prefetch", None)
    if prefetch is not None:
        prefetch(deck.citations)
    return _Exporter(deck, verifier, notes).render()
