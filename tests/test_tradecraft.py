"""Tradecraft: the likelihood scales, confidence, source grades, and each check, passing and failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core import tradecraft
from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.problems import DeckError
from briefing.core.tradecraft import check_deck, likelihood_phrases

SEED = "The council voted on Monday to replace the old bridge. Engineers said the piers can be reused.\n"

BASE = """briefing: 1
title: T
{deck_keys}
sources:
  - id: article
    path: a.txt
{source_keys}
slides:
{slides}
"""

BLUF = """  - kind: title
    title: Bottom line
    bluf:
      - id: vote
        text: "The council voted"
        cite: ["The council voted on Monday"]
      - text: "{bluf}"
        judgement: true
        rests_on: [vote]
{bluf_extra}
"""

GAPS = """  - kind: gaps
    title: "What we don't know"
    gaps:
      - text: "When work starts"
"""


def _deck(
    tmp_path: Path,
    *,
    bluf: str = "The bridge will be rebuilt",
    bluf_extra: str = "        confidence: high",
    more: str = "",
    gaps: bool = True,
    deck_keys: str = "",
    source_keys: str = "",
    first: str | None = None,
) -> Path:
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    slides = first if first is not None else BLUF.format(bluf=bluf, bluf_extra=bluf_extra)
    slides += more + (GAPS if gaps else "")
    path = tmp_path / "deck.yaml"
    path.write_text(
        BASE.format(deck_keys=deck_keys, source_keys=source_keys, slides=slides), encoding="utf-8"
    )
    return path


def _messages(deck: Deck, strict: bool = False) -> list[str]:
    return [p.message for p in check_deck(deck, "deck.yaml", strict=strict)]


# -- the scales ------------------------------------------------------------------------


def test_probably_is_not_on_icd203_but_is_on_phia() -> None:
    assert likelihood_phrases("It will probably hold", "icd203") == [("probably", None)]
    (phrase,) = likelihood_phrases("It will probably hold", "phia")
    assert phrase.band is not None and phrase.band.name == "likely or probably"
    assert tradecraft.nearest_band("icd203", "probably").name == "likely"


def test_likely_and_very_likely_are_distinct_bands() -> None:
    (very,) = likelihood_phrases("It is very likely to pass", "icd203")
    (plain,) = likelihood_phrases("It is likely to pass", "icd203")
    assert (very.words, very.band.name, very.band.band) == ("very likely", "very likely", "80–95%")
    assert (plain.words, plain.band.name, plain.band.band) == ("likely", "likely", "55–80%")
    (unlikely,) = likelihood_phrases("Unlikely.", "icd203")
    assert unlikely.band.name == "unlikely"


def test_inflections_and_words_inside_other_words() -> None:
    (certainly,) = likelihood_phrases("It will almost certainly pass", "icd203")
    assert certainly.band.name == "almost certain"
    assert likelihood_phrases("the likelihood of unlikelihood", "icd203") == []
    (highly,) = likelihood_phrases("Highly unlikely, we think", "icd203")
    assert highly.words == "highly unlikely" and highly.band is None
    assert tradecraft.band_for("phia", "remote chance").band == "≤5%"
    (both,) = likelihood_phrases("Likely or probably so", "phia")  # PHIA's band name, read whole
    assert both.words == "likely or probably"


def test_admiralty_grades_are_judged_on_each_axis() -> None:
    assert tradecraft.below("D", "2", "C3") and tradecraft.below("B", "5", "C3")
    assert not tradecraft.below("C", "3", "C3") and not tradecraft.below("", "", "C3")
    assert tradecraft.parse_grade("b2") == ("B", "2") and tradecraft.parse_grade("G7") is None


# -- the loader ------------------------------------------------------------------------


def test_fields_load_on_the_decks_scale(tmp_path: Path) -> None:
    path = _deck(
        tmp_path,
        bluf_extra="        confidence: moderate\n        likelihood: realistic possibility",
        deck_keys="scale: phia\nstrict: true\nmin_grade: C3",
        source_keys='    reliability: B\n    credibility: "2"\n    retrieved: "2 June"',
    )
    deck = load_deck(path)
    point = deck.slides[0].items[1]
    assert (point.confidence, point.likelihood) == ("moderate", "realistic possibility")
    assert (deck.scale, deck.strict, deck.min_grade, deck.sources[0].grade) == ("phia", True, "C3", "B2")


def test_a_likelihood_off_the_scale_or_a_bad_confidence_is_a_located_error(tmp_path: Path) -> None:
    path = _deck(tmp_path, bluf_extra="        confidence: certain\n        likelihood: probably")
    with pytest.raises(DeckError) as error:
        load_deck(path)
    text = "\n".join(str(p) for p in error.value.problems)
    assert "deck.yaml:18:21: slides[0].bluf[1].confidence: unknown confidence `certain`" in text
    assert "slides[0].bluf[1].likelihood: `probably` is not on the deck's likelihood scale (icd203)" in text


def test_a_gap_needs_no_citation_but_a_point_does(tmp_path: Path) -> None:
    assert load_deck(_deck(tmp_path)).slides[-1].items[0].citations == ()
    bare = "  - kind: points\n    title: P\n    points:\n      - text: uncited\n"
    with pytest.raises(DeckError, match="every item needs a source"):
        load_deck(_deck(tmp_path, more=bare))


# -- the checks, each passing and failing ----------------------------------------------


def test_a_clean_deck_has_no_tradecraft_problems(tmp_path: Path) -> None:
    assert _messages(load_deck(_deck(tmp_path)), strict=True) == []


def test_a_likelihood_word_off_the_scale(tmp_path: Path) -> None:
    (message,) = _messages(load_deck(_deck(tmp_path, bluf="The bridge will probably be rebuilt")))
    assert message.startswith("“probably” is not on the deck's likelihood scale (ICD 203)")
    assert "say “likely”, 55–80%" in message
    phia = _deck(tmp_path, bluf="The bridge will probably be rebuilt", deck_keys="scale: phia")
    assert _messages(load_deck(phia)) == []


def test_two_bands_in_one_judgement(tmp_path: Path) -> None:
    mixed = load_deck(_deck(tmp_path, bluf="Repair is likely, and a new bridge almost certain"))
    assert any("mixes likelihood bands (“likely”, “almost certain”)" in m for m in _messages(mixed))
    one = load_deck(_deck(tmp_path, bluf="Repair is very likely; it is very likely soon"))
    assert _messages(one) == []


def test_confidence_and_likelihood_in_one_sentence(tmp_path: Path) -> None:
    joined = load_deck(_deck(tmp_path, bluf="We assess with moderate confidence that repair is likely"))
    assert any(
        "one sentence states both a confidence (“with moderate confidence”)" in m for m in _messages(joined)
    )
    apart = load_deck(_deck(tmp_path, bluf="We have high confidence. Repair is likely"))
    assert _messages(apart) == []


def test_a_likelihood_on_an_item_that_is_not_a_judgement(tmp_path: Path) -> None:
    fact = '  - kind: points\n    title: P\n    points:\n      - text: "Piers reused"\n'
    fact += '        cite: ["the piers can be reused"]\n'
    bad = load_deck(_deck(tmp_path, more=fact + "        likelihood: likely\n"))
    assert [m for m in _messages(bad) if m.startswith("a likelihood is a judgement's")]
    assert _messages(load_deck(_deck(tmp_path, more=fact))) == []


def test_a_judgement_without_confidence(tmp_path: Path) -> None:
    (message,) = _messages(load_deck(_deck(tmp_path, bluf_extra="")))
    assert message.startswith("a judgement needs a confidence")


def test_the_first_slide_must_be_a_bottom_line_up_front(tmp_path: Path) -> None:
    facts_only = '  - kind: title\n    title: T\n    bluf:\n      - text: "Voted"\n'
    facts_only += '        cite: ["The council voted on Monday"]\n'
    (message,) = _messages(load_deck(_deck(tmp_path, first=facts_only)))
    assert message.startswith("the first slide is not a bottom line up front")


def test_a_gaps_slide_is_asked_for_only_when_strict(tmp_path: Path) -> None:
    deck = load_deck(_deck(tmp_path, gaps=False))
    assert _messages(deck) == []
    (problem,) = check_deck(deck, "deck.yaml", strict=True)
    assert problem.severity == "error" and problem.message.startswith("no `kind: gaps` slide")
    strict_deck = load_deck(_deck(tmp_path, gaps=False, deck_keys="strict: true"))
    assert [p.severity for p in check_deck(strict_deck, "deck.yaml")] == ["error"]


def test_a_judgement_resting_only_on_poorly_graded_sources(tmp_path: Path) -> None:
    poor = _deck(tmp_path, deck_keys="min_grade: C3", source_keys='    reliability: E\n    credibility: "2"')
    (problem,) = check_deck(load_deck(poor), "deck.yaml")
    assert problem.severity == "warning"
    assert "rests only on sources graded below C3 (article E2)" in problem.message
    good = _deck(tmp_path, deck_keys="min_grade: C3", source_keys='    reliability: B\n    credibility: "2"')
    assert _messages(load_deck(good)) == []


def test_warnings_by_default_problems_with_strict(tmp_path: Path) -> None:
    deck = load_deck(_deck(tmp_path, bluf_extra=""))
    assert [p.severity for p in check_deck(deck, "deck.yaml")] == ["warning"]
    assert [p.severity for p in check_deck(deck, "deck.yaml", strict=True)] == ["error"]


def test_check_prints_located_warnings_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from briefing.cli.check import run

    path = _deck(tmp_path, bluf_extra="")
    assert run([str(path)]) == 0
    out = capsys.readouterr().out
    assert ":15:9: warning: slides[0].bluf[1].confidence: a judgement needs a confidence" in out
    assert run(["--strict", str(path)]) == 1
    assert ":15:9: slides[0].bluf[1].confidence" in capsys.readouterr().out


def test_the_bundled_deck_passes_check_strict(capsys: pytest.CaptureFixture) -> None:
    from briefing.cli.check import run

    assert run(["--strict"]) == 0
    assert "warning" not in capsys.readouterr().out
