"""The briefing TUI application: a deck, one slide at a time.

The app only wires things together: it registers the themes and the
command palette provider and shows the deck screen. What the reader sees
and does lives in ``screens/`` and ``widgets/``; the data (the deck and its
verifier) is handed to each screen when it is created.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme

from briefing.core.config import Config
from briefing.core.gcpause import resume_after_start_up
from briefing.core.model import Deck
from briefing.screens.deck import DeckScreen
from briefing.ui.themes import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing.core.problems import Problem
    from briefing.core.verify import Verifier
    from briefing.ui.signals import EarlySignals


def deck_commands() -> type[Provider]:
    """The palette's deck entries, imported when the palette first opens.

    ``textual.command`` (the palette, its input and option list) is about
    as much to import as the deck screen; start-up does not need it.
    """
    from briefing.ui.palette import DeckCommands

    return DeckCommands


def content_commands() -> type[Provider]:
    """The palette's search of slide and source text (after the deck's own commands)."""
    from briefing.ui.content_search import ContentCommands

    return ContentCommands


class BriefingApp(App[None]):
    """Present ``deck``; ``verifier`` answers for every citation on screen.

    Args:
        deck: the loaded deck.
        verifier: a :class:`briefing.core.verify.Verifier` for that deck (results
            are computed lazily, so only the slides shown are verified).
        start: the slide to open at (0-based).
        signals: end cleanly on SIGTERM and SIGHUP (the command line sets it;
            tests running the app in-process leave the process's signals alone).
        config: the user's settings (see :mod:`briefing.core.config`); the defaults if ``None``.
        config_problems: what was wrong with the settings file, shown once the app is up.
        state_file: where a theme chosen in the app is remembered (``None``: it is not).
    """

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it.
    CSS_PATH = Path(__file__).parent / "briefing.tcss"
    COMMANDS = App.COMMANDS | {deck_commands, content_commands}

    # The default theme is the reactive's default rather than set in
    # __init__: setting it there would make Textual parse every stylesheet
    # a second time before the first paint (~90 ms).
    theme: Reactive[str] = Reactive(DEFAULT_THEME)

    def __init__(
        self,
        deck: Deck,
        verifier: Verifier,
        start: int = 0,
        signals: bool = False,
        config: Config | None = None,
        config_problems: Sequence[Problem] = (),
        state_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self._config_problems = list(config_problems)
        self._state_file = state_file
        self._remember = False  # theme changes are remembered once the configured one is applied
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self.deck = deck
        self.verifier = verifier
        self._start = start
        self._signals: EarlySignals | None = None
        if signals:  # remembered until the event loop takes them over (on mount)
            from briefing.ui.signals import EarlySignals

            self._signals = EarlySignals()
        self.title = deck.title
        for theme in THEMES:
            self.register_theme(theme)

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Textual's themes and briefing's, available from the first moment."""
        themes = super().available_themes
        if DEFAULT_THEME not in themes:  # only while App.__init__ runs
            themes.update((theme.name, theme) for theme in THEMES)
        return themes

    def on_mount(self) -> None:
        """Watch the deck's files (see :mod:`briefing.store.watch`) every 2 s.

        Once the first screen is drawn, the cycle collector paused for
        start-up (see :mod:`briefing.core.gcpause`) runs again.
        """
        from briefing.store.watch import FileWatch

        if self._signals is not None:
            self._signals.hand_over(self)
        self._watch = FileWatch(self.deck)
        if self.config.reload:  # `reload = false` in the settings: no watching
            self.set_interval(2.0, self._check_files)
        self.call_after_refresh(resume_after_start_up)
        self._apply_settings()

    def _apply_settings(self) -> None:
        """The configured (or remembered) theme, and what was wrong with the settings file."""
        from briefing.core.textsafe import clean

        problems = list(self._config_problems)
        theme = self.config.theme
        if self._state_file is not None:
            from briefing.store.state import read_state, starting_theme

            theme = starting_theme(theme, read_state(self._state_file))
        if theme and theme != self.theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                known = ", ".join(sorted(self.available_themes))
                problems.append(
                    self.config.problem("theme", f"theme: no theme called {theme!r} (themes: {known})")
                )
        self._remember = True
        for problem in problems:
            self.notify(clean(str(problem)), title="Settings", severity="warning", timeout=12, markup=False)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the app (the palette's "Change theme"), not in the user's config."""
        if self._remember and self._state_file is not None:
            from briefing.store.state import remember_theme

            remember_theme(self._state_file, theme, self.config.theme)

    def action_search(self) -> None:
        """``/``: search the slides and the sources."""
        from briefing.screens.search import open_search

        open_search(self)

    def action_search_step(self, step: int) -> None:
        """``n`` / ``N``: the next (previous) match of the last search."""
        from briefing.screens.search import step_match

        step_match(self, step)

    def _check_files(self) -> None:
        from briefing.core.textsafe import clean

        for message in self._watch.changes():
            self.notify(clean(message), title="Files changed", severity="warning", timeout=8, markup=False)

    def get_default_screen(self) -> Screen[Any]:
        """The deck screen is the bottom of the stack: it is never popped."""
        return DeckScreen(self.deck, self.verifier, start=self._start)
