"""What the app remembers between runs about the theme chosen in it, apart from the user's config.

``config.toml`` is the user's file and is never written; the state file
(``$XDG_STATE_HOME/briefing/theme.json``, else ``~/.local/state/briefing/``)
is the app's, replaced atomically so a crash mid-write leaves the old one.
A chosen theme wins over the config's ``theme`` until the config's value is
changed (the state records which config value it overrode): the last
deliberate choice wins.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def state_path(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_STATE_HOME/briefing/theme.json``, else ``~/.local/state/briefing/theme.json``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME", "")
    root = (
        Path(base) if base and os.path.isabs(base) else Path(env.get("HOME") or Path.home()) / ".local/state"
    )
    return root / "briefing" / "theme.json"


def read_state(path: Path) -> dict[str, object]:
    """The remembered state; empty when missing or unreadable (it is only a convenience)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(path: Path, state: dict[str, object]) -> bool:
    """Replace the state file atomically; ``False`` if it could not be written (never raises)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".state.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(state, out, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def starting_theme(config_theme: str | None, state: dict[str, object]) -> str | None:
    """The theme to start with: the one chosen in the app, unless the config's has changed since."""
    chosen, over = state.get("theme"), state.get("config_theme")
    if isinstance(chosen, str) and chosen and over == config_theme:
        return chosen
    return config_theme


def remember_theme(path: Path, theme: str, config_theme: str | None) -> bool:
    """Record ``theme`` as chosen in the app (over the config's ``config_theme``)."""
    state = read_state(path)
    if state.get("theme") == theme and state.get("config_theme") == config_theme:
        return True
    state.update(theme=theme, config_theme=config_theme)
    return write_state(path, state)
