"""The complete example in docs/deck-format.md passes ``briefing check`` as pasted."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from briefing.cli.main import main

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "deck-format.md"


def example() -> str:
    """The first YAML block after the "A complete example" heading."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## A complete example", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "docs/deck-format.md has no YAML block under 'A complete example'"
    return match.group(1)


def test_the_complete_example_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck_text = example()
    decks = tmp_path / "decks"
    decks.mkdir()
    # Its sources, at the paths it names relative to decks/ (as in a checkout).
    for source in yaml.safe_load(deck_text)["sources"]:
        target = (decks / source["path"]).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy((ROOT / "decks" / source["path"]).resolve(), target)
    deck = decks / "example.yaml"
    deck.write_text(deck_text, encoding="utf-8")
    status = main(["check", str(deck)])
    captured = capsys.readouterr()
    assert status == 0, captured.out + captured.err
    assert "0 problem(s)" in captured.out and "warning" not in (captured.out + captured.err).lower()
