"""Quotations and their speakers: the patterns `briefing draft` recognises."""

from __future__ import annotations

import pytest

from briefing.draft.quotes import attribute, find_quotes


def speakers(*paragraphs: str) -> list[tuple[str, str, bool]]:
    return [(a.text, a.speaker, a.uncertain) for a in attribute(list(paragraphs))]


def test_said_name_after_the_quote_with_title_and_role():
    got = attribute(["“We are ready,” said NASA Administrator Bill Nelson."])
    assert [(a.text, a.speaker, a.role) for a in got] == [
        ("We are ready", "Bill Nelson", "NASA Administrator")
    ]


def test_name_said_after_the_quote_and_appositive_role():
    got = attribute(["“The data are clear,” Jane Rigby said, “and they surprised us.”"])
    assert [(a.text, a.speaker) for a in got] == [
        ("The data are clear", "Jane Rigby"),
        ("and they surprised us.", "Jane Rigby"),  # a split quote keeps its speaker
    ]
    got = attribute(["“It works,” said Ana Ruiz, a researcher at the Goddard Space Flight Center."])
    assert (got[0].speaker, got[0].role) == ("Ana Ruiz", "a researcher at the Goddard Space Flight Center")


def test_speaker_before_the_quote_with_lowercase_role():
    got = attribute(
        ["Moscow reacted, with Foreign Ministry spokesperson Maria Zakharova warning of “a clash.”"]
    )
    assert (got[0].speaker, got[0].role) == ("Maria Zakharova", "Foreign Ministry spokesperson")
    got = attribute(
        ["Keir Starmer framed it in stark terms: “This is designed to stop Putin playing games.”"]
    )
    assert got[0].speaker == "Keir Starmer"


def test_he_said_resolves_to_the_nearest_named_person_and_is_uncertain():
    assert speakers("Pat Kim chairs the panel.", "“We will decide in May,” she said.") == [
        ("We will decide in May", "Pat Kim", True)
    ]


def test_quote_closed_at_paragraph_end_attributed_on_the_next_line():
    got = speakers("Emmanuel Macron spoke last.", "“We have to be prepared,”", "he warned.")
    assert got == [("We have to be prepared", "Emmanuel Macron", True)]


def test_quote_continued_in_the_next_paragraph_keeps_its_speaker():
    got = speakers(
        "“The first results are in,” said Lee Chan. “They show a warming trend.",
        "“We will publish them next month.”",
    )
    assert [s for _, s, _ in got] == ["Lee Chan", "Lee Chan", "Lee Chan"]


def test_paragraph_after_a_colon_is_attributed_to_who_introduced_it():
    got = speakers("Mission manager Rosa Diaz said:", "“The launch window opens on Tuesday.”")
    assert got == [("The launch window opens on Tuesday.", "Rosa Diaz", False)]


def test_a_quote_with_no_speaker_is_kept_without_one():
    got = attribute(["The report asks: “Who commands it? How does it respond to violations?”"])
    assert [(a.text, a.speaker) for a in got] == [("Who commands it? How does it respond to violations?", "")]


@pytest.mark.parametrize(
    "para",
    [
        "“Science is a team sport,” said Mia Park.",
        '"Science is a team sport," said Mia Park.',
        "«Science is a team sport», said Mia Park.",
        "« Science is a team sport », said Mia Park.",
        "„Science is a team sport“, said Mia Park.",
        "‘Science is a team sport,’ said Mia Park.",
    ],
)
def test_quote_marks(para):
    got = attribute([para])
    assert [(a.text, a.speaker) for a in got] == [("Science is a team sport", "Mia Park")]


def test_nested_quotes_stay_inside_the_outer_quote():
    para = "“He told me ‘never again’ and meant it,” said Omar Haddad."
    spans = find_quotes(para, 0)
    assert len(spans) == 1
    assert para[spans[0].inner_start : spans[0].inner_end] == "He told me ‘never again’ and meant it"
    assert attribute([para])[0].speaker == "Omar Haddad"


def test_apostrophes_are_not_quotes():
    assert find_quotes("The agency’s rover won’t stop; the scientists’ data arrive daily.", 0) == []


def test_surname_alone_resolves_to_the_full_name():
    got = speakers("Bill Nelson opened the meeting.", "“We go together,” Nelson said.")
    assert got == [("We go together", "Bill Nelson", False)]


def test_a_clause_after_the_quote_is_not_taken_for_the_speaker():
    # "with NAME deriding" is a new clause: the first quote is the administration's, not Witkoff's.
    got = attribute(
        [
            "The Trump administration has dismissed the force as “posture and a pose,” "
            "with special envoy Steve Witkoff deriding it as “simplistic.”"
        ]
    )
    assert [(a.text, a.speaker) for a in got] == [
        ("posture and a pose", "Trump administration"),
        ("simplistic.", "Steve Witkoff"),
    ]


def test_title_inside_a_capitalised_run_splits_role_from_name():
    got = attribute(["As Ohio Senator Sherrod Brown says, “It’s time to build here again.”"])
    assert [(a.speaker, a.role) for a in got] == [("Sherrod Brown", "Ohio Senator")]


def test_titled_surname_resolves_through_the_gazetteer():
    got = attribute(["As President Zelenskyy said in his speech, “Light will win over darkness.”"])
    assert [(a.speaker, a.role) for a in got] == [("Volodymyr Zelenskyy", "President")]


def test_pronoun_prefers_the_subject_of_the_latest_sentence_naming_someone():
    got = speakers(
        "Administrator Paula Greene spoke with Secretary Raymond Cole. “Safety is not negotiable,” she said."
    )
    assert got == [("Safety is not negotiable", "Paula Greene", True)]


def test_a_job_title_opening_the_sentence_is_a_role_not_part_of_the_name():
    got = attribute(["Biologist Grace Tanaka called the sight “the best day of my career.”"])
    assert [(a.speaker, a.role) for a in got] == [("Grace Tanaka", "Biologist")]
