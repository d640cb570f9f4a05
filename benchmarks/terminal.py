"""Drive programs in a real terminal (tmux) and time what reaches the screen.

A private tmux server (its own socket, so no one's sessions are touched)
holds one window of a fixed 100x30 size. Programs are started in its pane
with ``respawn-pane`` (argv form: tmux execs the program itself, no shell,
so the pane's pid *is* the program's pid), and the screen is read with
``capture-pane -p``.

Polling must be cheap and fast, or the poller distorts what it measures:
forking a ``tmux capture-pane`` client every 2 ms would cost a process
start per poll on the same two cores the program runs on. So one tmux
*control-mode* client stays attached and takes ``capture-pane -p`` commands
on its stdin, answering each in a ``%begin``/``%end`` block; a poll is one
write and one read, about a tenth of a millisecond.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

WIDTH, HEIGHT = 100, 30
POLL_SECONDS = 0.002


class TerminalError(RuntimeError):
    """tmux is missing, refused a command, or the expected text never came."""


@dataclass
class Timing:
    """When the expected text appeared, and how many polls it took."""

    seconds: float
    polls: int


def _quote(arg: str) -> str:
    """Quote an argument for tmux's command parser (POSIX-shell-like rules)."""
    return shlex.quote(arg)


class Tmux:
    """A private tmux server with one fixed-size pane, driven in control mode.

    Use as a context manager; the server is killed on exit.

    Args:
        cwd: the working folder of programs started in the pane.
        env: extra environment for the server (and so for every program).
        width: pane width in columns.
        height: pane height in rows.
    """

    def __init__(
        self, cwd: Path, env: dict[str, str] | None = None, width: int = WIDTH, height: int = HEIGHT
    ) -> None:
        self.socket = f"briefing-bench-{os.getpid()}"
        self.cwd = Path(cwd)
        self.width, self.height = width, height
        self.env = {**os.environ, **(env or {})}
        self.env.pop("TMUX", None)
        self._client: subprocess.Popen[bytes] | None = None
        self._socket_path = ""

    # Plain commands (a client process each): setup and teardown only. --

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise TerminalError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def __enter__(self) -> Self:
        self._run(
            "-f",
            os.devnull,
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "-c",
            str(self.cwd),
            "sleep",
            "100000",
        )
        self._run("set-option", "-g", "window-size", "manual")
        self._run("set-option", "-g", "status", "off")
        self._run("set-option", "-g", "remain-on-exit", "on")
        self._run("set-option", "-g", "default-terminal", "tmux-256color")
        self._run("resize-window", "-t", "bench", "-x", str(self.width), "-y", str(self.height))
        self._client = subprocess.Popen(
            ["tmux", "-L", self.socket, "-C", "attach-session", "-t", "bench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=self.env,
            bufsize=0,
        )
        self._read_block("attach-session")  # control mode answers the attach first
        self.command("refresh-client -f no-output")
        self._socket_path = self.command("display-message -p '#{socket_path}'")[0]
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            try:
                self._client.stdin.close()  # type: ignore[union-attr]
                self._client.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                self._client.kill()
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"], env=self.env, capture_output=True, check=False
        )
        if self._socket_path:
            Path(self._socket_path).unlink(missing_ok=True)

    # Control-mode commands: one round trip each. ------------------------

    def command(self, line: str) -> list[str]:
        """Send one tmux command line; return its output lines.

        Raises:
            TerminalError: tmux answered with ``%error``.
        """
        assert self._client is not None and self._client.stdin
        self._client.stdin.write(line.encode("utf-8") + b"\n")
        return self._read_block(line)

    def _read_block(self, line: str) -> list[str]:
        """Read up to the next ``%end`` (or ``%error``), skipping notifications."""
        assert self._client is not None and self._client.stdout
        out: list[str] = []
        tail: str | None = None  # "TIME NUMBER FLAGS" of the %begin, which %end repeats
        while True:
            raw = self._client.stdout.readline()
            if not raw:
                raise TerminalError("the tmux control client went away")
            text = raw.decode("utf-8", errors="replace").rstrip("\n")
            if tail is None:
                if text.startswith("%begin "):
                    tail = text[len("%begin ") :]
                continue
            if text in (f"%end {tail}", f"%error {tail}"):
                if text.startswith("%error"):
                    raise TerminalError(f"tmux {line}: {' '.join(out)}")
                return out
            out.append(text)

    def screen(self) -> str:
        """The pane's text, as ``capture-pane -p`` prints it."""
        return "\n".join(self.command("capture-pane -p -t bench"))

    def start(self, argv: list[str]) -> float:
        """Start ``argv`` in the pane (killing what ran there); return the start time.

        The time is taken just before the command is sent, so it includes
        tmux forking the program: the same for every program measured.
        """
        line = (
            "respawn-pane -k -t bench -c " + _quote(str(self.cwd)) + " " + " ".join(_quote(a) for a in argv)
        )
        started = time.perf_counter()
        self.command(line)
        return started

    def keys(self, *keys: str) -> float:
        """Send keys (tmux key names, e.g. ``Right``); return the time just before."""
        started = time.perf_counter()
        self.command("send-keys -t bench " + " ".join(_quote(k) for k in keys))
        return started

    def pane_pid(self) -> int:
        """The pid of the program running in the pane."""
        return int(self.command("display-message -p -t bench '#{pane_pid}'")[0])

    def pane_dead(self) -> bool:
        """True when the pane's program has exited."""
        return self.command("display-message -p -t bench '#{pane_dead}'")[0].strip() == "1"

    def wait_for(
        self, text: str, since: float, timeout: float = 20.0, interval: float = POLL_SECONDS
    ) -> Timing:
        """Poll the pane until ``text`` shows; time it from ``since``."""
        return self.wait_until(lambda screen: text in screen, since, repr(text), timeout, interval)

    def wait_until(
        self,
        test: Callable[[str], bool],
        since: float,
        what: str,
        timeout: float = 20.0,
        interval: float = POLL_SECONDS,
    ) -> Timing:
        """Poll the pane until ``test(screen)`` holds; time it from ``since``.

        The time is taken when the capture that passed returned, so it is
        late by at most one poll interval plus one capture.

        Raises:
            TerminalError: the test did not pass within ``timeout`` seconds
                (the message carries the screen, to see why).
        """
        polls = 0
        deadline = since + timeout
        while True:
            screen = self.screen()
            now = time.perf_counter()
            polls += 1
            if test(screen):
                return Timing(now - since, polls)
            if now > deadline:
                raise TerminalError(f"{what} did not show within {timeout:.0f} s; the screen was:\n{screen}")
            if polls % 25 == 0 and self.pane_dead():  # a crash: say so now, not at the timeout
                raise TerminalError(
                    f"the program exited before {what} showed; the screen was:\n{self.screen()}"
                )
            time.sleep(interval)

    def stop(self) -> None:
        """Kill the pane's program (the pane stays, dead, until the next start)."""
        self.command("respawn-pane -k -t bench -c " + _quote(str(self.cwd)) + " sleep 100000")


def peak_rss_kib(pid: int) -> int:
    """``VmHWM`` (peak resident set size, KiB) of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise TerminalError(f"no VmHWM for pid {pid}")
