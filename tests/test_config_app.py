"""Settings applied in the app: remapped keys, the theme (configured, then remembered), problems shown.

Pilot tests on the small fixture deck, and the ``briefing config`` command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from briefing.core.config import EXAMPLE, parse_config
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.screens.deck import DeckScreen
from briefing.store.theme_state import read_state, starting_theme
from briefing.ui.app import BriefingApp
from tests.conftest import SMALL_DECK

SIZE = (100, 30)


def app_with(text: str = "", state_file: Path | None = None) -> BriefingApp:
    deck = load_deck(SMALL_DECK)
    config, problems = parse_config(text)
    return BriefingApp(deck, Verifier(deck), config=config, config_problems=problems, state_file=state_file)


def index(app: BriefingApp) -> int:
    screen = app.screen
    assert isinstance(screen, DeckScreen)
    return screen.index


async def test_remapped_next_key_pages_and_replaces_the_defaults() -> None:
    """A clicker sending ``b``: next is remapped to ``b``, so ``b`` pages and ``right`` no longer does."""
    app = app_with('[keys]\nnext = "b"\nprevious = "a"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert index(app) == 1
        await pilot.press("right")
        assert index(app) == 1
        await pilot.press("a")
        assert index(app) == 0


async def test_without_a_keymap_b_does_nothing() -> None:
    app = app_with()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert index(app) == 0
        await pilot.press("pagedown")
        assert index(app) == 1


async def test_configured_theme_is_applied() -> None:
    app = app_with('theme = "briefing-light"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "briefing-light"


async def test_bad_settings_are_shown_located_and_the_app_runs() -> None:
    app = app_with('theme = "no-such-theme"\nreload = 2\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any(
            m.startswith("config.toml:1:1: warning: theme: no theme called 'no-such-theme'") for m in shown
        )
        assert any(m.startswith("config.toml:2:1: warning: reload") for m in shown)
        assert app.theme == "briefing-dark"
        await pilot.press("right")
        assert index(app) == 1


async def test_theme_chosen_in_the_app_is_remembered_not_written_to_config(tmp_path: Path) -> None:
    state = tmp_path / "state" / "state.json"
    config_text = 'theme = "briefing-light"\n'
    app = app_with(config_text, state_file=state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "briefing-light"
        assert not state.exists()  # applying the configured theme is not a choice
        app.theme = "textual-dark"
        await pilot.pause()
    assert json.loads(state.read_text()) == {"theme": "textual-dark", "config_theme": "briefing-light"}
    again = app_with(config_text, state_file=state)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-dark"
    # The config's theme changed since: it wins.
    assert starting_theme("nord", read_state(state)) == "nord"
    assert not list(state.parent.glob(".state.*.tmp"))


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "config", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_config_command_path_example_and_check(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    path = tmp_path / "briefing" / "config.toml"
    result = run_cli("--path", env=env)
    assert result.returncode == 0 and result.stdout.strip() == str(path)
    result = run_cli("--example", env=env)
    assert result.returncode == 0 and result.stdout == EXAMPLE
    assert "not created" in run_cli(env=env).stdout
    path.parent.mkdir(parents=True)
    path.write_text('theme = "x"\n\n[keys]\nfly = "q"\n')
    result = run_cli(env=env)
    assert result.returncode == 1
    assert f"{path}:4:1: warning: keys: unknown action `fly`" in result.stderr
    assert "Traceback" not in result.stderr
    path.write_text(EXAMPLE)
    result = run_cli(env=env)
    assert result.returncode == 0 and result.stdout.strip().endswith(": ok")


async def test_reload_off_stops_reloading_on_save() -> None:
    """`reload = false`: a save is only marked (R still reloads), as with --present."""
    on, off = app_with(), app_with("reload = false\n")
    async with on.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert on.live
    async with off.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not off.live
