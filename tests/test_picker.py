"""Picking a quote from a source: word snapping, extending, and the citation line offered."""

from __future__ import annotations

import yaml

from briefing.core.model import Citation
from briefing.core.picker import (
    next_word_end,
    pick,
    previous_word_end,
    sentence_end,
    sentence_start,
    snap,
    word_at,
)
from briefing.core.sourcetext import SourceText
from briefing.core.verify import _match

TEXT = (
    "The plan works. The plan works well, they said. Nobody can't agree on the cease-fire.\n\n"
    "A second “quoted” paragraph follows here."
)


def _span(start: int, end: int) -> str:
    return TEXT[start:end]


def test_snap_moves_out_to_whole_words_and_trims_spaces() -> None:
    at = TEXT.index("lan")
    assert _span(*snap(TEXT, at, at + 2)) == "plan"
    at = TEXT.index("an't")
    assert _span(*snap(TEXT, at, at + 1)) == "can't"
    at = TEXT.index("ase-f")
    assert _span(*snap(TEXT, at, at + 4)) == "cease-fire"
    assert _span(*snap(TEXT, TEXT.index(" works"), TEXT.index(" works") + 3)) == "works"


def test_extend_and_shrink_by_word_and_sentence() -> None:
    start, end = word_at(TEXT, TEXT.index("Nobody"))
    assert _span(start, end) == "Nobody"
    end = next_word_end(TEXT, end)
    assert _span(start, end) == "Nobody can't"
    end = next_word_end(TEXT, next_word_end(TEXT, end))
    assert _span(start, end) == "Nobody can't agree on"
    end = previous_word_end(TEXT, start, end)
    assert _span(start, end) == "Nobody can't agree"
    assert _span(start, sentence_end(TEXT, end)) == "Nobody can't agree on the cease-fire."
    assert previous_word_end(TEXT, start, TEXT.index(" can't")) == TEXT.index(" can't")  # one word stays
    middle = TEXT.index("well")
    assert _span(sentence_start(TEXT, middle), sentence_end(TEXT, middle)) == "The plan works well, they said."
    second = TEXT.index("second")
    assert TEXT[sentence_start(TEXT, second) :].startswith("A second")


def _verifies(line: str, source: SourceText, start: int) -> bool:
    entry = yaml.safe_load(line)[0]
    citation = Citation("a", entry) if isinstance(entry, str) else Citation("a", **entry)
    result = _match(citation, source)
    return result.verified and result.start == start


def test_a_unique_quote_is_one_line_that_verifies() -> None:
    source = SourceText(TEXT)
    start = TEXT.index("Nobody")
    picked = pick(source, start + 2, TEXT.index("agree") + 2)
    assert picked.verified
    assert picked.line == '- "Nobody can\'t agree"'
    assert _verifies(picked.line, source, start)


def test_a_repeated_quote_gets_a_prefix_that_picks_the_right_one() -> None:
    source = SourceText(TEXT)
    start = TEXT.index("The plan", 5)
    picked = pick(source, start, start + len("The plan"))
    assert picked.line == '- quote: "The plan"\n  prefix: "works."'
    assert _verifies(picked.line, source, start)


def test_the_first_of_a_repeated_quote_at_the_start_gets_a_suffix() -> None:
    source = SourceText(TEXT)
    picked = pick(source, 0, len("The plan works"))
    assert picked.line == '- quote: "The plan works"\n  suffix: "."'
    assert _verifies(picked.line, source, 0)


def test_quotes_and_line_breaks_are_yaml_safe() -> None:
    text = 'He said "no" and\nleft the\\room.'
    source = SourceText(text)
    picked = pick(source, 0, len(text))
    assert yaml.safe_load(picked.line) == ['He said "no" and left the\\room.']
    assert _verifies(picked.line, source, 0)
    assert pick(source, 3, 3).quote == "said"  # an empty span snaps to its word
    assert not pick(SourceText("   "), 0, 3).verified
