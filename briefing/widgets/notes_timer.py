"""The notes view's clocks: time elapsed, time left of the talk, and the wall clock.

Both clocks are injected callables, so tests move time by hand. The
countdown turns to the warning colour for the talk's last stretch (the
last 10% or the last 2 minutes, whichever starts first) and to the error
colour once over time; the words change too ("left" / "over by"), so the
state does not rest on colour alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

#: The warning starts this share of the talk before the end (or WARN_SECONDS, whichever is earlier).
WARN_SHARE = 0.1
WARN_SECONDS = 120.0

Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def countdown_state(elapsed: float, total: float) -> str:
    """``""`` while there is time, ``"warning"`` near the end, ``"over"`` past it."""
    left = total - elapsed
    if left < 0:
        return "over"
    if left <= max(total * WARN_SHARE, WARN_SECONDS):
        return "warning"
    return ""


def duration(seconds: float) -> str:
    """``7:05`` or ``1:02:03`` (whole seconds, rounded down)."""
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def countdown_text(elapsed: float, total: float) -> str:
    """``12:00 left`` or ``over by 0:35``."""
    left = total - elapsed
    return f"{duration(left)} left" if left >= 0 else f"over by {duration(-left)}"


class TalkClock(Horizontal):
    """One line: elapsed time, the countdown (with ``--time``) and the wall clock, updated each second."""

    def __init__(
        self,
        total: float | None = None,
        clock: Clock = time.monotonic,
        wall: WallClock = datetime.now,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.total = total
        self.clock = clock
        self.wall = wall
        self.started = clock()

    def compose(self) -> ComposeResult:
        yield Static(id="elapsed")
        yield Static(id="countdown")
        yield Static(id="wall")

    def on_mount(self) -> None:
        self.query_one("#countdown").display = self.total is not None
        self.tick()
        self.set_interval(1.0, self.tick)

    @property
    def elapsed(self) -> float:
        """Seconds since the view started (or the timer was reset)."""
        return self.clock() - self.started

    def reset(self) -> None:
        """Start counting again from now (at the start of the talk)."""
        self.started = self.clock()
        self.tick()

    def tick(self) -> None:
        """Show the times now."""
        elapsed = self.elapsed
        self.query_one("#elapsed", Static).update(f"{duration(elapsed)} elapsed")
        countdown = self.query_one("#countdown", Static)
        if self.total is not None:
            state = countdown_state(elapsed, self.total)
            countdown.update(countdown_text(elapsed, self.total))
            countdown.set_class(state == "warning", "-warning")
            countdown.set_class(state == "over", "-over")
        self.query_one("#wall", Static).update(self.wall().strftime("%H:%M"))
