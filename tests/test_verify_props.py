"""Properties of verification: benign variants verify, changes of meaning never do.

A source is built from words (Latin, Cyrillic, Greek, numbers with
separators, apostrophes, hyphenated compounds, quotation marks) and gaps;
a quote is a run of its whole words around a marker found nowhere else, so
it occurs once. Then

* the source is rewritten in ways that read the same (invisible characters
  anywhere, other white space, other dashes and dash spacing, compounds
  wrapped at their hyphen, curly quotation marks), and the quote must still
  verify, at a passage that normalises to it;
* the source is changed in one way that changes what it says (a letter or
  digit added to a word of the passage or just outside it, one changed,
  two words joined by an invisible character, a dash dropped), and the
  quote must not verify, through the word index as well as alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.model import Citation
from briefing.core.sourcetext import SourceText, normalize
from briefing.core.verify import _match, _WordIndex

WORDS = [
    "troops",
    "able",
    "unable",
    "send",
    "130,000",
    "2.5",
    "million",
    "it's",
    '"It',
    'is"',
    "co-pilot",
    "well-known",
    "can't",
    "способны",
    "σχέδιο",
    "Macron's",
    "deal.",
    "said,",
    "€2",
    "12",
    "(twice)",
]
MARKER = "Zq7marker"
#: Gap kinds and ways to write each: the source and the quote each pick one.
SPACES = [" ", "  ", "\n", " \n ", "\t", "\u00a0", "\r\n", "\n\n", "\u2003", " \u200b "]
DASHES = [" – ", " — ", "—", "–", " - ", " -- ", "--", " —\n", " \u2212 ", "-–"]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
#: Gaps that keep two digits one number (see docs/deck-format.md): not a word boundary.
DIGIT_JOINERS = ["\u00a0", "–"]
CURLY = {"'": "’", '"': "“"}


@dataclass
class Case:
    before: list[str]  # words before the quote
    words: list[str]  # the quoted words (one is the marker)
    after: list[str]
    gaps: list[bool]  # between every two words of before + words + after: True for a dash


@st.composite
def cases(draw: st.DrawFn) -> Case:
    words = st.sampled_from(WORDS)
    before = draw(st.lists(words, max_size=4))
    quoted = draw(st.lists(words, min_size=0, max_size=5))
    quoted.insert(draw(st.integers(0, len(quoted))), MARKER)
    after = draw(st.lists(words, max_size=4))
    total = len(before) + len(quoted) + len(after)
    gaps = draw(st.lists(st.booleans(), min_size=total - 1, max_size=total - 1))
    return Case(before, quoted, after, gaps)


def write(case: Case, draw: st.DrawFn, *, benign: bool) -> tuple[str, int, int]:
    """The source text, and where the quoted words start and end in it."""
    all_words = case.before + case.words + case.after
    edges = (len(case.before), len(case.before) + len(case.words))
    out, start, end = "", 0, 0
    for i, word in enumerate(all_words):
        if i:
            ways = DASHES if case.gaps[i - 1] else SPACES
            if i in edges and all_words[i - 1][-1].isdigit() and word[0].isdigit():
                ways = [w for w in ways if w not in DIGIT_JOINERS]  # 2\u00a0130 and 10–30 are one number
            out += draw(st.sampled_from(ways))
        if i == len(case.before):
            start = len(out)
        if benign:
            if "-" in word and draw(st.booleans()):
                word = word.replace("-", draw(st.sampled_from(["-\n", "-\r\n", "\u2010\n  "])))
            if draw(st.booleans()):
                word = "".join(CURLY.get(c, c) for c in word)
        out += word
        if i == len(case.before) + len(case.words) - 1:
            end = len(out)
    return out, start, end


def quote_of(case: Case, draw: st.DrawFn) -> str:
    gaps = case.gaps[len(case.before) : len(case.before) + len(case.words) - 1]
    quote = case.words[0]
    for dash, word in zip(gaps, case.words[1:], strict=True):
        quote += draw(st.sampled_from(DASHES if dash else SPACES)) + word
    return quote


def verdicts(source: str, quote: str) -> list:
    text = SourceText(source)
    citation = Citation("s", quote)
    alone = _match(citation, text)
    indexed = _match(citation, SourceText(source), _WordIndex(SourceText(source).normalized, [quote]))
    assert (alone.status, alone.start, alone.end) == (indexed.status, indexed.start, indexed.end)
    return [alone, text]


@settings(max_examples=400, deadline=None)
@given(cases(), st.data())
def test_benign_variants_verify(case: Case, data: st.DataObject) -> None:
    source, _, _ = write(case, data.draw, benign=True)
    # Invisible characters anywhere in the source, words and gaps alike.
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(source)))
        source = source[:at] + data.draw(st.sampled_from(INVISIBLE)) + source[at:]
    quote = quote_of(case, data.draw)
    if data.draw(st.booleans()):  # the quote may carry them too
        at = data.draw(st.integers(0, len(quote)))
        quote = quote[:at] + data.draw(st.sampled_from(INVISIBLE)) + quote[at:]
    result, text = verdicts(source, quote)
    assert result.verified, (source, quote, result.message)
    assert normalize(source[result.start : result.end]) == normalize(quote)
    assert text.whole_words(result.start, result.end)


@st.composite
def changes(draw: st.DrawFn) -> tuple[str, str, str]:
    """A source changed in one way that changes its meaning, the quote, and the change's name."""
    case = draw(cases())
    source, start, end = write(case, draw, benign=False)
    quote = quote_of(case, draw)
    passage = source[start:end]
    kind = draw(st.sampled_from(["attach before", "attach after", "insert", "replace", "join", "drop dash"]))
    extra = draw(st.sampled_from(["x", "7", "й", "λ", "0"]))
    if kind == "attach before":
        source = source[:start] + extra + source[start:]
    elif kind == "attach after":
        source = source[:end] + extra + source[end:]
    elif kind in ("insert", "replace"):
        spots = [i for i, c in enumerate(passage) if c.isalnum()]
        at = draw(st.sampled_from(spots))
        if kind == "insert":
            passage = passage[:at] + extra + passage[at:]
        else:
            other = "b" if passage[at] != "b" else "c"
            passage = passage[:at] + other + passage[at + 1 :]
        source = source[:start] + passage + source[end:]
    else:
        inside = range(len(case.before), len(case.before) + len(case.words) - 1)
        wanted = [i for i in inside if case.gaps[i] == (kind == "drop dash")]
        if not wanted:
            kind, source = "attach before", source[:start] + extra + source[start:]
        else:
            # Rewrite the source with that one gap changed.
            pick = draw(st.sampled_from(wanted))
            words = case.before + case.words + case.after
            out = words[0]
            for i, word in enumerate(words[1:]):
                if i == pick:
                    out += "\u200b" if kind == "join" else " "
                else:
                    out += DASHES[0] if case.gaps[i] else " "
                out += word
            source = out
    return source, quote, kind


@settings(max_examples=500, deadline=None)
@given(changes())
def test_changes_of_meaning_never_verify(change: tuple[str, str, str]) -> None:
    source, quote, kind = change
    result, _ = verdicts(source, quote)
    assert not result.verified, (kind, source, quote)
