"""What the viewer imports before its first paint: only what the first screen needs.

Every module imported before the first paint is paid for by every start
(see docs/performance.md, "first paint"); the screens and helpers used
later (a reload, the palette, search, the source view, presenting...)
are imported when first used. These tests import what ``briefing DECK``
imports on its way to ``App.run`` and look at ``sys.modules``.
"""

from __future__ import annotations

import subprocess
import sys

#: What ``briefing.cli.main._present`` imports before it runs the app.
START_UP = (
    "import briefing.cli.main, briefing.core.bundled, briefing.core.problems, briefing.store.cache, "
    "briefing.store.state, briefing.core.config, briefing.core.verify, briefing.store.theme_state, "
    "briefing.ui.app"
)

#: Modules only used after the first paint.
LATER = (
    "briefing.core.changes",  # a reload's summary and where the reader lands after it
    "briefing.ui.reload",
    "briefing.ui.palette",
    "briefing.ui.content_search",
    "briefing.store.channel",  # --present / --notes
    "briefing.screens.help",
    "briefing.screens.overview",
    "briefing.screens.search",
    "briefing.screens.source",
    "briefing.screens.notes",
    "briefing.screens.problems",
    "briefing.screens.export_choice",
    "briefing.screens.confirm",
    "briefing.core.loader",  # the deck comes from the cache on a warm start; the loader imports it itself
    "yaml",
    "tomllib",  # only with a settings file
)


def _imported_at_start_up() -> set[str]:
    code = f"{START_UP}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())


def test_start_up_imports_nothing_the_first_screen_does_not_need() -> None:
    imported = _imported_at_start_up()
    assert "briefing.ui.app" in imported and "briefing.screens.deck" in imported
    assert sorted(set(LATER) & imported) == []
