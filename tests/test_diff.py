"""``briefing diff`` on crafted pairs of decks: rewording, flipped stances, changed sources, --since."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from briefing.cli.diff import report_lines, run
from briefing.core.diff import diff_decks
from briefing.core.loader import load_deck

SEED = (
    "The council voted on Monday to replace the old bridge.\n\n"
    "Engineers said the piers can be reused.\n\n"
    "The region supports the plan. The opposition opposed the vote.\n"
)

DECK = """briefing: 1
title: Bridge
sources:
  - id: article
    path: {source}
{sha}
slides:
  - kind: title
    title: Bottom line
    bluf:
      - id: vote
        text: "{vote}"
        cite: ["The council voted on Monday"]
      - id: piers
        text: "The piers are reused"
        cite: ["the piers can be reused"]
      - id: cheap
        text: "Reuse keeps it cheap"
        judgement: true
        rests_on: [piers]
        confidence: {confidence}
      - id: bottom
        text: "The bridge will be rebuilt"
        judgement: true
        rests_on: [cheap]
        confidence: high
  - kind: reactions
    title: Reactions
    reactions:
      - country: Region
        actor: Transport office
        stance: {stance}
        summary: "Backs the plan"
        cite: ["The region supports the plan."]
      - country: Town
        actor: Opposition
        stance: opposed
        summary: "Opposed the vote"
        cite: ["The opposition opposed the vote."]
"""


def _write(folder: Path, name: str, source: str = "a.txt", **values: str) -> Path:
    fields = {"vote": "The council voted", "confidence": "moderate", "stance": "supports", "sha": ""} | values
    path = folder / name
    path.write_text(DECK.format(source=source, **fields), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    return tmp_path


def test_identical_decks_have_no_changes(folder: Path) -> None:
    deck = load_deck(_write(folder, "old.yaml"))
    diff = diff_decks(deck, deck)
    assert diff.empty and report_lines(diff) == ["No changes."]


def test_a_reworded_item_is_matched_by_id(folder: Path) -> None:
    old = load_deck(_write(folder, "old.yaml"))
    new = load_deck(_write(folder, "new.yaml", vote="The town council voted for it"))
    (change,) = diff_decks(old, new).changes
    assert (change.kind, change.item.id, change.old, change.new) == (
        "reworded",
        "vote",
        "The council voted",
        "The town council voted for it",
    )


def test_an_item_without_id_is_matched_by_similar_text(folder: Path) -> None:
    old = load_deck(_write(folder, "old.yaml"))
    text = (folder / "old.yaml").read_text(encoding="utf-8")
    (folder / "new.yaml").write_text(text.replace('"Backs the plan"', '"Backs the plan fully"'))
    (change,) = diff_decks(old, load_deck(folder / "new.yaml")).changes
    assert (change.kind, change.old, change.new) == ("reworded", "Backs the plan", "Backs the plan fully")
    (folder / "new.yaml").write_text(text.replace('"Backs the plan"', '"Something else entirely"'))
    kinds = sorted(c.kind for c in diff_decks(old, load_deck(folder / "new.yaml")).changes)
    assert kinds == ["added", "removed"]


def test_a_flipped_stance_and_a_changed_confidence(folder: Path) -> None:
    old = load_deck(_write(folder, "old.yaml"))
    new = load_deck(_write(folder, "new.yaml", stance="opposed", confidence="low"))
    changes = {(c.kind, c.old, c.new) for c in diff_decks(old, new).changes}
    assert changes == {("stance", "supports", "opposed"), ("confidence", "moderate", "low")}


def test_a_changed_source_reaches_a_judgement_two_levels_up(folder: Path) -> None:
    (folder / "b.txt").write_text(SEED, encoding="utf-8")
    old_sha = hashlib.sha256(SEED.encode()).hexdigest()
    old = load_deck(_write(folder, "old.yaml", source="b.txt", sha=f'    sha256: "{old_sha}"'))
    assert diff_decks(old, load_deck(_write(folder, "new.yaml", source="b.txt"))).sources == ()
    (folder / "b.txt").write_text(SEED + "\nA later paragraph.\n", encoding="utf-8")
    new = load_deck(_write(folder, "new.yaml", source="b.txt"))
    (source,) = diff_decks(old, new).sources
    assert source.kind == "changed" and source.old_sha256 == old_sha != source.new_sha256
    affected = {ref.id or ref.label for ref in source.affected}
    # piers cites it; cheap rests on piers; bottom rests on cheap (two levels up)
    assert {"piers", "cheap", "bottom"} <= affected


def test_sources_added_and_dropped(folder: Path) -> None:
    (folder / "b.txt").write_text(SEED, encoding="utf-8")
    old = load_deck(_write(folder, "old.yaml"))
    new = load_deck(_write(folder, "new.yaml", source="b.txt"))
    kinds = {(s.kind, s.id) for s in diff_decks(old, new).sources}
    assert kinds == set()  # same id, same text: nothing changed
    renamed = (folder / "new.yaml").read_text(encoding="utf-8").replace("id: article", "id: other")
    (folder / "new.yaml").write_text(renamed, encoding="utf-8")
    kinds = {(s.kind, s.id) for s in diff_decks(old, load_deck(folder / "new.yaml")).sources}
    assert kinds == {("added", "other"), ("dropped", "article")}


def test_the_command_prints_plain_json_and_a_slide_that_loads(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    old = _write(folder, "old.yaml")
    new = _write(folder, "new.yaml", vote="The town council voted for it", stance="opposed")
    assert run([str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "~ reworded [Bottom line] vote: “The town council voted for it”" in out
    assert "~ stance [Reactions] “Region: Backs the plan”: supports → opposed" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert run(["--json", str(old), str(new)]) == 0
    kinds = [c["change"] for c in json.loads(capsys.readouterr().out)["changes"]]
    assert sorted(kinds) == ["reworded", "stance"]
    assert run(["--slide", str(old), str(new)]) == 0
    slide = capsys.readouterr().out
    with new.open("a", encoding="utf-8") as handle:
        handle.write(slide)
    appended = load_deck(new).slides[-1]
    assert appended.title == "Since the last version"
    assert [item.rests_on for item in appended.items] == [("vote",)]


def test_since_reads_the_old_version_from_git(folder: Path, capsys: pytest.CaptureFixture) -> None:
    deck = _write(folder, "deck.yaml")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=folder, check=True)
    _write(folder, "deck.yaml", confidence="high")
    assert run([str(deck), "--since", "HEAD"]) == 0
    assert (
        "~ confidence [Bottom line] cheap: “Reuse keeps it cheap”: moderate → high" in capsys.readouterr().out
    )
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".deck")) == []  # temp file gone
    assert run([str(deck), "--since", "no-such-rev"]) == 2
    assert "git has no" in capsys.readouterr().err
