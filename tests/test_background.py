"""Background work gives way to the reader's keys (briefing.screens.background).

The deck-wide check, the source view's warm-up and the overview's counts
run in threads; they wait while the reader is pressing keys, and run with
a short switch interval, so that a key on a big deck does not wait for them.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import pytest

from briefing.screens import background, deck_openers
from tests.conftest import BROKEN_DECK

SIZE = (100, 30)


@pytest.fixture
def quiet(monkeypatch: Any) -> None:
    """No input yet, as at start-up."""
    monkeypatch.setattr(background, "_last_input", float("-inf"))


@pytest.fixture
def alone() -> None:
    """No deck check of an earlier test's app still running (it holds the collector too)."""
    for thread in threading.enumerate():
        if thread.name == "warm-drill":
            thread.join(30)


def test_give_way_returns_at_once_when_quiet(quiet: None) -> None:
    started = time.monotonic()
    background.give_way()
    assert time.monotonic() - started < background.QUIET


def test_give_way_waits_until_the_reader_has_been_quiet(quiet: None) -> None:
    background.touched()
    background.give_way()
    assert background.quiet_for() >= background.QUIET


def test_give_way_counts_a_moment_given_as_input(quiet: None) -> None:
    shown = time.monotonic()
    background.give_way(0.05, since=shown)
    assert time.monotonic() - shown >= 0.05


def test_running_shortens_the_switch_interval_and_restores_it_after_the_last_block() -> None:
    before = sys.getswitchinterval()
    with background.running():
        assert sys.getswitchinterval() == pytest.approx(min(background.SWITCH, before))
        with background.running():
            pass
        assert sys.getswitchinterval() == pytest.approx(min(background.SWITCH, before))
    assert sys.getswitchinterval() == pytest.approx(before)


def test_the_deck_wide_check_waits_while_keys_come(loaded_broken: Any, quiet: None) -> None:
    """A key during the check holds its next batch until the reader is quiet; the result is the same."""
    deck, verifier = loaded_broken
    expected = deck_openers.verify_deck(deck, type(verifier)(deck))
    background.touched()
    done: list[float] = []
    result: list[tuple[int, int]] = []

    def check() -> None:
        result.append(deck_openers.verify_deck(deck, verifier))
        done.append(background.quiet_for())

    thread = threading.Thread(target=check)
    thread.start()
    thread.join(5)
    assert result == [expected]
    assert done[0] >= background.LONG_QUIET  # it went on only after a quiet while


def test_every_batch_of_the_check_gives_way(loaded_broken: Any, monkeypatch: Any) -> None:
    deck, verifier = loaded_broken
    calls: list[int] = []
    monkeypatch.setattr(background, "give_way", lambda quiet=0: calls.append(1))
    monkeypatch.setattr(deck_openers, "VERIFY_BATCH", 1)
    deck_openers.verify_deck(deck, verifier)
    assert len(calls) == len(deck.citations)


async def test_a_key_in_the_app_tells_background_work(make_app: Any, quiet: None) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert background.quiet_for() == float("inf")
        await pilot.press("right")
        assert background.quiet_for() < 5


@pytest.fixture
def loaded_broken() -> tuple[Any, Any]:
    from briefing.core.loader import load_deck
    from briefing.core.verify import Verifier

    deck = load_deck(BROKEN_DECK)
    return deck, Verifier(deck)


def test_collector_held_does_nothing_where_start_up_froze_nothing(quiet: None, alone: None) -> None:
    """Tests build apps with the collector running and nothing frozen: it is left alone."""
    import gc

    if gc.get_freeze_count():
        pytest.skip("something froze this process")
    assert gc.isenabled()
    with background.collector_held():
        assert gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_collector_held_freezes_what_the_block_built_where_start_up_froze(quiet: None, alone: None) -> None:
    """As the viewer does after its first paint: what the check built is never walked again."""
    import gc

    gc.disable()
    gc.freeze()  # what start-up does (see briefing.core.gcpause)
    try:
        before = gc.get_freeze_count()
        with background.collector_held():
            assert not gc.isenabled()
            built = [[n] for n in range(10_000)]  # tracked containers, like the check's results
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(built)
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_deck_screen_checks_the_deck_with_the_collector_held(
    make_app: Any, monkeypatch: Any, quiet: None, alone: None
) -> None:
    import gc

    from briefing.widgets.topbar import TopBar

    enabled: list[bool] = []
    real = deck_openers.verify_deck

    def spy(deck: Any, verifier: Any) -> tuple[int, int]:
        enabled.append(gc.isenabled())
        return real(deck, verifier)

    monkeypatch.setattr(deck_openers, "verify_deck", spy)
    app = make_app()
    gc.disable()  # as the command line starts the viewer (see briefing.core.gcpause)
    try:
        async with app.run_test(size=SIZE) as pilot:
            top = app.screen_stack[0].query_one(TopBar)
            for _ in range(500):
                if top.verified is not None:
                    break
                await pilot.pause(0.01)
            assert gc.get_freeze_count()  # start-up froze, then turned the collector on...
        for thread in threading.enumerate():
            if thread.name == "warm-drill":
                thread.join(30)
        assert enabled == [False]  # ... but it was held off while the deck was checked
        assert gc.isenabled()  # and is on again after
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_deck_check_starts_once_the_first_slide_has_been_shown_a_while(
    make_app: Any, monkeypatch: Any, quiet: None, alone: None
) -> None:
    """The reader's first key (Enter, say) does not find the check running."""
    from briefing.screens.deck import DeckScreen
    from briefing.widgets.topbar import TopBar

    times: dict[str, float] = {}
    real_check, real_warm = deck_openers.verify_deck, DeckScreen._warm_drill

    def check(deck: Any, verifier: Any) -> tuple[int, int]:
        times["check"] = time.monotonic()
        return real_check(deck, verifier)

    def warm(screen: DeckScreen) -> None:
        times.setdefault("shown", time.monotonic())
        real_warm(screen)

    monkeypatch.setattr(deck_openers, "verify_deck", check)
    monkeypatch.setattr(DeckScreen, "_warm_drill", warm)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        top = app.screen_stack[0].query_one(TopBar)
        for _ in range(500):
            if top.verified is not None:
                break
            await pilot.pause(0.01)
    assert times["check"] - times["shown"] >= background.LONG_QUIET


def test_settle_collector_files_a_large_old_generation_away_where_start_up_froze(
    alone: None, monkeypatch: Any
) -> None:
    import gc

    monkeypatch.setattr(background, "OLD_LIMIT", 1_000)
    gc.disable()
    gc.freeze()  # what start-up does
    gc.enable()
    try:
        built = [[n] for n in range(5_000)]
        gc.collect()  # now in the old generation
        before = gc.get_freeze_count()
        background.settle_collector()
        assert gc.get_freeze_count() >= before + len(built)
        assert len(gc.get_objects(generation=2)) < 1_000
    finally:
        gc.unfreeze()


def test_settle_collector_freezes_nothing_in_tests_or_while_the_check_holds_it(
    alone: None, monkeypatch: Any
) -> None:
    import gc

    if gc.get_freeze_count():
        pytest.skip("something froze this process")
    monkeypatch.setattr(background, "OLD_LIMIT", 1_000)
    built = [[n] for n in range(5_000)]
    gc.collect()
    background.settle_collector()
    assert gc.get_freeze_count() == 0  # tests: nothing was frozen at start-up
    gc.disable()
    try:
        gc.freeze()
        more = [[n] for n in range(5_000)]
        gc.collect()  # in the old generation, not frozen
        before = gc.get_freeze_count()
        background.settle_collector()  # held off (by the check): its end files things away
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
        gc.enable()
    assert built and more
