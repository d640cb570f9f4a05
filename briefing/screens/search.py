"""Search (``/``): slide titles, items, notes and every source's full text, as you type.

Results are grouped by slide and by source (``¶`` paragraph), each with the
match highlighted in a one-line excerpt (literal :class:`Content`, never
markup). ``Enter`` goes to the slide item, or opens the source with the
match highlighted; afterwards ``n`` / ``N`` step through the matches, in
the deck and in a source opened from the search. The matching itself is
:mod:`briefing.core.search`; the index is built once per deck, off the UI
thread (reading 100 sources takes a few hundred milliseconds).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.core.drill import item_label
from briefing.core.model import Deck
from briefing.core.search import MAX_MATCHES, Match, SearchIndex, deck_index, grouped
from briefing.core.textsafe import clean
from briefing.screens.deck import DeckScreen
from briefing.screens.source import SourceScreen

if TYPE_CHECKING:
    from textual.app import App

    from briefing.core.verify import Verifier

#: Most results listed (the count says how many more there are).
MAX_SHOWN = 100
#: How a match is marked in the results.
MATCH_STYLE = "bold reverse"

_lock = threading.Lock()
_cached: tuple[Deck, SearchIndex] | None = None


def search_index(deck: Deck, verifier: Verifier) -> SearchIndex:
    """The search index of ``deck``, built on first use and kept while the deck is the same object."""
    global _cached
    with _lock:
        if _cached is not None and _cached[0] is deck:
            return _cached[1]
        index = deck_index(deck, verifier)
        _cached = (deck, index)
        return index


def ready_index(deck: Deck) -> SearchIndex | None:
    """The index if it is already built, else ``None`` (never blocks on a build)."""
    cached = _cached
    return cached[1] if cached is not None and cached[0] is deck else None


@dataclass
class SearchState:
    """The last search: its query, its matches and the one gone to last."""

    query: str = ""
    matches: list[Match] = field(default_factory=list)
    position: int = -1


def state_of(app: App[Any]) -> SearchState:
    """The app's last search (kept on the app, so it outlives the search screen)."""
    state = getattr(app, "_search_state", None)
    if not isinstance(state, SearchState):
        state = SearchState()
        app._search_state = state  # type: ignore[attr-defined]
    return state


def match_label(deck: Deck, match: Match) -> str:
    """Where a match is: ``Objectives › 3``, ``Objectives · title``, ``… · notes`` or ``¶7``."""
    if match.kind == "source":
        return f"¶{match.paragraph}"
    if match.kind == "item" and match.item_index is not None:
        return item_label(deck, match.slide_index, match.item_index)
    return f"{deck.slides[match.slide_index].title} · {match.kind}"


def highlighted(match: Match) -> Content:
    """The match's excerpt as literal content with the match styled."""
    text, start, end = match.snippet()
    return Content(clean(text)).stylize(MATCH_STYLE, start, end)


def group_title(deck: Deck, group: tuple[str, int | str]) -> Content:
    """A group's heading: ``Slide 3 · Objectives`` or ``¶ Source · Title``."""
    kind, key = group
    if kind == "slide" and isinstance(key, int):
        return Content.assemble((f"Slide {key + 1} · ", "bold"), (clean(deck.slides[key].title), "bold"))
    source = deck.source(str(key))
    name = source.display_name if source is not None else str(key)
    return Content.assemble(("¶ Source · ", "bold"), (clean(name), "bold"))


class SearchScreen(ModalScreen[int | None]):
    """A query box and the grouped results; dismisses with the chosen match's number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "close", key_display="esc"),
        Binding("down", "move(1)", "next result", show=False),
        Binding("up", "move(-1)", "previous result", show=False),
    ]
    AUTO_FOCUS = "Input"
    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen #search-box {
        width: 90%; max-width: 120; height: 80%; margin-top: 2;
        border: round $accent; background: $surface; padding: 0 1;
    }
    SearchScreen #search-status { color: $text-muted; height: 1; }
    SearchScreen #search-results { height: 1fr; border: none; background: $surface; }
    """

    def __init__(self, deck: Deck, verifier: Verifier, query: str = "") -> None:
        super().__init__()
        self.deck = deck
        self.verifier = verifier
        self.index: SearchIndex | None = ready_index(deck)
        self.matches: list[Match] = []
        self._query = query
        self._option_match: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        """Query box, status line, results."""
        with Vertical(id="search-box"):
            yield Input(self._query, placeholder="search slides, notes and sources", id="search-input")
            yield Static(id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        """Search at once if the index is there; else build it in a thread."""
        if self.index is not None:
            self._search(self._query)
            return
        self.query_one("#search-status", Static).update(Content("Reading the sources…"))

        def build() -> None:
            index = search_index(self.deck, self.verifier)
            self.app.call_from_thread(self._index_ready, index)

        threading.Thread(target=build, name="search-index", daemon=True).start()

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        if self.is_attached:
            self._search(self.query_one(Input).value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.index is not None:
            self._search(event.value)

    def _search(self, query: str) -> None:
        """Fill the results for ``query`` (grouped by slide and by source)."""
        assert self.index is not None
        self._query = query
        self.matches = self.index.search(query)
        results = self.query_one(OptionList)
        results.clear_options()
        self._option_match = {}
        options: list[Option] = []
        shown = self.matches[:MAX_SHOWN]
        numbered = {id(match): number for number, match in enumerate(shown)}
        for group, members in grouped(shown):
            options.append(Option(group_title(self.deck, group), disabled=True))
            for match in members:
                key = f"m{numbered[id(match)]}"
                self._option_match[key] = numbered[id(match)]
                label = Content(f"  {clean(match_label(self.deck, match))}  ").stylize("dim")
                options.append(Option(Content.assemble(label, highlighted(match)), id=key))
        results.add_options(options)
        if options:
            results.highlighted = 1
        self.query_one("#search-status", Static).update(Content(self._status(query)))

    def _status(self, query: str) -> str:
        if not query.strip():
            return "Type to search titles, items, notes and the full text of every source."
        count = len(self.matches)
        if not count:
            return "No match."
        more = "+" if count >= MAX_MATCHES else ""
        listed = f" ({MAX_SHOWN} listed)" if count > MAX_SHOWN else ""
        return f"{count}{more} match{'es' if count != 1 else ''}{listed} · ↑↓ choose · Enter go · then n / N"

    def action_move(self, step: int) -> None:
        """Move the highlight in the results while typing."""
        results = self.query_one(OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None:
            self._choose(results.get_option_at_index(results.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, key: str | None) -> None:
        if key in self._option_match:
            state = state_of(self.app)
            state.query, state.matches = self._query, list(self.matches)
            state.position = self._option_match[key]
            self.dismiss(state.position)


class FoundInSource(SourceScreen):
    """A source opened from the search, at a match; ``n`` / ``N`` step through the search's matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "step(True)", "next match", key_display="n"),
        Binding("N", "step(False)", "previous match", key_display="N"),
        Binding("enter", "go_to_slide", "slide citing it", key_display="⏎"),
        Binding("escape", "back", "back", key_display="esc"),
    ]

    def __init__(self, deck: Deck, verifier: Verifier, match: Match, note: str) -> None:
        super().__init__(deck, verifier, -1, -1)
        self._first_source = match.source_id
        self.found = match
        self._note = note

    def compose(self) -> ComposeResult:
        """The source view, opened at the match (in the first frame)."""
        parts = list(super().compose())
        self.show_match(self.found, self._note)
        yield from parts

    def show_match(self, match: Match, note: str) -> None:
        """Highlight ``match`` (in this source) and say which match it is."""
        self.found = match
        self._open_source(match.source_id, mark=False)
        self.view.show_passage((match.start, match.end), "current")
        self.position = (match.start, match.end)
        self._set_header(f"search: {note}", f"¶{match.paragraph}", "")

    def _mark_source(self) -> None:
        """Mark the deck's cited passages too, and say what ``n`` does here."""
        self.view.set_cited(self.index.spans(self.source_id))
        self._passage.update(Content("n: next search match · N: previous · esc: back"))

    def action_go_to_slide(self) -> None:
        """``Enter``: the slide item citing a passage that holds the match (asks when several do)."""
        match = self.found
        self.citing = ()
        for start, end in self.index.spans(match.source_id):
            if start <= match.start and match.end <= end:
                self.citing = self.index.citing(match.source_id, start, end)
                break
        if not self.citing:
            self.notify("No slide cites the passage around this match. n: next match · esc: back")
            return
        super().action_go_to_slide()

    def action_step(self, forward: bool) -> None:
        """``n`` / ``N``: the search's next (previous) match, here or elsewhere."""
        step_match(self.app, 1 if forward else -1)


def deck_screen_of(app: App[Any]) -> DeckScreen | None:
    """The deck screen at the bottom of the stack."""
    for screen in app.screen_stack:
        if isinstance(screen, DeckScreen):
            return screen
    return None


def open_search(app: App[Any]) -> None:
    """Open the search screen (with the last query); the chosen match is gone to."""
    deck_screen = deck_screen_of(app)
    if deck_screen is None:
        return
    state = state_of(app)

    def chosen(number: int | None) -> None:
        if number is not None:
            go_to(app, number)

    app.push_screen(SearchScreen(deck_screen.deck, deck_screen.verifier, state.query), chosen)


def step_match(app: App[Any], step: int) -> None:
    """Go to the match ``step`` away from the last one gone to (wrapping at the ends)."""
    state = state_of(app)
    if not state.matches:
        app.notify("No search yet: press / to search.", timeout=3)
        return
    position = state.position + step
    if not 0 <= position < len(state.matches):
        app.notify("Search wrapped around.", timeout=2)
    go_to(app, position % len(state.matches))


def go_to(app: App[Any], number: int) -> None:
    """Show match ``number`` of the last search: the slide's item, or the source at the passage."""
    state = state_of(app)
    deck_screen = deck_screen_of(app)
    if deck_screen is None or not 0 <= number < len(state.matches):
        return
    state.position = number
    match = state.matches[number]
    note = f"“{state.query.strip()}”, match {number + 1} of {len(state.matches)}"
    top = app.screen
    if match.kind == "source" and isinstance(top, FoundInSource):
        top.show_match(match, note)
        return
    while app.screen is not deck_screen and len(app.screen_stack) > 1:
        app.pop_screen()
    if match.kind == "source":
        source = FoundInSource(deck_screen.deck, deck_screen.verifier, match, note)
        app.push_screen(source, deck_screen.back_from_source)
    else:
        deck_screen.jump(match.slide_index, match.item_index)
