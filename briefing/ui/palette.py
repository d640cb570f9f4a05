"""Command palette entries (``ctrl+p``): briefing's commands first, then Textual's.

One provider lists everything, in this order: briefing's actions (export,
overview, help, the citations panel, notes, theme, first and last slide),
``Go to slide: 4 Reactions by country``, ``Go to country: Poland`` (the
reactions slide, with that row highlighted), ``Source: open …``, and last
Textual's generic commands (quit, keys panel, screenshot…). With an empty
query the palette shows them in that order; when searching, Textual's
score lower than briefing's for the same match.

Deck text is data: prompts are built as :class:`Content` and highlighted
here rather than with ``Matcher.highlight``, which would parse the text as
markup and swallow ``[the Americans]``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from briefing.core.model import Reaction
from briefing.core.textsafe import clean
from briefing.screens.deck import DeckScreen

Command = tuple[str, Callable[[], object], str]
#: Most hits one search returns.
MAX_HITS = 40
#: How Textual's generic commands' scores are scaled, so briefing's rank first.
GENERIC_WEIGHT = 0.7
#: Textual's commands briefing already offers in its own words.
REPLACED = {"Theme"}


def highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as literal content with the matched letters styled."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def could_match(query: str, candidate: str) -> bool:
    """Whether ``query``'s letters occur in ``candidate`` in order (any case).

    The fuzzy matcher only matches such candidates; checking this first
    keeps the palette quick on decks with thousands of slides.
    """
    position, text = 0, candidate.lower()
    for char in query.lower():
        if char.isspace():
            continue
        position = text.find(char, position) + 1
        if not position:
            return False
    return True


class DeckCommands(Provider):
    """Slides, countries and sources of the open deck."""

    def _deck_screen(self) -> DeckScreen | None:
        for screen in self.app.screen_stack:
            if isinstance(screen, DeckScreen):
                return screen
        return None

    def _go(self, slide: int, item: int | None) -> None:
        """Back to the deck screen, then to ``slide`` (its reader clamps it) with ``item`` highlighted."""
        deck_screen = self._deck_screen()
        if deck_screen is None:
            return
        while self.app.screen is not deck_screen and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        deck_screen.jump(slide, item)

    def _on_deck(self, action: Callable[[DeckScreen], object]) -> Callable[[], object]:
        """A callback that goes back to the deck screen, then runs ``action`` on it."""

        async def run() -> None:
            deck_screen = self._deck_screen()
            if deck_screen is None:
                return
            while self.app.screen is not deck_screen and len(self.app.screen_stack) > 1:
                self.app.pop_screen()
            result = action(deck_screen)
            if inspect.isawaitable(result):
                await result

        return run

    def _help(self) -> None:
        """Help for the view the palette was opened from."""
        from briefing.screens.help import HelpScreen
        from briefing.screens.overview import OverviewScreen
        from briefing.screens.source import SourceScreen

        screen = self.screen
        view = (
            "source"
            if isinstance(screen, SourceScreen)
            else "overview"
            if isinstance(screen, OverviewScreen)
            else "deck"
        )
        self.app.push_screen(HelpScreen(view))

    def actions(self) -> list[Command]:
        """briefing's own commands: every action of the deck screen."""
        deck = self._on_deck
        return [
            (
                "Export: write the deck as Markdown, Marp slides, HTML or PDF",
                deck(DeckScreen.action_export),
                "key e · <deck>.md in the current folder",
            ),
            ("Overview: all slides", deck(DeckScreen.action_overview), "key o"),
            ("Help: keys and marks of this view", self._help, "key ?"),
            ("Citations: show / hide the slide's citations", deck(DeckScreen.action_sources), "key s"),
            ("Notes: show / hide the slide's notes", deck(DeckScreen.action_notes), "key n"),
            ("Theme: change colours", self.app.action_change_theme, "dark, light and Textual's themes"),
            ("Edit: open the deck in your editor at this item", deck(DeckScreen.action_edit), "key E"),
            (
                "Reload on save: on / off",
                self.app.action_toggle_reload,  # type: ignore[attr-defined]
                "key R · off with --present",
            ),
            ("First slide", deck(DeckScreen.action_first), "keys Home, g g"),
            ("Last slide", deck(DeckScreen.action_last), "keys End, G"),
        ]

    def generic(self) -> list[Command]:
        """Textual's own commands (quit, keys panel, screenshot…), after briefing's."""
        found: list[Command] = []
        for command in self.app.get_system_commands(self.screen):
            if command.title not in REPLACED:
                found.append((command.title, command.callback, command.help))
        return found

    def _open_source(self, source_id: str) -> None:
        from briefing.screens.source import SourceScreen

        deck_screen = self._deck_screen()
        if deck_screen is not None:
            self.app.push_screen(SourceScreen.for_source(deck_screen.deck, deck_screen.verifier, source_id))

    def commands(self) -> list[Command]:
        """Every command this provider offers: briefing's, the deck's places, Textual's (built once)."""
        if getattr(self, "_commands", None) is None:
            places = self._build_commands()
            self._own = len(places) + len(self.actions())
            self._commands = [*self.actions(), *places, *self.generic()]
        return self._commands

    def _build_commands(self) -> list[Command]:
        deck_screen = self._deck_screen()
        if deck_screen is None:
            return []
        deck, slides = deck_screen.deck, deck_screen.reader.slides
        found: list[Command] = []
        for index, slide in enumerate(slides):
            found.append(
                (f"Go to slide: {index + 1} {clean(slide.title)}", partial(self._go, index, None), slide.kind)
            )
        for index, slide in enumerate(slides):
            for item_index, item in enumerate(slide.items):
                if isinstance(item, Reaction):
                    found.append(
                        (
                            f"Go to country: {clean(item.country)}",
                            partial(self._go, index, item_index),
                            clean(f"{item.stance} · {item.actor}"),
                        )
                    )
        for source in deck.sources:
            found.append(
                (
                    f"Source: open {clean(source.display_name)}",
                    partial(self._open_source, source.id),
                    clean(source.path),
                )
            )
        return found

    async def search(self, query: str) -> Hits:
        """Commands whose text fuzzily matches ``query``."""
        matcher = self.matcher(query)
        scored = []
        commands = self.commands()
        for order, (text, callback, help_text) in enumerate(commands):
            if could_match(query, text) and (score := matcher.match(text)) > 0:
                if order >= self._own:
                    score *= GENERIC_WEIGHT
                scored.append((-score, order, text, callback, help_text))
        # A long deck matches thousands of commands; the palette needs the best.
        for negative, _, text, callback, help_text in sorted(scored)[:MAX_HITS]:
            yield Hit(-negative, highlight(matcher, text), callback, text=text, help=escape(help_text))

    async def discover(self) -> Hits:
        """With an empty query: briefing's actions, the (first) slides, then Textual's commands."""
        commands = self.commands()
        slides = [command for command in commands if command[0].startswith("Go to slide")]
        shown = [*self.actions(), *slides[:MAX_HITS], *commands[self._own :]]
        for text, callback, help_text in shown:
            yield DiscoveryHit(Content(text), callback, text=text, help=escape(help_text))
