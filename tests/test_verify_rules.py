"""The verification rules of docs/deck-format.md, one at a time.

Each normalisation rule: a benign variant verifies and a change of meaning
does not. Then whole words, offsets back into the original text (what the
viewer highlights), paragraph ranges, words shown in quotation marks, and a
remembered offset that no longer holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.core.loader import load_deck
from briefing.core.model import Citation, Deck
from briefing.core.sourcetext import SourceText, ends_word, normalize, quoted_within, starts_word
from briefing.core.verify import CitationResult, Verifier, _match
from tests.deckfiles import make_project


def verify(source: str, quote: str, prefix: str = "", suffix: str = "") -> CitationResult:
    return _match(Citation("s", quote, prefix, suffix), SourceText(source))


# rule, source, a benign variant of a passage, a change of meaning
RULES = [
    ("NFC", "Le café est fermé.", "cafe\u0301 est fermé", "cafe est fermé"),
    ("NFC, decomposed source", "Le cafe\u0301 est fermé.", "café est fermé", "cafe est fermé"),
    ("quotation marks", "He said “it’s over” twice.", 'said "it\'s over"', 'said "its over"'),
    ("angle quotes", "Il a dit «non» hier.", 'dit "non" hier', "dit non hier"),
    ("en dash for hyphen", "the 2014–2022 war", "the 2014-2022 war", "the 2014 2022 war"),
    ("minus sign", "fell to −5 degrees", "fell to -5 degrees", "fell to 5 degrees"),
    ("white space kinds", "two\u00a0words\tand\r\nlines", "two words and lines", "two wordsand lines"),
    ("white space runs", "a   wide \n\n gap", "a wide gap", "a widegap"),
    ("zero-width space deleted", "said the\u200brapist left", "said therapist left", "said the rapist left"),
    ("soft hyphen deleted", "the re\u00adgional plan", "the regional plan", "the re-gional plan"),
    (
        "joiners deleted",
        "a zero\u200dwidth and word\u2060joiner",
        "a zerowidth and wordjoiner",
        "a zero width",
    ),
    ("non-joiner deleted", "mi\u200cxed up", "mixed up", "mi xed up"),
    ("BOM deleted", "a stray \ufeffmark here", "a stray mark here", "a straymark here"),
    ("spaced en dash = em dash", "a deterrent – a tripwire", "deterrent—a tripwire", "deterrent a tripwire"),
    ("em dash = spaced hyphen", "a shield—not a sword", "shield - not a sword", "shield not a sword"),
    ("double hyphen = dash", "said -- roughly", "said — roughly", "said roughly"),
    ("hyphen then en dash", "now -– then", "now – then", "now then"),
    ("hyphen at a line break", "a co-\npilot model", "a co-pilot model", "a copilot model"),
    ("hyphen at a CRLF break", "a co-\r\npilot model", "a co-pilot model", "a co pilot model"),
    ("indented wrapped line", "a co-\n    pilot model", "a co-pilot model", "a co- pilot models"),
    ("quote's own ends", "one two three", "  one two \n", "onetwo"),
]


@pytest.mark.parametrize(("rule", "source", "benign", "changed"), RULES, ids=[r[0] for r in RULES])
def test_each_rule_accepts_the_variant_and_refuses_the_change(
    rule: str, source: str, benign: str, changed: str
) -> None:
    assert verify(source, benign).verified, rule
    refused = verify(source, changed)
    assert not refused.verified and refused.status == "not_found", rule


def test_invisible_characters_are_deleted_not_spaced() -> None:
    assert normalize("the\u200brapist") == "therapist"
    assert normalize("a\u00ad\u200b\u200c\u200d\u2060\ufeffb") == "ab"
    assert normalize("a \u200b b") == "a b"
    assert normalize("deterrent \u2013 a\u00a0\u2014\n\u2014 b") == "deterrent-a-b"


# -- whole words -------------------------------------------------------------------

INSIDE = [
    ("Poland will send 130,000 troops.", "30,000 troops", "130,000 troops"),
    ("a total of 1,130,000 shells", "130,000 shells", "1,130,000 shells"),
    ("fell by 2.5 million", "5 million", "2.5 million"),
    ("10,000–30,000 troops", "30,000 troops", "10,000-30,000 troops"),
    ("They were unable to deploy.", "able to deploy", "unable to deploy"),
    ("That is unconstitutional.", "constitutional.", "unconstitutional."),
    ("It hurt a childcare worker.", "a child", "a childcare worker"),
    ("We can't go.", "We can", "We can't go."),
    ("Macron’s envoy", "s envoy", "Macron's envoy"),
    ("a non-binding deal", "binding deal", "non-binding deal"),
    ("a co-\npilot model", "pilot model", "co-pilot model"),
    ("a co-\npilot model", "a co", "a co-pilot"),
    ("a co-\npilot model", "a co-", "a co-pilot"),
    ("1\u202f130\u202f000 homes", "130 000 homes", "1 130 000 homes"),
    ("они неспособны ждать", "способны ждать", "неспособны ждать"),
    ("said the\u200brapist", "the", "said therapist"),
    ("q\u0307 mark", "q", "q\u0307 mark"),  # a combining mark with no precomposed form
    (
        "他们不会派兵。",
        "不会派兵。",
        "他们不会派兵。",
    ),  # no spaces between words: every character is a letter
]


@pytest.mark.parametrize(("source", "part", "whole"), INSIDE, ids=[r[1] for r in INSIDE])
def test_a_quote_inside_longer_words_is_not_found_but_the_whole_words_are(
    source: str, part: str, whole: str
) -> None:
    result = verify(source, part)
    assert result.status == "not_found"
    assert "occurs only inside a longer word: ¶1" in result.message
    assert result.near_start is not None and result.near_end is not None
    assert source[result.near_start : result.near_end].strip()  # the viewer marks the longer word
    assert verify(source, whole).verified


def test_word_separators_that_are_not_inside_a_word() -> None:
    source = "A deterrent – a tripwire—not a sword. 'Simplistic,' he said (twice) of the €2 plan/idea."
    for quote in ("a tripwire", "not a sword.", "Simplistic,", "twice", "2 plan", "idea.", "he said"):
        assert verify(source, quote).verified, quote
    assert verify("\u200bword\u00ad", "word").verified  # invisible characters at the very ends
    assert verify("end of the line -\nnext", "end of the line").verified  # a spaced dash, then a break


def test_boundaries_read_the_original_text() -> None:
    text = "un-\n  able, can’t 1,000"
    assert not starts_word(text, text.index("able"))  # a wrapped hyphen with indentation
    assert ends_word(text, text.index(","))
    assert not ends_word(text, text.index("’"))
    assert not starts_word(text, text.index("000"))
    assert starts_word(text, 0) and ends_word(text, len(text))


def test_many_places_keep_only_the_whole_words() -> None:
    source = "unable to act. They are able to act. It was able to act."
    result = verify(source, "able to act")
    assert result.status == "ambiguous" and "occurs 2 times" in result.message
    result = verify(source, "able to act", prefix="They are")
    assert result.verified and source[result.start : result.end] == "able to act"


# -- offsets into the original text --------------------------------------------------

OFFSETS = [
    ("x said the\u200brapist left", "said therapist", "said the\u200brapist"),
    ("the re\u00adgional plan", "regional plan", "re\u00adgional plan"),
    ("a co-\r\npilot model", "co-pilot model", "co-\r\npilot model"),
    ("a deterrent \u2013 a tripwire!", "deterrent-a tripwire", "deterrent \u2013 a tripwire"),
    ("now \u2013\n\u2014 then", "now - then", "now \u2013\n\u2014 then"),
    (
        "Le cafe\u0301\u00ad\u00adbar est \u2013 ouvert",
        "café\u00adbar est - ouvert",
        "cafe\u0301\u00ad\u00adbar est \u2013 ouvert",
    ),
    ("\ufeffStart \u200b\u200b of it", "Start of it", "Start \u200b\u200b of it"),
]


@pytest.mark.parametrize(("source", "quote", "passage"), OFFSETS, ids=[o[1] for o in OFFSETS])
def test_offsets_point_at_the_original_characters(source: str, quote: str, passage: str) -> None:
    result = verify(source, quote)
    assert result.verified, result.message
    assert source[result.start : result.end] == passage


# -- paragraph ranges ------------------------------------------------------------------

ACROSS = "First paragraph ends here.\n\nSecond one\nstarts here.\n\nThird.\n"


def test_a_passage_across_a_paragraph_break_reports_both_paragraphs() -> None:
    result = verify(ACROSS, "ends here. Second one")
    assert result.verified and (result.paragraph, result.end_paragraph) == (1, 2)
    assert result.paragraph_label == "¶1–2"
    inside = verify(ACROSS, "Second one starts here.")
    assert (inside.paragraph, inside.end_paragraph, inside.paragraph_label) == (2, 2, "¶2")
    repeated = verify(ACROSS + "\nends here. Second one\n", "ends here. Second one")
    assert repeated.status == "ambiguous" and "(¶1–2, ¶4)" in repeated.message
    assert verify(ACROSS, "here. Second two").message.startswith("quote not found")


def test_check_json_gives_both_paragraphs_and_the_viewer_labels_the_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    slides = "  - kind: points\n    title: P\n    points:\n"
    slides += '      - text: a\n        cite: ["ends here. Second one"]\n'
    deck_path = make_project(tmp_path, slides, article=ACROSS)
    assert main(["check", "--json", str(deck_path)]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["decks"][0]["citations"]
    assert (entry["paragraph"], entry["end_paragraph"]) == (1, 2)
    from briefing.widgets.marks import RenderContext
    from briefing.widgets.preview import citation_where
    from briefing.widgets.sources_panel import citation_entries

    deck = load_deck(deck_path)
    verifier = Verifier(deck)
    result = verifier.result(deck.citations[0])
    assert citation_where(result, RenderContext(deck, verifier)).plain == "✓ article · ¶1–2"
    assert "article · ¶1–2" in citation_entries(deck.slides[0], verifier)[0][2].plain


# -- words shown in quotation marks ----------------------------------------------------

SPOKEN = (
    "Poland’s Donald Tusk ruled out sending soldiers, saying “Poland will not send troops.”\n"
    "“It is not unanimous,” Macron said. Later: “It is not unanimous.”\n"
)


def shown_quote_deck(tmp_path: Path, kind: str, quote: str, cites: list[str]) -> Deck:
    cite = f"\n        cite: {json.dumps(cites, ensure_ascii=False)}" if cites else ""
    if kind == "quotes":
        item = f"      - quote: {json.dumps(quote, ensure_ascii=False)}\n        speaker: Someone{cite}\n"
    else:
        item = (
            "      - country: Poland\n        actor: Tusk\n        stance: opposed\n        summary: s\n"
            f"        quote: {json.dumps(quote, ensure_ascii=False)}\n        speaker: Tusk{cite}\n"
        )
    slides = f"  - kind: {kind}\n    title: Q\n    {kind}:\n{item}"
    return load_deck(make_project(tmp_path, slides, article=SPOKEN))


@pytest.mark.parametrize("kind", ["quotes", "reactions"])
def test_shown_words_are_verified_even_beside_a_cite(tmp_path: Path, kind: str) -> None:
    deck = shown_quote_deck(
        tmp_path, kind, "Poland will send 50,000 troops", ["Tusk ruled out sending soldiers"]
    )
    item = deck.slides[0].items[0]
    assert [c.path for c in item.citations] == [f"slides[0].{kind}[0].cite[0]", f"slides[0].{kind}[0].quote"]
    assert item.citations[1].quote == "Poland will send 50,000 troops"
    verification = Verifier(deck).verify_all()
    assert verification.results[f"slides[0].{kind}[0].cite[0]"].verified
    assert verification.results[f"slides[0].{kind}[0].quote"].status == "not_found"
    assert [p.path for p in verification.problems] == [f"slides[0].{kind}[0].quote"]


@pytest.mark.parametrize("kind", ["quotes", "reactions"])
def test_shown_words_inside_a_cited_passage_need_no_second_citation(tmp_path: Path, kind: str) -> None:
    deck = shown_quote_deck(
        tmp_path, kind, "Poland will not send troops.", ["saying “Poland will not send troops.”"]
    )
    (citation,) = deck.slides[0].items[0].citations
    assert citation.path.endswith(".cite[0]")
    assert Verifier(deck).verify_all().verified_count == 1


def test_shown_words_found_elsewhere_in_the_source_verify(tmp_path: Path) -> None:
    deck = shown_quote_deck(
        tmp_path, "quotes", "Poland will not send troops.", ["Tusk ruled out sending soldiers"]
    )
    assert len(deck.slides[0].items[0].citations) == 2
    assert Verifier(deck).verify_all().verified_count == 2


def test_shown_words_twice_in_the_source_ask_for_a_cite_around_one(tmp_path: Path) -> None:
    deck = shown_quote_deck(tmp_path, "quotes", "It is not unanimous", ["Macron said."])
    shown = Verifier(deck).verify_all().results["slides[0].quotes[0].quote"]
    assert shown.status == "ambiguous" and "add `cite:` with a passage that holds" in shown.message
    placed = shown_quote_deck(tmp_path, "quotes", "It is not unanimous", ["Later: “It is not unanimous.”"])
    assert Verifier(placed).verify_all().verified_count == 1


def test_a_cite_vouches_only_for_whole_words_it_holds() -> None:
    assert quoted_within("It is not unanimous.", "acknowledged, “It is not unanimous.”")
    assert quoted_within("a direct clash", "warning of “a direct clash.”")
    assert not quoted_within("simple", "called it “simplistic”")
    assert not quoted_within("Poland will send troops", "Poland will not send troops")
    assert not quoted_within("a tripwire", "a deterrent – a tripwire")  # the source may join them
    assert not quoted_within("130 000 homes", "1 130 000 homes")  # perhaps thin spaces in the source
    assert not quoted_within("", "anything")


def test_the_bundled_deck_shows_only_words_its_source_says() -> None:
    from briefing.core.bundled import bundled_deck

    deck = load_deck(bundled_deck())
    shown = [i for s in deck.slides for i in s.items if getattr(i, "quote", "") or s.kind == "quotes"]
    assert len(shown) >= 15
    verification = Verifier(deck).verify_all()
    assert verification.verified_count == len(verification.results) and not verification.problems


def test_a_deck_with_two_sources_checks_shown_words_against_the_first_cites(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir(parents=True)
    (tmp_path / "seeds" / "other.txt").write_text("Tusk spoke on Monday.\n", encoding="utf-8")
    header = (
        "briefing: 1\ntitle: T\nsources:\n  - id: article\n    path: ../seeds/article.txt\n"
        "  - id: other\n    path: ../seeds/other.txt\nslides:\n"
    )
    slides = (
        "  - kind: quotes\n    title: Q\n    quotes:\n      - quote: Poland will not send troops.\n"
        "        cite: [{source: other, quote: Tusk spoke on Monday.}]\n"
    )
    deck = load_deck(make_project(tmp_path, slides, article=SPOKEN, header=header))
    shown = deck.slides[0].items[0].citations[1]
    assert shown.source_id == "other"
    assert Verifier(deck).verify_all().results[shown.path].status == "not_found"


# -- remembered offsets ----------------------------------------------------------------


class Remembered:
    """An offset store that hands back whatever it was given to hand back."""

    def __init__(self, offsets: dict[str, list[int]]) -> None:
        self.offsets = offsets

    def load(self, sha256: str) -> dict[str, list[int]]:
        return self.offsets

    def save(self, sha256: str, offsets: dict[str, list[int]]) -> None:
        pass


def test_a_remembered_offset_must_still_hold_as_whole_words(tmp_path: Path) -> None:
    article = "Poland will send 130,000 troops.\n"
    slides = '  - kind: points\n    title: P\n    points:\n      - text: a\n        cite: ["30,000 troops"]\n'
    deck = load_deck(make_project(tmp_path, slides, article=article))
    start = article.index("30,000")
    for offsets in ([start, start + 13], [0, 6], ["0", 6], [5], [6, 0], [-1, 4], [0, 10**9]):
        store = Remembered({"30,000 troops\0\0": offsets})  # type: ignore[dict-item]
        result = Verifier(deck, store).verify_all().results["slides[0].points[0].cite[0]"]
        assert result.status == "not_found", offsets
    good = Remembered({"130,000 troops\0\0": [start - 1, start + 13]})
    slides = slides.replace('"30,000 troops"', '"130,000 troops"')
    deck = load_deck(make_project(tmp_path, slides, article=article))
    assert Verifier(deck, good).verify_all().verified_count == 1
