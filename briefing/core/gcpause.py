"""Pausing Python's cycle collector while briefing builds or walks a deck.

A loaded deck (the node tree, the model, the verification results, the
source texts) holds no reference cycles: reference counting frees it all.
Yet building the ~150,000 objects of a 2,000-slide deck sets the cycle
collector off again and again, and each time it walks every object built
so far: about half of a large deck's load time, a tenth of its
verification, some 30 ms of an export. Pausing it changes nothing else.

The ``briefing`` command also starts with it paused, until the viewer's
first screen is drawn (:func:`resume_after_start_up`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; restore it as it was."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def resume_after_start_up() -> None:
    """Freeze what start-up built, then turn the collector back on.

    The ``briefing`` command starts with the collector paused: importing
    Textual and building the first screen create some hundred thousand
    long-lived objects and next to no garbage, and the collector walked
    them about a hundred times before the first paint (about 13 ms of it,
    measured). The viewer calls this once its first screen is drawn.

    Frozen objects (modules, the deck, the screen's widgets: all kept for
    the session) are never walked again, so later collections only look at
    what the session itself creates. Does nothing unless start-up paused
    the collector (tests build apps with it running).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
