"""Verification: normalisation, exact offsets, ambiguity, not found, changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.loader import load_deck
from briefing.core.sourcetext import SourceText, normalize
from briefing.core.verify import Verifier
from tests.deckfiles import ARTICLE, HEADER, make_project, points_slide


def results(deck_path: Path):
    deck = load_deck(deck_path)
    verification = Verifier(deck).verify_all()
    return deck, verification, list(verification.results.values())


def test_normalize_folds_quotes_dashes_and_space() -> None:
    assert normalize("  “It’s” – a\u00a0 test\n\tnow—ok ") == '"It\'s"-a test now-ok'
    assert normalize("e\u0301") == "\u00e9"  # NFC


def test_offsets_point_at_the_original_characters(tmp_path: Path) -> None:
    quote = "won't join in,\" he warned"  # straight quotes, spans a line break
    _, _, found = results(make_project(tmp_path, points_slide(quote)))
    result = found[0]
    assert result.status == "verified"
    assert ARTICLE[result.start : result.end] == "won’t join in,”\nhe warned"
    assert result.paragraph == 3


def test_offsets_survive_bom_and_crlf(tmp_path: Path) -> None:
    raw = ("\ufeff" + ARTICLE.replace("\n", "\r\n")).encode("utf-8")
    deck = make_project(
        tmp_path, points_slide("[the Americans] won’t join in,” he warned", "€2 billion"), article=raw
    )
    _, verification, found = results(deck)
    text = (tmp_path / "seeds" / "article.txt").open(encoding="utf-8", newline="").read()
    assert [r.status for r in found] == ["verified", "verified"]
    assert text[found[0].start : found[0].end] == "[the Americans] won’t join in,”\r\nhe warned"
    assert text[found[1].start : found[1].end] == "€2 billion"
    assert verification.coverage["article"] == (3, 6)  # ¶2, and ¶3–4 (the split quote)


def test_ambiguous_quote_names_the_places(tmp_path: Path) -> None:
    _deck, verification, found = results(
        make_project(tmp_path, points_slide("The coming days will reveal whether"))
    )
    assert found[0].status == "ambiguous"
    assert "occurs 2 times in `article` (¶5, ¶6)" in found[0].message
    problem = verification.problems[0]
    assert (problem.line, problem.col, problem.path) == (11, 16, "slides[0].points[0].cite[0]")


def test_prefix_and_suffix_pick_one_place(tmp_path: Path) -> None:
    slides = (
        "  - kind: points\n    title: P\n    points:\n"
        '      - text: a\n        cite: [{quote: "The coming days will reveal whether", suffix: "Europe"}]\n'
        '      - text: b\n        cite: [{quote: "reveal whether", prefix: "coming days will",'
        ' suffix: "it works"}]\n'
        '      - text: c\n        cite: [{quote: "reveal whether", suffix: "nobody"}]\n'
    )
    _, _, found = results(make_project(tmp_path, slides))
    assert found[0].status == "verified" and ARTICLE[found[0].end :].startswith(" Europe can act")
    assert found[1].status == "verified" and ARTICLE[found[1].end :].startswith(" it works")
    assert found[2].status == "ambiguous" and "match none of them" in found[2].message


def test_prefix_alone_picks_one_place(tmp_path: Path) -> None:
    """Three places with the same words after the quote: only the words before tell them apart."""
    article = (
        "Paris said “the plan works” today.\n\nRome said the plan works today.\n\n"
        "Oslo said the plan works today.\n"
    )
    slides = (
        "  - kind: points\n    title: P\n    points:\n"
        '      - text: a\n        cite: [{quote: "the plan works", prefix: "said “"}]\n'
        '      - text: b\n        cite: [{quote: "the plan works", prefix: "Rome  said"}]\n'
        '      - text: c\n        cite: [{quote: "the plan works", prefix: "Berlin said"}]\n'
        '      - text: d\n        cite: [{quote: "the plan works", prefix: "said"}]\n'
    )
    _, _, found = results(make_project(tmp_path, slides, article=article))
    paris, rome = article.index("the plan"), article.index("the plan", article.index("Rome"))
    assert [(r.status, r.start, r.end, r.paragraph) for r in found[:2]] == [
        ("verified", paris, paris + len("the plan works"), 1),
        ("verified", rome, rome + len("the plan works"), 2),
    ]
    assert found[2].status == "ambiguous" and "match none of them" in found[2].message
    # "said" ends the words before Rome's and Oslo's, not Paris's (a quotation mark follows it).
    assert found[3].status == "ambiguous" and "occurs 3 times" in found[3].message
    assert "add `prefix:` or `suffix:`" in found[3].message


def test_not_found_suggests_the_closest_passage_but_never_verifies(tmp_path: Path) -> None:
    _, verification, found = results(make_project(tmp_path, points_slide("the plan is gathering speed")))
    result = found[0]
    assert result.status == "not_found" and result.start is None
    assert "Closest passage (¶2)" in result.message
    assert ARTICLE[result.near_start : result.near_end] == result.suggestion
    assert "gathering" in result.suggestion
    assert verification.verified_count == 0


def test_ellipsis_gets_a_hint(tmp_path: Path) -> None:
    _, _, found = results(make_project(tmp_path, points_slide("nearly 30 … unanimous")))
    assert "split it at the ellipsis" in found[0].message


def test_changed_source_warns_and_reverifies(tmp_path: Path) -> None:
    old = hashlib.sha256(b"an older text").hexdigest()
    header = HEADER.replace("path: ../seeds/article.txt", f"path: ../seeds/article.txt\n    sha256: {old}")
    _deck, verification, found = results(
        make_project(tmp_path, points_slide("nearly 30 nations"), header=header)
    )
    assert found[0].status == "verified"
    warning = verification.problems[0]
    assert warning.severity == "warning" and "changed since the deck recorded its sha256" in warning.message
    assert (warning.line, warning.col) == (5, 11)


def test_matching_hash_gives_no_warning(tmp_path: Path) -> None:
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    header = HEADER.replace("path: ../seeds/article.txt", f"path: ../seeds/article.txt\n    sha256: {digest}")
    _, verification, _ = results(make_project(tmp_path, points_slide("nearly 30 nations"), header=header))
    assert verification.problems == []


def test_unusable_sources_leave_citations_unchecked(tmp_path: Path) -> None:
    for content, reason in (
        (b"", "is empty"),
        (b"\x00\x01binary", "is a binary file"),
        (b"caf\xe9", "is not valid UTF-8"),
    ):
        _deck, verification, found = results(make_project(tmp_path, points_slide("x"), article=content))
        assert found[0].status == "unchecked" and reason in found[0].message
        assert reason in verification.problems[0].message
    (tmp_path / "seeds" / "article.txt").unlink()
    _, verification, found = results(tmp_path / "decks" / "deck.yaml")
    assert "does not exist" in found[0].message


def test_non_nfc_source_maps_offsets_back(tmp_path: Path) -> None:
    article = "Le cafe\u0301 est “fermé” – vraiment.\n"
    _, _, found = results(
        make_project(tmp_path, points_slide('café est "fermé" - vraiment'), article=article)
    )
    assert found[0].status == "verified"
    assert article[found[0].start : found[0].end] == "cafe\u0301 est “fermé” – vraiment"


def test_paragraphs_by_blank_lines_when_present() -> None:
    text = SourceText("First line\nstill first.\n\nSecond para.\n\n\nThird.")
    assert text.paragraph_count == 3
    assert text.paragraph_at(text.text.index("still")) == 1
    assert text.paragraph_at(text.text.index("Third")) == 3


@settings(max_examples=200, deadline=None)
@given(
    before=st.text(max_size=40),
    quote=st.text(min_size=1, max_size=30).filter(lambda q: normalize(q)),
    after=st.text(max_size=40),
)
def test_any_found_quote_maps_to_text_that_normalises_back(before: str, quote: str, after: str) -> None:
    source = SourceText(before + quote + after)
    needle = normalize(quote)
    at = source.normalized.find(needle)
    assert at >= 0
    start, end = source.to_original(at, at + len(needle))
    assert normalize(source.text[start:end]) == needle
