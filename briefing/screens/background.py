"""Background work that gives way to the reader's keys.

The viewer does some work ahead of the reader in threads: it verifies
every citation of the deck for the top bar's count, warms up the source
view for the slide shown, counts the overview's marks. Python runs one
thread at a time, so while such a thread computes, a key waits for it to
hand over the interpreter: every hand-over (the terminal's input thread,
the event loop, the output thread) waited up to the interpreter's switch
interval (5 ms). On a 10,000-slide deck, whose check takes seconds, a
next-slide key cost four times what it costs on a small deck (measured in
the tmux benchmark, docs/performance.md).

So the app calls :func:`touched` on every key, click and scroll, and
background work calls :func:`give_way` between small steps: it waits
there until the reader has been quiet for :data:`QUIET` seconds. Inside
:func:`running`, the switch interval is short (:data:`SWITCH`), so the
hand-overs of a key that arrives in the middle of a step are quick too.
Nothing here changes what the work computes, only when.

What background work builds also costs keys later, when the cycle
collector walks it: :func:`collector_held` and :func:`settle_collector`
keep it out of the collections that run during keys.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds without input before background work goes on.
QUIET = 0.1
#: Seconds without input before long, unhurried work goes on (the deck-wide check):
#: while the reader turns slides faster than this, it waits.
LONG_QUIET = 0.5
#: Objects in the collector's old generation (not frozen) beyond which background
#: work files them away (a full collection walks them all: 3-8 ms at this size,
#: measured on the 10,000-slide deck).
OLD_LIMIT = 20_000
#: The interpreter's switch interval (seconds) while background work runs.
SWITCH = 0.0005

_last_input = float("-inf")
_lock = threading.Lock()
_running = 0
_saved_interval = 0.0


def touched() -> None:
    """The reader pressed a key (or clicked): background work waits for a quiet moment."""
    global _last_input
    _last_input = time.monotonic()


def quiet_for() -> float:
    """Seconds since the last input (``inf`` before any)."""
    return time.monotonic() - _last_input


def give_way(quiet: float = QUIET, since: float = float("-inf")) -> None:
    """Return once the reader has been quiet for ``quiet`` seconds (at once if so already).

    Called from a background thread between two small steps; sleeping
    hands the interpreter to the UI thread. ``since`` (a ``time.monotonic()``)
    counts as input too: e.g. when the first slide was shown, the moment a
    reader's first key is most likely.
    """
    while True:
        wait = quiet - min(quiet_for(), time.monotonic() - since)
        if wait <= 0:
            return
        time.sleep(wait)


@contextmanager
def running() -> Iterator[None]:
    """Run a block of background work with a short switch interval (restored after the last one)."""
    global _running, _saved_interval
    with _lock:
        if _running == 0:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH, _saved_interval))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_saved_interval)


@contextmanager
def collector_held() -> Iterator[None]:
    """Hold the cycle collector off while the block builds many long-lived objects; then file them away.

    The deck-wide check leaves a result per citation (50,000 on a large
    deck): while it ran, the collector walked the growing pile again and
    again (collections of 30 to 60 ms, in the middle of keys, measured with
    ``gc.callbacks`` on the 10,000-slide deck). The results hold no cycles
    (see :mod:`briefing.core.gcpause`), so the collector is off meanwhile,
    and afterwards, at a quiet moment, one collection frees what the UI
    left and a freeze moves what is left to the permanent generation,
    as start-up does: later collections never walk it again.

    Only in a process that pauses and freezes its start-up (the viewer run
    from the command line, see :func:`~briefing.core.gcpause.resume_after_start_up`);
    elsewhere (tests build apps with the collector running) it does nothing.
    """
    if not (gc.get_freeze_count() or not gc.isenabled()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count():
            give_way(LONG_QUIET)
            gc.collect()
            gc.freeze()
            gc.enable()
        # else start-up has not frozen yet: it turns the collector on when it does.


def settle_collector() -> None:
    """After background work built long-lived objects (a warm-up): keep them out of later collections.

    What a warm-up builds (rendered lines, a source's passages, the drill
    index's table of every citation) is young: left there, the next key's
    allocations set off collections that walk it all. A collection of the
    young generations now, while the reader reads, moves it to the old
    one. There it piles up until a full collection walks all of it, once
    in a while, in the middle of a key or of opening the overview (23 and
    42 ms on the 10,000-slide deck, measured with ``gc.callbacks``). So once
    the old generation holds more than :data:`OLD_LIMIT` objects, in a
    viewer that froze its start-up, one full collection frees what is
    garbage and a freeze files the rest away, as start-up does.

    Nothing while the deck-wide check holds the collector off
    (:func:`collector_held` files everything away at its end).
    """
    if not gc.isenabled():
        return
    if gc.get_freeze_count() and len(gc.get_objects(generation=2)) > OLD_LIMIT:
        gc.collect()
        gc.freeze()
    else:
        gc.collect(1)
