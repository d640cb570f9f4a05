"""Figures, countries and stances, cue phrases, and reading text: the other extractors."""

from __future__ import annotations

import pytest

from briefing.draft import actors, cues
from briefing.draft.figures import find_figures
from briefing.draft.text import ArticleError, decode, paragraphs


def figures(para: str) -> list[tuple[str, str]]:
    return [(f.value, f.measures) for f in find_figures(para, 0)]


def test_figures_with_unit_and_what_they_count():
    assert figures("a pledge of €2 billion in new military aid") == [("€2 billion", "new military aid")]
    assert figures("a deployment of 10,000 to 30,000 troops in the west") == [("10,000–30,000", "troops")]
    assert figures("the strike left 12 wounded, including a child") == [("12", "wounded")]
    assert figures("it brought together nearly 30 nations") == [("Nearly 30", "nations")]
    assert figures("The Ruble has lost 30% of its value.") == [("30%", "its value")]
    assert figures("It costs $1.5 bn for the launch") == [("$1.5 bn", "the launch")]


@pytest.mark.parametrize(
    "para",
    [
        "a vision since Russia’s 2022 invasion",
        "on March 27 at noon",
        "on 27 March",
        "the 3rd time",
        "COVID-19 kept us apart",
        "at 12:30 today",
    ],
)
def test_years_dates_ordinals_and_names_are_not_figures(para):
    assert figures(para) == []


def reaction(para: str, country: str) -> tuple[str, str]:
    found = actors.mentions(para, 0)
    m = next(x for x in found if x.country == country)
    lo, hi = actors.clause(para, m.start)
    others = tuple((o.start - lo, o.end - lo) for o in found if o.country != country and lo <= o.start < hi)
    return actors.stance_in(para[lo:hi], m.start - lo, others)[0], m.leader


def test_countries_by_name_demonym_leader_and_possessive():
    para = "Italy’s Giorgia Meloni and Greece’s Kyriakos Mitsotakis publicly rejected the idea."
    assert reaction(para, "Italy") == ("opposed", "Giorgia Meloni")
    assert reaction(para, "Greece") == ("opposed", "Kyriakos Mitsotakis")
    assert [m.country for m in actors.mentions("British and French officials met.", 0)] == [
        "United Kingdom",
        "France",
    ]
    assert reaction("Starmer pledged full support.", "United Kingdom") == ("supports", "Keir Starmer")


def test_a_capital_counts_as_government_only_when_it_acts():
    assert [m.country for m in actors.mentions("Moscow has warned of a clash.", 0)] == ["Russia"]
    assert actors.mentions("during his visit to Paris last week", 0) == []


def test_stance_is_unclear_without_a_cue_and_cues_about_others_do_not_count():
    assert reaction("Ukraine’s president spoke in Brussels on Monday.", "Ukraine")[0] == "unclear"
    # "aggression" belongs to Russia, not to Macron's France
    assert reaction("Macron aims to make further Russian aggression too costly.", "France")[0] == "unclear"
    assert (
        reaction(
            "While Baltic leaders cautiously welcomed it, the Czech Republic deemed it premature.",
            "Czech Republic",
        )[0]
        == "cautious"
    )
    assert reaction("Moscow warned darkly of a direct military clash.", "Russia")[0] == "hostile"


def test_cue_phrases_pick_a_section():
    assert (
        cues.section_of("The critical unknown is whether Putin will view the force as a threat.")[0]
        == "watch"
    )
    assert cues.section_of("The most immediate challenge is the lack of unanimity.")[0] == "obstacles"
    assert cues.section_of("Macron aims to make the cost of aggression intolerable.")[0] == "objectives"
    assert cues.section_of("The weather was fine on Tuesday.") is None


def test_decode_any_line_ending_bom_and_declared_encoding():
    assert decode(b"one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"
    assert decode("\ufeffcaf\u00e9".encode()) == "café"
    assert decode("caf\u00e9 “x”".encode("utf-16")) == "café “x”"
    latin = "<meta charset=iso-8859-1>\ncaf\u00e9".encode("latin-1")
    assert decode(latin).endswith("café")
    with pytest.raises(ArticleError, match="not UTF-8"):
        decode("caf\u00e9".encode("latin-1"), "a.txt")
    with pytest.raises(ArticleError, match="binary"):
        decode(b"a\x00b", "a.txt")


def test_paragraphs_from_blank_lines_or_lines():
    assert paragraphs("One\nline.\n\nTwo.\n") == ["One line.", "Two."]
    assert paragraphs("One.\nTwo.\n") == ["One.", "Two."]
