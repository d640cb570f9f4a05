"""The overview: every slide as a card in a grid, to find one and jump.

Dismisses with the chosen slide's index (``Enter`` or a click) or ``None``
(``Esc``). Verifying every citation for the cards' ``✓``/``✗`` counts runs
in a thread worker, so the grid appears at once and fills in.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from briefing.model import Deck
from briefing.widgets.marks import citation_counts, plain
from briefing.widgets.slide_card import SlideCard

#: Cards get at least this many cells of width before the grid drops a column.
CARD_MIN_WIDTH = 30

_MOVE = Binding.Group("move", compact=True)


class OverviewScreen(Screen[int | None]):
    """A grid of slide cards; the current slide is outlined."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "move", key_display="←", group=_MOVE),
        Binding("right,l", "move(1)", "move", key_display="→", group=_MOVE),
        Binding("up,k", "move_row(-1)", "move", key_display="↑", group=_MOVE),
        Binding("down,j", "move_row(1)", "move", key_display="↓", group=_MOVE),
        Binding("home", "move(-1000)", "first", show=False),
        Binding("end", "move(1000)", "last", show=False),
        Binding("enter", "choose", "go to slide", key_display="⏎"),
        Binding("escape,o", "close", "back", key_display="esc"),
    ]

    selected = reactive(0, init=False)

    def __init__(self, deck: Deck, verifier: Any, current: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.current = current
        self.columns = 1
        self.set_reactive(OverviewScreen.selected, current)

    def compose(self) -> ComposeResult:
        """A title line, the grid of cards, the footer."""
        title = plain(self.deck.title)
        title.append(f"  ·  overview of {len(self.deck)} slides", "dim")
        yield Static(title, id="overview-title")
        with VerticalScroll(id="overview-body", can_focus=False), Grid(id="cards"):
            for index, slide in enumerate(self.deck.slides):
                classes = "card" + (" -current" if index == self.current else "")
                classes += " -selected" if index == self.selected else ""
                yield SlideCard(index, slide, classes=classes)
        yield Footer()

    def on_mount(self) -> None:
        """Start filling in the verification counts."""
        self._verify_all()
        self.call_after_refresh(self._scroll_selected)

    def on_resize(self) -> None:
        """Fit as many columns of cards as the width allows."""
        self.columns = max(1, min(len(self.deck), (self.size.width - 2) // CARD_MIN_WIDTH))
        self.query_one("#cards", Grid).styles.grid_size_columns = self.columns

    @work(thread=True, exclusive=True)
    def _verify_all(self) -> None:
        for index, slide in enumerate(self.deck.slides):
            ok = bad = 0
            for item in slide.items:
                verified, unverified = citation_counts(item, self.verifier)
                ok, bad = ok + verified, bad + unverified
            self.app.call_from_thread(self._cards()[index].set_verified, ok, bad)

    def _cards(self) -> list[SlideCard]:
        return list(self.query(SlideCard))

    def watch_selected(self, old: int, new: int) -> None:
        """Move the highlight from one card to another."""
        cards = self._cards()
        cards[old].remove_class("-selected")
        cards[new].add_class("-selected")
        self._scroll_selected()

    def _scroll_selected(self) -> None:
        self._cards()[self.selected].scroll_visible(animate=False)

    def action_move(self, delta: int) -> None:
        """Select the card ``delta`` places on (clamped to the ends)."""
        self.selected = max(0, min(self.selected + delta, len(self.deck) - 1))

    def action_move_row(self, delta: int) -> None:
        """Select the card a row up or down."""
        target = self.selected + delta * self.columns
        if 0 <= target < len(self.deck):
            self.selected = target

    def action_choose(self) -> None:
        """Go to the selected slide."""
        self.dismiss(self.selected)

    def action_close(self) -> None:
        """Back to the slide that was showing."""
        self.dismiss(None)

    @on(SlideCard.Chosen)
    def _clicked(self, event: SlideCard.Chosen) -> None:
        self.dismiss(event.index)
