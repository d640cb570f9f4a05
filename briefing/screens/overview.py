"""The overview: every slide as a card in a grid, to find one and jump.

Dismisses with the chosen slide's index (``Enter`` or a click) or ``None``
(``Esc``). Verifying every citation for the cards' ``✓``/``✗`` counts runs
in a thread worker, so the grid appears at once and fills in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from briefing.core.model import Deck
from briefing.screens import background
from briefing.widgets.card_grid import CardGrid
from briefing.widgets.key_bar import BindingsBar
from briefing.widgets.marks import citation_counts, plain

if TYPE_CHECKING:
    from briefing.core.verify import Verifier

_MOVE = Binding.Group("move", compact=True)
#: Slides verified between two repaints of the counts.
BATCH = 50


def count_order(count: int, current: int, batch: int) -> list[range]:
    """Batches of slide indexes to count, each once: from a little before ``current`` on, then the start.

    The cards on screen around the current one (rows of a few cards) come in the first batch.
    """
    first = max(0, min(current, count) - batch // 2)
    return [
        range(start, min(start + batch, end))
        for begin, end in ((first, count), (0, first))
        for start in range(begin, end, batch)
    ]


class OverviewScreen(Screen[int | None]):
    """A grid of slide cards; the current slide is outlined."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "move", key_display="←", group=_MOVE),
        Binding("right,l", "move(1)", "move", key_display="→", group=_MOVE),
        Binding("up,k", "move_row(-1)", "move", key_display="↑", group=_MOVE),
        Binding("down,j", "move_row(1)", "move", key_display="↓", group=_MOVE),
        Binding("home", "move(-1000000)", "first", show=False),
        Binding("end", "move(1000000)", "last", show=False),
        Binding("pageup", "move_row(-4)", "page up", show=False),
        Binding("pagedown", "move_row(4)", "page down", show=False),
        Binding("enter", "choose", "go to slide", key_display="⏎"),
        Binding("escape,o", "close", "back", key_display="esc"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(self, deck: Deck, verifier: Verifier, current: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.current = current

    def compose(self) -> ComposeResult:
        """A title line, the grid of cards, the key bar."""
        title = plain(self.deck.title)
        title.append(f"  ·  overview of {len(self.deck)} slides", "dim")
        yield Static(title, id="overview-title")
        yield CardGrid(self.deck.slides, self.current, id="cards")
        yield BindingsBar()

    @property
    def grid(self) -> CardGrid:
        """The card grid."""
        return self.query_one(CardGrid)

    @property
    def selected(self) -> int:
        """Index of the selected card."""
        return self.grid.selected

    def on_mount(self) -> None:
        """Start filling in the verification counts."""
        self._verify_all()

    @work(thread=True, exclusive=True)
    def _verify_all(self) -> None:
        with background.running():
            self._count_all()

    def _count_all(self) -> None:
        """Count every slide's marks, a batch at a time, each after the reader's keys.

        From the current slide's row on (the cards on screen first), then
        round to the start: on a deck of thousands of slides, the cards the
        reader sees get their counts first.
        """
        worker = get_current_worker()
        slides = self.deck.slides
        for batch in count_order(len(slides), self.current, BATCH):
            background.give_way()
            if worker.is_cancelled:
                return
            counts: dict[int, tuple[int, int]] = {}
            for index in batch:
                ok = bad = 0
                for item in slides[index].items:
                    verified, unverified = citation_counts(item, self.verifier)
                    ok, bad = ok + verified, bad + unverified
                counts[index] = (ok, bad)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        if self.is_attached:
            self.grid.set_verified(counts)

    def action_move(self, delta: int) -> None:
        """Select the card ``delta`` places on (clamped to the ends)."""
        self.grid.selected = max(0, min(self.selected + delta, len(self.deck) - 1))

    def action_move_row(self, delta: int) -> None:
        """Select the card ``delta`` rows up or down (clamped to the ends)."""
        target = self.selected + delta * self.grid.columns
        if 0 <= target < len(self.deck):
            self.grid.selected = target
        elif abs(delta) > 1:
            self.grid.selected = 0 if delta < 0 else len(self.deck) - 1

    def action_choose(self) -> None:
        """Go to the selected slide."""
        self.dismiss(self.selected)

    def action_help(self) -> None:
        """The overview's keys and the marks."""
        from briefing.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("overview"))

    def action_close(self) -> None:
        """Back to the slide that was showing."""
        self.dismiss(None)

    @on(CardGrid.Chosen)
    def _clicked(self, event: CardGrid.Chosen) -> None:
        self.dismiss(event.index)
