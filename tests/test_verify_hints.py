"""The closest passage to a quote that is not found: the right one, how it differs, at bounded cost.

The near misses people make (a hyphen for a space, a capital, a comma, one
word changed, a look-alike letter) are found and the words that differ are
named, with rapidfuzz and without it. The cost is bounded in memory here
(no copy of the source is made); its time is measured by
``python -m benchmarks.hints`` rather than asserted.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import pytest

from benchmarks.generate import make_source
from briefing.core import hints
from briefing.core.model import Citation
from briefing.core.sourcetext import SourceText, normalize
from briefing.core.verify import _match

ARTICLE = (
    "Diplomatically, he must placate dissenters like Italy while rallying a critical mass of "
    "contributors, a balancing act that may require sidelining reluctant partners in favor of a "
    "Franco-British “co-pilot” model.\n\n"
    "The Paris summit drew a broader group of nations than earlier meetings, a fact his team cites "
    "as proof the idea is “gathering steam.” Key allies have embraced the plan’s underlying logic.\n\n"
    "He has framed the mission in deceptively simple terms: “It’s a pacifist approach,” he insists, "
    "a shield rather than a provocation.\n"
)

# quote, the passage that must be suggested (normalised), words the message must name
NEAR_MISSES = [
    ("Franco-British co pilot model", 'Franco-British "co-pilot" model.', ["co pilot", 'co-pilot"']),
    ("The Paris Summit drew a broader group", "The Paris summit drew a broader group", ["Summit", "summit"]),
    ("a pacifist approach he insists", 'a pacifist approach," he insists,', ["approach", 'approach,"']),
    ("the idea is gathering speed", 'the idea is "gathering steam."', ["speed", 'steam."']),
    ("a balancing act that must require sidelining", "a balancing act that may require sidelining", ["must"]),
    ("He has framed the mission in deceptively simple words", None, ["words", "terms:"]),
    ("Key allies have embraced the plans underlying logic", None, ["plans", "plan's"]),
]


def not_found(quote: str, article: str = ARTICLE):
    text = SourceText(article)
    result = _match(Citation("s", quote), text)
    assert result.status == "not_found" and result.start is None and result.end is None
    return result, text


def check_near_misses() -> None:
    for quote, passage, named in NEAR_MISSES:
        result, text = not_found(quote)
        assert result.near_start is not None and result.near_end is not None, quote
        suggested = normalize(text.text[result.near_start : result.near_end])
        if passage is not None:
            assert suggested == passage, quote
        else:
            assert len(suggested.split()) == len(quote.split()), (quote, suggested)
        differs = result.message.split("it differs: ", 1)[1]
        for word in named:
            assert word in differs, (quote, differs)


def test_near_misses_are_found_and_their_differences_named() -> None:
    pytest.importorskip("rapidfuzz")
    check_near_misses()


def test_without_rapidfuzz_difflib_finds_them_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    monkeypatch.setitem(sys.modules, "rapidfuzz.fuzz", None)
    assert hints._scorer()[0] is hints._difflib_score
    check_near_misses()


def test_two_texts_that_read_alike_are_told_apart() -> None:
    result, _ = not_found("a pаcifist approach")  # a Cyrillic а
    assert "U+0430 CYRILLIC SMALL LETTER A" in result.message
    assert "U+0061 LATIN SMALL LETTER A" in result.message
    # A long quote changed near its end: the change is named, not cut off.
    quote = normalize(ARTICLE.split("\n\n")[0]).replace("reluctant", "willing")
    result, _ = not_found(quote)
    assert "“willing” where the source has “reluctant”" in result.message
    assert len(result.message) < 600


def test_a_quote_like_nothing_in_the_source_gets_no_suggestion() -> None:
    result, _ = not_found("zebras quietly photosynthesise")
    assert "No passage of the source is close to it." in result.message
    assert result.near_start is None and result.suggestion == ""


def test_the_search_copies_nothing_of_a_large_source() -> None:
    import random

    norm = SourceText(make_source(random.Random(3), 1, 6 * 1024 * 1024, "blocks").text).normalized
    sentence = norm[len(norm) // 2 :][:400].split(". ")[1]
    quotes = [
        sentence.replace(" ", "  ").upper(),  # nothing found exactly: no anchor word at all
        sentence[: len(sentence) // 2] + " quietly " + sentence[len(sentence) // 2 :],
        "zebras quietly photosynthesise all afternoon",
    ]
    tracemalloc.start()
    try:
        for quote in quotes:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            found = hints.closest(norm, normalize(quote))
            assert tracemalloc.get_traced_memory()[1] - before < 2_000_000, quote
            if quote is quotes[1]:
                assert found is not None and "quietly" not in norm[found[0] : found[1]]
    finally:
        tracemalloc.stop()


def test_rapidfuzz_is_imported_only_for_a_quote_not_found() -> None:
    code = (
        "import sys, briefing.core.verify, briefing.cli.main;"
        "print('rapidfuzz' in sys.modules, 'difflib' in sys.modules);"
        "import briefing.ui.app; print('rapidfuzz' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]
