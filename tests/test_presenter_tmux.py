"""Two real terminals following each other: ``briefing DECK --present`` and ``briefing DECK --notes``.

Both run in panes of a private tmux server (``tmux -L presenter-test``,
never the user's), with a private runtime folder for the channel's socket;
a key in the audience pane must move the notes pane. Skipped (with the
reason) when tmux is missing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.test_presenter import presenter_deck

SERVER = "presenter-test"
TIMEOUT = 20.0
ROOT = Path(__file__).resolve().parent.parent


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SERVER, *args], check=False, capture_output=True, text=True, timeout=10
    )


def screen(target: str) -> str:
    return tmux("capture-pane", "-p", "-t", target).stdout


def wait_for(target: str, text: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(target)
        if text in shown:
            return shown
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never showed in {target}; it showed:\n{shown}")


def test_the_notes_terminal_follows_the_audience_terminal() -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    with tempfile.TemporaryDirectory(prefix="bpt") as name:
        folder = Path(name)
        deck = presenter_deck(folder)
        runtime = folder / "run"
        runtime.mkdir(mode=0o700)
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = f"env XDG_RUNTIME_DIR={shlex.quote(str(runtime))} PYTHONPATH={shlex.quote(path)}"
        env += " TERM=xterm-256color"
        command = f"{env} {shlex.quote(sys.executable)} -m briefing {shlex.quote(str(deck))}"
        tmux("kill-server")
        try:
            tmux("new-session", "-d", "-s", "audience", "-x", "100", "-y", "30", f"{command} --present")
            tmux("new-session", "-d", "-s", "notes", "-x", "100", "-y", "30", f"{command} --notes --time 20m")
            wait_for("audience", "1 / 5")
            first = wait_for("notes", "following the audience view")
            assert "Open with the map; wait for quiet." in first
            assert "20:00 left" in first or "19:59 left" in first
            assert "Next: Positions" in first
            tmux("send-keys", "-t", "audience", "Right")
            wait_for("audience", "2 / 5")
            second = wait_for("notes", "Stress the [bold] split, then pause.")
            assert "2 / 5" in second
            assert "Next: Reactions by country" in second
            tmux("send-keys", "-t", "audience", "q")
            wait_for("notes", "waiting for the audience view")
        finally:
            tmux("kill-server")
