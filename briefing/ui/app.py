"""The briefing TUI application: a deck, one slide at a time.

The app only wires things together: it registers the themes and the
command palette provider and shows the deck screen. What the reader sees
and does lives in ``screens/`` and ``widgets/``; the data (the deck and its
verifier) is handed to each screen when it is created.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme

from briefing.core.gcpause import resume_after_start_up
from briefing.core.model import Deck
from briefing.screens.deck import DeckScreen
from briefing.ui.themes import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing.core.verify import Verifier
    from briefing.ui.signals import EarlySignals


def deck_commands() -> type[Provider]:
    """The palette's deck entries, imported when the palette first opens.

    ``textual.command`` (the palette, its input and option list) is about
    as much to import as the deck screen; start-up does not need it.
    """
    from briefing.ui.palette import DeckCommands

    return DeckCommands


class BriefingApp(App[None]):
    """Present ``deck``; ``verifier`` answers for every citation on screen.

    Args:
        deck: the loaded deck.
        verifier: a :class:`briefing.core.verify.Verifier` for that deck (results
            are computed lazily, so only the slides shown are verified).
        start: the slide to open at (0-based).
        signals: end cleanly on SIGTERM and SIGHUP (the command line sets it;
            tests running the app in-process leave the process's signals alone).
        remember: on exit, record the slide shown so the deck reopens there
            (see :mod:`briefing.store.state`; the command line sets it).
    """

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it.
    CSS_PATH = Path(__file__).parent / "briefing.tcss"
    # One provider, so that briefing's commands come first and Textual's
    # generic ones after (it lists those itself, see ui/palette.py).
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {deck_commands}

    # The default theme is the reactive's default rather than set in
    # __init__: setting it there would make Textual parse every stylesheet
    # a second time before the first paint (~90 ms).
    theme: Reactive[str] = Reactive(DEFAULT_THEME)

    def __init__(
        self, deck: Deck, verifier: Verifier, start: int = 0, signals: bool = False, remember: bool = False
    ) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self._start = start
        self._remember = remember
        self._deck_screen: DeckScreen | None = None
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
        self.set_interval(2.0, self._check_files)
        self.call_after_refresh(resume_after_start_up)

    def _check_files(self) -> None:
        from briefing.core.textsafe import clean

        for message in self._watch.changes():
            self.notify(clean(message), title="Files changed", severity="warning", timeout=8, markup=False)
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, DeckScreen):
            screen.show_changed(tuple(clean(name) for name in self._watch.changed))

    def get_default_screen(self) -> Screen[Any]:
        """The deck screen is the bottom of the stack: it is never popped."""
        self._deck_screen = DeckScreen(self.deck, self.verifier, start=self._start)
        return self._deck_screen

    def on_unmount(self) -> None:
        """Remember the slide shown, so the deck reopens there."""
        if self._remember and self._deck_screen is not None:
            from briefing.store.state import remember

            index = self._deck_screen.reader.index
            remember(self.deck.path, (index, self.deck.slides[index].id))
