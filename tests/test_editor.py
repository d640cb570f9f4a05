"""Opening the reader's editor at a deck line: the argv per editor, then the key in the viewer."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefing.core.editor import editor_argv, editor_command
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.ui.app import BriefingApp
from tests.test_reload import SIZE, copy_small, screen_text, wait_for


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("vi", ["vi", "+12", "d.yaml"]),
        ("vim", ["vim", "+12", "d.yaml"]),
        ("/usr/bin/nvim", ["/usr/bin/nvim", "+12", "d.yaml"]),
        ("nano", ["nano", "+12", "d.yaml"]),
        ("emacs -nw", ["emacs", "-nw", "+12", "d.yaml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12", "d.yaml"]),
        ("kak", ["kak", "+12", "d.yaml"]),
        ("micro", ["micro", "+12", "d.yaml"]),
        ("hx", ["hx", "d.yaml:12"]),
        ("subl -w", ["subl", "-w", "d.yaml:12"]),
        ("code", ["code", "-w", "-g", "d.yaml:12"]),
        ("code -w", ["code", "-w", "-g", "d.yaml:12"]),
        ("code --wait", ["code", "--wait", "-g", "d.yaml:12"]),
        ("'/opt/my editor/ed'", ["/opt/my editor/ed", "d.yaml"]),
    ],
)
def test_argv_per_editor(command: str, expected: list[str]) -> None:
    assert editor_argv(command, "d.yaml", 12) == expected


def test_line_is_at_least_one_and_empty_commands_are_refused() -> None:
    assert editor_argv("vim", "d.yaml", 0) == ["vim", "+1", "d.yaml"]
    with pytest.raises(ValueError):
        editor_argv("  ", "d.yaml", 3)
    with pytest.raises(ValueError):
        editor_argv("vim 'unclosed", "d.yaml", 3)


def test_visual_before_editor_before_vi() -> None:
    assert editor_command({"VISUAL": "hx", "EDITOR": "nano"}) == "hx"
    assert editor_command({"VISUAL": " ", "EDITOR": "nano"}) == "nano"
    assert editor_command({}) == "vi"


# The key in the viewer ---------------------------------------------------------

FAKE_EDITOR = """#!/bin/sh
# Records its argv, then edits the deck as a person would: the point's words change.
printf '%s\\n' "$@" > "{log}"
for file; do :; done  # the last argument
sed -i 's/Italy and Greece will not send troops/Italy and Greece stay out/' "$file"
"""


async def test_e_opens_the_editor_at_the_item_and_reloads_after(tmp_path: Path, monkeypatch: Any) -> None:
    path = copy_small(tmp_path)
    log = tmp_path / "argv.txt"
    (tmp_path / "bin").mkdir()
    script = tmp_path / "bin" / "vim"  # a fake, named so that it is given +LINE
    script.write_text(FAKE_EDITOR.format(log=log), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", f"{script} -u NONE")
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck), start=1, live=False)  # reloads even with reload off
    # The headless test driver cannot hand the terminal over; a real one can.
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        item = app.deck_screen.reader.current_item  # type: ignore[union-attr]
        assert item is not None and item.id == "split"
        await pilot.press("E")
        await wait_for(pilot, lambda: app.deck is not deck)
        line = deck.slides[1].items[1].location.line
        assert log.read_text(encoding="utf-8").splitlines() == ["-u", "NONE", f"+{line}", str(deck.path)]
        assert "Italy and Greece stay out" in screen_text(app)
        assert app.deck_screen.reader.current_item.id == "split"  # type: ignore[union-attr]


async def test_e_uses_the_line_of_the_highlighted_item(tmp_path: Path, monkeypatch: Any) -> None:
    path = copy_small(tmp_path)
    seen: list[list[str]] = []
    monkeypatch.setenv("VISUAL", "nano")
    monkeypatch.setattr(subprocess, "run", lambda argv, **kwargs: seen.append(argv))
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck), start=1)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "E")
        await pilot.pause()
        line = deck.slides[1].items[1].location.line
        assert seen == [["nano", f"+{line}", str(deck.path)]]
        assert path.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "- id: split"


async def test_an_editor_that_cannot_run_is_said(tmp_path: Path, monkeypatch: Any) -> None:
    path = copy_small(tmp_path)
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck))
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert any("Cannot run" in str(n.message) for n in app._notifications)
        assert app.is_running


async def test_without_a_suspendable_terminal_it_says_so(tmp_path: Path, monkeypatch: Any) -> None:
    path = copy_small(tmp_path)
    monkeypatch.setenv("VISUAL", "vim")
    deck = load_deck(path)
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert any("cannot hand over to an editor" in str(n.message) for n in app._notifications)
