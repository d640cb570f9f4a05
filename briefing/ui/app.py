"""The briefing TUI application: a deck, one slide at a time.

The app only wires things together: it registers the themes and the
command palette provider and shows the deck screen. What the reader sees
and does lives in ``screens/`` and ``widgets/``; the data (the deck and its
verifier) is handed to each screen when it is created.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    import asyncio
    from datetime import datetime

    from textual.command import Provider

    from briefing.core.verify import Verifier
    from briefing.store.channel import Broadcaster, Listener, Position
    from briefing.ui.signals import EarlySignals


@dataclass(frozen=True)
class Presenting:
    """This instance's part in a talk (``--present`` / ``--notes`` and their options).

    Attributes:
        role: ``"audience"`` (serves its position to notes views), ``"notes"``
            (follows one) or ``""`` (reading alone).
        preview: the audience view keeps the citation preview under the slide.
        follow_both: the notes view's own keys move the audience view too.
        total: the talk's length in seconds, for the notes view's countdown.
        clock: monotonic seconds (tests inject one); ``wall``: the time of day.
        folder: where the channel's socket lives (default: the user's runtime folder).
    """

    role: str = ""
    preview: bool = False
    follow_both: bool = False
    total: float | None = None
    clock: Callable[[], float] | None = None
    wall: Callable[[], datetime] | None = None
    folder: Path | None = None


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
        presenting: the audience or notes view of a talk (see :class:`Presenting`).
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
        self,
        deck: Deck,
        verifier: Verifier,
        start: int = 0,
        signals: bool = False,
        remember: bool = False,
        presenting: Presenting | None = None,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self._start = start
        self._remember = remember
        self._deck_screen: DeckScreen | None = None
        self.presenting = presenting or Presenting()
        self.broadcaster: Broadcaster | None = None
        self.listener: Listener | None = None
        self._channel_task: asyncio.Task[None] | None = None
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
        if self.presenting.role:
            import asyncio

            self._channel_task = asyncio.get_running_loop().create_task(self._open_channel())

    async def _open_channel(self) -> None:
        """Serve the audience view's position, or follow it (see :mod:`briefing.store.channel`)."""
        from briefing.store.channel import Broadcaster, Listener, channel_path

        try:
            path = channel_path(self.deck.path, self.presenting.folder)
            if self.presenting.role == "audience":
                broadcaster = Broadcaster(path, on_message=self._remote_move)
                if not await broadcaster.start():
                    self.notify(
                        "Another audience view of this deck serves its notes views; this one does not.",
                        title="Presenting",
                        severity="warning",
                        markup=False,
                    )
                    return
                self.broadcaster = broadcaster
                screen = self.screen_stack[0]
                if isinstance(screen, DeckScreen):
                    self._publish(screen.index, screen.item, None)
            else:
                from briefing.screens.notes import NotesScreen

                notes = self.screen_stack[0]
                assert isinstance(notes, NotesScreen)
                self.listener = Listener(path, notes.follow, on_state=notes.show_connected)
                if self.presenting.follow_both:
                    notes.send = self.listener.send
                self.listener.start()
        except OSError as error:
            from briefing.core.textsafe import clean

            self.notify(
                clean(f"The presenter channel is not available: {error}"),
                title="Presenting",
                severity="error",
                markup=False,
            )

    def _publish(self, slide: int, item: int | None, drill: tuple[int, int, int] | None) -> None:
        """Tell the notes views where the audience view is (never waits)."""
        if self.broadcaster is not None:
            from briefing.store.channel import Position

            self.broadcaster.publish(Position(slide, item, drill))

    def _remote_move(self, position: Position) -> None:
        """A notes view's move (``--follow both``), taken only while the slide itself is shown."""
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, DeckScreen) and screen.is_current:
            screen.jump(position.slide, position.item)

    async def on_unmount(self) -> None:
        """Remember the slide shown (so the deck reopens there); hang up the presenter channel."""
        if self._remember and self._deck_screen is not None:
            from briefing.store.state import remember

            index = self._deck_screen.reader.index
            remember(self.deck.path, (index, self.deck.slides[index].id))
        if self.broadcaster is not None:
            await self.broadcaster.close()
        if self.listener is not None:
            await self.listener.close()

    def _check_files(self) -> None:
        from briefing.core.textsafe import clean

        for message in self._watch.changes():
            self.notify(clean(message), title="Files changed", severity="warning", timeout=8, markup=False)
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, DeckScreen):
            screen.show_changed(tuple(clean(name) for name in self._watch.changed))

    def get_default_screen(self) -> Screen[Any]:
        """The deck screen (or the notes view) is the bottom of the stack: it is never popped."""
        presenting = self.presenting
        if presenting.role == "notes":
            from briefing.screens.notes import NotesScreen

            return NotesScreen(
                self.deck,
                self.verifier,
                self._start,
                total=presenting.total,
                clock=presenting.clock,
                wall=presenting.wall,
            )
        screen = self._deck_screen = DeckScreen(self.deck, self.verifier, start=self._start)
        if presenting.role == "audience":
            screen.add_class("-present")
            screen.set_class(presenting.preview, "-preview")
            screen.on_position = self._publish
        return screen
