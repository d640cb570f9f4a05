"""The near-miss finder: typography is forgiven, a changed word never is."""

from __future__ import annotations

import pytest

from briefing.core.nearmiss import find, passages, wording

SOURCE = (
    "He said: “We won’t retreat — ever.” The well-known general\n"
    "agreed,  and the co-\npilot too. It is not unanimous. Resign now.\n"
    "Officials called it the ‘final offer’ on Monday."
)

# One case per typographic class: (class, quote as typed, the source's wording).
CLASSES = [
    ("straight double quotes", '"We won’t retreat — ever."', "“We won’t retreat — ever.”"),
    ("straight apostrophe", "We won't retreat", "We won’t retreat"),
    ("straight single quotes", "the 'final offer' on Monday", "the ‘final offer’ on Monday"),
    ("hyphen for em dash", "retreat - ever", "retreat — ever"),
    ("double hyphen for em dash", "retreat -- ever", "retreat — ever"),
    ("unspaced dash", "retreat—ever", "retreat — ever"),
    ("space for hyphen", "The well known general", "The well-known general"),
    ("hyphen for space", "general-agreed", "general agreed"),
    ("capital at the start", "it is not unanimous.", "It is not unanimous."),
    ("small letter for a capital", "resign now.", "Resign now."),
    ("capital for a small letter", "The 'final offer' on Monday", "the ‘final offer’ on Monday"),
    ("runs of spaces", "It is  not   unanimous.", "It is not unanimous."),
    ("line break in the source", "general agreed, and the", "general agreed, and the"),
    ("hyphen broken over a line", "co-pilot too", "co-pilot too"),
]


@pytest.mark.parametrize(("name", "quote", "expected"), CLASSES, ids=[c[0] for c in CLASSES])
def test_each_typographic_class_is_found_with_the_source_wording(
    name: str, quote: str, expected: str
) -> None:
    found = find(quote, SOURCE)
    assert found is not None, name
    assert found.wording == expected
    assert wording(SOURCE, found.start, found.end) == expected


@pytest.mark.parametrize(
    "quote",
    [
        "We will not retreat",  # a changed word
        "We won’t retreat — never.",  # a changed last word
        "The well-known generals",  # a changed ending
        "esign now",  # inside a longer word
        "It is unanimous.",  # a dropped word
    ],
)
def test_a_changed_word_is_never_found(quote: str) -> None:
    assert find(quote, SOURCE) is None


def test_case_is_forgiven_only_at_the_start() -> None:
    assert find("it is not unanimous.", SOURCE) is not None
    assert find("It Is not unanimous.", SOURCE) is None
    assert find("IT is not unanimous.", SOURCE) is None


def test_a_dropped_dash_is_a_change_not_typography() -> None:
    assert find("retreat ever", SOURCE) is None


def test_several_places_give_no_fix_unless_prefix_or_suffix_picks_one() -> None:
    text = "The plan is ready. Then the plan is ready again."
    assert len(passages("the plan is ready", text)) == 2
    assert find("the plan is ready", text) is None
    picked = find("the plan is ready", text, suffix="again")
    assert picked is not None and picked.wording == "the plan is ready"
    assert text[picked.start : picked.end] == "the plan is ready"


def test_invisible_characters_are_dropped_from_the_wording() -> None:
    text = "a co\u00adordinated re\u200bsponse"
    found = find("co-ordinated response", "a co-ordinated re\u200bsponse")
    assert found is not None and found.wording == "co-ordinated response"
    assert find("coordinated response", text) is not None
    assert find("coordinated response", text).wording == "coordinated response"  # type: ignore[union-attr]


def test_a_source_not_in_nfc_gives_no_passage() -> None:
    assert passages("cafe", "cafe\u0301 open") == []
    assert passages("a quote", "a quote") == [(0, 7)]
