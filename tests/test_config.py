"""The settings file: parsing (good values, bad values, unknown keys, broken TOML), all located.

Every problem names ``file:line:col`` and leaves that one setting at its
default; nothing here may raise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.config import ACTIONS, EXAMPLE, Config, config_path, load_config, parse_config


def test_the_example_parses_clean() -> None:
    config, problems = parse_config(EXAMPLE)
    assert problems == []
    assert config.theme == "briefing-dark"
    assert config.reload is True
    assert config.keys["next"] == "right,l,space,pagedown"


def test_good_values() -> None:
    text = (
        'theme = "nord"\nreload = false\ntimer = "1h30m"\n'
        '[keys]\nnext = "b,pagedown"\nprevious = ["a", "pageup"]\n'
    )
    config, problems = parse_config(text)
    assert problems == []
    assert (config.theme, config.reload, config.timer) == ("nord", False, 5400)
    assert config.keys == {"next": "b,pagedown", "previous": "a,pageup"}


@pytest.mark.parametrize(
    ("value", "seconds"),
    [('"20m"', 1200), ('"90s"', 90), ('"1h"', 3600), ("20", 1200), ('"15"', 900), ('"2 min"', 120)],
)
def test_timer_lengths(value: str, seconds: int) -> None:
    config, problems = parse_config(f"timer = {value}\n")
    assert problems == []
    assert config.timer == seconds


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        ("\n\nreload = 'yes'\n", 3, 1, "reload: expected true or false"),
        ('theme = "x"\n  timer = "soon"\n', 2, 3, "timer: expected a length"),
        ("timer = 0\n", 1, 1, "timer: expected"),
        ("theme = 3\n", 1, 1, "theme: expected a theme name"),
        ("colour = 1\n", 1, 1, "unknown setting `colour`"),
        ('keys = "b"\n', 1, 1, "keys: expected a table"),
        ('[keys]\nnext = "b"\n\nfly = "x"\n', 4, 1, "unknown action `fly`"),
        ('[keys]\nnext = "a b"\n', 2, 1, "'a b' is not a key name"),
        ("[keys]\nnext = 3\n", 2, 1, "expected keys in quotes"),
        ('[keys]\n"next" = ""\n', 2, 1, "is not a key name"),
    ],
)
def test_bad_values_are_located_and_left_at_the_default(text: str, line: int, col: int, words: str) -> None:
    config, problems = parse_config(text, "config.toml")
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith(f"config.toml:{line}:{col}: warning:")
    assert words in str(problems[0])
    default = Config()
    assert config.reload == default.reload
    assert config.keys.get("next") in (None, "b")


def test_one_bad_setting_keeps_the_good_ones() -> None:
    config, problems = parse_config('theme = "nord"\nreload = 1\n[keys]\nnext = "b"\nfly = "x"\n')
    assert config.theme == "nord" and config.keys == {"next": "b"} and config.reload is True
    assert [p.line for p in problems] == [2, 5]


@pytest.mark.parametrize(
    ("text", "line", "col"), [('theme = "nord"\nreload = \n', 2, 10), ("[keys\n", 1, 6), ('a = "b\n', 1, 7)]
)
def test_broken_toml_is_located_and_gives_the_defaults(text: str, line: int, col: int) -> None:
    config, problems = parse_config(text, "config.toml")
    assert config == Config()
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"config.toml:{line}:{col}: not valid TOML")


def test_every_action_is_a_deck_screen_binding_id() -> None:
    """The remappable actions and the deck screen's binding ids are the same list."""
    from textual.binding import Binding

    from briefing.screens.deck import DeckScreen

    ids = {b.id for b in DeckScreen.BINDINGS if isinstance(b, Binding) and b.id}
    assert ids == set(ACTIONS)


def test_path_follows_xdg(tmp_path: Path) -> None:
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "briefing" / "config.toml"
    home = config_path({"HOME": str(tmp_path)})
    assert home == tmp_path / ".config" / "briefing" / "config.toml"
    # A relative XDG_CONFIG_HOME is invalid (the spec): ignored.
    assert config_path({"XDG_CONFIG_HOME": "rel", "HOME": str(tmp_path)}) == home


def test_load_missing_unreadable_and_not_utf8(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == (Config(path=str(tmp_path / "none.toml")), [])
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    config, problems = load_config(folder)
    assert config.keys == {} and "cannot be read" in str(problems[0])
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'theme = "ok"\ntimer = "\xff"\n')
    _, problems = load_config(bad)
    assert str(problems[0]).startswith(f"{bad}:2:10: is not valid UTF-8")
