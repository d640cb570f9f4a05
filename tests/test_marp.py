"""The Marp export is a real Marp deck: no footnotes, sources on every page, passages in the notes.

Read back with markdown-it (Marp's parser) page by page: each page is one
``## `` heading, every citation number in the page's items has an entry in
the page's Sources line and its passage in the page's presenter notes, long
slides continue on "(cont.)" pages with every item shown exactly once and in
order, and nothing a deck author writes can close the notes comment.
(Rendering and measuring with marp-cli and Chromium: test_renderers.py,
test_marp_overflow.py.)
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from briefing.core.loader import load_deck
from briefing.core.model import Deck, Point
from briefing.core.verify import Verifier
from briefing.output.escape import INVISIBLE, one_line
from briefing.output.marp import CONT, export_marp

ROOT = Path(__file__).parent.parent
DECKS = [
    ROOT / "decks" / "reassurance-force.yaml",
    ROOT / "decks" / "state-of-the-union-2022.yaml",
    ROOT / "tests" / "data" / "hostile" / "consumers" / "deck.yaml",
    ROOT / "tests" / "data" / "export" / "hostile.yaml",
]
MD = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")
SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def numbers(text: str) -> list[int]:
    """The superscript numbers in ``text``, in order."""
    return [int(m.translate(str.maketrans(SUPER, "0123456789"))) for m in re.findall(f"[{SUPER}]+", text)]


def pages(markdown: str) -> list[str]:
    body = markdown[markdown.index("\n---\n", 4) + 5 :]
    return body.split("\n\n---\n\n")


@pytest.fixture(scope="module", params=DECKS, ids=lambda p: p.stem)
def exported(request: pytest.FixtureRequest) -> tuple[Deck, Verifier, str]:
    deck = load_deck(request.param)
    verifier = Verifier(deck)
    return deck, verifier, export_marp(deck, verifier)


def test_front_matter_and_one_heading_per_page(exported) -> None:
    _, _, markdown = exported
    assert markdown.startswith("---\nmarp: true\n")
    tokens = MD.parse(markdown)
    assert tokens[0].type == "front_matter"
    hrs = [t for t in tokens if t.type == "hr" and t.level == 0]
    headings = [t for t in tokens if t.type == "heading_open" and t.level == 0]
    assert len(headings) == len(hrs) + 1, "a page without its heading, or deck text made a break"
    assert all(h.tag == "h2" and h.markup == "##" for h in headings)
    assert len(pages(markdown)) == len(hrs) + 1
    assert not [
        t for t in tokens if t.type == "inline" and any(c.type == "html_inline" for c in t.children or [])
    ]


def test_every_citation_numbered_listed_and_in_the_notes(exported) -> None:
    deck, _, markdown = exported
    total = 0
    for page in pages(markdown):
        notes = re.search(r"<!--\nPresenter notes\.\n(.*?)\n-->", page, re.S)
        shown = re.sub(r"<!--.*?-->", "", page, flags=re.S)
        lines = [line for line in shown.split("\n") if line]
        sources = [line for line in lines if line.startswith("Sources: ")]
        marks = numbers("\n".join(line for line in lines if not line.startswith("Sources: ")))
        if not marks:
            assert not sources
            continue
        assert sources == [lines[-1]], "one Sources line, last on the page"
        assert marks == list(range(1, len(marks) + 1)), "citations numbered 1, 2, 3... on each page"
        assert sorted(numbers(sources[0])) == marks  # grouped by source
        assert notes is not None
        noted = [int(n) for n in re.findall(r"^(\d+)\. ", notes.group(1), re.M)]
        assert noted == marks
        total += len(marks)
    assert total == len(deck.citations)
    assert not re.search(r"(?<!\\)\[\^", re.sub(r"<!--.*?-->", "", markdown, flags=re.S)[4:])


def test_passages_are_in_the_notes_verbatim(exported) -> None:
    deck, verifier, markdown = exported
    notes = " ".join(re.findall(r"<!--\nPresenter notes\.\n(.*?)\n-->", markdown, re.S))
    notes = notes.translate({ord(c): None for c in INVISIBLE})
    for citation in deck.citations:
        result = verifier.result(citation)
        text = verifier.source_text(citation.source_id)
        if result.verified and text is not None and result.start is not None and result.end is not None:
            assert one_line(text.text[result.start : result.end]) in notes


def test_notes_are_one_comment_each(exported) -> None:
    _, _, markdown = exported
    for page in pages(markdown):
        opened = page.count("<!--")
        assert page.count("-->") == opened
        for comment in re.findall(r"<!--(.*?)-->", page, re.S):
            assert "--" not in comment, "a note could end its comment early"


def test_long_slides_continue_with_every_item_once_in_order() -> None:
    deck = load_deck(DECKS[0])
    markdown = export_marp(deck, Verifier(deck))
    titles = re.findall(r"^## (.*)$", markdown, re.M)
    assert any(t.endswith(CONT) for t in titles), "the bundled deck's long slides continue"
    items = re.findall(r"^- (.*)$", markdown, re.M)
    expected = [
        one_line(item.text)
        for slide in deck.slides
        if slide.kind in ("title", "points")
        for item in slide.items
        if isinstance(item, Point)
    ]
    shown = [re.sub(r"\\(.)", r"\1", i).translate({ord(c): None for c in INVISIBLE}) for i in items]
    found = [next((s for s in shown if s.startswith(e)), None) for e in expected]
    assert None not in found, "an item went missing across the (cont.) pages"
    assert [shown.index(f) for f in found if f] == sorted(shown.index(f) for f in found if f)


def test_one_page_per_slide_when_short() -> None:
    deck = load_deck(DECKS[0])
    slide = deck.slides[1]
    short = dataclasses.replace(deck, slides=(dataclasses.replace(slide, items=slide.items[:1]),))
    markdown = export_marp(short, Verifier(short))
    assert CONT not in markdown


GOLDEN = ROOT / "tests" / "golden" / "reassurance-force.marp.md"


def test_golden_file() -> None:
    """The bundled deck's Marp export, byte for byte (regenerate with BRIEFING_UPDATE_GOLDEN=1)."""
    import os

    deck = load_deck(DECKS[0])
    markdown = export_marp(deck, Verifier(deck))
    if os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(markdown, encoding="utf-8", newline="")
    assert GOLDEN.exists(), (
        "no golden file: run BRIEFING_UPDATE_GOLDEN=1 python -m pytest tests/test_marp.py -k golden"
    )
    assert markdown == GOLDEN.read_text(encoding="utf-8"), (
        "the Marp export changed: if intended, run BRIEFING_UPDATE_GOLDEN=1 python -m pytest "
        "tests/test_marp.py -k golden and review the diff"
    )
