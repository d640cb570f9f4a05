"""Verifying a source in pieces gives exactly what verifying it whole gives.

``verify_all(stream=True)`` (what ``briefing check`` runs) reads a large
source in pieces through :mod:`briefing.core.scan` and keeps only a window
of it. Here the pieces are made tiny (down to one character), so quotes
straddle every cut, and the results, problems, coverage, saved offsets and
``check`` output are held to the whole-text path: on Hypothesis-made texts
full of what the normal form and the whole-word rules care about, on every
deck under tests/data, the bundled deck and a generated one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate_large
from briefing.cli import check
from briefing.core import scan, verify
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.problems import DeckError
from briefing.core.safefile import TooLarge, read_chunks, read_regular
from briefing.core.scan import Scan, ScanAborted
from briefing.core.sourcetext import ParagraphScan, SourceText, normalize, whole_words
from briefing.core.verify import Verifier, _occurrences
from tests.deckfiles import ARTICLE, make_project

DATA = Path(__file__).parent / "data"

_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "t",
        "can",
        "’t",
        "'s",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r\n\r\n",
        "\t",
        "“",
        "”",
        "—",
        " – ",
        "-",
        "-\n",
        "--",
        "\u00a0",
        "\u2028",
        "\ufeff",
        "\u00ad",
        "\u200b",
        "é",
        "e\u0301",  # not NFC: the scan gives up, the whole text decides
        "€",
        "𝔸",  # outside the BMP
        "😀",
        "1",
        ",",
        "0",
        ".",
        "x",
        "Q",
        "(",
    ]
)
TEXT = st.lists(_PIECES, min_size=1, max_size=50).map("".join)


class Store:
    """An in-memory offset store that records what is saved."""

    def __init__(self, entries: dict[str, dict[str, list[int]]] | None = None) -> None:
        self.entries = entries or {}
        self.saved: list[tuple[str, dict[str, list[int]]]] = []

    def load(self, sha256: str) -> dict[str, list[int]]:
        return json.loads(json.dumps(self.entries.get(sha256, {})))

    def save(self, sha256: str, offsets: dict[str, list[int]]) -> None:
        self.saved.append((sha256, json.loads(json.dumps(offsets))))


# -- the scan against the whole normal form ---------------------------------------


def whole_choices(text: str, quote: str, prefix: str, suffix: str) -> list[tuple[int, int, int]]:
    """The places :func:`verify._match` chooses in the whole text: ``(at, start, end)``."""
    source = SourceText(text)
    norm, size = source.normalized, len(quote)
    chosen = []
    for at in _occurrences(norm, quote):
        start, end = source.to_original(at, at + size)
        if not whole_words(text, start, end):
            continue
        if prefix and not norm[max(0, at - len(prefix) - 1) : at].rstrip().endswith(prefix):
            continue
        if suffix and not norm[at + size : at + size + len(suffix) + 1].lstrip().startswith(suffix):
            continue
        chosen.append((at, start, end))
    return chosen


def scanned(
    text: str,
    quotes: dict[str, list[tuple[str, str]]],
    chunk: int,
    feed: int,
    spare: tuple[int | None, int | None] = (None, None),
) -> Scan:
    result = Scan(quotes, chunk)
    # With no spare text before or after a place, the whole-word tests decide alone.
    result.left = result.left if spare[0] is None else spare[0]
    result.right = result.right if spare[1] is None else spare[1]
    for at in range(0, len(text), feed):
        result.feed(text[at : at + feed])
    result.finish()
    return result


@settings(max_examples=500, deadline=None)
@given(
    TEXT,
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 25), st.integers(0, 6), st.integers(0, 6)), max_size=8
    ),
    st.integers(1, 9),
    st.integers(1, 7),
    st.sampled_from([(None, None), (0, None), (None, 0), (0, 0)]),
)
@example("can’t can't\r\n\r\nab ab", [(0, 3, 0, 0), (12, 2, 0, 1), (0, 5, 0, 4)], 1, 1, (0, 0))
@example("ab -\nb ab", [(0, 2, 0, 0), (5, 4, 0, 0)], 1, 3, (None, 0))
@example("😀 ab 𝔸 ab\u200b 𝔸", [(2, 2, 0, 2), (0, 1, 0, 0)], 2, 1, (None, None))
@example("ab’s xy ab’s xy", [(3, 4, 0, 0)], 1, 1, (0, None))  # "s" of "ab’s" reads two characters back
@example("co-\npilot x co-\npilot", [(0, 2, 0, 0)], 1, 1, (None, 0))  # "co" reads up to the "p" of "pilot"
@example("can’to can’t can’to", [(0, 3, 0, 0)], 1, 1, (None, 0))  # "can" reads the word after "’"
def test_scan_chooses_the_places_the_whole_text_does(
    text: str,
    cuts: list[tuple[int, int, int, int]],
    chunk: int,
    feed: int,
    spare: tuple[int | None, int | None],
) -> None:
    # Quotes cut anywhere from the text (mid-word, overlapping, repeated),
    # with the words just before and after as prefix and suffix, or none.
    quotes: dict[str, set[tuple[str, str]]] = {}
    for start, size, before, after in cuts:
        quote = normalize(text[start : start + size])
        if quote:
            prefix = normalize(text[max(0, start - before) : start])
            suffix = normalize(text[start + size : start + size + after])
            quotes.setdefault(quote, set()).update({(prefix, suffix), ("", "")})
    wanted = {q: sorted(pairs) for q, pairs in quotes.items()}
    try:
        result = scanned(text, wanted, chunk, feed, spare)
    except ScanAborted:  # the text is not NFC, or (no spare text) too little was kept before a place
        assert not _nfc(text) or spare[0] == 0
        return
    assert _nfc(text)
    whole = SourceText(text)
    assert result.paragraphs.starts() == whole.paragraph_starts
    assert result.nonblank == bool(text.strip())
    for quote, pairs in wanted.items():
        for prefix, suffix in pairs:
            expected = whole_choices(text, quote, prefix, suffix)
            assert result.count(quote, prefix, suffix) == len(expected)
            assert result.noted(quote, prefix, suffix) == expected[: scan.MAX_NOTED]


def _nfc(text: str) -> bool:
    import unicodedata

    return unicodedata.is_normalized("NFC", text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(1, 9))
@example("\n\n a\n\nb", 1)
@example("\ufeff\ufeffa\nb", 1)
@example("a\r\n \r\nb", 2)
def test_paragraph_scan_matches_the_whole_text(text: str, size: int) -> None:
    paragraphs = ParagraphScan()
    at = 0
    while at < len(text):
        # Cut as the scan does: just before a printable ASCII character but "-".
        cut = next((i for i in range(at + size, len(text)) if "!" <= text[i] <= "~" and text[i] != "-"), None)
        if cut is None:
            break
        paragraphs.feed(text[at : cut + 1], cut - at, cut - at + 1)
        at = cut
    paragraphs.feed(text[at:], len(text) - at, len(text) - at)
    assert paragraphs.starts() == SourceText(text).paragraph_starts


def test_a_quote_across_every_cut() -> None:
    """A 3,000-character text cut every few characters: each place is found once."""
    text = ("The plan – “a temporary deal” – was signed.\r\n" * 40) + "Last words."
    quotes = {
        normalize('plan - "a temporary deal"'): [("", ""), ("The", "- was")],
        "Last words.": [("", "")],
        "The": [("", ""), ("signed.", "")],
    }
    whole = SourceText(text)
    for chunk in (1, 2, 3, 5, 8, 13, 100):
        result = scanned(text, quotes, chunk, 7)
        for quote, pairs in quotes.items():
            for prefix, suffix in pairs:
                assert result.noted(quote, prefix, suffix) == whole_choices(text, quote, prefix, suffix)[:64]
        assert result.count("The", "", "") == 40
        assert result.noted("Last words.", "", "") == [
            (len(whole.normalized) - 11, len(text) - 11, len(text))
        ]


def test_window_stays_small() -> None:
    """The window holds about one piece, not the text."""
    text = "word and words, " * 20_000
    result = Scan({"and words": [("", "")]}, chunk=1000)
    longest = 0
    for at in range(0, len(text), 500):
        result.feed(text[at : at + 500])
        longest = max(longest, len(result._orig), len(result._norm))
    result.finish()
    assert result.count("and words", "", "") == 20_000
    assert longest < 2_000


# -- whole decks -----------------------------------------------------------------


def both_ways(deck_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, entries=None):
    """``verify_all`` whole and in pieces of ``chunk`` characters, with what each saved."""
    monkeypatch.setattr(verify, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(scan, "CHUNK_CHARS", chunk)
    monkeypatch.setattr(scan, "READ_BYTES", max(1, chunk // 2))
    deck = load_deck(deck_path)
    whole_store, piece_store = Store(entries), Store(entries)
    whole = Verifier(deck, whole_store).verify_all()
    verifier = Verifier(deck, piece_store)
    pieces = verifier.verify_all(stream=True)
    assert pieces.results == whole.results
    assert pieces.problems == whole.problems
    assert pieces.coverage == whole.coverage
    assert piece_store.saved == whole_store.saved
    return verifier, whole


def _decks() -> list[Path]:
    return [
        bundled_deck(),
        *sorted((DATA / "hostile" / "decks").glob("*.yaml")),
        *sorted((DATA / "small" / "decks").glob("*.yaml")),
        *sorted((DATA / "drill" / "decks").glob("*.yaml")),
        *sorted((DATA / "export").glob("*.yaml")),
        *sorted((DATA / "adversarial" / "decks").glob("*.yaml")),
        *sorted((DATA / "attribution").rglob("*.yaml")),
        *sorted((DATA / "kinds").rglob("*.yaml")),
    ]


@pytest.mark.parametrize("deck_path", _decks(), ids=lambda p: p.name)
def test_every_test_deck_verifies_the_same_in_pieces(
    deck_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    try:
        load_deck(deck_path)
    except DeckError:
        return
    for chunk in (1, 7, 4096):
        both_ways(deck_path, monkeypatch, chunk)


def test_the_bundled_deck_is_verified_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not only equal: every usable source of it went through the scan."""
    verifier, whole = both_ways(bundled_deck(), monkeypatch, 5)
    assert verifier._outlines
    assert set(verifier._outlines) == set(whole.coverage)
    assert not verifier._texts or all(text is None for text in verifier._texts.values())


def test_a_generated_deck_in_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = generate_large(tmp_path, slides=30, citations=300, sources=3, source_kb=6)
    for chunk in (3, 64, 1000):
        verifier, _ = both_ways(deck, monkeypatch, chunk)
        assert len(verifier._outlines) == 3


def _deck_of(tmp_path: Path, quotes: list[tuple[str, str, str]], article: str | bytes) -> Path:
    def q(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["  - kind: points", "    title: P", "    points:"]
    for quote, prefix, suffix in quotes:
        cite = f"[{{quote: {q(quote)}, prefix: {q(prefix)}, suffix: {q(suffix)}}}]"
        lines += ["      - text: a point", f"        cite: {cite}"]
    return make_project(tmp_path, "\n".join(lines) + "\n", article=article)


VERIFIED_QUOTES = [
    ("The summit brought together", "", ""),  # the very start
    ("whether Europe can act.", "", ""),  # the very end
    ("It is not unanimous", "“", ""),
    ("The coming days will reveal whether", "", "it works"),
    ("gathering steam” – and cost", "", ""),  # a dash folded
    ("won't join in", "", ""),
]


def test_hostile_texts_in_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CRLF, invisible characters, non-BMP ones, a BOM: verified in pieces, as whole."""
    article = "\ufeff" + ARTICLE.replace("\n", "\r\n").replace("plan", "pl\u200ban").replace(
        "cost", "😀 cost"
    )
    quotes = [*VERIFIED_QUOTES[:4], ("the plan is", "", ""), ("😀 cost €2 billion", "", "")]
    for chunk in (1, 2, 9):
        verifier, whole = both_ways(_deck_of(tmp_path, quotes, article), monkeypatch, chunk)
        assert verifier._outlines, "every quote verifies: no need to read the source whole"
        assert whole.verified_count == len(quotes)


@pytest.mark.parametrize(
    "quote",
    [
        ("The coming days will reveal whether", "", ""),  # twice: ambiguous
        ("not in the article", "", ""),  # not found
        ("ming days will rev", "", ""),  # inside words
        ("It is not unanimous", "", "no such suffix"),
    ],
)
def test_what_the_scan_cannot_settle_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quote: tuple[str, str, str]
) -> None:
    verifier, whole = both_ways(_deck_of(tmp_path, [*VERIFIED_QUOTES, quote], ARTICLE), monkeypatch, 3)
    assert not verifier._outlines and verifier._texts["article"] is not None
    assert whole.verified_count == len(VERIFIED_QUOTES)


@pytest.mark.parametrize(
    ("article", "why"),
    [
        (ARTICLE.replace("é", "e").replace("summit", "sum\u0301mit"), "not NFC"),
        (ARTICLE.encode() + b"\xff", "not UTF-8"),
        (ARTICLE.encode() + b"\x00", "NUL"),
        (" \n\u2028 ", "blank"),
    ],
)
def test_unusual_files_are_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article, why) -> None:
    verifier, _ = both_ways(_deck_of(tmp_path, VERIFIED_QUOTES, article), monkeypatch, 4)
    assert not verifier._outlines, why


def test_cached_places_are_judged_as_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached place is believed, replaced or dropped exactly as by the whole-text path."""
    article = ARTICLE + "It is not unanimous. It is not unanimous.\n"
    deck_path = _deck_of(tmp_path, [*VERIFIED_QUOTES, ("It is not unanimous", "", "")], article)
    sha = SourceText.read(deck_path.parent.parent / "seeds" / "article.txt").sha256
    text = article
    second = text.index("It is not unanimous.", text.index("he warned"))
    key = "It is not unanimous\0\0"
    good = [second, second + 19, second - 5]  # wrong normalised offset: dropped
    for entry in (good, [0, 1, 2], "junk", [second, second + 19]):
        both_ways(deck_path, monkeypatch, 6, {sha: {key: entry}})
    # The place a valid cache holds for an ambiguous quote is believed, in pieces too.
    norm = SourceText(text).normalized
    at = norm.index("It is not unanimous.", norm.index("he warned"))
    verifier, whole = both_ways(deck_path, monkeypatch, 6, {sha: {key: [second, second + 19, at]}})
    assert verifier._outlines and whole.verified_count == len(VERIFIED_QUOTES) + 1


def _without_times(text: str) -> str:
    return re.sub(r"\(\d+ ms\)", "(N ms)", text)


@pytest.mark.parametrize("args", [[], ["--json"]])
def test_check_prints_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    monkeypatch.setattr(scan, "CHUNK_CHARS", 5)
    deck = str(_deck_of(tmp_path, [*VERIFIED_QUOTES, ("not in it", "", "")], ARTICLE))
    good = str(_deck_of(tmp_path / "good", VERIFIED_QUOTES, ARTICLE))
    outputs = []
    for least in (10**9, 0):
        monkeypatch.setattr(verify, "STREAM_MIN_BYTES", least)
        status = check.run([*args, deck, good])
        outputs.append((status, _without_times(capsys.readouterr().out)))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1
    if not args:
        assert "6/7 citations verified" in outputs[0][1] and "6/6 citations verified" in outputs[0][1]


# -- reading in pieces -------------------------------------------------------------


def test_read_chunks_reads_what_read_regular_reads(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    data = bytes(range(256)) * 40
    path.write_bytes(data)
    assert b"".join(read_chunks(path, len(data), size=7)) == data == read_regular(path, len(data))
    assert max(len(piece) for piece in read_chunks(path, len(data), size=7)) == 7
    with pytest.raises(TooLarge):
        b"".join(read_chunks(path, len(data) - 1, size=7))


def test_source_problems_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changed and missing sources are reported as whole, in the same order."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("one", "two", "three"):
        (seeds / f"{name}.txt").write_text(ARTICLE.replace("summit", f"{name} summit"), encoding="utf-8")
    header = (
        "briefing: 1\ntitle: T\nsources:\n"
        + "".join(
            f'  - id: {name}\n    path: ../seeds/{name}.txt\n    sha256: "{"0" * 64}"\n'
            for name in ("one", "missing", "two", "three")
        )
        + "slides:\n"
    )
    cite = "quote: 'It is not unanimous', prefix: '“'"
    slides = "".join(
        f"      - text: a point\n        cite: [{{source: {name}, {cite}}}]\n"
        for name in ("three", "missing", "one")
    )
    deck = make_project(tmp_path, "  - kind: points\n    title: P\n    points:\n" + slides, header=header)
    verifier, whole = both_ways(deck, monkeypatch, 5)
    assert set(verifier._outlines) == {"one", "two", "three"}
    assert [p.message.split()[1] for p in whole.problems] == ["`three`", "`missing`", "`one`", "`two`"]
