"""The installed ``briefing`` command in a real terminal (tmux).

Pilot tests run the app headless; this one starts the console script the
way a reader does, in a 100 x 30 tmux pane, presses keys and reads the
screen back, so packaging, the entry point, terminal set-up and tear-down
are covered too. Skipped (with the reason) when tmux or the installed
``briefing`` executable is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import SMALL_DECK

TIMEOUT = 20.0


def briefing_executable() -> str | None:
    """The ``briefing`` script of this interpreter's environment, else PATH's."""
    beside = Path(sys.executable).parent / "briefing"
    if beside.exists():
        return str(beside)
    return shutil.which("briefing")


class Tmux:
    """One detached session on a private tmux server (never the user's).

    The server's socket lives in the test's temporary folder, so nothing is
    left behind in the user's tmux directory.
    """

    def __init__(self, folder: Path) -> None:
        self.socket = str(folder / "tmux.sock")
        self.name = f"t{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], check=False, capture_output=True, text=True, timeout=10
        )

    def start(self, command: str, width: int, height: int) -> None:
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name).stdout

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.name).returncode == 0

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")

    def kill(self) -> None:
        self.run("kill-server")


def terminal(tmp_path: Path) -> tuple[Tmux, str]:
    """A private tmux server and the installed ``briefing``, or a skip saying why."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    executable = briefing_executable()
    if executable is None:
        pytest.skip("the `briefing` command is not installed (pip install -e .)")
    return Tmux(tmp_path), executable


def test_briefing_opens_pages_and_quits_in_a_real_terminal(tmp_path: Path) -> None:
    tmux, executable = terminal(tmp_path)
    try:
        status = tmp_path / "status"
        tmux.start(f"'{executable}' '{SMALL_DECK}'; echo $? > '{status}'", 100, 30)
        first = tmux.wait_for("1 / 5")
        assert "Small test deck" in first
        assert "A reassurance force, in brief" in first
        assert "The plan must work without [the Americans]." in first
        tmux.run("send-keys", "-t", tmux.name, "Right")
        second = tmux.wait_for("2 / 5")
        assert "A leaflet printed [bold] literally" in second
        tmux.run("send-keys", "-t", tmux.name, "q")
        deadline = time.monotonic() + TIMEOUT
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not tmux.alive(), "the session did not end after q"
        assert status.read_text().strip() == "0"
    finally:
        tmux.kill()
