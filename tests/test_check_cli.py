"""`briefing check`: exit codes, human output and the JSON document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.main import main
from tests.deckfiles import ARTICLE, make_project, points_slide


def test_clean_deck_exits_0_with_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_project(tmp_path, points_slide("nearly 30 nations", "€2 billion"))
    assert main(["check", str(deck)]) == 0
    out = capsys.readouterr().out
    assert "1 slides, 2 items, 2/2 citations verified, 0 problem(s)" in out
    assert "source article: 2/6 paragraphs cited (33%)" in out


def test_citation_problem_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_project(tmp_path, points_slide("not in the article at all"))
    assert main(["check", str(deck)]) == 1
    out = capsys.readouterr().out
    assert "deck.yaml:11:16: slides[0].points[0].cite[0]: quote not found" in out


def test_schema_problem_exits_1_unusable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_project(tmp_path, points_slide("x").replace("title: Points", "titel: Points"))
    assert main(["check", str(deck)]) == 1
    assert "unknown key `titel`" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml:1:1: no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n")
    assert main(["check", str(bad), str(deck)]) == 2


def test_json_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_project(tmp_path, points_slide("[the Americans]", "The coming days"))
    assert main(["check", "--json", str(deck)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == 1
    entry = document["decks"][0]
    first, second = entry["citations"]
    assert first["slide"] == 0 and first["item"] == "slides[0].points[0]"
    assert first["source"] == "article" and first["source_path"] == "../seeds/article.txt"
    assert first["status"] == "verified"
    assert ARTICLE[first["start"] : first["end"]] == "[the Americans]"
    assert second["status"] == "ambiguous" and second["start"] is None
    assert entry["problems"][0]["path"] == "slides[0].points[1].cite[0]"
    assert entry["summary"]["citations"] == 2 and entry["summary"]["verified"] == 1
    assert entry["summary"]["coverage"] == {"article": {"cited": 1, "paragraphs": 6}}


def test_version_names_textual(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert "Textual 8." in capsys.readouterr().out


def test_bad_deck_on_the_viewer_command_line_exits_2_before_any_screen(tmp_path: Path) -> None:
    deck = make_project(tmp_path, "  - kind: points\n    title: P\n")
    run = subprocess.run(
        [sys.executable, "-m", "briefing", str(deck)],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        env={**os.environ, "TERM": "dumb"},
    )
    assert run.returncode == 2
    assert "deck.yaml:7:5: slides[0]: missing required key `points`" in run.stderr
    assert "Traceback" not in run.stderr


def test_nothing_outside_the_ui_loads_textual_when_imported() -> None:
    """Every module of the core, outputs, store and command line, found by walking the packages.

    lint-imports checks the import graph; this checks what actually runs: a lazy import
    must stay lazy, so `briefing check` and `export` never pay for Textual.
    """
    code = (
        "import importlib, pkgutil, sys\n"
        "import briefing\n"
        "names = []\n"
        "for pkg in ('core', 'output', 'store', 'cli'):\n"
        "    mod = importlib.import_module('briefing.' + pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, mod.__name__ + '.'):\n"
        "        importlib.import_module(info.name); names.append(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual',))\n"
        "print(len(names)); print(','.join(bad))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    count, bad = run.stdout.splitlines()
    assert int(count) >= 15, "the walk found too few modules to mean anything"
    assert bad == "", f"imported: {bad}"


def test_check_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path, capsys) -> None:
    import gc

    deck = make_project(tmp_path, points_slide("gathering steam"))
    assert gc.isenabled()
    assert main(["check", str(deck)]) == 0 and gc.isenabled()
    gc.disable()
    try:
        assert main(["check", str(deck)]) == 0 and not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(SystemExit):
        main(["check", "--no-such-option"])
    assert gc.isenabled()
