"""Hostile decks and hostile circumstances, in a real terminal (tmux).

The screen is read back as a person would see it: markup shows literally,
escape sequences neither recolour, clear nor retitle the terminal, wide
and right-to-left text keeps the matrix's columns, and no bidi override
reaches the terminal. SIGTERM and SIGHUP leave the terminal as it was, a
crash exits non-zero, and without a terminal the viewer does not start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import SMALL_DECK
from tests.test_terminal import TIMEOUT, Tmux, terminal

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


# -- signals, no terminal, crashes ------------------------------------------


def _run_in_pane(tmux: Tmux, folder: Path, command: str) -> int:
    """Run ``command`` in the pane; return its pid once it has drawn the deck.

    The pane's shell records the terminal settings before and after, and
    the exit status, then stays open so the pane can be inspected.
    """
    tmux.start(
        f"cd '{folder}'; stty -g > before; sh -c 'echo $$ > pid; exec {command}'; "
        "echo $? > status; stty -g > after; sleep 600",
        100,
        30,
    )
    tmux.wait_for("1 / 5")
    return int((folder / "pid").read_text())


def _wait_for_file(path: Path) -> str:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists() or not path.read_text().strip():
        assert time.monotonic() < deadline, f"{path.name} was never written"
        time.sleep(0.05)
    return path.read_text().strip()


def _flags(tmux: Tmux) -> dict[str, str]:
    names = ("alternate_on", "mouse_any_flag", "mouse_button_flag", "cursor_flag", "keypad_flag")
    shown = tmux.run("display-message", "-p", "-t", tmux.name, " ".join(f"#{{{n}}}" for n in names))
    return dict(zip(names, shown.stdout.split(), strict=True))


@pytest.mark.parametrize(("name", "number"), [("TERM", signal.SIGTERM), ("HUP", signal.SIGHUP)])
def test_sigterm_and_sighup_restore_the_terminal(tmp_path: Path, name: str, number: int) -> None:
    tmux, executable = terminal(tmp_path)
    try:
        pid = _run_in_pane(tmux, tmp_path, f"'{executable}' '{SMALL_DECK}'")
        assert _flags(tmux)["alternate_on"] == "1"  # the viewer is up, in its own screen
        os.kill(pid, number)
        assert _wait_for_file(tmp_path / "status") == str(128 + number)
        _wait_for_file(tmp_path / "after")
        assert _flags(tmux) == {
            "alternate_on": "0",
            "mouse_any_flag": "0",
            "mouse_button_flag": "0",
            "cursor_flag": "1",
            "keypad_flag": "0",
        }
        # Raw mode and echo are back exactly as they were.
        assert (tmp_path / "after").read_text() == (tmp_path / "before").read_text()
    finally:
        tmux.kill()


def test_a_hung_up_terminal_ends_the_viewer(tmp_path: Path) -> None:
    tmux, executable = terminal(tmp_path)
    try:
        pid = _run_in_pane(tmux, tmp_path, f"'{executable}' '{SMALL_DECK}'")
        # Keys keep it drawing, so the hang-up comes while output is pending.
        tmux.run("send-keys", "-t", tmux.name, *(["Right", "Left"] * 20))
    finally:
        tmux.kill()  # the pane's terminal goes away: a real hang-up
    deadline = time.monotonic() + TIMEOUT
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    lingering = _running(pid)
    if lingering:
        os.kill(pid, signal.SIGKILL)  # leave no orphan behind
    assert not lingering, "the viewer kept running without its terminal"


def _running(pid: int) -> bool:
    """Whether ``pid`` is alive (an exited process waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


CRASH = """
import sys
from briefing.ui.app import BriefingApp

def boom(self):
    raise RuntimeError("a bug in the viewer")

BriefingApp._start_watch = boom  # runs once the first screen is drawn
from briefing.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_of_the_viewer_exits_non_zero(tmp_path: Path) -> None:
    tmux, _ = terminal(tmp_path)
    script = tmp_path / "crash.py"
    script.write_text(CRASH, encoding="utf-8")
    try:
        _run_in_pane(tmux, tmp_path, f"'{sys.executable}' '{script}' '{SMALL_DECK}'")
        assert _wait_for_file(tmp_path / "status") == "1"
        assert _flags(tmux)["alternate_on"] == "0"
    finally:
        tmux.kill()


def _viewer(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=30,  # today the viewer spins here until killed
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


NOT_A_TERMINAL = "briefing: not a terminal; use `briefing check` or `briefing export`"


def test_the_viewer_refuses_to_start_without_a_terminal() -> None:
    run = _viewer([str(SMALL_DECK)], stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and NOT_A_TERMINAL in run.stderr
    assert run.stdout == ""


def test_the_viewer_refuses_to_start_when_only_stdin_is_a_terminal() -> None:
    primary, secondary = os.openpty()
    try:
        run = _viewer([str(SMALL_DECK)], stdin=secondary)
    finally:
        os.close(primary)
        os.close(secondary)
    assert run.returncode == 2 and NOT_A_TERMINAL in run.stderr


def test_the_viewer_refuses_to_start_with_stdin_closed() -> None:
    run = _viewer([str(SMALL_DECK)], preexec_fn=lambda: os.close(0))
    assert run.returncode == 2 and NOT_A_TERMINAL in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bad_deck_is_reported_before_the_terminal_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n", encoding="utf-8")
    run = _viewer([str(bad)], stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and "bad.yaml:2:1: not valid YAML" in run.stderr
    assert NOT_A_TERMINAL not in run.stderr


# -- bidi and C1 controls never reach the terminal ---------------------------


def test_no_bidi_or_c1_character_reaches_the_terminal(tmp_path: Path) -> None:
    """Every byte the viewer writes is recorded (tmux pipe-pane) while it shows the deck,
    the source, the overview, the sources panel and the command palette."""
    from tests.test_inputs_cli import controls_project

    tmux, executable = terminal(tmp_path)
    deck = controls_project(tmp_path / "p")
    recording = tmp_path / "recording"
    go = tmp_path / "go"
    try:
        tmux.start(f"while [ ! -e '{go}' ]; do sleep 0.05; done; exec '{executable}' '{deck}'", 100, 30)
        tmux.run("pipe-pane", "-t", tmux.name, "-o", f"cat >> '{recording}'")
        go.touch()
        tmux.wait_for("1 / 1")
        tmux.run("send-keys", "-t", tmux.name, "Enter")
        assert "Evil" in tmux.wait_for("Source")
        for keys in (
            ["Escape"],
            ["o"],
            ["Escape"],
            ["s"],
            ["Down"],
            ["Escape"],
            ["C-p"],
            ["P", "o"],
            ["Escape"],
        ):
            tmux.run("send-keys", "-t", tmux.name, *keys)
            time.sleep(0.3)
        time.sleep(0.5)
    finally:
        tmux.kill()
    written = recording.read_bytes().decode("utf-8", errors="replace")
    assert "Evil" in written and "Points" in written
    hostile = {
        c for c in written if "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" or "\x80" <= c <= "\x9f"
    }
    assert not hostile, sorted(hex(ord(c)) for c in hostile)
