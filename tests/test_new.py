"""``briefing new``: a deck that checks clean as written, and never a replaced file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.core.loader import load_deck

ARTICLE = (
    "Leaders met in Paris on Thursday.\n\n"
    "The summit of what Macron calls the “coalition of the willing” brought together nearly 30 nations, "
    "yet as the day wore on it became clear that the plan had many critics.\n\n"
    "Poland’s Donald Tusk ruled out sending soldiers altogether. It is not unanimous.\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "paris-summit.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_deck_checks_clean_with_the_sha256_and_real_quotes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "decks/summit.yaml", "--source", "seeds/paris-summit.txt"]) == 0
    deck_file = project / "decks" / "summit.yaml"
    text = deck_file.read_text(encoding="utf-8")
    assert "# " in text.splitlines()[0]  # commented
    digest = hashlib.sha256((project / "seeds" / "paris-summit.txt").read_bytes()).hexdigest()
    assert f'sha256: "{digest}"' in text
    deck = load_deck(deck_file)
    assert [slide.kind for slide in deck.slides] == ["title", "points", "reactions"]
    assert deck.title == "Paris summit"
    quotes = [c.quote for c in deck.citations]
    assert quotes == [
        "Leaders met in Paris on Thursday.",
        "The summit of what Macron calls the “coalition of the willing” brought together nearly 30 nations",
        "Poland’s Donald Tusk ruled out sending soldiers altogether.",
    ]
    capsys.readouterr()
    assert main(["check", str(deck_file)]) == 0
    assert "3/3 citations verified, 0 problem(s)" in capsys.readouterr().out


def test_new_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project / "decks" / "summit.yaml"
    target.parent.mkdir()
    target.write_text("mine\n")
    assert main(["new", "decks/summit.yaml", "--source", "seeds/paris-summit.txt"]) == 2
    assert "already exists; briefing new never replaces a file" in capsys.readouterr().err
    assert target.read_text() == "mine\n"
    dangling = project / "decks" / "link.yaml"
    dangling.symlink_to(project / "nowhere.yaml")
    assert main(["new", "decks/link.yaml", "--source", "seeds/paris-summit.txt"]) == 2
    assert not (project / "nowhere.yaml").exists()


def test_a_repeated_sentence_is_not_chosen(project: Path) -> None:
    (project / "seeds" / "paris-summit.txt").write_text(
        "It was cold in Paris. It was cold in Paris. Leaders arrived one by one. "
        "Nobody spoke to the press.\n",
        encoding="utf-8",
    )
    assert main(["new", "decks/d.yaml", "--source", "seeds/paris-summit.txt"]) == 0
    quotes = [c.quote for c in load_deck(project / "decks" / "d.yaml").citations]
    assert quotes == [
        "Leaders arrived one by one.",
        "Nobody spoke to the press.",
        "Leaders arrived one by one.",
    ]
    assert main(["check", "decks/d.yaml"]) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["seeds/x.txt", "--source", "seeds/paris-summit.txt"], "a deck file ends in .yaml"),
        (["decks/d.yaml", "--source", "seeds/missing.txt"], "does not exist"),
        (["decks/d.yaml", "--source", "../outside.txt"], "climbs out of the deck's project"),
        (["decks/d.yaml", "--source", "seeds/short.txt"], "no sentence of three words or more"),
    ],
)
def test_what_cannot_be_made_is_said(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    (project.parent / "outside.txt").write_text(ARTICLE)
    (project / "seeds" / "short.txt").write_text("Hello there.\n")
    assert main(["new", *argv]) == 2
    assert message in capsys.readouterr().err
    assert not (project / "decks" / "d.yaml").exists()
