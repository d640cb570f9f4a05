"""The cycle collector: paused around deck work and for start-up, and always put back."""

from __future__ import annotations

import gc
from pathlib import Path

from briefing.cli.main import main
from briefing.core.gcpause import collector_paused, resume_after_start_up

SMALL = Path(__file__).parent / "data" / "small" / "decks" / "small.yaml"


def test_collector_paused_restores_the_state_it_found() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause must not turn it back on"
    assert gc.isenabled()


def test_commands_leave_the_collector_as_they_found_it(capsys) -> None:  # type: ignore[no-untyped-def]
    assert gc.isenabled()
    main(["check", str(SMALL)])
    assert gc.isenabled()
    gc.disable()
    try:
        main(["check", str(SMALL)])
        assert not gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()


def test_resume_after_start_up_freezes_and_turns_the_collector_on() -> None:
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        resume_after_start_up()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()


def test_resume_after_start_up_does_nothing_when_the_collector_runs() -> None:
    frozen = gc.get_freeze_count()
    resume_after_start_up()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


async def test_the_viewer_turns_the_collector_back_on_once_it_has_painted() -> None:
    from briefing.core.loader import load_deck
    from briefing.core.verify import Verifier
    from briefing.ui.app import BriefingApp

    deck = load_deck(SMALL)
    app = BriefingApp(deck, Verifier(deck))
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()
