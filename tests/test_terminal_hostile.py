"""A deck full of markup and escape sequences, in a real terminal (tmux).

The screen is read back as a person would see it: markup shows literally,
escape sequences neither recolour, clear nor retitle the terminal, and wide
and right-to-left text keeps the matrix's columns.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from tests.test_terminal import terminal

HOSTILE_DECK = Path(__file__).parent / "data" / "hostile" / "decks" / "markup.yaml"


def test_hostile_deck_shows_literally_in_a_real_terminal(tmp_path: Path) -> None:
    tmux, executable = terminal(tmp_path)
    try:
        tmux.start(f"'{executable}' '{HOSTILE_DECK}'", 100, 30)
        first = tmux.wait_for("1 / 3")
        assert "Hostile [bold]markup[/bold] red" in first
        assert "# Not a heading [/]" in first
        assert "[the Americans] say [bold]hi[/bold] [^1] --- <b>x</b>" in first
        title = tmux.run("display-message", "-p", "-t", tmux.name, "#{pane_title}").stdout
        assert "pwned" not in title
        tmux.run("send-keys", "-t", tmux.name, "Right")
        second = tmux.wait_for("2 / 3")
        rows = [line for line in second.splitlines() if "supports" in line or "hostile" in line]
        assert len(rows) == 2
        assert "中文字" in rows[0] and "[red]actor[/red]" in rows[1]
        # Wide characters do not push the stance column out of line.
        assert cell_len(rows[0][: rows[0].index("●")]) == cell_len(rows[1][: rows[1].index("✕")])
        assert "clear screen attempt" in second
        tmux.run("send-keys", "-t", tmux.name, "Enter")
        source = tmux.wait_for("Source")
        assert "Markup [bold]stays[/bold] and [link=https://x.example]links[/link]" in source
        assert "pwned" not in tmux.run("display-message", "-p", "-t", tmux.name, "#{pane_title}").stdout
    finally:
        tmux.kill()
