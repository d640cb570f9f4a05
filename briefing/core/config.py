"""The user's settings file, ``config.toml``: parsed, checked and located.

Pure: text in, a :class:`Config` and a list of located problems out. A
setting that is wrong is reported (``config.toml:3:1: ...``) and left at
its default, so a typo never stops the viewer from starting. Where the
file lives is :func:`config_path` (``$XDG_CONFIG_HOME/briefing/``, else
``~/.config/briefing/``); the theme chosen inside the app is remembered
elsewhere (see :mod:`briefing.store.state`), never written into this file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.problems import Problem

#: Every action of the deck screen that a ``[keys]`` entry can remap: binding id → what it does.
#: The deck screen gives its bindings these ids (a test checks both lists agree).
ACTIONS: dict[str, str] = {
    "next": "next slide",
    "previous": "previous slide",
    "item_up": "highlight the item above",
    "item_down": "highlight the item below",
    "enter": "open the highlighted item's source passage (or go to the typed slide number)",
    "overview": "grid of all slides",
    "sources": "panel of the slide's citations",
    "export": "export the deck (asks the format)",
    "help": "list of keys",
    "quit": "quit",
    "first": "first slide",
    "last": "last slide",
    "g": "g g: first slide",
    "big_g": "G: last slide; N G: slide N",
    "escape": "cancel a typed number, close the sources panel",
    "search": "search slides and sources",
    "search_next": "next search match",
    "search_previous": "previous search match",
    "notes": "show or hide the slide's notes",
    "edit": "open your editor at the highlighted item",
    "problems": "the deck file's problems",
    "reload": "reload on save: on or off",
}

#: A key name as Textual spells it (``b``, ``pagedown``, ``ctrl+n``, ``?``): no spaces or commas.
# The patterns are compiled on first use (``re`` keeps them): start-up without
# a settings file, or with a short one, does not compile all five.
_KEY = r"^[^\s,]+$"
_TIMER = r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$"
_TOML_WHERE = r"\(at line (\d+), column (\d+)\)"
_TABLE = r"^\s*\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\s*(?:#.*)?$"
_ASSIGN = r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-.]+)\s*="
_Complain = Callable[[str, str], None]

EXAMPLE = """\
# briefing's settings. Every entry is optional; delete what you do not need.
# Where this file lives: `briefing config --path`.

# The colour theme at start: "briefing-dark", "briefing-light" or any of
# Textual's (e.g. "nord", "gruvbox"). A theme chosen in the app (ctrl+p,
# "Change theme") is remembered and wins until this line is changed.
theme = "briefing-dark"

# Notice when the deck or its sources change on disk.
reload = true

# A default presentation length: "20m", "1h", "90s" or a number of minutes.
# timer = "20m"

# Remap keys: action = "key,key". The keys listed replace the action's
# defaults. Presenter clickers usually send pageup/pagedown (already bound)
# or "b" (blank screen): bind it to whatever you want it to do.
[keys]
next = "right,l,space,pagedown"
previous = "left,h,pageup"
# search = "slash"
"""


@dataclass(frozen=True)
class Config:
    """The settings, defaults where the file says nothing (or something wrong).

    Attributes:
        theme: the theme named in the file (``None``: not set).
        reload: whether to watch the deck's files for changes.
        timer: a default presentation length in seconds (``None``: no timer).
        keys: binding id → comma-separated keys, for ``App.set_keymap``.
        where: each setting's ``(line, col)`` in the file, to locate later complaints.
        path: the file it came from (shown in messages).
    """

    theme: str | None = None
    reload: bool = True
    timer: int | None = None
    keys: dict[str, str] = field(default_factory=dict)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)
    path: str = "config.toml"

    def problem(self, setting: str, message: str, severity: str = "warning") -> Problem:
        """A problem about ``setting`` (e.g. ``theme``, ``keys.next``), at its place in the file."""
        line, col = self.where.get(setting, (1, 1))
        return Problem(self.path, line, col, "", message, severity)


def config_path(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/briefing/config.toml``, else ``~/.config/briefing/config.toml``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME", "")
    # The XDG spec: a relative value is invalid and must be ignored.
    root = Path(base) if base and os.path.isabs(base) else Path(env.get("HOME") or Path.home()) / ".config"
    return root / "briefing" / "config.toml"


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """Read ``path``: no file is the defaults with no problem; an unreadable one is reported."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config(path=shown), []
    except OSError as error:
        return Config(path=shown), [Problem(shown, 1, 1, "", f"cannot be read: {error.strerror or error}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _line_col(data[: error.start].decode("utf-8", "replace"))
        message = f"is not valid UTF-8 (byte 0x{data[error.start]:02x}): save it as UTF-8"
        return Config(path=shown), [Problem(shown, *where, "", message)]
    return parse_config(text, shown)


def parse_config(text: str, path: str = "config.toml") -> tuple[Config, list[Problem]]:
    """Parse the TOML ``text``; every problem is located and leaves that setting at its default."""
    import tomllib  # only when there is a file: start-up without one does not pay for it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(_TOML_WHERE, message)
        line, col = (int(match[1]), int(match[2])) if match else (1, 1)
        reason = re.sub(_TOML_WHERE, "", message).strip()
        problem = Problem(path, line, col, "", f"not valid TOML: {reason}; the defaults are used", "error")
        return Config(path=path), [problem]
    where = _locate(text)
    problems: list[Problem] = []

    def complain(setting: str, message: str) -> None:
        line, col = where.get(setting, (1, 1))
        problems.append(Problem(path, line, col, "", message, "warning"))

    theme: str | None = None
    reload = True
    timer: int | None = None
    keys: dict[str, str] = {}
    for name, value in data.items():
        if name == "theme":
            if isinstance(value, str) and value.strip():
                theme = value.strip()
            else:
                complain(name, 'theme: expected a theme name in quotes, e.g. theme = "briefing-light"')
        elif name == "reload":
            if isinstance(value, bool):
                reload = value
            else:
                complain(name, "reload: expected true or false")
        elif name == "timer":
            seconds = _timer(value)
            if seconds is None:
                complain(
                    name, 'timer: expected a length such as "20m", "1h30m", "90s" or a number of minutes'
                )
            else:
                timer = seconds
        elif name == "keys":
            if isinstance(value, dict):
                keys = _keys(value, complain)
            else:
                complain(name, 'keys: expected a table, e.g. [keys] then next = "b,pagedown"')
        else:
            complain(name, f"unknown setting `{name}` (known: theme, reload, timer, [keys]); it is ignored")
    config = Config(theme=theme, reload=reload, timer=timer, keys=keys, where=where, path=path)
    return config, problems


def _keys(table: dict[str, object], complain: _Complain) -> dict[str, str]:
    """The ``[keys]`` table as a keymap; unknown actions and bad keys are reported and skipped."""
    keymap: dict[str, str] = {}
    for action, value in table.items():
        setting = f"keys.{action}"
        if action not in ACTIONS:
            known = ", ".join(ACTIONS)
            complain(setting, f"keys: unknown action `{action}` (actions: {known}); it is ignored")
            continue
        listed = value if isinstance(value, list) else [value]
        if not listed or not all(isinstance(key, str) for key in listed):
            complain(setting, f'keys.{action}: expected keys in quotes, e.g. {action} = "b,pagedown"')
            continue
        names = [name.strip() for key in listed for name in str(key).split(",")]
        bad = [name for name in names if not re.match(_KEY, name)]
        if bad or not names:
            complain(setting, f"keys.{action}: {bad[0] if bad else '(empty)'!r} is not a key name")
            continue
        keymap[action] = ",".join(names)
    return keymap


def _timer(value: object) -> int | None:
    """Seconds from ``"20m"``, ``"1h30m"``, ``"90s"``, ``"20"`` or ``20`` (minutes); ``None`` if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value * 60 if value > 0 else None
    if not isinstance(value, str):
        return None
    if value.strip().isdigit():
        return _timer(int(value.strip()))
    match = re.match(_TIMER, value)
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return total or None


def _locate(text: str) -> dict[str, tuple[int, int]]:
    """Where each top-level setting and each ``table.key`` is written: ``(line, col)``, 1-based.

    A line scanner, not a TOML parser: enough to point at the entry a
    complaint is about (tomllib keeps no positions).
    """
    where: dict[str, tuple[int, int]] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(_TABLE, line)
        if header:
            table = header[1].strip().strip("\"'")
            where.setdefault(table, (number, line.index("[") + 1))
            continue
        assign = re.match(_ASSIGN, line)
        if assign:
            key = assign[1].strip("\"'")
            col = line.index(assign[1]) + 1
            where.setdefault(f"{table}.{key}" if table else key, (number, col))
    return where


def _line_col(before: str) -> tuple[int, int]:
    """1-based line and column just after ``before``."""
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1
