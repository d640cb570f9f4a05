"""Batch verification and the faster text helpers agree with the plain ones.

``Verifier.prefetch`` matches a source's quotes together, through a word
index (``_WordIndex``) when there are many; ``normalize``, the normalised
text's map and the paragraph starts were rewritten for speed. Each is held
here to the straightforward version it replaced: on the bundled deck, the
hostile and small decks under tests/data, a generated deck, and
Hypothesis-generated text full of repeated, overlapping words.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate_large
from briefing.core import verify
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.problems import DeckError
from briefing.core.sourcetext import _FOLD, INVISIBLE, SourceError, SourceText, fold, normalize
from briefing.core.verify import Verifier, _occurrences, _WordIndex
from tests.deckfiles import ARTICLE, make_project

DATA = Path(__file__).parent / "data"

# -- the straightforward versions the fast ones are held to -------------------

_ANY_RUN = re.compile(f"[ \\-{INVISIBLE}]+")


def plain_build(text: str) -> tuple[str, list[int]]:
    """The normal form of an NFC text, one character at a time, and each one's origin.

    Every run of spaces, dashes and invisible characters (after folding)
    keeps its first dash, else its first space, else nothing.
    """
    folded = text.translate(_FOLD)
    out: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _ANY_RUN.finditer(folded):
        start, end = match.span()
        out.extend(folded[last:start])
        origin.extend(range(last, start))
        run = match[0]
        keep = run.find("-") if "-" in run else run.find(" ")
        if keep >= 0:
            out.append(run[keep])
            origin.append(start + keep)
        last = end
    out.extend(folded[last:])
    origin.extend(range(last, len(folded)))
    return "".join(out), origin


def plain_normalize(text: str) -> str:
    return plain_build(unicodedata.normalize("NFC", text))[0].strip()


def old_paragraph_starts(text: str) -> list[int]:
    if re.search(r"\n[ \t\r]*\n", text):
        pattern = re.compile(r"(?:^|\n[ \t\r]*\n)\s*(?=\S)")
    else:
        pattern = re.compile(r"(?:^|\n)[ \t\r\ufeff]*(?=\S)")
    return [m.end() for m in pattern.finditer(text)] or [0]


def one_by_one(deck) -> dict:
    """Every citation verified alone, in deck order, by a fresh verifier."""
    verifier = Verifier(deck)
    return {c.path: verifier.result(c) for c in deck.citations}


def batched(deck, monkeypatch: pytest.MonkeyPatch, min_quotes: int = 1) -> dict:
    """Every citation verified by prefetch, the word index used from ``min_quotes``."""
    monkeypatch.setattr(verify, "_INDEX_MIN_QUOTES", min_quotes)
    verifier = Verifier(deck)
    verifier.prefetch(deck.citations)
    return {c.path: verifier.result(c) for c in deck.citations}


# Text made of few, short, repeated words so that quotes occur 0, 1 or many
# times, overlap, and start or end inside words; with the characters the
# normalisation folds (curly quotes, dashes, every kind of space and break).
_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "ba",
        "aa",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "’",
        "“",
        "—",
        "\u00a0",
        "\u2028",
        "\ufeff",
        "-",
        " - ",
        "–",
        "--",
        "\u00ad",
        "\u200b",
        "\u200d",
        "e\u0301",
        "é",
        "€",
        "x",
    ]
)
TEXT = st.lists(_PIECES, max_size=60).map("".join)


# -- the text helpers ------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_normalize_and_fold_match_the_plain_versions(text: str) -> None:
    assert normalize(text) == plain_normalize(text)
    assert fold(text) == text.translate(_FOLD)
    if unicodedata.is_normalized("NFC", text):
        assert SourceText(text).normalized.strip() == normalize(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_normalised_text_and_its_map_match_the_plain_build(text: str) -> None:
    if not unicodedata.is_normalized("NFC", text):
        return  # the slow path maps cluster by cluster (tested in test_verify)
    source = SourceText(text)
    norm, origin = plain_build(text)
    assert source.normalized == norm
    assert [source.to_original(i, i + 1) for i in range(len(norm))] == [(o, o + 1) for o in origin]


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("a\n\ufeffb\n \ufeff c")
@example("\ufeff\ufeffa\nb")
@example("\nab")
@example(" \n\n a\n\nb")
@example("\n\na\n \t\n\u2028b \r\n\r\nc")
@example("")
@example("  \n ")
def test_paragraph_starts_match_the_old_regexes(text: str) -> None:
    assert SourceText(text).paragraph_starts == old_paragraph_starts(text)


def test_paragraph_starts_on_real_sources() -> None:
    sources = [
        *(DATA / "hostile" / "seeds").glob("*.txt"),
        *(DATA / "small" / "seeds").glob("*"),
        *(DATA / "drill" / "seeds").glob("*"),
        *(bundled_deck().parent.parent / "seeds").glob("*"),
    ]
    checked = 0
    for path in sources:
        try:
            text = SourceText.read(path)
        except SourceError:  # unusable seeds are tested elsewhere
            continue
        assert text.paragraph_starts == old_paragraph_starts(text.text), path
        assert text.normalized == plain_build(text.text)[0] or not unicodedata.is_normalized("NFC", text.text)
        checked += 1
    assert checked >= 4


# -- the word index --------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(1, 30)), max_size=12), st.lists(TEXT, max_size=4)
)
def test_word_index_finds_exactly_what_find_finds(
    text: str, spans: list[tuple[int, int]], others: list[str]
) -> None:
    norm = SourceText(text).normalized if text.strip() else text
    # Quotes cut anywhere from the text (so they start and end mid-word and
    # overlap one another), plus unrelated ones.
    quotes = [text[start : start + size] for start, size in spans] + others
    index = _WordIndex(norm, quotes)
    for written in quotes:
        quote = index.normalized(written)
        assert quote == normalize(written)
        if quote:
            assert index.occurrences(quote) == _occurrences(norm, quote)
    # A quote the index was not built for falls back to the scan.
    assert index.occurrences("a b a") == _occurrences(norm, "a b a")


def test_word_index_overlapping_and_common_words(monkeypatch: pytest.MonkeyPatch) -> None:
    norm = normalize("a b a b a b a. ab a b ab\nb a b")
    quotes = ["a b a", "b a b", "a b a b a", "b ab a", "ab a b ab", "a b"]
    index = _WordIndex(norm, quotes)
    for quote in quotes:
        assert index.occurrences(quote) == _occurrences(norm, quote)
    assert index.occurrences("a b a") == [0, 4, 8, 18]  # overlapping places, in order
    monkeypatch.setattr(verify, "_MAX_CANDIDATES", 1)  # too common: scan instead
    for quote in quotes:
        assert index.occurrences(quote) == _occurrences(norm, quote)


# -- whole decks -----------------------------------------------------------------


def _decks() -> list[Path]:
    found = [
        bundled_deck(),
        *sorted((DATA / "hostile" / "decks").glob("*.yaml")),
        *sorted((DATA / "small" / "decks").glob("*.yaml")),
        *sorted((DATA / "drill" / "decks").glob("*.yaml")),
        *sorted((DATA / "export").glob("*.yaml")),
        *sorted((DATA / "adversarial" / "decks").glob("*.yaml")),
    ]
    return found


@pytest.mark.parametrize("deck_path", _decks(), ids=lambda p: p.name)
def test_prefetch_gives_the_results_of_one_by_one(deck_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    try:
        deck = load_deck(deck_path)
    except DeckError:
        return  # nothing to verify
    expected = one_by_one(deck)
    assert batched(deck, monkeypatch) == expected
    assert batched(deck, monkeypatch, min_quotes=10**9) == expected


def test_prefetch_on_ambiguous_missing_and_pinned_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    article = ARTICLE + "\n\nIt is not unanimous. It is not unanimous, he said – twice.\n"
    quotes = [
        ("It is not unanimous", "", ""),  # three times: ambiguous
        ("It is not unanimous", "“", ""),  # the prefix picks one
        ("is not unanimous.", "", "he said"),  # a suffix that matches none
        ("The coming days will reveal whether", "", "Europe"),
        ("coming days will reveal", "", ""),  # twice, starting mid-sentence
        ("not in the article at all", "", ""),
        ("he said - twice", "", ""),  # a dash folded
        ("ming days will rev", "", ""),  # starts and ends inside words
        ("…", "", ""),
        ("30 nations, yet", "", ""),
    ]
    lines = ["  - kind: points", "    title: P", "    points:"]
    for quote, prefix, suffix in quotes:

        def q(value: str) -> str:
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

        cite = f"[{{quote: {q(quote)}, prefix: {q(prefix)}, suffix: {q(suffix)}}}]"
        lines += ["      - text: a point", f"        cite: {cite}"]
    deck = load_deck(make_project(tmp_path, "\n".join(lines) + "\n", article=article))
    expected = one_by_one(deck)
    assert {r.status for r in expected.values()} == {"verified", "ambiguous", "not_found"}
    assert batched(deck, monkeypatch) == expected
    assert Verifier(deck).verify_all().results == expected


def test_prefetch_on_a_generated_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    deck = load_deck(generate_large(tmp_path, slides=30, citations=300, sources=3, source_kb=6))
    expected = one_by_one(deck)
    assert batched(deck, monkeypatch) == expected
    assert batched(deck, monkeypatch, min_quotes=verify._INDEX_MIN_QUOTES) == expected


def test_prefetch_keeps_cached_offsets_and_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    deck = load_deck(generate_large(tmp_path / "deck", slides=12, citations=80, sources=2, source_kb=4))
    first = one_by_one(deck)
    Verifier(deck).verify_all()  # saves the offsets
    assert batched(deck, monkeypatch) == first  # every quote from the cache
    verifier = Verifier(deck)
    known = verifier.result(deck.citations[0])
    verifier.prefetch(deck.citations)
    assert verifier.result(deck.citations[0]) is known  # an earlier result is kept
