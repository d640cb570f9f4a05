"""Background work waits while the reader waits for a screen, and never for long.

A worker verifying or laying out a 10 MB source takes turns with the UI
thread for the interpreter lock, so the source view opened meanwhile drew
in twice the time. The source screen marks the UI busy from its creation
to its first frame; the long loops of background work step aside
meanwhile. These tests check the waiting itself, that the UI thread never
waits on itself, that a forgotten ``idle`` holds nothing up for longer
than asked, and that the source screen says idle once it is drawn.
"""

from __future__ import annotations

import threading
import time

from briefing.core import foreground, textsafe
from briefing.core.drill import DrillIndex
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.source import SourceScreen
from briefing.ui.app import BriefingApp
from tests.conftest import SMALL_DECK


def run_in_thread(work: object) -> threading.Thread:
    thread = threading.Thread(target=work)  # type: ignore[arg-type]
    thread.start()
    return thread


def test_a_worker_steps_aside_until_the_ui_is_idle() -> None:
    steps: list[str] = []
    try:
        foreground.busy(5)
        worker = run_in_thread(lambda: (foreground.step_aside(), steps.append("worker")))
        foreground.step_aside()  # the UI thread itself never waits
        steps.append("ui")
        time.sleep(0.1)
        assert steps == ["ui"]  # the worker is still waiting
        foreground.idle()
        worker.join(5)
        assert steps == ["ui", "worker"]
    finally:
        foreground.idle()


def test_a_busy_ui_holds_work_up_for_a_limited_time() -> None:
    try:
        foreground.busy(0.05)  # and idle() never comes
        started = time.monotonic()
        worker = run_in_thread(foreground.step_aside)
        worker.join(5)
        assert not worker.is_alive()
        assert 0.03 <= time.monotonic() - started < foreground.LONGEST + 0.5
    finally:
        foreground.idle()


def test_long_scans_and_indexing_step_aside_in_a_worker() -> None:
    deck = load_deck(SMALL_DECK)
    index = DrillIndex(deck, Verifier(deck))
    text = "word " * (3 * textsafe.SLICE)
    done: list[str] = []
    try:
        foreground.busy(5)
        workers = [
            run_in_thread(lambda: (textsafe.visible(text), done.append("scan"))),
            run_in_thread(lambda: (index.spans(deck.sources[0].id), done.append("index"))),
        ]
        time.sleep(0.2)
        assert done == []
        foreground.idle()
        for worker in workers:
            worker.join(5)
        assert sorted(done) == ["index", "scan"]
    finally:
        foreground.idle()


async def test_the_source_screen_is_busy_until_its_first_frame() -> None:
    deck = load_deck(SMALL_DECK)
    verifier = Verifier(deck)
    app = BriefingApp(deck, verifier)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = SourceScreen(deck, verifier, 0, 0)
            assert not foreground._idle.is_set()
            app.push_screen(screen)
            await pilot.pause()
            await pilot.pause()
            assert foreground._idle.is_set()
            assert screen.view.highlighted_on_screen()
    finally:
        foreground.idle()
