"""The on-disk cache saves time and can never change an answer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.core import safefile, yamlread
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.store import cache
from briefing.store.cache import QuoteOffsets, load_deck_cached
from tests.deckfiles import ARTICLE, make_project, points_slide


def _entries(kind: str) -> list[Path]:
    return sorted((Path(os.environ["BRIEFING_CACHE_DIR"]) / kind).glob("*"))


def test_cached_deck_equals_a_fresh_load(tmp_path: Path) -> None:
    deck_path = make_project(tmp_path, points_slide("nearly 30 nations", "€2 billion"))
    first = load_deck_cached(deck_path)
    assert len(_entries("decks")) == 1
    second = load_deck_cached(deck_path)
    assert second == first == load_deck(deck_path)
    assert second is not first


def test_a_hit_does_not_call_the_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core import loader

    deck_path = make_project(tmp_path, points_slide("nearly 30 nations", "€2 billion"))
    calls: list[Path] = []
    real_load = loader.load_deck

    def load_once(path: Path, data: bytes | None = None) -> object:
        calls.append(path)
        if len(calls) > 1:
            raise AssertionError("the loader ran on a cache hit")
        return real_load(path, data)

    monkeypatch.setattr(loader, "load_deck", load_once)
    first = load_deck_cached(deck_path)
    second = load_deck_cached(deck_path)
    assert calls == [deck_path]  # the miss loaded the deck; the hit did not
    assert second == first and second is not first


def test_an_edited_deck_misses_the_cache(tmp_path: Path) -> None:
    deck_path = make_project(tmp_path, points_slide("nearly 30 nations"))
    load_deck_cached(deck_path)
    deck_path.write_text(deck_path.read_text().replace("Test deck", "Edited deck"))
    assert load_deck_cached(deck_path).title == "Edited deck"


def test_a_source_path_made_unsafe_since_caching_is_caught(tmp_path: Path) -> None:
    deck_path = make_project(tmp_path / "p", points_slide("nearly 30 nations"))
    load_deck_cached(deck_path)
    article = tmp_path / "p" / "seeds" / "article.txt"
    (tmp_path / "secret.txt").write_text(ARTICLE)
    article.unlink()
    article.symlink_to(tmp_path / "secret.txt")
    from briefing.core.problems import DeckError

    with pytest.raises(DeckError) as caught:
        load_deck_cached(deck_path)
    assert "symlink that points outside" in caught.value.problems[0].message


def test_a_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    deck_path = make_project(tmp_path, points_slide("nearly 30 nations"))
    load_deck_cached(deck_path)
    _entries("decks")[0].write_bytes(b"not a pickle")
    assert load_deck_cached(deck_path).title == "Test deck"


def test_quote_offsets_are_reused_only_for_the_same_bytes(tmp_path: Path) -> None:
    deck_path = make_project(tmp_path, points_slide("nearly 30 nations", "not there"))
    fresh = Verifier(load_deck(deck_path), QuoteOffsets()).verify_all()
    assert len(_entries("quotes")) == 1  # only the verified quote is stored
    again = Verifier(load_deck(deck_path), QuoteOffsets()).verify_all()
    assert [(r.status, r.start, r.end, r.paragraph) for r in again.results.values()] == [
        (r.status, r.start, r.end, r.paragraph) for r in fresh.results.values()
    ]
    # The article changes: the quote moves; the cache must not keep the old place.
    (tmp_path / "seeds" / "article.txt").write_text("Intro line.\n" + ARTICLE, encoding="utf-8")
    moved = next(iter(Verifier(load_deck(deck_path), QuoteOffsets()).verify_all().results.values()))
    assert moved.start == fresh.results["slides[0].points[0].cite[0]"].start + len("Intro line.\n")


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert cache.cache_dir() is None
    deck_path = make_project(tmp_path, points_slide("nearly 30 nations"))
    Verifier(load_deck_cached(deck_path), QuoteOffsets()).verify_all()
    monkeypatch.delenv("BRIEFING_NO_CACHE")
    assert _entries("quotes") == [] and _entries("decks") == []


def test_a_miss_reads_the_deck_once_and_loads_the_bytes_it_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck_path = make_project(tmp_path, points_slide("nearly 30 nations"))
    original = deck_path.read_bytes()
    reads: list[Path] = []
    real_read = safefile.read_regular

    def read_regular(path: Path, limit: int, follow: bool = True) -> bytes:
        data = real_read(path, limit, follow)
        if Path(path) == deck_path:
            reads.append(path)
            # Edited just after the read: what is loaded and filed under the
            # key must still be the bytes that were hashed.
            deck_path.write_bytes(original.replace(b"Test deck", b"Edited deck"))
        return data

    with monkeypatch.context() as patch:
        patch.setattr(safefile, "read_regular", read_regular)
        patch.setattr(yamlread, "read_regular", read_regular)
        deck = load_deck_cached(deck_path)
    assert len(reads) == 1 and deck.title == "Test deck"
    deck_path.write_bytes(original)
    assert load_deck_cached(deck_path).title == "Test deck"  # the entry under that key
    assert len(_entries("decks")) == 1


def test_unreadable_and_oversized_decks_fail_as_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.core.problems import DeckError
    from briefing.core.yamlread import MAX_DECK_BYTES

    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: refused by its size, never read in full
        handle.truncate(MAX_DECK_BYTES + 1)
    messages = []
    for off in ("", "1"):
        monkeypatch.setenv("BRIEFING_NO_CACHE", off)
        for path in (big, tmp_path / "missing.yaml", tmp_path):
            with pytest.raises(DeckError) as caught:
                load_deck_cached(path)
            messages.append([str(p) for p in caught.value.problems])
    assert messages[:3] == messages[3:]
    assert f"({MAX_DECK_BYTES + 1:,} bytes; the limit is" in messages[0][0]


def test_a_hit_needs_neither_yaml_nor_the_loader_nor_pickle(tmp_path: Path) -> None:
    """What the deck cache is for: start-up without parsing; and it holds data, never code."""
    import subprocess
    import sys

    deck_path = make_project(tmp_path, points_slide("nearly 30 nations"))
    code = (
        "import sys\n"
        "from briefing.store.cache import load_deck_cached\n"
        "deck = load_deck_cached(sys.argv[1])\n"
        "loaded = ('yaml', 'briefing.core.loader', 'pickle')\n"
        "print(deck.title, sorted(name for name in loaded if name in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.run([sys.executable, "-c", code, str(deck_path)], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert runs[0].stdout == "Test deck ['briefing.core.loader', 'yaml']\n"  # the miss loads and files it
    assert runs[1].stdout == "Test deck []\n"


def test_text_beyond_the_bmp_is_cached_and_a_lone_surrogate_never_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An emoji is written as a surrogate pair and read back whole; a lone surrogate is not stored."""
    from briefing.store import cachefiles

    deck_path = make_project(tmp_path, points_slide("nearly 30 nations").replace("a point", "a point 🙂"))
    first = load_deck_cached(deck_path)
    (entry,) = _entries("decks")
    assert b"\\ud83d\\ude42" in entry.read_bytes() and entry.read_bytes().isascii()
    import briefing.core.loader

    def no_loading(*_: object) -> None:
        raise AssertionError("a hit needs no loader")

    monkeypatch.setattr(briefing.core.loader, "load_deck", no_loading)
    again = load_deck_cached(deck_path)
    assert again == first and again.slides[0].items[0].text == "a point 🙂"
    assert cachefiles.parse(entry.read_bytes().replace(b"\\ude42", b"x")) is None  # now unpaired
    # The same rules for the entry's text, as the deck cache passes it (its bytes dropped first).
    text = entry.read_bytes().decode("ascii")
    assert cachefiles.parse(text) == cachefiles.parse(entry.read_bytes()) is not None
    assert cachefiles.parse(text.replace("\\ude42", "x")) is None
    assert cachefiles.parse(text.replace("nearly", "nearlyé")) is None  # not ASCII
    with pytest.raises(ValueError, match="surrogate"):
        cachefiles.dump(["\ud800"])
