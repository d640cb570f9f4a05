"""The Markdown export keeps its structure and its promise about sources.

The export is read back with markdown-it (CommonMark, front matter,
footnotes, tables), the way Marp and Slidev read it, and checked for what
a reader relies on: one ``## `` heading per deck slide, every footnote
defined on the slide that cites it, every footnote's quote present in the
source, unverified citations visibly marked, and deck text, however
hostile, printed as text rather than taken as Markdown or HTML.

Regenerate the golden file after an intended change of the export with::

    BRIEFING_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py -k golden

and read the diff before committing it.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck, Figure, Point, Quote, Reaction, Slide, Source
from briefing.core.order import item_order
from briefing.core.textsafe import clean
from briefing.core.verify import Verifier, normalize
from briefing.output.escape import INVISIBLE
from briefing.output.markdown import escape_inline, export_markdown, footnote_label, notes_comment, one_line

ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "decks" / "reassurance-force.yaml"
GOLDEN = ROOT / "tests" / "golden" / "reassurance-force.md"
DATA = ROOT / "tests" / "data" / "export"
HOSTILE = DATA / "hostile.yaml"
HOSTILE_SOURCE = DATA / "hostile-source.txt"
SEED = ROOT / "seeds" / "paris-summit-reassurance-force.txt"

MD = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).enable("table")


# -- reading an export back ------------------------------------------------


@dataclass
class Parsed:
    """What a Markdown reader sees in an export, slide by slide."""

    front: dict
    slides: int
    headings: list[str] = field(default_factory=list)
    #: per slide: the emphasised line right under the heading, if any
    subtitles: dict[int, str] = field(default_factory=dict)
    #: per slide: the text of each list item before its first footnote reference
    items: dict[int, list[str]] = field(default_factory=dict)
    #: per slide: each table row as its cells' texts
    rows: dict[int, list[list[str]]] = field(default_factory=dict)
    #: per slide: each blockquote's first paragraph, before references
    quotes: dict[int, list[str]] = field(default_factory=dict)
    refs: list[tuple[str, int]] = field(default_factory=list)
    #: label -> (slide, footnote text)
    defs: dict[str, tuple[int, str]] = field(default_factory=dict)
    html: list[Token] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def visible(text: str) -> str:
    """``text`` without the invisible characters escaping may add (isolates, word joiner)."""
    return text.translate({ord(c): None for c in INVISIBLE})


def shown(text: str) -> str:
    """What a reader sees of deck text: one line, without invisible characters."""
    return visible(one_line(text))


def _text(children: list[Token] | None, stop_at_ref: bool = True) -> str:
    out = []
    for child in children or []:
        if stop_at_ref and child.type in ("footnote_ref", "em_open"):
            break
        if child.type in ("text", "text_special"):
            out.append(child.content)
    return visible("".join(out)).rstrip()


def analyse(markdown: str) -> Parsed:
    """Parse ``markdown`` and assert the invariants every export must hold."""
    env: dict = {}
    tokens = MD.parse(markdown, env)
    assert tokens and tokens[0].type == "front_matter", "the file must open with front matter"
    front = yaml.safe_load(tokens[0].content)
    assert isinstance(front, dict) and front.get("marp") is True
    hr_lines = [t.map[0] for t in tokens if t.type == "hr" and t.level == 0 and t.map]
    parsed = Parsed(front=front, slides=len(hr_lines) + 1)

    def slide_at(line: int) -> int:
        return bisect.bisect_right(hr_lines, line)

    # Every slide opens with an ATX ``##`` heading: right after the front
    # matter, and right after each thematic break.
    for i, token in enumerate(tokens):
        if token.type in ("front_matter", "hr") and token.level == 0:
            nxt = tokens[i + 1]
            assert nxt.type == "heading_open", f"slide at line {token.map[1]} opens with {nxt.type}"
            assert nxt.markup.startswith("#") and nxt.tag == "h2", "setext or wrong-level heading"
            parsed.headings.append(_text(tokens[i + 2].children, stop_at_ref=False))
            after = tokens[i + 5] if len(tokens) > i + 5 else None
            if (
                tokens[i + 4].type == "paragraph_open"
                and after is not None
                and after.children
                and after.children[0].type == "em_open"
                and after.children[-1].type == "em_close"
            ):
                parsed.subtitles[len(parsed.headings) - 1] = _text(after.children, stop_at_ref=False)

    line = 0
    in_footnote: str | None = None
    in_tbody = False
    row: list[str] | None = None
    for i, token in enumerate(tokens):
        if token.map:
            line = token.map[0]
        slide = slide_at(line)
        if token.type in ("html_block", "html_inline"):
            parsed.html.append(token)
        elif token.type == "footnote_open":
            in_footnote = token.meta["label"]
        elif token.type == "footnote_close":
            in_footnote = None
        elif token.type == "blockquote_open":
            assert tokens[i + 2].type == "inline", "a blockquote without text"
            parsed.quotes.setdefault(slide, []).append(_text(tokens[i + 2].children))
        elif token.type in ("tbody_open", "tbody_close"):
            in_tbody = token.type == "tbody_open"
        elif token.type == "tr_open" and in_tbody:
            row = []
            parsed.rows.setdefault(slide, []).append(row)
        elif token.type == "list_item_open" and token.level == 1 and in_footnote is None:
            parsed.items.setdefault(slide, []).append(_text(tokens[i + 2].children))
        elif token.type == "inline":
            if row is not None and tokens[i - 1].type == "td_open":
                row.append(_text(token.children, stop_at_ref=False))
            if in_footnote is not None:
                assert in_footnote not in parsed.defs, f"footnote {in_footnote} has two paragraphs"
                parsed.defs[in_footnote] = (slide, _text(token.children, stop_at_ref=False))
            for child in token.children or []:
                if child.type == "footnote_ref":
                    parsed.refs.append((child.meta["label"], slide))
                elif child.type in ("text", "text_special"):
                    parsed.texts.append(child.content)
                elif child.type in ("html_inline",):
                    parsed.html.append(child)

    # Footnotes: none defined but unused, none used but undefined (a dangling
    # reference stays literal text), each defined on its referencing slide.
    unused = [label for label, n in env.get("footnotes", {}).get("refs", {}).items() if n == -1]
    assert not unused, f"footnotes defined but never referenced: {unused}"
    referenced = {label for label, _ in parsed.refs}
    assert referenced == set(parsed.defs), "every reference needs a definition and vice versa"
    for label, slide in parsed.refs:
        assert parsed.defs[label][0] == slide, f"footnote {label} defined on another slide"
    return parsed


def _shown_label(item: Point | Figure) -> str:
    """The text a list item shows for ``item`` (a figure reads ``value: measures``)."""
    if isinstance(item, Figure) and shown(item.value):
        return f"{shown(item.value)}: {shown(item.measures)}".rstrip()
    return shown(item.measures if isinstance(item, Figure) else item.text)


def notes_blocks(parsed: Parsed) -> list[Token]:
    """The HTML tokens, asserting that each one is a speaker-notes comment we wrote."""
    for token in parsed.html:
        assert token.type == "html_block", "deck text produced inline HTML"
        body = token.content.rstrip("\n")
        assert body.startswith("<!-- Speaker notes.\n") and body.endswith("\n-->"), body
        inner = body[len("<!--") : -len("-->")]
        assert "--" not in inner, "notes text could close the comment early"
    return parsed.html


def assert_no_literal_footnote_syntax(parsed: Parsed) -> None:
    leftover = [t for t in parsed.texts if "[^" in t]
    assert not leftover, f"dangling footnote syntax left as text: {leftover[:3]}"


def assert_structure(deck: Deck, parsed: Parsed, notes: bool = True) -> None:
    """The export of ``deck`` has exactly the deck's structure and literal text."""
    assert parsed.slides == len(deck.slides)
    assert parsed.headings == [shown(s.title) for s in deck.slides]
    # pandoc reads front matter values as Markdown, so the title is escaped Markdown.
    title_tokens = MD.parseInline(parsed.front["title"])[0].children or []
    assert [t.type for t in title_tokens if t.type not in ("text", "text_special")] == []
    assert visible("".join(t.content for t in title_tokens)) == shown(deck.title)
    for n, slide in enumerate(deck.slides):
        if shown(slide.subtitle):
            assert parsed.subtitles[n] == shown(slide.subtitle)
        elif n:  # the first slide may show the deck's subtitle there instead
            assert n not in parsed.subtitles
    assert len(parsed.refs) == len(deck.citations)
    expected_notes = sum(1 for s in deck.slides if notes and one_line(s.notes))
    assert len(notes_blocks(parsed)) == expected_notes
    for number, slide in enumerate(deck.slides):
        points = [item for item in slide.items if isinstance(item, (Point, Figure))]
        assert parsed.items.get(number, [])[: len(points)] == [_shown_label(p) for p in points]
        # Rows in the order the viewer shows them (by stance), as the drill numbers them.
        reactions = [slide.items[i] for i in item_order(slide) if isinstance(slide.items[i], Reaction)]
        rows = parsed.rows.get(number, [])
        assert len(rows) == len(reactions)
        for reaction, cells in zip(reactions, rows, strict=False):
            assert len(cells) == 4, cells
            assert cells[0] == shown(reaction.country)
            assert cells[2] == shown(reaction.stance)
            assert cells[3].startswith(shown(reaction.summary))
        quotes = [item for item in slide.items if isinstance(item, Quote)]
        seen = parsed.quotes.get(number, [])
        assert len(seen) == len(quotes)
        for quote, text in zip(quotes, seen, strict=False):
            assert shown(quote.text) in text


# -- fixtures --------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> tuple[Deck, Verifier, str]:
    deck = load_deck(BUNDLED)
    verifier = Verifier(deck)
    return deck, verifier, export_markdown(deck, verifier)


@pytest.fixture(scope="module")
def hostile() -> tuple[Deck, Verifier, str]:
    deck = load_deck(HOSTILE)
    verifier = Verifier(deck)
    return deck, verifier, export_markdown(deck, verifier)


def footnote_quotes(deck: Deck, parsed: Parsed) -> list[tuple[str, str]]:
    """(source id, quote) of every verified footnote, taken from its rendered text."""
    found = []
    for label, (_, text) in parsed.defs.items():
        if text.startswith("⚠ unverified: "):
            continue
        for source in deck.sources:
            tail = re.search("” — " + re.escape(one_line(source.display_name)) + r"(, ¶\d+(–\d+)?)?\.$", text)
            if tail:
                assert text.startswith("“"), f"footnote {label} does not open with the quote"
                found.append((source.id, text[1 : tail.start()]))
                break
        else:
            raise AssertionError(f"footnote {label} does not name its source: {text!r}")
    return found


# -- the bundled deck ------------------------------------------------------


def test_bundled_deck_structure(bundled) -> None:
    deck, _, markdown = bundled
    parsed = analyse(markdown)
    assert_structure(deck, parsed)
    assert_no_literal_footnote_syntax(parsed)
    assert parsed.front["title"] == deck.title  # nothing in this title needs escaping
    assert markdown.startswith("---\nmarp: true\n")
    assert "\n\n---\n\n" in markdown and "\r" not in markdown


def test_bundled_footnote_quotes_are_in_the_source(bundled) -> None:
    deck, verifier, markdown = bundled
    parsed = analyse(markdown)
    quotes = footnote_quotes(deck, parsed)
    assert len(quotes) == len(deck.citations)  # all verified in the bundled deck
    for source_id, quote in quotes:
        source_text = normalize(verifier.source_text(source_id).text)
        assert normalize(quote) in source_text, quote


def test_bundled_footnote_gives_the_exact_passage_and_paragraph(bundled) -> None:
    deck, verifier, markdown = bundled
    parsed = analyse(markdown)
    first = deck.slides[0].items[0]
    result = verifier.result(first.citations[0])
    passage = " ".join(verifier.source_text("article").text[result.start : result.end].split())
    label = footnote_label(first.id)
    assert parsed.defs[label][1].startswith(f"“{passage}” — ")
    assert parsed.defs[label][1].endswith(f", ¶{result.paragraph}.")


def test_golden_file(bundled) -> None:
    """The bundled deck's export, byte for byte (see the module docstring to regenerate)."""
    _, _, markdown = bundled
    if os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        with open(GOLDEN, "w", encoding="utf-8", newline="") as handle:
            handle.write(markdown)
    assert GOLDEN.exists(), (
        "no golden file: run BRIEFING_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py -k golden"
    )
    with open(GOLDEN, encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert markdown == expected, (
        "the export of decks/reassurance-force.yaml changed; if intended, regenerate with "
        "BRIEFING_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py -k golden and review the diff"
    )


def test_no_notes_leaves_out_every_comment(bundled) -> None:
    deck, verifier, with_notes = bundled
    without = export_markdown(deck, verifier, notes=False)
    parsed = analyse(without)
    assert_structure(deck, parsed, notes=False)
    assert not parsed.html and "<!--" not in without
    assert "Speaker notes." in with_notes


def test_judgements_say_whose_reading_and_what_they_rest_on(bundled) -> None:
    deck, _, markdown = bundled
    judged = [item for slide in deck.slides for item in slide.items if item.judgement]
    assert judged
    for item in judged:
        line = next(ln for ln in markdown.splitlines() if ln.startswith(f"- {escape_inline(item.label)}"))
        assert "the author’s judgement, resting on “" in line
        assert line.count("”") >= len(item.rests_on)


# -- hostile text ----------------------------------------------------------


def test_hostile_deck_keeps_its_structure(hostile) -> None:
    deck, _, markdown = hostile
    parsed = analyse(markdown)
    assert_structure(deck, parsed)
    assert set(parsed.front) == {"marp", "title"} and parsed.front["marp"] is True
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert parsed.headings[0] == "# Title | with `ticks` and <b>html</b> [^1] ##"
    assert parsed.items[0][0] == "- starts with a dash --- # heading line"


def test_hostile_footnote_quotes_are_in_the_source(hostile) -> None:
    deck, verifier, markdown = hostile
    quotes = footnote_quotes(deck, analyse(markdown))
    # Two citations are deliberately not found: a point's, and the words a
    # quote shows in quotation marks (hostile markup that the source never says).
    assert len(quotes) == len(deck.citations) - 2
    source = normalize(verifier.source_text("src").text)
    for _, quote in quotes:
        assert normalize(quote) in source, quote


def test_unverified_citation_is_marked_not_passed_off(hostile) -> None:
    _, _, markdown = hostile
    parsed = analyse(markdown)
    label, text = next((k, v[1]) for k, v in parsed.defs.items() if v[1].startswith("⚠ unverified: "))
    assert "words that the source never says" in text and "not found" in text
    assert f"[^{label}] (unverified)" in markdown


def test_unreadable_source_marks_every_citation(tmp_path: Path) -> None:
    source = Source(id="gone", path="gone.txt", resolved=tmp_path / "gone.txt", title="Gone")
    point = Point(
        text="A claim", citations=(Citation("gone", "some words", path="slides[0].points[0].cite[0]"),)
    )
    deck = Deck(title="T", slides=(Slide(kind="points", title="S", items=(point,)),), sources=(source,))
    parsed = analyse(export_markdown(deck, Verifier(deck)))
    (text,) = [v[1] for v in parsed.defs.values()]
    assert text.startswith("⚠ unverified: “some words” — Gone (the source could not be read)")


def test_labels_are_sanitised_and_unique(hostile) -> None:
    _, _, markdown = hostile
    labels = re.findall(r"^\[\^([^\]]+)\]: ", markdown, flags=re.MULTILINE)
    assert len(labels) == len(set(labels))
    assert all(re.fullmatch(r"[a-z0-9-]+", label) for label in labels)
    assert {"item-1-a", "item-1-a-2", "unverified"} <= set(labels)  # `Item_1.A` and `item-1-a`


def test_notes_cannot_close_their_comment_or_read_as_directives(hostile) -> None:
    _, _, markdown = hostile
    (first, *_) = notes_blocks(analyse(markdown))
    inner = first.content.rstrip("\n")[len("<!--") : -len("-->")]
    assert "theme: gaia" in inner and "note: obsidian" in inner
    try:
        loaded = yaml.safe_load(inner)
    except yaml.YAMLError:
        loaded = None
    assert not isinstance(loaded, dict), "Marp would read the notes as directives"


def test_escape_inline_examples() -> None:
    assert escape_inline("1. one") == "1\\. one"
    assert escape_inline("- a | b") == "\\- a \\| b"
    assert escape_inline("<b>&amp;</b>") == "\\<b\\>\\&amp;\\</b\\>"
    assert escape_inline("x\n---\ny") == "x \\-\\-- y"
    assert escape_inline("wow!") == "wow\\!"
    assert escape_inline("{{ x }}") == "\\{\u2060\\{ x \\}\u2060\\}"  # no Vue/Slidev interpolation
    assert escape_inline("a@b.org :fire:") == "a\\@\u2060b\\.org \\:\u2060fire:"
    assert escape_inline("see https://x.org") == "see https\\:\u2060\\//x\\.org"
    assert escape_inline("\x1b[31mred\x1b[0m") == "red"


# -- any text at all (Hypothesis) ------------------------------------------

_SNIPPETS = [
    "*",
    "**",
    "_",
    "__",
    "|",
    "`",
    "```",
    "~~~",
    "<script>",
    "</b>",
    "<!--",
    "-->",
    "--",
    "[^1]",
    "[^1]:",
    "[x]",
    "]:",
    "(",
    ")",
    "\\",
    "!",
    "$",
    "&amp;",
    "&#35;",
    "#",
    "\n# ",
    "\n---\n",
    "---",
    "\n> ",
    "> ",
    "1. ",
    "2) ",
    "+ ",
    "- ",
    "=",
    "\n===\n",
    "\t",
    "    ",
    "\u00a0",
    "\u2028",
    "\x85",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x07",
    "\x00",
    "\r\n",
    ":",
    "note:",
    "theme: gaia",
    "\n",
    " ",
    "“",
    "”",
    "word",
    "é",
    "😀",
    "\ufeff",
]
TEXT = st.lists(st.sampled_from(_SNIPPETS) | st.text(max_size=6), max_size=8).map("".join)
IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,8}\Z")
_QUOTES = [
    "A *starred* and _underlined_ claim",
    "# Not a heading in the source",
    "--- three dashes start this line",
    "<!-- not a comment -->",
    "“it is not unanimous” in Paris!",
    "words that are not there",
]
CITES = st.lists(st.sampled_from(_QUOTES), max_size=2)


def _cites(quotes: list[str], where: str) -> tuple[Citation, ...]:
    return tuple(Citation("src", q, path=f"{where}.cite[{k}]") for k, q in enumerate(quotes))


@st.composite
def decks(draw) -> Deck:
    """A deck of all five slide kinds whose every text field is drawn from TEXT."""
    ids = draw(st.lists(IDS, min_size=3, max_size=3, unique_by=str.lower))
    points = tuple(
        Point(text=draw(TEXT), citations=_cites(draw(CITES), f"s0.p{n}"), id=ids[n] if n < 2 else "")
        for n in range(3)
    )
    judged = Point(text=draw(TEXT), judgement=True, rests_on=(ids[0], ids[1]), id=ids[2])
    reactions = tuple(
        Reaction(
            country=draw(TEXT),
            actor=draw(TEXT),
            role=draw(TEXT),
            stance=draw(TEXT),
            summary=draw(TEXT),
            quote=draw(TEXT),
            speaker=draw(TEXT),
            citations=_cites(draw(CITES), f"s2.r{n}"),
        )
        for n in range(draw(st.integers(1, 3)))
    )
    figures = tuple(
        Figure(value=draw(TEXT), measures=draw(TEXT), citations=_cites(draw(CITES), f"s3.f{n}"))
        for n in range(2)
    )
    quotes = tuple(
        Quote(text=draw(TEXT), speaker=draw(TEXT), role=draw(TEXT), citations=_cites(draw(CITES), f"s4.q{n}"))
        for n in range(2)
    )
    slides = (
        Slide("title", draw(TEXT), points[:2], subtitle=draw(TEXT), notes=draw(TEXT)),
        Slide("points", draw(TEXT), (points[2], judged), subtitle=draw(TEXT), notes=draw(TEXT)),
        Slide("reactions", draw(TEXT), reactions, notes=draw(TEXT)),
        Slide("figures", draw(TEXT), figures, subtitle=draw(TEXT)),
        Slide("quotes", draw(TEXT), quotes, notes=draw(TEXT)),
    )
    source = Source(
        id="src",
        path="hostile-source.txt",
        resolved=HOSTILE_SOURCE,
        title=draw(TEXT),
        publisher=draw(TEXT),
        url=draw(TEXT),
    )
    items = {p.id: p for p in (*points, judged) if p.id}
    return Deck(
        title=draw(TEXT),
        slides=slides,
        sources=(source,),
        subtitle=draw(TEXT),
        as_of=draw(TEXT),
        authors=(draw(TEXT),),
        items_by_id=items,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck=decks(), notes=st.booleans())
def test_any_text_keeps_the_structure(deck: Deck, notes: bool) -> None:
    verifier = Verifier(deck)
    parsed = analyse(export_markdown(deck, verifier, notes=notes))
    assert_structure(deck, parsed, notes=notes)
    for _, quote in footnote_quotes(deck, parsed):
        assert normalize(quote) in normalize(verifier.source_text("src").text)


_CONTEXTS = {
    "heading": ("## {}\n", ["heading_open", "inline", "heading_close"]),
    "list item": ("- {}[^a]\n\n[^a]: x\n", None),
    "blockquote": (
        "> {}\n",
        ["blockquote_open", "paragraph_open", "inline", "paragraph_close", "blockquote_close"],
    ),
    "table cell": ("| h |\n| --- |\n| {} |\n", None),
}


@settings(max_examples=300, deadline=None)
@given(text=TEXT | st.text(), context=st.sampled_from(sorted(_CONTEXTS)))
def test_escaped_text_reads_back_as_itself(text: str, context: str) -> None:
    assume(one_line(text) or context != "blockquote")  # `> ` alone is an empty blockquote
    template, shape = _CONTEXTS[context]
    escaped = escape_inline(text)
    assert "\n" not in escaped and one_line(one_line(text)) == one_line(text)
    # A paragraph first: nothing of ours ever starts at line 0 (the front
    # matter does), and the front-matter plugin misreads a line-0 `- \--`.
    tokens = MD.parse("intro\n\n" + template.format(escaped), {})[3:]
    if shape:
        assert [t.type for t in tokens] == shape
    inlines = [t for t in tokens if t.type == "inline"]
    if context == "table cell":
        inlines = inlines[1:]
    assert _text(inlines[0].children) == one_line(text)
    assert not any(
        c.type.startswith(("html", "link", "image", "em", "strong", "code")) for c in inlines[0].children
    )


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_any_notes_stay_one_comment(text: str) -> None:
    comment = notes_comment(text)
    if not comment:
        assert not clean(text).strip()
        return
    tokens = MD.parse(f"## t\n\n{comment}\n\nafter\n")
    assert [t.type for t in tokens][3:5] == ["html_block", "paragraph_open"]
    assert tokens[3].content == comment + "\n"
    assert "--" not in comment[len("<!--") : -len("-->")]
