"""The briefing TUI application: a deck, one slide at a time.

The app only wires things together: it registers the themes and the
command palette provider, shows the deck screen (with the problems view
over it when the deck file has problems), reloads the deck in place when
its files are saved, and hands the terminal to the reader's editor. What the reader sees
and does lives in ``screens/`` and ``widgets/``; the data (the deck and its
verifier) is handed to each screen when it is created.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme

from briefing.core.config import Config
from briefing.core.gcpause import resume_after_start_up
from briefing.core.model import Deck
from briefing.screens import background
from briefing.screens.deck import DeckScreen
from briefing.store.watch import FileWatch, deck_files
from briefing.ui.themes import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    import asyncio
    from datetime import datetime

    from textual.command import Provider

    from briefing.core.problems import Problem
    from briefing.core.verify import Verifier
    from briefing.store.channel import Broadcaster, Listener, Position
    from briefing.store.watch import Watcher
    from briefing.ui.reload import Loaded
    from briefing.ui.signals import EarlySignals


#: The input that background work gives way to (not mouse moves: a resting hand is no reader's key).
_INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


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


def content_commands() -> type[Provider]:
    """The palette's search of slide and source text (after the deck's own commands)."""
    from briefing.ui.content_search import ContentCommands

    return ContentCommands


class BriefingApp(App[None]):
    """Present ``deck``; ``verifier`` answers for every citation on screen.

    Args:
        deck: the loaded deck (``None``: none could be built; ``problems`` say why).
        verifier: a :class:`briefing.core.verify.Verifier` for that deck (results
            are computed lazily, so only the slides shown are verified).
        start: the slide to open at (0-based).
        signals: end cleanly on SIGTERM and SIGHUP (the command line sets it;
            tests running the app in-process leave the process's signals alone).
        remember: on exit, record the slide shown so the deck reopens there
            (see :mod:`briefing.store.state`; the command line sets it).
        presenting: the audience or notes view of a talk (see :class:`Presenting`).
        live: reload in place when the deck or a source is saved (``R`` toggles).
        problems: what is wrong with the deck file; shown over the slides that could be built.
        deck_path: the deck file, when ``deck`` is ``None``.
        config: the user's settings (see :mod:`briefing.core.config`); the defaults if ``None``.
        config_problems: what was wrong with the settings file, shown once the app is up.
        state_file: where a theme chosen in the app is remembered (``None``: it is not).
    """

    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find it.
    CSS_PATH = Path(__file__).parent / "briefing.tcss"
    # One provider, so that briefing's commands come first and Textual's
    # generic ones after (it lists those itself, see ui/palette.py); then the deck's content.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {deck_commands, content_commands}

    # The default theme is the reactive's default rather than set in
    # __init__: setting it there would make Textual parse every stylesheet
    # a second time before the first paint.
    theme: Reactive[str] = Reactive(DEFAULT_THEME)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("R", "toggle_reload", "reload on save", show=False, id="app.reload"),
    ]

    def __init__(
        self,
        deck: Deck | None,
        verifier: Verifier | None,
        start: int = 0,
        signals: bool = False,
        remember: bool = False,
        presenting: Presenting | None = None,
        *,
        live: bool = True,
        problems: Sequence[Problem] = (),
        deck_path: Path | None = None,
        config: Config | None = None,
        config_problems: Sequence[Problem] = (),
        state_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.problems = list(problems)
        """What is wrong with the deck file as last read (empty: nothing)."""
        self.live = live
        """Whether a save reloads the deck in place (off with ``--present``)."""
        if deck_path is None:
            assert deck is not None, "a deck, or the path of one that did not load"
            deck_path = deck.path
        self.deck_path = deck_path
        self._start = start
        self._remember_position = remember  # on exit, the slide shown (see on_unmount)
        self.config = config or Config()
        self._config_problems = list(config_problems)
        self._state_file = state_file
        self._remember_theme = False  # theme changes are remembered once the configured one is applied
        self.live = self.live and self.config.reload  # `reload = false` in the settings
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self._deck_screen: DeckScreen | None = None
        self.presenting = presenting or Presenting()
        self.broadcaster: Broadcaster | None = None
        self.listener: Listener | None = None
        self._channel_task: asyncio.Task[None] | None = None
        self._watcher: Watcher | None = None
        # The files' stamps as loaded (two stats): the watcher starts after the first paint.
        self._files = FileWatch(deck_files(deck_path, deck))
        self._reloading = False
        self._reload_again = False
        self._signals: EarlySignals | None = None
        if signals:  # remembered until the event loop takes them over (on mount)
            from briefing.ui.signals import EarlySignals

            self._signals = EarlySignals()
        self.title = deck.title if deck is not None else deck_path.name
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
        """Show the problems over the slides, if any; watch the files once the first screen is drawn.

        Once the first screen is drawn, the cycle collector paused for
        start-up (see :mod:`briefing.core.gcpause`) runs again.
        """
        if self._signals is not None:
            self._signals.hand_over(self)
        if self.problems and self.deck is not None:
            self.push_screen(self.problems_screen())
        self.call_after_refresh(self._start_watch)
        self.call_after_refresh(resume_after_start_up)
        self._apply_settings()
        if self.presenting.role:
            import asyncio

            self._channel_task = asyncio.get_running_loop().create_task(self._open_channel())

    async def on_event(self, event: events.Event) -> None:
        """Each key, click and scroll first tells background work to give way (``screens.background``)."""
        if isinstance(event, _INPUT):
            background.touched()
        await super().on_event(event)

    def _apply_settings(self) -> None:
        """The configured (or remembered) theme, and what was wrong with the settings file."""
        from briefing.core.textsafe import clean

        problems = list(self._config_problems)
        theme = self.config.theme
        if self._state_file is not None:
            from briefing.store.theme_state import read_state, starting_theme

            theme = starting_theme(theme, read_state(self._state_file))
        if theme and theme != self.theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                known = ", ".join(sorted(self.available_themes))
                problems.append(
                    self.config.problem("theme", f"theme: no theme called {theme!r} (themes: {known})")
                )
        self._remember_theme = True
        for problem in problems:
            self.notify(clean(str(problem)), title="Settings", severity="warning", timeout=12, markup=False)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the app (the palette's "Change theme"), not in the user's config."""
        if self._remember_theme and self._state_file is not None:
            from briefing.store.theme_state import remember_theme

            remember_theme(self._state_file, theme, self.config.theme)

    def action_search(self) -> None:
        """``/``: search the slides and the sources."""
        from briefing.screens.search import open_search

        open_search(self)

    def action_search_step(self, step: int) -> None:
        """``n`` / ``N``: the next (previous) match of the last search."""
        from briefing.screens.search import step_match

        step_match(self, step)

    async def _open_channel(self) -> None:
        """Serve the audience view's position, or follow it (see :mod:`briefing.store.channel`)."""
        from briefing.store.channel import Broadcaster, Listener, channel_path

        try:
            path = channel_path(self.deck_path, self.presenting.folder)
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
        """Stop watching; remember the slide shown (the deck reopens there); hang up the channel."""
        if self._watcher is not None:
            self._watcher.stop()
        screen = self._deck_screen or self.deck_screen
        if self._remember_position and screen is not None and self.deck is not None:
            from briefing.store.state import remember

            index = min(screen.reader.index, len(self.deck.slides) - 1)
            remember(self.deck.path, (index, self.deck.slides[index].id))
        if self.broadcaster is not None:
            await self.broadcaster.close()
        if self.listener is not None:
            await self.listener.close()

    def get_default_screen(self) -> Screen[Any]:
        """The deck screen (or the notes view) is the bottom of the stack: it is never popped.

        When no slide could be built, the problems view is.
        """
        if self.deck is None:
            return self.problems_screen()
        assert self.verifier is not None
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

    # Watching the files ----------------------------------------------------

    def _start_watch(self) -> None:
        """Watch the deck's and its sources' files (see :mod:`briefing.store.watch`)."""
        from briefing.store.watch import Watcher

        if self._watcher is None:
            self._watcher = Watcher(self._files, self._changed_in_thread)

    @property
    def files(self) -> FileWatch:
        """The deck's files as last looked at (the watcher's, once it runs)."""
        return self._watcher.watch if self._watcher is not None else self._files

    def _changed_in_thread(self, paths: list[Path]) -> None:
        self.call_from_thread(self._files_changed, paths)

    def _check_files(self) -> None:
        """Look at the files now (the watcher does it by itself; tests and the editor call this)."""
        self._start_watch()
        assert self._watcher is not None
        paths = self._watcher.poll()
        if paths:
            self._files_changed(paths)

    def _files_changed(self, paths: list[Path]) -> None:
        """Files behind the deck changed: reload, or (reload off) say so and mark them."""
        from briefing.core.textsafe import clean

        if self.live:
            self.reload(sources_changed=any(path != self.deck_path for path in paths))
            return
        for path in paths:
            message = f"{self.files.message(path)}; still showing what was loaded (R reloads)"
            self.notify(clean(message), title="Files changed", severity="warning", timeout=8, markup=False)
        self._mark_changed()

    @property
    def deck_screen(self) -> DeckScreen | None:
        """The deck screen (``None`` while no slide could be built yet)."""
        return next((s for s in self.screen_stack if isinstance(s, DeckScreen)), None)

    def _mark_changed(self) -> None:
        from briefing.core.textsafe import clean

        screen = self.deck_screen
        if screen is not None:
            names = (self._short(path) for path in self.files.changed)
            screen.show_changed(tuple(clean(name) for name in names))

    def _short(self, path: Path) -> str:
        for source in self.deck.sources if self.deck is not None else ():
            if source.resolved == path:
                return source.id
        return path.name

    def action_toggle_reload(self) -> None:
        """``R``: reload on save, on or off; turned on, files changed meanwhile are read at once."""
        self.live = not self.live
        state = "on: saving the deck or a source reloads it here" if self.live else "off: the slides stay put"
        self.notify(f"Reload on save {state}", title="Reload", markup=False)
        if self.live and self.files.changed:
            self.reload(sources_changed=True)

    # Reloading ---------------------------------------------------------------

    def reload(self, sources_changed: bool = True) -> None:
        """Read the deck again in a thread and show it in place (see :meth:`_reloaded`)."""
        if self._reloading:
            self._reload_again = True
            return
        self._reloading = True
        old, old_verifier, path = self.deck, self.verifier, self.deck_path

        def work() -> None:
            from briefing.ui.reload import reload

            loaded = reload(path, old, old_verifier, sources_changed)
            try:
                self.call_from_thread(self._reloaded, loaded)
            except Exception:
                return  # the app has closed

        threading.Thread(target=work, name="reload", daemon=True).start()

    def _reloaded(self, loaded: Loaded) -> None:
        """Show a reloaded deck: in place on the deck screen, with its problems over it if any."""
        from briefing.core.textsafe import clean

        self._reloading = False
        self.problems = loaded.problems
        if loaded.deck is not None:
            self.deck, self.verifier = loaded.deck, loaded.verifier
            self.title = loaded.deck.title
        # Back to the deck screen (the source, overview… showed the old deck), or
        # to the problems view a start without slides began with.
        base = self.deck_screen or self.screen_stack[0]
        while self.screen is not base and len(self.screen_stack) > 1:
            self.pop_screen()
        if loaded.deck is not None:
            if isinstance(base, DeckScreen):
                base.use_deck(loaded.deck, loaded.verifier)  # type: ignore[arg-type]
            else:  # the first slides: over the problems view, which stays below
                self.push_screen(DeckScreen(loaded.deck, loaded.verifier))  # type: ignore[arg-type]
        if self.problems:
            if isinstance(self.screen, DeckScreen) or loaded.deck is not None:
                self.push_screen(self.problems_screen())
            else:
                self.screen.show(self.problems)  # type: ignore[attr-defined]
            count = len(self.problems)
            self.notify(
                f"{count} problem{'s' if count != 1 else ''} in {clean(self.deck_path.name)}",
                title="Reloaded with problems",
                severity="error",
                markup=False,
            )
        elif loaded.changes is not None:
            self.notify(clean(loaded.changes.summary()), title=f"Reloaded {clean(self.deck_path.name)}")
        if self._watcher is not None:
            self._watcher.retarget(deck_files(self.deck_path, self.deck))
        else:
            self._files = FileWatch(deck_files(self.deck_path, self.deck))
        self._mark_changed()
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def problems_screen(self) -> Screen[Any]:
        from briefing.screens.problems import ProblemsScreen

        return ProblemsScreen(self.problems, self.deck_path, has_slides=self.deck is not None)

    # The editor -----------------------------------------------------------------

    def edit(self, line: int) -> None:
        """Open ``$VISUAL``/``$EDITOR`` at ``line`` of the deck; reload when it exits."""
        import subprocess

        from textual.app import SuspendNotSupported

        from briefing.core.editor import editor_argv, editor_command
        from briefing.core.textsafe import clean

        command = editor_command()
        try:
            argv = editor_argv(command, self.deck_path, line)
        except ValueError as error:
            self.notify(clean(f"Cannot run the editor `{command}`: {error}"), severity="error", markup=False)
            return
        try:
            with self.suspend():
                try:
                    subprocess.run(argv, check=False)
                except OSError as error:
                    failed: str | None = f"Cannot run `{argv[0]}`: {error.strerror or error}"
                else:
                    failed = None
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="error", markup=False)
            return
        if failed:
            self.notify(clean(failed), severity="error", markup=False)
        self._start_watch()
        assert self._watcher is not None
        paths = self._watcher.poll()
        if paths:  # even with reload off: the reader asked for this edit
            self.reload(sources_changed=any(path != self.deck_path for path in paths))
