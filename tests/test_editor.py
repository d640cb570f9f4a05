"""Opening the reader's editor at a deck line: the argv per editor, then the key in the viewer."""

from __future__ import annotations

import pytest

from briefing.core.editor import editor_argv, editor_command


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
