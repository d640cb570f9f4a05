"""Search logic (core/search.py): folding, offsets back to the original, slides and sources, snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.loader import load_deck
from briefing.core.search import MAX_MATCHES, Folded, SearchIndex, compile_query, grouped
from briefing.core.verify import Verifier
from tests.deckfiles import make_project

ARTICLE = (
    "Le Président Macron a réuni les dirigeants à l'Élysée.\n"
    "The ﬁnal communiqué spoke of a “porcupine” strategy.\n\n"
    "A second paragraph: the porcupine, bristling\nwith defences, was the PORCUPINE plan.\n"
)
SLIDES = """  - kind: points
    title: "Élysée talks"
    notes: "Say that the porcupine idea is British."
    points:
      - text: "A porcupine for Ukraine"
        cite: ["a “porcupine” strategy"]
      - text: "Other point"
        cite: ["réuni les dirigeants"]
  - kind: points
    title: "Second slide"
    points:
      - text: "Nothing here"
        cite: ["The ﬁnal communiqué"]
"""


def find(text: str, query: str) -> list[str]:
    folded = Folded(text)
    pattern = compile_query(query)
    assert pattern is not None
    return [text[slice(*folded.original(m.start(), m.end()))] for m in pattern.finditer(folded.folded)]


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("Café au lait", "CAFE", ["Café"]),
        ("cafe\u0301 noir", "café noir", ["cafe\u0301 noir"]),  # decomposed accents: the mark is included
        ("the ﬁnal word", "final", ["ﬁnal"]),  # a ligature is one original character
        ("STRASSE straße", "strasse", ["STRASSE", "straße"]),
        ("Élysée, élysée", "elysee", ["Élysée", "élysée"]),
        ("a\n  hard-wrapped\tline", "a hard-wrapped line", ["a\n  hard-wrapped\tline"]),
        ("ﬁﬁ ﬁx é ü", "fix e u", ["ﬁx é ü"]),
        ("nothing", "something", []),
        ("[bold] (x)", "[bold] (x", ["[bold] (x"]),  # regular-expression characters are literal
    ],
)
def test_folding_finds_the_original_text(text: str, query: str, found: list[str]) -> None:
    assert find(text, query) == found


def test_blank_query() -> None:
    assert compile_query("   ") is None


@given(st.text(alphabet=st.sampled_from("aAéÉﬁßẞ\u0301 \nxX’"), max_size=40), st.data())
def test_every_match_maps_to_text_that_folds_to_the_query(text: str, data: st.DataObject) -> None:
    """Whatever is matched, the original span folds back to (a superstring of) the matched words."""
    folded = Folded(text)
    if not folded.folded.strip():
        return
    start = data.draw(st.integers(0, len(folded.folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded.folded)))
    o_start, o_end = folded.original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    assert folded.folded[start:end] in Folded(text[o_start:o_end]).folded


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    deck = load_deck(make_project(tmp_path, SLIDES, article=ARTICLE))
    verifier = Verifier(deck)

    def text(source_id: str) -> str | None:
        found = verifier.source_text(source_id)
        return found.text if found else None

    def paragraph(source_id: str, offset: int) -> int:
        found = verifier.source_text(source_id)
        return found.paragraph_at(offset) if found else 0

    return SearchIndex(deck, text, paragraph)


def test_slides_then_sources_with_kinds_items_and_paragraphs(index: SearchIndex) -> None:
    matches = index.search("Porcupine")
    kinds = [(m.kind, m.slide_index, m.item_index, m.source_id, m.paragraph) for m in matches]
    assert kinds == [
        ("item", 0, 0, "", 0),
        ("notes", 0, None, "", 0),
        ("source", -1, None, "article", 1),
        ("source", -1, None, "article", 2),
        ("source", -1, None, "article", 2),
    ]
    assert [m.text[m.start : m.end] for m in matches] == ["porcupine"] * 4 + ["PORCUPINE"]
    groups = grouped(matches)
    assert [g for g, _ in groups] == [("slide", 0), ("source", "article")]
    assert [len(members) for _, members in groups] == [2, 3]


def test_accent_insensitive_in_titles_and_sources(index: SearchIndex) -> None:
    matches = index.search("elysee")
    assert [(m.kind, m.text[m.start : m.end]) for m in matches] == [("title", "Élysée"), ("source", "Élysée")]
    assert [m.text[m.start : m.end] for m in index.search("président")] == ["Président"]
    # Only the source: a citation's quote is not slide text (its passage is found in the source).
    assert [(m.kind, m.text[m.start : m.end]) for m in index.search("final communique")] == [
        ("source", "ﬁnal communiqué")
    ]


def test_words_match_across_line_breaks(index: SearchIndex) -> None:
    (match,) = index.search("bristling with")
    assert match.text[match.start : match.end] == "bristling\nwith"


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("e", limit=3)) == 3
    assert len(index.search("e")) <= MAX_MATCHES


def test_a_match_never_spans_two_fields(index: SearchIndex) -> None:
    """Slide texts are joined for speed; a query cannot match across the join."""
    assert index.search("ukraine other") == []


def test_snippet_is_one_line_with_the_match_located(index: SearchIndex) -> None:
    match = index.search("bristling with")[0]
    text, start, end = match.snippet(context=20)
    assert "\n" not in text
    assert text[start:end] == "bristling with"
    assert text.startswith("…") and text.endswith("…")
    short = index.search("second slide")[0]
    assert short.snippet() == ("Second slide", 0, 12)


def test_search_benchmark_runs_on_a_tiny_generated_deck(tmp_path: Path) -> None:
    """``python -m benchmarks.search`` keeps working (its figures are for the 2,000-slide deck)."""
    from benchmarks.generate import generate_large
    from benchmarks.search import WORDS, build_index, keystroke_times

    deck = load_deck(generate_large(tmp_path, slides=12, citations=40, sources=3, source_kb=2))
    index, seconds = build_index(deck)
    assert seconds > 0 and len(index._sources) == 3
    assert index.search(WORDS[0]), "the benchmark's word is in the generated deck"
    assert len(keystroke_times(index, WORDS[0], repeat=1)) == len(WORDS[0])
