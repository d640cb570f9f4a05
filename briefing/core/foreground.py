"""Background work steps aside while the reader waits for a screen.

Python runs one thread at a time (the interpreter lock), so a worker that
verifies or lays out a 10 MB source takes turns of about 5 ms with the UI
thread: the source view opened meanwhile draws in twice the time, or more.
The UI thread says when the reader is waiting (:func:`busy`, until
:func:`idle`, and never longer than it asked); the long loops of background
work call :func:`step_aside` between their steps (a slice of a long scan,
one citation) and sleep until then. Nothing here changes what is computed,
only when.
"""

from __future__ import annotations

import threading
import time

#: The longest the UI thread may hold background work up at a time (seconds).
LONGEST = 0.3

_idle = threading.Event()
_idle.set()
_until = 0.0
_ui_thread = 0


def busy(seconds: float = LONGEST) -> None:
    """The reader waits for the calling (UI) thread: background steps wait, for ``seconds`` at most."""
    global _until, _ui_thread
    _ui_thread = threading.get_ident()
    _until = time.monotonic() + min(seconds, LONGEST)
    _idle.clear()


def idle() -> None:
    """The reader has what they waited for: background work goes on."""
    _idle.set()


def step_aside() -> None:
    """Between two steps of background work: wait while the UI thread is :func:`busy`.

    Returns at once on the UI thread itself, and when nothing waits.
    """
    if _idle.is_set() or threading.get_ident() == _ui_thread:
        return
    left = _until - time.monotonic()
    if left > 0:
        _idle.wait(left)
