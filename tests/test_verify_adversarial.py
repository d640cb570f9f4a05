"""The adversarial decks: every trap is flagged, every benign variant verifies.

See tests/data/adversarial/README.md: items named ``trap-*`` must fail
``briefing check``, items named ``ok-*`` must verify.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier

DECKS = sorted((Path(__file__).parent / "data" / "adversarial" / "decks").glob("*.yaml"))


def test_the_set_is_large_and_varied() -> None:
    traps = oks = 0
    for path in DECKS:
        for slide in load_deck(path).slides:
            for item in slide.items:
                traps += item.id.startswith("trap-")
                oks += item.id.startswith("ok-")
    assert len(DECKS) >= 4 and traps >= 40 and oks >= 40


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_traps_fail_and_benign_variants_verify(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    deck = load_deck(path)
    verification = Verifier(deck).verify_all()
    flagged = {p.path for p in verification.problems if p.severity == "error"}
    for slide in deck.slides:
        for item in slide.items:
            assert item.id.startswith(("trap-", "ok-")), item.id
            results = [verification.results[c.path] for c in item.citations]
            if item.id.startswith("ok-"):
                assert all(r.verified for r in results), (item.id, [r.message for r in results])
            else:
                assert not all(r.verified for r in results), item.id
                assert any(c.path in flagged for c in item.citations), item.id
    trap_paths = {
        c.path for s in deck.slides for i in s.items if i.id.startswith("trap-") for c in i.citations
    }
    assert flagged <= trap_paths


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_check_fails_each_deck_and_json_agrees(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    assert main(["check", "--json", str(path)]) == 1
    document = json.loads(capsys.readouterr().out)["decks"][0]
    deck = load_deck(path)
    ids = {i.path: i.id for s in deck.slides for i in s.items}
    for citation in document["citations"]:
        if citation["status"] != "verified":
            assert ids[citation["item"]].startswith("trap-"), citation
            assert citation["start"] is citation["end"] is citation["paragraph"] is None
        else:
            assert citation["paragraph"] <= citation["end_paragraph"]
