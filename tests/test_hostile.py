"""The hostile corpus: every bad deck or source gets its exact answer.

Each deck under tests/data/hostile/decks/ is checked with `briefing check`;
the table says the exit code and the first line it must print. Large and
machine-specific inputs (an oversized deck, a huge source, a symlink out of
the project) are made at test time instead of being committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.cli.main import main
from tests.deckfiles import make_project, points_slide

HOSTILE = Path(__file__).parent / "data" / "hostile"

#: deck file -> (exit code, the first line of output, after the file name)
CASES: dict[str, tuple[int, str]] = {
    "empty.yaml": (2, ":1:1: the file is empty: a deck needs `briefing: 1`, a title, sources and slides"),
    "not-yaml.yaml": (2, ":2:7: not valid YAML: did not find expected ',' or ']'"),
    "list.yaml": (2, ":1:1: a deck is a mapping (title:, sources:, slides: ...), but this file holds a list"),
    "scalar.yaml": (
        2,
        ":1:1: a deck is a mapping (title:, sources:, slides: ...), but this file holds a value",
    ),
    "anchors.yaml": (2, ":7:5: anchor &s is not allowed: write each value out in full"),
    "alias-bomb.yaml": (2, ":1:5: anchor &a0 is not allowed: write each value out in full"),
    "deep.yaml": (2, ":2:39: nesting deeper than 32 levels"),
    "duplicate-keys.yaml": (
        1,
        (
            ":12:5: slides[0].title: duplicate key `title` (first given at line 8): "
            "YAML would silently keep only the last one"
        ),
    ),
    "python-tag.yaml": (
        2,
        (
            ":2:8: YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: "
            "decks hold plain text, lists and mappings"
        ),
    ),
    "invalid-utf8.yaml": (2, ":2:11: is not valid UTF-8 (byte 0xe9): save the file as UTF-8"),
    "nul.yaml": (2, ":2:9: contains a NUL byte: this is a binary file, not a YAML deck"),
    "bom-crlf.yaml": (0, ": 1 slides, 1 items, 1/1 citations verified, 0 problem(s)"),
    "markup.yaml": (0, ": 3 slides, 4 items, 4/4 citations verified, 0 problem(s)"),
    "source-missing.yaml": (
        1,
        ":5:11: sources[0].path: source `article` (../seeds/nowhere.txt) does not exist",
    ),
    "source-folder.yaml": (
        1,
        (":5:11: sources[0].path: source `article` (../seeds/folder.txt) is a folder, not a text file"),
    ),
    "source-binary.yaml": (
        1,
        (
            ":5:11: sources[0].path: source `article` (../seeds/binary.bin) is a binary "
            "file (it contains NUL bytes), not UTF-8 text"
        ),
    ),
    "source-empty.yaml": (1, ":5:11: sources[0].path: source `article` (../seeds/empty.txt) is empty"),
    "source-absolute.yaml": (
        1,
        (
            ":5:11: sources[0].path: absolute paths are not allowed: give the path "
            "relative to the deck file, inside the deck's project"
        ),
    ),
    "source-climbs.yaml": (
        1,
        ":5:11: sources[0].path: `../../../../README.md` climbs out of the deck's project",
    ),
    "source-hidden.yaml": (
        1,
        (
            ":5:11: sources[0].path: hidden files and folders (names starting with `.`) "
            "are not allowed as sources"
        ),
    ),
}


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in (HOSTILE / "decks").glob("*.yaml")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_deck(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "hostile"
    shutil.copytree(HOSTILE, project, symlinks=True)
    (project / "seeds" / "folder.txt").mkdir(exist_ok=True)
    monkeypatch.chdir(project)
    code, first_line = CASES[name]
    assert main(["check", f"decks/{name}"]) == code
    captured = capsys.readouterr()
    output = [line for line in (captured.err + captured.out).splitlines() if ": warning: " not in line]
    assert output[0].startswith(f"decks/{name}{first_line}"), output[0]
    assert "Traceback" not in captured.err + captured.out
    assert "\x1b" not in captured.err + captured.out


def test_oversized_deck_made_at_test_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.core.yamlread import MAX_DECK_BYTES

    deck = tmp_path / "huge.yaml"
    with deck.open("wb") as handle:
        handle.truncate(MAX_DECK_BYTES + 10)
    assert main(["check", str(deck)]) == 2
    assert f"is too large ({MAX_DECK_BYTES + 10:,} bytes" in capsys.readouterr().err


def test_huge_source_made_at_test_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.core.sourcetext import MAX_SOURCE_BYTES

    deck = make_project(tmp_path, points_slide("x"))
    with (tmp_path / "seeds" / "article.txt").open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)  # sparse: costs no disk
    assert main(["check", str(deck)]) == 1
    assert "is too large" in capsys.readouterr().out


def test_symlink_inside_the_project_is_fine_outside_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_project(tmp_path / "p", points_slide("nearly 30 nations"))
    inside = tmp_path / "p" / "seeds" / "alias.txt"
    inside.symlink_to(tmp_path / "p" / "seeds" / "article.txt")
    deck.write_text(deck.read_text().replace("article.txt", "alias.txt"))
    assert main(["check", str(deck)]) == 0
    outside = tmp_path / "p" / "seeds" / "out.txt"
    (tmp_path / "secret.txt").write_text("nearly 30 nations")
    outside.symlink_to(tmp_path / "secret.txt")
    deck.write_text(deck.read_text().replace("alias.txt", "out.txt"))
    assert main(["check", str(deck)]) == 1
    assert "is a symlink that points outside the deck's project" in capsys.readouterr().err


def test_escape_sequences_in_a_quote_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_project(tmp_path, points_slide("x"))
    deck.write_text(deck.read_text().replace('cite: ["x"]', 'cite: ["\\e]0;pwned\\a\\e[2J not here"]'))
    assert main(["check", str(deck)]) == 1
    out = capsys.readouterr().out
    assert "quote not found" in out and "\x1b" not in out and "\x07" not in out
