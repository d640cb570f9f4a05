"""The second bundled deck: the raw draft and the reviewed briefing made from it."""

from __future__ import annotations

from pathlib import Path

from briefing.cli.check import run as check
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck

DECKS = Path(__file__).resolve().parent.parent / "decks"


def test_no_argument_still_opens_the_first_deck():
    assert bundled_deck().name == "reassurance-force.yaml"


def test_reviewed_deck_checks_clean_with_no_drafts_left(capsys):
    assert check(["--strict", str(DECKS / "state-of-the-union-2022.yaml")]) == 0
    assert "draft" not in capsys.readouterr().out


def test_raw_draft_verifies_but_fails_strict_while_drafts_remain(capsys):
    raw = DECKS / "state-of-the-union-2022.draft.yaml"
    assert check([str(raw)]) == 0
    assert "items still drafts" in capsys.readouterr().out
    assert check(["--strict", str(raw)]) == 1
    deck = load_deck(raw)
    assert all(item.draft for slide in deck.slides for item in slide.items)


def test_both_cite_the_address_byte_for_byte():
    for name in ("state-of-the-union-2022.yaml", "state-of-the-union-2022.draft.yaml"):
        source = load_deck(DECKS / name).sources[0]
        assert source.path == "../seeds/state-of-the-union-2022.txt"
        assert source.sha256 == "0503dec8bbb332188d273bba85b536aecaa78c6a7ccf76efed483131accb0499"
