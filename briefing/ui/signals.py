"""End the viewer on SIGTERM and SIGHUP without leaving the terminal broken.

Killed by a signal's default action, the process would leave the terminal
in raw mode, on the alternate screen, with mouse tracking on and the
cursor hidden. Instead the event loop turns each signal into ``App.exit``
(between callbacks, not inside one as ``signal.signal`` would), which
restores all of it; the exit status is 128 + the signal's number, as a
shell reports it. When the terminal itself has hung up there is nothing to
restore, and Textual would wait forever for its writer thread (which died
writing to the dead terminal): the process ends at once. A watchdog ends
it too if a clean exit has not finished after :data:`GRACE` seconds.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from typing import Any

#: The signals that end the viewer cleanly.
SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: Seconds a clean exit may take before the process ends regardless.
GRACE = 5.0


def terminal_alive() -> bool:
    """Whether standard input is still a working terminal (not hung up)."""
    import termios

    try:
        termios.tcgetattr(sys.__stdin__.fileno())  # type: ignore[union-attr]
    except (termios.error, OSError, ValueError, AttributeError):
        return False
    return True


def leave(app: Any, number: int) -> None:
    """End ``app`` for signal ``number``: cleanly if the terminal is there, else at once."""
    code = 128 + number
    if not terminal_alive():
        os._exit(code)
    watchdog = threading.Timer(GRACE, os._exit, (code,))
    watchdog.daemon = True
    watchdog.start()
    app.exit(None, code)


class EarlySignals:
    """Remembers a signal that arrives before the event loop can take it (start-up)."""

    def __init__(self) -> None:
        self.number = 0
        for number in SIGNALS:
            signal.signal(number, self._remember)

    def _remember(self, number: int, _frame: object) -> None:
        self.number = number

    def hand_over(self, app: Any) -> None:
        """From now on the running loop handles the signals; act on one already received."""
        loop = asyncio.get_running_loop()
        for number in SIGNALS:
            try:
                loop.add_signal_handler(number, leave, app, number)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on Windows
                pass
        if self.number:
            leave(app, self.number)
