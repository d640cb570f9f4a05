"""The export walk: what every format prints, decided once.

A deck written to a temporary project is walked with the real verifier,
and the walk is checked for what a formatter relies on: slides in order,
items in the viewer's order (or the file's, when asked), every citation's
verification state with the source's own passage and its ¶ range, the
grounds of a judgement, and speaker notes only when asked for.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.loader import load_deck
from briefing.core.model import SLIDE_KINDS, Citation, Deck, Point, Slide, Source
from briefing.core.order import item_order
from briefing.core.sourcetext import SourceText
from briefing.core.verify import Verifier
from briefing.output.markdown import SLIDE_FORMATTERS, export_markdown
from briefing.output.walk import Ground, WalkedSlide, walk, written_order
from tests.deckfiles import make_project

#: Four paragraphs separated by blank lines; the second is hard-wrapped.
ARTICLE = (
    "First paragraph about the summit.\n"
    "\n"
    "Second paragraph: the plan is “gathering steam”\n"
    "across the continent, officials said.\n"
    "\n"
    "Third paragraph opens here. It ends here.\n"
    "\n"
    "The same words twice. The same words twice.\n"
)

HEADER = """briefing: 1
title: Walk test
sources:
  - id: src
    path: ../seeds/article.txt
    title: The article
  - id: gone
    path: ../seeds/missing.txt
slides:
"""

SLIDES = """\
  - kind: points
    title: Points
    notes: Say this slowly.
    points:
      - id: steam
        text: the plan gathers steam
        cite: [{source: src, quote: 'the plan is "gathering steam" across the continent'}]
      - id: across
        text: a quote across two paragraphs
        cite: [{source: src, quote: "officials said. Third paragraph opens here"}]
      - text: three ways to fail
        cite:
          - {source: src, quote: "words that are not in the article"}
          - {source: src, quote: "The same words twice"}
          - {source: gone, quote: "anything at all"}
  - kind: reactions
    title: Reactions
    reactions:
      - {country: RU, actor: A, stance: hostile, summary: s, cite: [{source: src, quote: It ends here}]}
      - {country: FR, actor: A, stance: leads, summary: s, cite: [{source: src, quote: First paragraph}]}
      - {country: IT, actor: A, stance: opposed, summary: s, cite: [{source: src, quote: Second paragraph}]}
      - {country: GB, actor: A, stance: supports, summary: s, cite: [{source: src, quote: about the summit}]}
  - kind: points
    title: Reading
    points:
      - text: our reading
        judgement: true
        rests_on: [steam]
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Deck, Verifier, list[WalkedSlide]]:
    deck = load_deck(make_project(tmp_path_factory.mktemp("walk"), SLIDES, article=ARTICLE, header=HEADER))
    verifier = Verifier(deck)
    return deck, verifier, list(walk(deck, verifier))


def test_slides_come_in_deck_order_with_their_numbers(project) -> None:
    deck, _, walked = project
    assert [s.slide for s in walked] == list(deck.slides)
    assert [s.number for s in walked] == [1, 2, 3]
    assert [s.kind for s in walked] == ["points", "reactions", "points"]


def test_items_come_in_the_viewers_order_unless_the_files_is_asked_for(project) -> None:
    deck, verifier, walked = project
    reactions = walked[1]
    # The file lists hostile, leads, opposed, supports; the viewer reads support first.
    assert [i.item.stance for i in reactions.items] == ["leads", "supports", "opposed", "hostile"]
    assert [i.number for i in reactions.items] == [2, 4, 3, 1]  # each keeps its place in the file
    assert [i.number for i in reactions.items] == [n + 1 for n in item_order(deck.slides[1])]
    as_written = list(walk(deck, verifier, order=written_order))[1]
    assert [i.item.stance for i in as_written.items] == ["hostile", "leads", "opposed", "supports"]
    assert [i.number for i in as_written.items] == [1, 2, 3, 4]
    # Other kinds keep the file's order either way.
    assert [i.number for i in walked[0].items] == [1, 2, 3]


def test_a_verified_citation_carries_the_sources_own_passage_and_its_paragraph(project) -> None:
    _, _, walked = project
    (cited,) = walked[0].items[0].citations
    assert cited.status == "verified" and cited.verified
    assert cited.source is not None and cited.source.id == "src"
    # The source's words, curly quotes and line break included, not the deck's.
    assert cited.passage == "the plan is “gathering steam”\nacross the continent"
    assert (cited.paragraph, cited.end_paragraph) == (2, 2)
    assert cited.citation.quote == 'the plan is "gathering steam" across the continent'


def test_a_passage_across_a_paragraph_break_gives_both_paragraphs(project) -> None:
    _, _, walked = project
    (cited,) = walked[0].items[1].citations
    assert cited.passage == "officials said.\n\nThird paragraph opens here"
    assert (cited.paragraph, cited.end_paragraph) == (2, 3)
    (last,) = walked[1].items[3].citations  # Russia, listed first, shown last
    assert last.passage == "It ends here" and (last.paragraph, last.end_paragraph) == (3, 3)


def test_unverified_citations_keep_their_state_and_no_passage(project) -> None:
    _, _, walked = project
    missing, ambiguous, unreadable = walked[0].items[2].citations
    assert [c.status for c in (missing, ambiguous, unreadable)] == ["not_found", "ambiguous", "unchecked"]
    for cited in (missing, ambiguous, unreadable):
        assert not cited.verified
        assert cited.passage is None and cited.paragraph is None and cited.end_paragraph is None
        assert cited.message  # the verifier's reason, for a format that shows it
    assert missing.citation.quote == "words that are not in the article"
    assert "2 times" in ambiguous.message
    assert unreadable.source is not None and unreadable.source.id == "gone"
    assert "does not exist" in unreadable.message


def test_a_judgement_carries_its_grounds_and_their_slides(project) -> None:
    deck, _, walked = project
    (judged,) = walked[2].items
    assert judged.item.judgement and judged.citations == ()
    assert judged.grounds == (Ground("steam", deck.slides[0].items[0], 1),)
    assert all(i.grounds == () for s in walked[:2] for i in s.items)


def test_grounds_that_name_no_item_say_so() -> None:
    point = Point("mine", id="p", judgement=True, rests_on=("p", "nowhere"))
    deck = Deck("T", (Slide("points", "S"), Slide("points", "S2", (point,))), ())
    (judged,) = list(walk(deck, Verifier(deck)))[1].items
    # A hand-built deck has no id index: the item is unknown, its slide is still found.
    assert judged.grounds == (Ground("p", None, 2), Ground("nowhere", None, None))


def test_notes_are_kept_only_when_asked_for(project) -> None:
    deck, verifier, walked = project
    assert [s.notes for s in walked] == ["Say this slowly.", "", ""]
    quiet = walk(deck, verifier, notes=False)
    assert [s.notes for s in quiet] == ["", "", ""]
    assert deck.slides[0].notes == "Say this slowly."


def test_every_citation_is_verified_up_front_in_one_batch(project) -> None:
    deck, _, _ = project
    batches: list[list[Citation]] = []

    class Counting(Verifier):
        def prefetch(self, citations):
            citations = list(citations)
            batches.append(citations)
            super().prefetch(citations)

    slides = walk(deck, Counting(deck))
    assert batches == [list(deck.citations)]  # before the first slide is asked for
    assert len(list(slides)) == len(deck.slides) and len(batches) == 1


def test_the_walk_is_immutable(project) -> None:
    _, _, walked = project
    with pytest.raises(AttributeError):
        walked[0].notes = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        walked[0].items[0].citations[0].passage = "changed"  # type: ignore[misc]


# -- the ¶ range on any passage --------------------------------------------

_WORDS = [f"w{n:02d}" for n in range(40)]


@settings(max_examples=200, deadline=None)
@given(
    breaks=st.lists(st.sampled_from([" ", "\n", "\n\n", "\n \n  "]), min_size=39, max_size=39),
    span=st.tuples(st.integers(0, 39), st.integers(0, 39)).map(sorted),
)
def test_the_paragraph_range_is_that_of_the_first_and_last_character(
    tmp_path_factory: pytest.TempPathFactory, breaks: list[str], span: list[int]
) -> None:
    text = "".join(word + gap for word, gap in zip(_WORDS, [*breaks, "\n"], strict=True))
    path = tmp_path_factory.mktemp("para") / "source.txt"
    path.write_text(text, encoding="utf-8")
    first, last = span
    quote = " ".join(_WORDS[first : last + 1])
    deck = Deck(
        "T",
        (Slide("points", "S", (Point("p", citations=(Citation("s", quote, path="c"),)),)),),
        (Source("s", "source.txt", resolved=path),),
        path=path.parent / "deck.yaml",
    )
    (cited,) = next(walk(deck, Verifier(deck))).items[0].citations
    source = SourceText.read(path)
    start = text.index(_WORDS[first])
    end = text.index(_WORDS[last]) + len(_WORDS[last])
    assert cited.verified and cited.passage == text[start:end]
    assert cited.paragraph == source.paragraph_at(start)
    assert cited.end_paragraph == source.paragraph_at(end - 1)


def test_a_kind_without_a_markdown_formatter_is_named() -> None:
    deck = Deck("T", (Slide("timeline", "S", (Point("p", judgement=True),)),), ())
    with pytest.raises(ValueError, match="'timeline'"):
        export_markdown(deck, Verifier(deck))


def test_every_slide_kind_has_a_markdown_formatter() -> None:
    assert sorted(SLIDE_FORMATTERS) == sorted(SLIDE_KINDS)
