"""Write a drafted deck as YAML text: stable, commented, readable.

Written by hand rather than by a YAML library so the key order, the
comments and the quoting never change between runs: every string is
double-quoted (so ``NO``, ``12:30`` or ``2025-03-27`` stay strings).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.core.kinds import ITEMS_KEY


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


@dataclass
class Cite:
    """One citation: the exact words and, when the deck has several sources, which."""

    quote: str
    source: str = ""


@dataclass
class DraftItem:
    """An item as it will be written: ordered fields, its citations, a review comment."""

    fields: list[tuple[str, str]]
    cites: list[Cite]
    comment: str = ""
    draft: bool = True


@dataclass
class DraftSlide:
    """A slide as it will be written."""

    kind: str
    id: str
    title: str
    subtitle: str = ""
    items: list[DraftItem] = field(default_factory=list)
    comment: str = ""


@dataclass
class DraftSource:
    """A ``sources:`` entry."""

    id: str
    path: str
    title: str
    original: str
    sha256: str
    url: str = ""
    date: str = ""
    publisher: str = ""
    author: str = ""


def emit(title: str, subtitle: str, as_of: str, sources: list[DraftSource], slides: list[DraftSlide]) -> str:
    """The deck's YAML text."""
    many = len(sources) > 1
    lines = [
        "# Drafted by `briefing draft`: every item below is a proposal, anchored to an exact",
        "# passage of the source and marked `draft: true`. Review each one (cut, sharpen, fix",
        "# the speaker or stance), then delete its `draft: true`; `briefing check --strict`",
        "# fails while any draft remains.",
        "briefing: 1",
        f"title: {q(title)}",
    ]
    if subtitle:
        lines.append(f"subtitle: {q(subtitle)}")
    if as_of:
        lines.append(f"as_of: {q(as_of)}")
    lines += ["", "sources:"]
    for source in sources:
        lines.append(f"  - id: {q(source.id)}")
        lines.append(f"    path: {q(source.path)}")
        lines.append(f"    title: {q(source.title)}")
        for key in ("publisher", "date", "url"):
            value = getattr(source, key)
            if value:
                lines.append(f"    {key}: {q(value)}")
        lines.append(f"    original: {q(source.original)}  # the file the snapshot was extracted from")
        lines.append(f"    sha256: {q(source.sha256)}  # of the snapshot")
        if source.author:
            lines.append(f"    # author: {_comment(source.author)}")
    lines += ["", "slides:"]
    for number, slide in enumerate(slides, 1):
        lines.append(f"  # {'-' * 66} {number}")
        if slide.comment:
            lines += [f"  # {_comment(part)}" for part in slide.comment.split("\n")]
        lines.append(f"  - kind: {slide.kind}")
        lines.append(f"    id: {q(slide.id)}")
        lines.append(f"    title: {q(slide.title)}")
        if slide.subtitle:
            lines.append(f"    subtitle: {q(slide.subtitle)}")
        if slide.items:
            lines.append(f"    {ITEMS_KEY[slide.kind]}:")
        for item in slide.items:
            if item.comment:
                lines.append(f"      # {_comment(item.comment)}")
            first = True
            for key, value in item.fields:
                lines.append(f"      {'- ' if first else '  '}{key}: {q(value)}")
                first = False
            if item.draft:
                lines.append("        draft: true")
            lines.append("        cite:")
            for cite in item.cites:
                if many:
                    lines.append(f"          - quote: {q(cite.quote)}")
                    lines.append(f"            source: {q(cite.source)}")
                else:
                    lines.append(f"          - {q(cite.quote)}")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    return " ".join(text.split())
