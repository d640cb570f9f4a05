"""The command line's part: `--present` turns reload off; a bad deck opens the viewer on a terminal."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from briefing.ui.app import BriefingApp
from tests.conftest import DATA

cli = importlib.import_module("briefing.cli.main")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[BriefingApp]:
    """The apps the command line would run, as if on a terminal (run() is not called for real)."""
    apps: list[BriefingApp] = []
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)

    def run(self: BriefingApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(BriefingApp, "run", run)
    return apps


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "small", tmp_path / "small")
    return tmp_path / "small" / "decks" / "small.yaml"


def test_reload_is_on_unless_present(tmp_path: Path, opened: list[BriefingApp]) -> None:
    path = _copy(tmp_path)
    assert cli.main([str(path)]) == 0
    assert cli.main(["--present", str(path)]) == 0
    assert [app.live for app in opened] == [True, False]
    assert opened[0].deck_path == path.resolve()


def test_a_deck_with_problems_opens_on_a_terminal(tmp_path: Path, opened: list[BriefingApp]) -> None:
    path = _copy(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("stance: hostile", "stance: hostil"))
    assert cli.main([str(path)]) == 0
    (app,) = opened
    assert [p.message.split(" (")[0] for p in app.problems] == ["unknown stance `hostil`"]
    assert app.deck is not None and len(app.deck) == 4


def test_without_a_terminal_a_bad_deck_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: False)
    path = _copy(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("stance: hostile", "stance: hostil"))
    assert cli.main([str(path)]) == 2
    assert "unknown stance `hostil`" in capsys.readouterr().err
