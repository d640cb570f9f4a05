"""First contact: the commands work with no deck, and mistakes get plain answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck

ARTICLE = Path(__file__).parent.parent / "seeds" / "paris-summit-reassurance-force.txt"


def test_check_with_no_deck_checks_the_bundled_deck(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "reassurance-force.yaml: 9 slides" in out and "0 problem(s)" in out


def test_export_with_no_deck_exports_the_bundled_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export"]) == 0
    written = tmp_path / "reassurance-force.md"
    assert written.exists()
    assert load_deck(bundled_deck()).title in written.read_text(encoding="utf-8")
    assert "wrote reassurance-force.md" in capsys.readouterr().out


def test_a_missing_deck_says_no_such_file_without_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["nope.yaml"]) == 2
    err = capsys.readouterr().err
    assert "no such file: nope.yaml" in err
    assert ":1:1" not in err


def test_an_article_opened_by_mistake_says_how_to_make_a_deck(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(ARTICLE)]) == 2
    err = capsys.readouterr().err
    assert "looks like an article, not a deck" in err
    assert "docs/deck-format.md" in err and "briefing check" in err
    assert ":1:1" not in err and "Traceback" not in err


def test_a_folder_is_not_a_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
