"""A real editor round trip and a save from outside, in a real terminal (tmux).

The Pilot tests replace ``App.suspend`` (the headless driver cannot hand
the terminal over); here the viewer really suspends, a fake editor owns the
terminal until a key is pressed, edits the deck and exits, and the viewer
comes back showing the edit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA
from tests.test_terminal import terminal

EDITOR = """#!/bin/sh
printf '%s\\n' "$@" > "{folder}/argv"
echo "FAKE EDITOR at $1"
read answer
for file; do :; done
sed -i 's/Italy and Greece will not send troops/Italy and Greece stay out/' "$file"
"""


def test_editor_round_trip_and_reload_in_a_real_terminal(tmp_path: Path) -> None:
    tmux, executable = terminal(tmp_path)
    shutil.copytree(DATA / "small", tmp_path / "small")
    deck = tmp_path / "small" / "decks" / "small.yaml"
    (tmp_path / "bin").mkdir()
    editor = tmp_path / "bin" / "vim"  # named vim: it is given +LINE FILE
    editor.write_text(EDITOR.format(folder=tmp_path), encoding="utf-8")
    editor.chmod(0o755)
    try:
        tmux.start(f"cd '{tmp_path}'; VISUAL='{editor}' '{executable}' '{deck}'", 100, 30)
        tmux.wait_for("1 / 5")
        tmux.run("send-keys", "-t", tmux.name, "Right")
        tmux.wait_for("2 / 5")
        tmux.run("send-keys", "-t", tmux.name, "Down")
        tmux.run("send-keys", "-t", tmux.name, "E")
        shown = tmux.wait_for("FAKE EDITOR at +")
        assert "2 / 5" not in shown  # the editor has the terminal, not the viewer
        tmux.run("send-keys", "-t", tmux.name, "Enter")
        back = tmux.wait_for("Italy and Greece stay out")
        assert "2 / 5" in back
        line = next(i for i, text in enumerate(deck.read_text().splitlines(), 1) if "- id: split" in text)
        assert (tmp_path / "argv").read_text().split() == [f"+{line}", str(deck)]
        # A save from another pane: the viewer follows by itself.
        deck.write_text(
            deck.read_text(encoding="utf-8").replace('"Positions"', '"Stances"'), encoding="utf-8"
        )
        assert "2 / 5" in tmux.wait_for("Stances")
    finally:
        tmux.kill()
