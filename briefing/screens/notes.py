"""The notes view (``briefing DECK --notes``): what the presenter sees while the room sees the slide.

The current slide's speaker notes, the highlighted item's source passage
with its ¶, the next slide's title and items, and the clocks. It follows
the audience view over the local channel (:mod:`briefing.store.channel`):
each position received moves it, and a drill into a source there shows
the same passage here. Its own keys move it too (to look ahead); with
``--follow both`` they move the audience view as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from briefing.core.model import Deck
from briefing.core.order import item_order
from briefing.core.reading import Change, Reader
from briefing.core.textsafe import clean
from briefing.store.channel import Position
from briefing.widgets.marks import Palette, plain
from briefing.widgets.notes_passage import PassagePane
from briefing.widgets.notes_timer import TalkClock

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing.core.verify import Verifier
    from briefing.widgets.notes_timer import Clock, WallClock

#: Items of the next slide listed at most.
NEXT_ITEMS = 6


class NotesScreen(Screen[None]):
    """Notes, passage, next slide and clocks for the slide the audience sees."""

    DEFAULT_CSS = """
    NotesScreen { layout: vertical; }
    #notes-clock { height: 1; background: $panel; }
    #notes-clock Static { width: auto; padding: 0 2 0 1; }
    #notes-clock #wall { dock: right; }
    #notes-clock #countdown { text-style: bold; }
    #notes-clock #countdown.-warning { color: $warning; }
    #notes-clock #countdown.-over { color: $error; text-style: bold reverse; }
    #notes-now { height: auto; padding: 0 1; }
    #notes-scroll { height: 1fr; padding: 0 1; border-top: solid $primary 40%; }
    #notes-scroll { border-title-color: $text-muted; }
    #notes-passage { height: auto; max-height: 40%; padding: 0 1; border-top: solid $primary 40%; }
    #notes-passage.-shown { border-top: heavy $accent; }
    #notes-next { height: auto; max-height: 30%; padding: 0 1; border-top: solid $primary 40%; }
    #notes-status { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h,pageup", "previous", "prev", key_display="←"),
        Binding("right,l,space,pagedown", "next", "next", key_display="→"),
        Binding("up,k", "item(-1)", "item", key_display="↑"),
        Binding("down,j", "item(1)", "item", key_display="↓"),
        Binding("r", "restart", "restart timer"),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(
        self,
        deck: Deck,
        verifier: Verifier,
        start: int = 0,
        *,
        total: float | None = None,
        clock: Clock | None = None,
        wall: WallClock | None = None,
        send: Callable[[Position], object] | None = None,
    ) -> None:
        """Args: ``total`` the talk's length in seconds (``--time``); ``clock``/``wall`` the
        monotonic and wall clocks (injected by tests); ``send`` passes this view's own moves
        to the audience view (``--follow both``)."""
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.reader = Reader(deck.slides, start)
        self.drilled: tuple[int, int, int] | None = None
        self.send = send
        self.connected = False
        self._clock_args: dict[str, object] = {"total": total}
        if clock is not None:
            self._clock_args["clock"] = clock
        if wall is not None:
            self._clock_args["wall"] = wall

    def compose(self) -> ComposeResult:
        yield TalkClock(id="notes-clock", **self._clock_args)  # type: ignore[arg-type]
        yield Static(id="notes-now")
        # Not focusable: the arrows and a clicker's PgUp/PgDn page the deck, not the notes.
        with VerticalScroll(id="notes-scroll", can_focus=False):
            yield Static(id="notes-text")
        yield PassagePane(id="notes-passage")
        yield Static(id="notes-next")
        yield Static(id="notes-status")

    def on_mount(self) -> None:
        self.query_one("#notes-scroll").border_title = "Notes"
        self.draw()
        self.show_connected(self.connected)

    # Following ---------------------------------------------------------------

    def follow(self, position: Position) -> None:
        """Move to where the audience view is (and mirror its source view, if drilled in)."""
        change = self.reader.go(position.slide, position.item)
        drilled = position.drill
        if drilled is not None and drilled[0] != self.reader.index:
            drilled = None  # a passage of another slide than the one said: not trusted
        if change or drilled != self.drilled:
            self.drilled = drilled
            self.draw()

    def show_connected(self, connected: bool) -> None:
        """Say whether the audience view is there."""
        self.connected = connected
        status = (
            "following the audience view"
            if connected
            else "waiting for the audience view (briefing DECK --present)"
        )
        both = " · keys move it too" if self.send is not None and connected else ""
        for line in self.query("#notes-status").results(Static):  # none before compose
            line.update(Text(f"{status}{both}   ←/→ slides  ↑/↓ items  r restart timer  q quit"))

    # Drawing -----------------------------------------------------------------

    def draw(self) -> None:
        """Show the reader's slide: position, notes, passage, next slide."""
        reader = self.reader
        slide = reader.slide
        palette = Palette.from_widget(self)
        now = Text()
        now.append(f"{reader.index + 1} / {reader.slide_count}  ", palette.muted)
        now.append_text(plain(slide.title, palette.title))
        item = reader.current_item
        if item is not None:
            now.append("\n▸ ", palette.accent)
            now.append_text(plain(item.label))
        self.query_one("#notes-now", Static).update(now)
        notes = clean(slide.notes.strip())
        self.query_one("#notes-text", Static).update(
            Text(notes) if notes else Text("No notes on this slide.", "italic")
        )
        self.query_one("#notes-scroll").scroll_home(animate=False)
        drilled = self.drilled
        if drilled is not None and 0 <= drilled[1] < len(slide.items):
            self.query_one(PassagePane).show(
                self.deck, self.verifier, slide.items[drilled[1]], drilled[2], True
            )
        else:
            self.query_one(PassagePane).show(self.deck, self.verifier, item, 0, False)
        self.query_one("#notes-next", Static).update(self._next_text(palette))

    def _next_text(self, palette: Palette) -> Text:
        index = self.reader.index + 1
        if index >= self.reader.slide_count:
            return Text("Last slide.", palette.muted)
        slide = self.deck.slides[index]
        text = Text("Next: ", palette.muted)
        text.append_text(plain(slide.title, palette.title))
        order = item_order(slide)
        for number in order[:NEXT_ITEMS]:
            text.append("\n  • ", palette.muted)
            text.append_text(plain(slide.items[number].label))
        if len(order) > NEXT_ITEMS:
            text.append(f"\n  … {len(order) - NEXT_ITEMS} more", palette.muted)
        return text

    # Keys --------------------------------------------------------------------

    def _moved(self, change: Change) -> None:
        if Change.MOVE in change or Change.ITEM in change:
            self.drilled = None
            self.draw()
            if self.send is not None:
                self.send(Position(self.reader.index, self.reader.item))

    def action_next(self) -> None:
        """Next slide."""
        self._moved(self.reader.next_slide())

    def action_previous(self) -> None:
        """Previous slide."""
        self._moved(self.reader.previous_slide())

    def action_item(self, delta: int) -> None:
        """Move the highlight."""
        self._moved(self.reader.step_item(delta))

    def action_restart(self) -> None:
        """Restart the talk's timer from now."""
        self.query_one(TalkClock).reset()
