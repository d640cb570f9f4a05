"""The deck screen: one slide at a time, driven from the keyboard.

The reading position (slide, highlighted item, keys typed so far) is a
:class:`~briefing.core.reading.Reader`; the screen maps keys to it and
updates in place what each key changed: a top bar, one :class:`SlideView`,
a citation preview and the key bar. Everything else (overview, help, source
view, citations panel, export; :mod:`briefing.screens.deck_openers`) is
created only when asked for, so start-up and key latency stay close to a
bare Textual app.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from briefing.core.model import Deck
from briefing.core.reading import Change, Reader
from briefing.screens import background, deck_openers
from briefing.screens.search_keys import SEARCH_BINDINGS
from briefing.widgets.key_bar import ITEM_GROUP as _ITEM
from briefing.widgets.key_bar import BindingsBar
from briefing.widgets.preview import CitationPreview
from briefing.widgets.slide_view import SlideView
from briefing.widgets.topbar import TopBar

if TYPE_CHECKING:
    from briefing.core.verify import Verifier
    from briefing.widgets.sources_panel import SourcesPanel

#: Seconds of quiet after a slide change before its neighbours are rendered.
PREFETCH_DELAY = 0.05


class DeckScreen(Screen[None]):
    """Shows ``deck`` one slide at a time, starting at slide ``start``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h,pageup", "previous", "prev", key_display="←", id="previous"),
        Binding("right,l,space,pagedown", "next", "next", key_display="→", id="next"),
        Binding("up,k", "item(-1)", "item", key_display="↑", group=_ITEM, id="item_up"),
        Binding("down,j", "item(1)", "item", key_display="↓", group=_ITEM, id="item_down"),
        Binding("enter", "enter", "source", key_display="⏎", id="enter"),
        Binding("o", "overview", "overview", id="overview"),
        Binding("s", "sources", "citations", id="sources"),
        # Help and quit before the rest: a narrow key bar drops keys from the end.
        # Export is in the help and first in the palette; the bar keeps room for "^p palette".
        Binding("question_mark", "help", "help", key_display="?", id="help"),
        Binding("q", "app.quit", "quit", id="quit"),
        Binding("t", "notes", "notes", id="notes"),
        Binding("e", "export", "export", show=False, id="export"),
        Binding("E", "edit", "edit in $EDITOR", show=False, id="edit"),
        Binding("p", "problems", "problems", show=False, id="problems"),
        Binding("R", "app.toggle_reload", "reload on save", show=False, id="reload"),
        Binding("home", "first", "first slide", show=False, id="first"),
        Binding("end", "last", "last slide", show=False, id="last"),
        Binding("g", "g", "g g: first slide", show=False, id="g"),
        Binding("G", "big_g", "G: last slide, N G: slide N", show=False, id="big_g"),
        Binding("escape", "escape", "cancel", show=False, id="escape"),
        *SEARCH_BINDINGS,
        *(Binding(str(d), f"digit({d})", show=False) for d in range(10)),
    ]

    # The reader's edges, with bindings=True: the key bar is refreshed only
    # when one of them flips (at an end), not on every slide change. They
    # draw nothing themselves (repaint=False): a repaint of the screen would
    # send the whole screen again, not just the lines that changed.
    at_first = reactive(True, bindings=True, repaint=False)
    at_last = reactive(False, bindings=True, repaint=False)
    item_first = reactive(True, bindings=True, repaint=False)
    item_last = reactive(True, bindings=True, repaint=False)

    #: Told the position after each move, and the (slide, item, citation) drilled into
    #: (the presenter channel: the app sets it for ``--present``).
    on_position: Callable[[int, int | None, tuple[int, int, int] | None], None] | None = None

    def __init__(self, deck: Deck, verifier: Verifier, start: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.reader = Reader(deck.slides, start)
        # The neighbours' rendering, due PREFETCH_DELAY after the last slide change: an
        # event-loop handle, cancelled and set again per key (a Textual timer is a task
        # per key, stopped and started again: measured in-process, most of what the
        # screen added to a key before its frame).
        self._prefetch_due: asyncio.TimerHandle | None = None
        self._warmed = -1  # the slide the source view was last warmed up for
        self._quiet_trust = False  # a reload counts again without a second notice
        # Start the edge flags true to the first slide, so mounting does
        # not redraw the key bar before the first paint.
        for name, value in self.reader.edges()._asdict().items():
            self.set_reactive(getattr(DeckScreen, name), value)

    def compose(self) -> ComposeResult:
        """Top bar, slide frame (slide and preview), key bar.

        The screen keeps the three a key updates: looking them up walked the DOM on every key.
        """
        self._topbar = TopBar(self.deck.title, len(self.deck), self.deck.subtitle, id="topbar")
        self._view = SlideView(self.deck, self.verifier, id="slide")
        self._preview = CitationPreview(self.deck, self.verifier, id="preview")
        yield self._topbar
        with Vertical(id="frame") as frame:
            self._frame = frame
            yield self._view
            yield self._preview
        yield BindingsBar(id="deck-keys")

    def on_mount(self) -> None:
        """Draw the first slide; once it is painted, get ``Enter`` ready."""
        self._update(new_slide=True)
        self.call_after_refresh(self._warm_drill)

    def on_unmount(self) -> None:
        """Forget the neighbours' rendering if it is still due."""
        if self._prefetch_due is not None:
            self._prefetch_due.cancel()

    def _warm_drill(self) -> None:
        """Prepare the source view for this slide's items in a thread.

        A plain daemon thread: a Textual thread worker raised peak memory
        by 30 MiB (its executor). A newer slide's warm-up stops an older one.
        """
        if self._warmed == self.index:
            return
        first = self._warmed < 0
        index = self._warmed = self.index
        shown = time.monotonic()

        def stale() -> bool:
            return self._warmed != index

        def warm() -> None:
            with background.running():
                deck_openers.warm_source(self.deck, self.verifier, index, stale)
                if not first:
                    return
                # Then the whole deck, once: its count goes to the top bar. Not
                # before the reader had a moment for a first key (Enter, say).
                background.give_way(background.LONG_QUIET, since=shown)
                with background.collector_held():
                    counts = deck_openers.verify_deck(self.deck, self.verifier)
            try:
                self.app.call_from_thread(self.show_trust, *counts)
            except Exception:
                return  # the app has closed

        threading.Thread(target=warm, name="warm-drill", daemon=True).start()

    def show_trust(self, verified: int, total: int) -> None:
        """Show the deck's verification state; say so once if any citation did not verify."""
        self._topbar.show_trust(verified, total)
        if verified < total and not self._quiet_trust:
            self.notify(
                f"{total - verified} of {total} citations did not verify; they are marked ✗.",
                title="Not every citation verified",
                severity="error",
                timeout=10,
                markup=False,
            )

    def use_deck(self, deck: Deck, verifier: Verifier) -> None:
        """Show a reloaded ``deck`` in place: same slide and item (by id; else the nearest)."""
        self.deck, self.verifier = deck, verifier
        self._view.use(deck, verifier)
        self._preview.use(deck, verifier)
        self._topbar.use(deck.title, len(deck), deck.subtitle)
        self._warmed, self._quiet_trust = -1, True
        from briefing.core.changes import follow, follow_item  # only a reload needs it, not start-up

        reader = self.reader
        index = follow(reader.slides, reader.index, deck.slides)
        item = None if index is None else follow_item(reader.slide, reader.item, deck.slides[index])
        reader.reseat(deck.slides, index, item)
        self._update(new_slide=True)
        self.call_after_refresh(self._scroll_to_item)
        self.call_after_refresh(self._warm_drill)

    def show_changed(self, names: tuple[str, ...]) -> None:
        """Mark the files behind the deck that changed on disk since it was loaded."""
        self._topbar.show_changed(names)

    def on_resize(self) -> None:
        """Adapt to small terminals: no preview when short; one pane when narrow."""
        self.set_class(self.size.height < 16, "-short")
        self.set_class(self.size.width < 70, "-narrow")

    # Reading state (the reader's) ----------------------------------------

    @property
    def index(self) -> int:
        """The slide shown."""
        return self.reader.index

    @property
    def item(self) -> int | None:
        """The highlighted item's index in the slide's items (``None``: it has none)."""
        return self.reader.item

    @property
    def pending(self) -> str:
        """The digits of a slide number typed so far."""
        return self.reader.pending

    @property
    def pending_g(self) -> bool:
        """Whether a first ``g`` waits for the second."""
        return self.reader.pending_g

    def jump(self, index: int, item: int | None = None) -> None:
        """Show slide ``index`` (clamped), highlighting ``item`` or the first."""
        self._show(self.reader.go(index, item))
        if item is not None and self.reader.item == item:
            # A new slide starts at its heading; scroll only for a chosen item.
            self.call_after_refresh(self._scroll_to_item)

    def select_item(self, item: int) -> None:
        """Highlight ``item`` on the current slide."""
        self._show(self.reader.select(item))

    # Drawing what changed ------------------------------------------------

    def _show(self, change: Change) -> None:
        """Redraw what ``change`` names: the slide, the highlight, or only the keys typed."""
        if Change.MOVE in change:
            self._update(new_slide=Change.SLIDE in change)
        elif Change.ITEM in change:
            self._update()
            self._scroll_to_item()
        elif Change.TYPED in change:
            self._show_position()
        if self.on_position is not None and change & (Change.MOVE | Change.ITEM):
            self.on_position(self.index, self.item, None)

    def _update(self, new_slide: bool = False) -> None:
        reader = self.reader
        view = self._view
        view.show(reader.shown_slide, reader.item)
        self._preview.show(reader.current_item)
        self._show_position()
        for name, value in reader.edges()._asdict().items():
            setattr(self, name, value)
        panel = _shown_child(self, "sources")
        if panel is not None:
            if new_slide:
                panel.show(reader.slide, self.verifier, reader.item)  # type: ignore[attr-defined]
            else:
                panel.follow(reader.item)  # type: ignore[attr-defined]
        if new_slide:
            view.scroll_home(animate=False, immediate=True)
            if _shown_child(self._frame, "notes") is not None:
                deck_openers.show_notes(self)
            if self._prefetch_due is not None:
                self._prefetch_due.cancel()
            self._prefetch_due = asyncio.get_running_loop().call_later(
                PREFETCH_DELAY, self.call_next, self._prefetch
            )

    def _prefetch(self) -> None:
        """Render the slides either side while the reader reads this one."""
        reader = self.reader
        near = [i for i in (reader.index + 1, reader.index - 1) if 0 <= i < reader.slide_count]
        self._prefetch_due = None
        if not self.is_attached:
            return  # the screen was closed meanwhile
        self._view.prefetch([(reader.slides[i], reader.first_item(i)) for i in near])
        for i in near:
            self._topbar.prepare(reader.slides[i].title, _position(i, reader.slide_count))
            first = reader.first_item(i)
            self._preview.prepare(None if first is None else reader.slides[i].items[first])
        self._warm_drill()

    def _show_position(self) -> None:
        reader = self.reader
        self._topbar.show(reader.slide.title, _position(reader.index, reader.slide_count), reader.typed)

    def _scroll_to_item(self) -> None:
        view = self._view
        region = None if self.item is None else view.item_region(self.item)
        if region is not None:
            view.scroll_to_region(region, animate=False, immediate=True)

    # Keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out keys that would do nothing here (``None``)."""
        if action in ("previous", "first"):
            return None if self.at_first else True
        if action in ("next", "last"):
            return None if self.at_last else True
        if action == "item":
            at_end = self.item_first if parameters and parameters[0] == -1 else self.item_last
            return None if at_end else True
        if action == "enter":
            return True if self.pending or self.item is not None else None
        if action == "problems":
            return bool(getattr(self.app, "problems", None))
        return True

    def action_next(self) -> None:
        """Next slide."""
        self._show(self.reader.next_slide())

    def action_previous(self) -> None:
        """Previous slide."""
        self._show(self.reader.previous_slide())

    def action_first(self) -> None:
        """First slide."""
        self._show(self.reader.first_slide())

    def action_last(self) -> None:
        """Last slide."""
        self._show(self.reader.last_slide())

    def action_g(self) -> None:
        """``g g`` goes to the first slide; one ``g`` waits for the second."""
        self._show(self.reader.g())

    def action_big_g(self) -> None:
        """``G``: the last slide, or slide N after typing N."""
        self._show(self.reader.big_g())

    def action_digit(self, digit: int) -> None:
        """Add a digit to the pending slide number."""
        self._show(self.reader.digit(digit))

    def action_item(self, delta: int) -> None:
        """Move the highlight ``delta`` items down (negative: up)."""
        self._show(self.reader.step_item(delta))

    def action_enter(self) -> None:
        """Go to the typed slide number, or drill into the highlighted item."""
        change = self.reader.enter()
        self._show(change)
        if Change.MOVE not in change and self.item is not None:
            self.drill(self.index, self.item)

    async def action_escape(self) -> None:
        """Cancel a pending number, or close the citations panel."""
        change = self.reader.cancel()
        if change:
            self._show(change)
        elif deck_openers.sources_panel_open(self):
            await deck_openers.toggle_sources(self)

    async def action_sources(self) -> None:
        """Show or hide the panel of the slide's citations (``s``: the sources they quote)."""
        self._show(self.reader.cancel())
        await deck_openers.toggle_sources(self)

    async def action_notes(self) -> None:
        """Show or hide the slide's speaker notes under it."""
        self._show(self.reader.cancel())
        await deck_openers.toggle_notes(self)

    def action_overview(self) -> None:
        """Open the grid of all slides."""
        self._show(self.reader.cancel())
        deck_openers.open_overview(self)

    def action_help(self) -> None:
        """Open the list of keys."""
        self._show(self.reader.cancel())
        deck_openers.open_help(self)

    def action_export(self) -> None:
        """Ask which format, then write the deck next to where briefing was started."""
        self._show(self.reader.cancel())
        deck_openers.export(self)

    def action_edit(self) -> None:
        """Open the reader's editor at the highlighted item's line (else the slide's)."""
        self._show(self.reader.cancel())
        item = self.reader.current_item
        line = item.location.line if item is not None else self.reader.slide.location.line
        self.app.edit(line)  # type: ignore[attr-defined]

    def action_problems(self) -> None:
        """Show the deck file's problems again."""
        self._show(self.reader.cancel())
        self.app.push_screen(self.app.problems_screen())  # type: ignore[attr-defined]

    # The source view -----------------------------------------------------

    def drill(self, slide_index: int, item_index: int, citation_index: int = 0) -> None:
        """Open the source view at one citation of one item."""
        deck_openers.open_source(self, slide_index, item_index, citation_index)
        if self.on_position is not None:
            self.on_position(self.index, self.item, (slide_index, item_index, citation_index))

    def back_from_source(self, result: tuple[int, int] | None) -> None:
        """Back from the source view: at the (slide, item) it ended on, else where it left off."""
        if result is None:
            self._update()
            if self.on_position is not None:
                self.on_position(self.index, self.item, None)
        else:
            self.jump(*result)

    # Mouse and the citations panel -------------------------------------------

    @on(SlideView.ItemClicked)
    def _item_clicked(self, event: SlideView.ItemClicked) -> None:
        """A click selects an item; a click on the selected item drills in."""
        change = self.reader.cancel()
        if event.index == self.item:
            self._show(change)
            self.drill(self.index, event.index)
        else:
            self._show(change | self.reader.select(event.index))

    def on_sources_panel_drill(self, event: SourcesPanel.Drill) -> None:
        """Enter on a citation in the citations panel opens it (none chosen: the highlighted item)."""
        if event.item_index < 0:
            if self.item is not None:
                self.drill(self.index, self.item)
        else:
            self.drill(self.index, event.item_index, event.citation_index)

    def on_sources_panel_highlight(self, event: SourcesPanel.Highlight) -> None:
        """Moving in the citations panel moves the slide's highlight too."""
        self.select_item(event.item_index)


def _shown_child(parent: Widget, id: str) -> Widget | None:
    """``parent``'s child with ``id`` if it is mounted and shown (a lookup by id, not a walk of the DOM)."""
    try:
        child = parent.get_child_by_id(id)
    except NoMatches:
        return None
    return child if child.display else None


def _position(index: int, count: int) -> str:
    """The top bar's position for slide ``index`` (0-based) of ``count``: ``4 / 12``."""
    return f"{index + 1} / {count}"
