"""The deck screen: one slide at a time, driven from the keyboard.

The screen owns the reading position (slide, highlighted item, digits typed
so far) and a handful of widgets that it updates in place: a top bar, one
:class:`SlideView`, a citation preview and the key bar. Everything else
(overview, help, source view, sources panel) is created only when asked
for, so start-up and key latency stay close to a bare Textual app.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer

from briefing.core.model import Deck, Item
from briefing.core.order import item_order
from briefing.screens.deck_actions import DeckActions
from briefing.widgets.key_bar import BindingsBar
from briefing.widgets.preview import CitationPreview
from briefing.widgets.slide_view import SlideView
from briefing.widgets.topbar import TopBar

_ITEM = Binding.Group("item", compact=True)
#: Seconds of quiet after a slide change before its neighbours are rendered.
PREFETCH_DELAY = 0.05


class DeckScreen(DeckActions):
    """Shows ``deck`` one slide at a time, starting at slide ``start``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h,pageup", "previous", "prev", key_display="←"),
        Binding("right,l,space,pagedown", "next", "next", key_display="→"),
        Binding("up,k", "item(-1)", "item", key_display="↑", group=_ITEM),
        Binding("down,j", "item(1)", "item", key_display="↓", group=_ITEM),
        Binding("enter", "enter", "source", key_display="⏎"),
        Binding("o", "overview", "overview"),
        Binding("s", "sources", "sources"),
        Binding("e", "export", "export"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "app.quit", "quit"),
        Binding("home", "first", "first slide", show=False),
        Binding("end", "last", "last slide", show=False),
        Binding("g", "g", "g g: first slide", show=False),
        Binding("G", "big_g", "G: last slide, N G: slide N", show=False),
        Binding("escape", "escape", "cancel", show=False),
        *(Binding(str(d), f"digit({d})", show=False) for d in range(10)),
    ]

    def __init__(self, deck: Deck, verifier: Any, start: int = 0) -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.index = max(0, min(start, len(deck) - 1))
        self.item: int | None = self._first_item(self.index)
        self.pending = ""
        self.pending_g = False
        self._prefetch_timer: Timer | None = None
        self._warmed = -1  # the slide the source view was last warmed up for
        # Start the edge flags true to the first slide, so mounting does
        # not redraw the key bar before the first paint.
        for name, value in self._edges().items():
            self.set_reactive(getattr(DeckScreen, name), value)

    def compose(self) -> ComposeResult:
        """Top bar, slide frame (slide and preview), key bar."""
        yield TopBar(self.deck.title, len(self.deck), id="topbar")
        with Vertical(id="frame"):
            yield SlideView(self.deck, self.verifier, id="slide")
            yield CitationPreview(self.deck, self.verifier, id="preview")
        yield BindingsBar(id="deck-keys")

    def on_mount(self) -> None:
        """Draw the first slide; once it is painted, get ``Enter`` ready."""
        self._update(new_slide=True)
        self.call_after_refresh(self._warm_drill)

    def _warm_drill(self) -> None:
        """Prepare the source view for this slide's items in a thread.

        A plain daemon thread: a Textual thread worker raised peak memory
        by 30 MiB (its executor). A newer slide's warm-up stops an older one.
        """
        if self._warmed == self.index:
            return
        index = self._warmed = self.index

        def stale() -> bool:
            return self._warmed != index

        threading.Thread(
            target=_warm_drill, args=(self.deck, self.verifier, index, stale), name="warm-drill", daemon=True
        ).start()

    def on_resize(self) -> None:
        """Adapt to small terminals: no preview when short; one pane when narrow."""
        self.set_class(self.size.height < 16, "-short")
        self.set_class(self.size.width < 70, "-narrow")

    # State -------------------------------------------------------------

    @property
    def current_item(self) -> Item | None:
        """The highlighted item, if the slide has any."""
        if self.item is None:
            return None
        return self.deck.slides[self.index].items[self.item]

    def _edges(self) -> dict[str, bool]:
        """Which ends the reader is at: the flags that grey out keys in the key bar."""
        order = item_order(self.deck.slides[self.index])
        return {
            "at_first": self.index == 0,
            "at_last": self.index == len(self.deck) - 1,
            "item_first": not order or self.item == order[0],
            "item_last": not order or self.item == order[-1],
        }

    def _first_item(self, index: int) -> int | None:
        order = item_order(self.deck.slides[index])
        return order[0] if order else None

    def jump(self, index: int, item: int | None = None) -> None:
        """Show slide ``index`` (clamped), highlighting ``item`` or the first."""
        index = max(0, min(index, self.slide_count - 1))
        new_slide = index != self.index
        self.index = index
        slide = self.deck.slides[index]
        chosen = item is not None and 0 <= item < len(slide.items)
        self.item = item if chosen else self._first_item(index)
        self._update(new_slide=new_slide)
        if chosen:
            # A new slide starts at its heading; scroll only for a chosen item.
            self.call_after_refresh(self._scroll_to_item)

    def select_item(self, item: int) -> None:
        """Highlight ``item`` on the current slide."""
        if item != self.item:
            self.item = item
            self._update()
            self._scroll_to_item()

    def _update(self, new_slide: bool = False) -> None:
        slide = self.deck.slides[self.index]
        view = self.query_one(SlideView)
        view.show(slide, self.item)
        self.query_one(CitationPreview).show(self.current_item)
        self._show_position()
        for name, value in self._edges().items():
            setattr(self, name, value)
        if new_slide:
            view.scroll_home(animate=False, immediate=True)
            self._refresh_sources(slide)
            if self._prefetch_timer is not None:
                self._prefetch_timer.stop()
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self._prefetch)

    def _prefetch(self) -> None:
        """Render the slides either side while the reader reads this one."""
        near = [i for i in (self.index + 1, self.index - 1) if 0 <= i < self.slide_count]
        self.query_one(SlideView).prefetch([(self.deck.slides[i], self._first_item(i)) for i in near])
        self._warm_drill()

    def _show_position(self) -> None:
        pending = f"go to {self.pending}…" if self.pending else ("g…" if self.pending_g else "")
        self.query_one(TopBar).show(
            self.deck.slides[self.index].title,
            f"{self.index + 1} / {self.slide_count}",
            pending,
        )

    def _scroll_to_item(self) -> None:
        view = self.query_one(SlideView)
        region = None if self.item is None else view.item_region(self.item)
        if region is not None:
            view.scroll_to_region(region, animate=False, immediate=True)

    # Mouse -------------------------------------------------------------

    @on(SlideView.ItemClicked)
    def _item_clicked(self, event: SlideView.ItemClicked) -> None:
        """A click selects an item; a click on the selected item drills in."""
        self._take_pending()
        if event.index == self.item:
            self.drill(self.index, event.index)
        else:
            self.select_item(event.index)

    def on_sources_panel_drill(self, event: Any) -> None:
        """Enter on a citation in the sources panel opens it."""
        self.drill(self.index, event.item_index, event.citation_index)

    def on_sources_panel_highlight(self, event: Any) -> None:
        """Moving in the sources panel moves the slide's highlight too."""
        self.select_item(event.item_index)


def _warm_drill(deck: Deck, verifier: Any, slide_index: int, stale: Callable[[], bool]) -> None:
    """Import the source view and warm it up for one slide (in a thread)."""
    try:
        from briefing.screens.source import warm_up

        warm_up(deck, verifier, slide_index, cancelled=stale)
    except Exception:
        return
    if not stale():
        # Everything rendered and warmed up for this slide is young: left
        # there, the next key's allocations set off collections that walk
        # it all (2-3 ms in a key on the large deck). Sorted out now, while
        # the reader reads, it is an old generation's, rarely walked.
        gc.collect(1)
