"""Command palette entries (``ctrl+p``) for moving around a deck.

``Go to slide: 4 Reactions by country``, ``Go to country: Poland`` (the
reactions slide, with that row highlighted) and ``Source: open …`` (when
the source view offers it). Theme switching comes from Textual's own
system commands.

Deck text is data: prompts are built as :class:`Content` and highlighted
here rather than with ``Matcher.highlight``, which would parse the text as
markup and swallow ``[the Americans]``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from briefing.core.model import Reaction
from briefing.core.textsafe import clean
from briefing.screens.deck import DeckScreen

Command = tuple[str, Callable[[], None], str]
#: Most hits one search returns.
MAX_HITS = 40


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

    def _open_source(self, source_id: str) -> None:
        from briefing.screens.source import SourceScreen

        deck_screen = self._deck_screen()
        if deck_screen is not None:
            self.app.push_screen(SourceScreen.for_source(deck_screen.deck, deck_screen.verifier, source_id))

    def commands(self) -> list[Command]:
        """Every command this provider offers, in deck order (built once per palette)."""
        if getattr(self, "_commands", None) is None:
            self._commands = self._build_commands()
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
        for order, (text, callback, help_text) in enumerate(self.commands()):
            if could_match(query, text) and (score := matcher.match(text)) > 0:
                scored.append((-score, order, text, callback, help_text))
        # A long deck matches thousands of commands; the palette needs the best.
        for negative, _, text, callback, help_text in sorted(scored)[:MAX_HITS]:
            yield Hit(-negative, highlight(matcher, text), callback, text=text, help=escape(help_text))

    async def discover(self) -> Hits:
        """With an empty query: the (first) slides, so the palette doubles as a menu."""
        slides = [command for command in self.commands() if command[0].startswith("Go to slide")]
        for text, callback, help_text in slides[:MAX_HITS]:
            yield DiscoveryHit(Content(text), callback, text=text, help=escape(help_text))
