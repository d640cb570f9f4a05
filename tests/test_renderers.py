"""The exports hold in the real consumers: pandoc, cmark-gfm (GitHub's renderer) and marp-cli.

A hostile deck (tags, event handlers, ``javascript:`` links, pipes in cells,
backticks, ``*``/``_``, a lone ``---``, leading ``#``, ``[^1]``, ``-->`` in
notes, ``{…}``, ``{{ }}``, ``:shortcode:``, ``$math$``, URLs and e-mail
addresses next to citations, right-to-left text and bidi controls, emoji,
escape sequences) is exported to Markdown and to Marp and rendered to HTML
by each tool. The HTML is then read back: no element beyond what the
exporter writes (no script, image, code, math, emoji image, strikethrough),
no link but footnote links and the deck's own http(s) source link, no event
handler, every footnote kept and separated from its neighbour, every piece
of deck text visible exactly as written, right-to-left text isolated, and
Marp's presenter notes carrying the passages (never read as directives).

Each test skips, saying which tool is missing, when run without it.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.model import Deck, Figure, Point, Quote, Reaction
from briefing.core.verify import Verifier
from briefing.output.escape import FSI, INVISIBLE, PDI, one_line
from briefing.output.markdown import export_markdown
from briefing.output.marp import export_marp

ROOT = Path(__file__).parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile" / "consumers" / "deck.yaml"
EXPORT_HOSTILE = ROOT / "tests" / "data" / "export" / "hostile.yaml"
BUNDLED = ROOT / "decks" / "reassurance-force.yaml"

#: Elements the exporter itself writes (and the renderers' own wrappers).
MARKDOWN_TAGS = {
    "p", "h2", "ul", "ol", "li", "em", "strong", "table", "thead", "tbody", "tr", "th", "td",
    "blockquote", "hr", "a", "sup", "section", "div", "col", "colgroup", "br",
}  # fmt: skip
MARP_TAGS = MARKDOWN_TAGS | {"svg", "foreignobject", "header", "footer"}


class Page(HTMLParser):
    """An HTML page as its elements (tag, attributes) and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("style", "script", "title"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        """The text a reader sees, white space collapsed, invisible marks dropped."""
        return squash("".join(self.text))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate({ord(c): None for c in INVISIBLE})).strip()


def read(page_html: str) -> Page:
    page = Page()
    page.feed(page_html)
    page.close()
    return page


def deck_texts(deck: Deck) -> list[str]:
    """Every piece of deck text an export shows, as one line each."""
    texts = [deck.title, deck.subtitle, deck.as_of, *deck.authors]
    texts += [s.display_name for s in deck.sources]
    for slide in deck.slides:
        texts += [slide.title, slide.subtitle]
        for item in slide.items:
            if isinstance(item, Point):
                texts.append(item.text)
            elif isinstance(item, Figure):
                texts += [item.value, item.measures]
            elif isinstance(item, Reaction):
                texts += [item.country, item.actor, item.role, item.stance, item.summary]
            elif isinstance(item, Quote):
                texts += [item.text, item.speaker, item.role]
    return [t for t in (squash(one_line(t)) for t in texts) if t]


def passages(deck: Deck, verifier: Verifier) -> list[str]:
    found = []
    for citation in deck.citations:
        result = verifier.result(citation)
        text = verifier.source_text(citation.source_id)
        if result.verified and text is not None and result.start is not None and result.end is not None:
            found.append(squash(one_line(text.text[result.start : result.end])))
    return found


def source_links(deck: Deck) -> set[str]:
    return {
        one_line(s.url) for s in deck.sources if one_line(s.url).lower().startswith(("http://", "https://"))
    }


def assert_inert(page: Page, allowed: set[str], links: set[str]) -> None:
    """Only the exporter's elements; no handler; links only to footnotes or the deck's sources."""
    for tag, attrs in page.elements:
        assert tag in allowed, f"deck text became a <{tag}> element: {attrs}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
            assert "javascript" not in (value or "").lower(), f"{name}={value!r} on <{tag}>"
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith("#") or html.unescape(href) in links, f"a live link to {href!r}"


def assert_text_visible(page: Page, texts: list[str]) -> None:
    shown = page.visible
    missing = [t for t in texts if t not in shown]
    assert not missing, f"deck text not shown as written: {missing[:5]}"


def assert_rtl_isolated(raw_text: str) -> None:
    """Every right-to-left character sits between an FSI and its PDI."""
    depth = 0
    for char in raw_text:
        if char == FSI:
            depth += 1
        elif char == PDI:
            depth -= 1
        elif unicodedata.bidirectional(char) in ("R", "AL"):
            assert depth > 0, f"right-to-left {char!r} is not isolated: it would reorder the text around it"
    assert depth == 0


def run(command: list[str], text: str) -> str:
    done = subprocess.run(command, input=text, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def tool(name: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(name) is None, reason=f"{name} is not installed")


def without_front_matter(markdown: str) -> str:
    """The body: GitHub shows front matter as a table itself, cmark-gfm would read it as text."""
    assert markdown.startswith("---\n")
    return markdown[markdown.index("\n---\n", 4) + 5 :]


@pytest.fixture(scope="module", params=[HOSTILE, EXPORT_HOSTILE, BUNDLED], ids=lambda p: p.parent.name)
def exported(request: pytest.FixtureRequest) -> tuple[Deck, Verifier, str, str]:
    deck = load_deck(request.param)
    verifier = Verifier(deck)
    return deck, verifier, export_markdown(deck, verifier), export_marp(deck, verifier)


def check_markdown_html(deck: Deck, verifier: Verifier, rendered: str, footnote_ref: str) -> None:
    page = read(rendered)
    assert_inert(page, MARKDOWN_TAGS, source_links(deck))
    assert_text_visible(page, deck_texts(deck) + passages(deck, verifier))
    refs = re.findall(footnote_ref, rendered)
    assert len(refs) == len(deck.citations), "a footnote was lost or swallowed"
    assert not re.search(r"</sup>(</a>)?(<a [^>]*>)?<sup", rendered), "two footnote markers run together"
    assert_rtl_isolated("".join(page.text))


@tool("pandoc")
@pytest.mark.parametrize("reader", ["markdown", "gfm", "commonmark_x"])
def test_pandoc_renders_only_the_decks_text(exported, reader: str) -> None:
    deck, verifier, markdown, _ = exported
    body = markdown if reader == "markdown" else without_front_matter(markdown)
    rendered = run(["pandoc", "-f", reader, "-t", "html", "--wrap=none"], body)
    check_markdown_html(deck, verifier, rendered, r'<a href="#fn\d+"[^>]*class="footnote-ref"')
    if reader == "markdown":  # the title in the front matter is Markdown to pandoc
        standalone = run(["pandoc", "-f", "markdown", "-t", "html", "-s", "--metadata", "pagetitle=x"], body)
        header = re.search(r'<h1 class="title">(.*?)</h1>', standalone, re.S)
        assert header is not None
        assert "<" not in header.group(1), f"the deck title became markup: {header.group(1)!r}"
        assert squash(html.unescape(header.group(1))) == squash(one_line(deck.title))


@tool("cmark-gfm")
def test_cmark_gfm_renders_only_the_decks_text(exported) -> None:
    deck, verifier, markdown, _ = exported
    extensions = ["footnotes", "table", "autolink", "strikethrough", "tagfilter", "tasklist"]
    command = ["cmark-gfm", *[arg for e in extensions for arg in ("--extension", e)]]
    rendered = run(command, without_front_matter(markdown))
    check_markdown_html(deck, verifier, rendered, r'<sup class="footnote-ref"><a href="#fn-')


def marp_sections(rendered: str) -> list[str]:
    return re.findall(r"<section\b.*?</section>", rendered, re.S)


@tool("marp")
def test_marp_cli_renders_only_the_decks_text(exported, tmp_path: Path) -> None:
    deck, verifier, _, marp = exported
    source = tmp_path / "deck.marp.md"
    source.write_text(marp, encoding="utf-8")
    out = tmp_path / "deck.html"
    subprocess.run(
        ["marp", "--no-stdin", "--html=false", str(source), "-o", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rendered = out.read_text(encoding="utf-8")
    slides = "".join(marp_sections(rendered))
    page = read(slides)
    assert_inert(page, MARP_TAGS, source_links(deck))
    shown_markdown = re.sub(r"<!--.*?-->", "", without_front_matter(marp), flags=re.S)
    assert not re.search(r"(?<!\\)\[\^", shown_markdown), (
        "footnote syntax in a Marp deck: Marp has no footnotes"
    )
    assert_text_visible(page, deck_texts(deck))
    assert_rtl_isolated("".join(page.text))
    # Every citation has a numbered entry in its page's Sources line.
    entries = re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+ (?:¶\d|⚠ unverified)", page.visible)
    assert len(entries) == len(deck.citations)
    # The passages are in the presenter notes, and nothing in them became a directive.
    raw_notes = " ".join(
        html.unescape(n) for n in re.findall(r'class="bespoke-marp-note"[^>]*>(.*?)</div>', rendered, re.S)
    )
    assert_rtl_isolated(raw_notes)
    notes = squash(raw_notes)
    for passage in passages(deck, verifier):
        assert passage in notes, f"passage not in the presenter notes: {passage[:60]!r}"
    assert 'class="invert"' not in rendered and "background-color:red" not in rendered.replace(" ", "")
    assert all("data-theme" not in s or 'data-theme="default"' in s for s in marp_sections(rendered))
