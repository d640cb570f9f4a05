"""The HTML hand-out: its structure, its passages, and its escaping.

The export is read back with the standard library's HTML parser into a
small tree and checked for what a reader relies on: one ``<section>`` per
slide, every in-page link landing on an element that exists, each citation
number opening a ``<mark>`` whose text (in the full source shipped in the
file) is exactly the verified passage, back links from each passage to the
citations of it, and deck text, however hostile, arriving as text: no
element, attribute, script or link made of it, and a Content-Security-Policy
that allows the one stylesheet and the one script by hash.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.textsafe import clean
from briefing.core.tradecraft import band_for
from briefing.core.verify import Verifier
from briefing.output.html import asset, export_html, render_html
from briefing.output.walk import WalkedCitation, walk

ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "decks" / "reassurance-force.yaml"
HOSTILE = ROOT / "tests" / "data" / "export" / "hostile.yaml"
GOLDEN = ROOT / "tests" / "golden" / "reassurance-force.html"
MARKUP = ROOT / "tests" / "data" / "hostile" / "decks" / "markup.yaml"
VOID = {"meta", "br", "hr", "img", "input", "link"}


# -- reading the hand-out back -------------------------------------------------


@dataclass
class Node:
    """One element: its tag, attributes, children and text, in order."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self, skip: set[str] = frozenset()) -> str:  # type: ignore[assignment]
        """The text inside, leaving out elements with any class in ``skip``."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not child.classes & skip:
                out.append(child.text(skip))
        return "".join(out)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.at = self.root
        self.mismatched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.at.tag != tag:
            self.mismatched.append(f"</{tag}> closes <{self.at.tag}>")
            return
        assert self.at.parent is not None
        self.at = self.at.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse(document: str) -> Node:
    """The document as a tree; every element must be closed where it was opened."""
    builder = _Builder()
    builder.feed(document)
    builder.close()
    assert not builder.mismatched, builder.mismatched[:5]
    assert builder.at is builder.root, f"<{builder.at.tag}> never closed"
    return builder.root


def ids(root: Node) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for node in root.iter():
        if "id" in node.attrs:
            assert node.attrs["id"] not in found, f"duplicate id {node.attrs['id']}"
            found[node.attrs["id"]] = node
    return found


def walked_citations(deck: Deck, verifier: Verifier) -> list[WalkedCitation]:
    """Every citation in the order the hand-out shows them (the viewer's item order)."""
    return [c for slide in walk(deck, verifier, notes=False) for item in slide.items for c in item.citations]


def marked_text(article: Node, note: str) -> tuple[str, str, list[str]]:
    """The source's text, the text from the first to the last ``<mark>`` of ``note``, what is unmarked there.

    The text of the source's ``div.text`` is collected character by
    character with whether it lies in a paragraph and which notes mark it.
    """
    chars: list[tuple[str, bool, set[str]]] = []

    def visit(node: Node, in_para: bool, notes: set[str]) -> None:
        for child in node.children:
            if isinstance(child, str):
                chars.extend((ch, in_para, notes) for ch in child)
            elif "backs" not in child.classes:
                marks = set(child.attrs.get("data-n", "").split()) if child.tag == "mark" else set()
                visit(child, in_para or "para" in child.classes, notes | marks)

    (body,) = article.find_all("div", "text")
    visit(body, False, set())
    text = "".join(ch for ch, _, _ in chars)
    where = [k for k, (_, _, notes) in enumerate(chars) if note in notes]
    assert where, f"no <mark> for note {note}"
    first, last = where[0], where[-1] + 1
    unmarked = [ch for ch, in_para, notes in chars[first:last] if in_para and note not in notes]
    return text, text[first:last], unmarked


# -- fixtures -------------------------------------------------------------------


def export(path: Path, notes: bool = False) -> tuple[Deck, Verifier, str]:
    deck = load_deck(path)
    verifier = Verifier(deck)
    return deck, verifier, export_html(deck, verifier, notes=notes)


@pytest.fixture(scope="module")
def bundled() -> tuple[Deck, Verifier, str]:
    return export(BUNDLED)


# -- structure -------------------------------------------------------------------


def test_one_section_per_slide_in_order(bundled) -> None:
    deck, _, document = bundled
    root = parse(document)
    (main,) = root.find_all("main")
    sections = [n for n in main.children if isinstance(n, Node) and n.tag == "section"]
    assert [s.attrs["id"] for s in sections] == [f"slide-{n}" for n in range(1, len(deck.slides) + 1)]
    for section, slide in zip(sections, deck.slides, strict=True):
        (title,) = section.find_all("h2")
        assert title.text() == clean(slide.title)


LINKED = [BUNDLED, HOSTILE, MARKUP, *(ROOT / "tests/data/hostile/decks" / f"{name}.yaml" for name in
          ("source-missing", "source-binary", "bom-crlf"))]  # fmt: skip


@pytest.mark.parametrize("path", LINKED, ids=[p.stem for p in LINKED])
def test_every_in_page_link_lands_on_an_element(path: Path) -> None:
    deck, _, document = export(path, notes=True)
    root = parse(document)
    known = ids(root)
    links = [a.attrs["href"] for a in root.find_all("a") if a.attrs.get("href", "").startswith("#")]
    assert len(links) >= len(deck.citations) > 0
    missing = [href for href in links if href[1:] not in known]
    assert not missing, missing[:5]


def test_every_in_page_link_of_the_printed_variant_lands(bundled) -> None:
    deck, verifier, _ = bundled
    root = parse(render_html(deck, verifier, printed=True))
    known = ids(root)
    links = [a.attrs["href"] for a in root.find_all("a") if a.attrs.get("href", "").startswith("#")]
    assert len(links) >= len(deck.citations)
    assert not [href for href in links if href[1:] not in known]
    assert not root.find_all("script")


def test_every_citation_opens_its_exact_passage_in_the_full_source(bundled) -> None:
    deck, verifier, document = bundled
    root = parse(document)
    known = ids(root)
    links = root.find_all("a", "cite")
    citations = walked_citations(deck, verifier)
    assert len(links) == len(citations) == len(deck.citations)
    checked = 0
    for link, citation in zip(links, citations, strict=True):
        assert citation.verified, citation.message  # the bundled deck verifies in full
        assert "ok" in link.classes and link.text().startswith("✓")
        anchor = known[link.attrs["href"][1:]]
        article = anchor.parent
        while article is not None and article.tag != "article":
            article = article.parent
        assert article is not None, "the passage is not inside a source"
        source = verifier.source_text(citation.citation.source_id)
        assert source is not None
        whole, passage, unmarked = marked_text(article, anchor.attrs["data-note"])
        assert whole == clean(source.text)  # the whole source ships, nothing lost or added
        assert passage == clean(citation.passage or "")
        assert not "".join(unmarked).strip(), "part of the passage inside a paragraph is not marked"
        paragraph = anchor.parent
        assert paragraph is not None and paragraph.attrs["data-n"] == str(citation.paragraph)
        checked += 1
    assert checked == len(deck.citations)


def test_each_passage_links_back_to_every_citation_of_it(bundled) -> None:
    root = parse(bundled[2])
    known = ids(root)
    cites_of: dict[str, set[str]] = {}
    for link in root.find_all("a", "cite"):
        cites_of.setdefault(link.attrs["href"][1:], set()).add(link.attrs["id"])
    backs = root.find_all("span", "backs")
    assert len(backs) == len(cites_of)
    for back in backs:
        note = back.text().split("]")[0].lstrip("[")
        targets = {a.attrs["href"][1:] for a in back.find_all("a")}
        assert targets == cites_of[f"n{note}"]
        for target in targets:
            assert known[target].attrs["href"] == f"#n{note}"


def test_paragraphs_are_anchored_by_number(bundled) -> None:
    deck, verifier, document = bundled
    known = ids(parse(document))
    text = verifier.source_text(deck.sources[0].id)
    assert text is not None
    for n in range(1, text.paragraph_count + 1):
        assert known[f"src1-p{n}"].attrs["data-n"] == str(n)
    assert f"src1-p{text.paragraph_count + 1}" not in known


def test_unverified_citations_say_so_and_why(tmp_path: Path) -> None:
    deck, verifier, document = export(HOSTILE)
    root = parse(document)
    known = ids(root)
    bad = [
        (link, c)
        for link, c in zip(root.find_all("a", "cite"), walked_citations(deck, verifier), strict=True)
    ]
    unverified = [(link, c) for link, c in bad if not c.verified]
    assert unverified
    for link, citation in unverified:
        assert "bad" in link.classes and link.text().startswith("✗")
        entry = known[link.attrs["href"][1:]]
        assert entry.tag == "li"
        assert clean(" ".join(citation.citation.quote.split())) in entry.text()
        assert " ".join(clean(citation.message).split()) in entry.text()
    trust = root.find_all("span", "trust")[0]
    assert "bad" in trust.classes and trust.text().endswith("✗")


def test_judgements_are_marked_and_link_to_their_grounds(bundled) -> None:
    deck, _, document = bundled
    root = parse(document)
    known = ids(root)
    marks = root.find_all("span", "judgement")
    judgements = [item for slide in deck.slides for item in slide.items if item.judgement]
    assert len(marks) == len(judgements) > 0
    for mark in marks:
        assert mark.text().startswith("◆ ")
        for link in mark.find_all("a"):
            assert link.attrs["href"][1:] in known


def test_speaker_notes_only_when_asked() -> None:
    deck, verifier, without = export(BUNDLED)
    assert 'class="notes"' not in without
    with_notes = export_html(deck, verifier, notes=True)
    asides = parse(with_notes).find_all("aside", "notes")
    assert len(asides) == sum(1 for slide in deck.slides if slide.notes.strip())
    assert asides


def test_golden_file(bundled) -> None:
    """The bundled deck's hand-out, byte for byte.

    Regenerate after an intended change (of the page or its stylesheet or
    script) with ``BRIEFING_UPDATE_GOLDEN=1 python -m pytest tests/test_html.py -k golden``
    and read the diff.
    """
    document = bundled[2]
    if os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1":
        with open(GOLDEN, "w", encoding="utf-8", newline="") as handle:
            handle.write(document)
    with open(GOLDEN, encoding="utf-8", newline="") as handle:
        assert document == handle.read(), "the hand-out changed: regenerate the golden file if intended"


def test_output_is_deterministic() -> None:
    assert export(BUNDLED)[2] == export(BUNDLED)[2]


# -- hostile text -----------------------------------------------------------------

#: Everything the hand-out itself writes; deck text must add nothing to it.
TAGS = {
    "#root", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "span", "button",
    "main", "section", "p", "ul", "li", "a", "aside", "div", "table", "tr", "th", "td", "blockquote",
    "footer", "strong", "article", "mark", "ol", "small", "script",
}  # fmt: skip
ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "aria-label", "href", "title",
         "rel", "data-n", "data-note", "value"}  # fmt: skip


def csp_of(root: Node) -> dict[str, str]:
    (meta,) = [m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    return {
        d.split()[0]: d.split(" ", 1)[1] for d in (p.strip() for p in meta.attrs["content"].split(";")) if d
    }


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", [HOSTILE, MARKUP], ids=["export-hostile", "markup"])
def test_hostile_deck_text_stays_text(path: Path) -> None:
    deck, _, document = export(path, notes=True)
    root = parse(document)
    tags = {n.tag for n in root.iter()}
    assert tags <= TAGS, tags - TAGS
    attrs = {name for n in root.iter() for name in n.attrs}
    assert attrs <= ATTRS, attrs - ATTRS
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on")
            if name == "href":
                assert value.startswith("#") or re.fullmatch(r"https?://\S+", value), value
            if name in ("id", "class", "data-n", "data-note", "value"):
                assert re.fullmatch(r"[\w -]*", value), (name, value)
    (script,) = root.find_all("script")
    assert script.text() == asset("handout.js")
    (style,) = root.find_all("style")
    policy = csp_of(root)
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == sha(script.text())
    assert policy["style-src"] == sha(style.text())
    # No terminal control or bidi override survives, anywhere.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", document)
    # What the deck wrote is shown as text.
    shown = root.text()
    title = " ".join(clean(deck.slides[0].title).split())
    assert title in " ".join(shown.split())


def test_hostile_strings_are_shown_literally() -> None:
    _, _, document = export(HOSTILE, notes=True)
    shown = " ".join(parse(document).text().split())
    for literal in ("<script>alert(1)</script>", "<b>html</b>", "<!-- a comment -->", "[^1]", "&amp;"):
        assert literal in shown, literal
    assert "<b>html</b>" not in document  # escaped in the file itself


def test_only_plain_web_urls_become_links(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("The words are here.\n", encoding="utf-8")
    urls = [
        ("https://example.org/x?a=1&b=2", True),
        ("javascript:alert(1)", False),
        ('https://x.example/"onmouseover=alert(1)', False),
        ("data:text/html,<b>", False),
    ]
    for url, linked in urls:
        deck_file = tmp_path / "deck.yaml"
        deck_file.write_text(
            "briefing: 1\ntitle: T\nsources:\n  - id: a\n    path: a.txt\n"
            f"    url: {_yaml(url)}\nslides:\n  - kind: points\n    title: S\n    points:\n"
            "      - text: P\n        cite: ['The words are here.']\n",
            encoding="utf-8",
        )
        root = parse(export(deck_file)[2])
        hrefs = [a.attrs["href"] for a in root.find_all("a") if not a.attrs["href"].startswith("#")]
        assert hrefs == ([url] if linked else []), (url, hrefs)
        assert url in root.text()


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_hostile_source_is_marked_at_the_right_place(tmp_path: Path) -> None:
    """Controls, CRLF and markup in the source must not shift a mark."""
    source = tmp_path / "src.txt"
    raw = (
        "\ufeffIntro </p><script>alert(1)</script> \x1b[31mred\x1b[0m and \u202eevil\u202c.\r\n\r\n"
        "Second paragraph starts here and the quote crosses\r\n\r\n"
        "into the third paragraph <mark>here</mark>.\r\n"
    )
    source.write_bytes(raw.encode("utf-8"))
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "briefing: 1\ntitle: T\nsources:\n  - id: s\n    path: src.txt\nslides:\n  - kind: points\n"
        "    title: S\n    points:\n      - text: P\n        cite:\n"
        "          - 'the quote crosses into the third paragraph'\n"
        '          - "and \\u202eevil"\n'
        "          - 'alert(1)'\n",
        encoding="utf-8",
    )
    deck, verifier, document = export(deck_file)
    root = parse(document)
    known = ids(root)
    citations = walked_citations(deck, verifier)
    assert all(c.verified for c in citations), [c.message for c in citations]
    assert [c.end_paragraph for c in citations] == [3, 1, 1]
    for link, citation in zip(root.find_all("a", "cite"), citations, strict=True):
        anchor = known[link.attrs["href"][1:]]
        (article,) = root.find_all("article")
        whole, passage, unmarked = marked_text(article, anchor.attrs["data-note"])
        assert whole == clean(raw)
        assert passage == clean(citation.passage or "")
        assert not "".join(unmarked).strip()
    assert {n.tag for n in root.iter()} <= TAGS
    assert len(root.find_all("script")) == 1


def test_overlapping_passages_share_marks(tmp_path: Path) -> None:
    source = tmp_path / "src.txt"
    source.write_text("one two three four five six seven.\n", encoding="utf-8")
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "briefing: 1\ntitle: T\nsources:\n  - id: s\n    path: src.txt\nslides:\n  - kind: points\n"
        "    title: S\n    points:\n      - text: P\n"
        "        cite: ['two three four', 'four five', 'two three four']\n",
        encoding="utf-8",
    )
    document = export(deck_file)[2]
    root = parse(document)
    (article,) = root.find_all("article")
    assert marked_text(article, "1")[1] == "two three four"
    assert marked_text(article, "2")[1] == "four five"
    links = root.find_all("a", "cite")
    assert [a.attrs["href"] for a in links] == ["#n1", "#n2", "#n1"]  # one passage, one number
    assert [m.attrs["data-n"] for m in root.find_all("mark")] == ["1", "1 2", "2"]


def test_benchmark_runs_on_a_small_deck(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.html import main

    assert main(["--slides", "12", "--runs", "1", "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"size: [\d,]+ bytes", out) and "generation: median" in out


# -- every kind, and a judgement's chips ---------------------------------------

KINDS_DECK = ROOT / "tests" / "data" / "kinds" / "decks" / "kinds.yaml"


def test_gaps_slide_is_a_list_of_open_questions() -> None:
    """The gaps kind has a body of its own: each gap marked "?", not a plain list of points."""
    deck, _, document = export(KINDS_DECK)
    gaps = next(s for s in deck.slides if s.kind == "gaps")
    lists = parse(document).find_all("ul", "gaps")
    assert len(lists) == 1
    rows = [li.text() for li in lists[0].find_all("li")]
    assert len(rows) == len(gaps.items)
    for row, item in zip(rows, gaps.items, strict=True):
        assert row.startswith("? " + item.label)


def test_judgement_shows_confidence_and_likelihood_chips() -> None:
    """Each judgement's confidence and likelihood (with its band) show as chips of their own."""
    deck, _, document = export(KINDS_DECK)
    chips = [chip.text() for chip in parse(document).find_all("span", "chip")]
    judged = [i for s in deck.slides for i in s.items if i.judgement]
    band = band_for(deck.scale, "realistic possibility")
    assert band is not None
    assert "confidence: moderate" in chips
    assert f"likelihood: realistic possibility, {band.band}" in chips
    assert sum(c.startswith("confidence: ") for c in chips) == sum(bool(i.confidence) for i in judged)
    assert sum(c.startswith("likelihood: ") for c in chips) == sum(bool(i.likelihood) for i in judged)
