"""What each key does on the deck screen.

Kept apart from the screen's layout and state (``deck.py``) so each file
reads on its own. Screens and modules that only some keys need (overview,
help, source view, export) are imported inside the action, so they cost
nothing until used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.reactive import reactive
from textual.screen import Screen

from briefing.core.model import Deck, Slide
from briefing.core.order import item_order
from briefing.core.textsafe import clean


class DeckActions(Screen[None]):
    """The deck screen's key actions; :class:`DeckScreen` adds layout and state.

    Subclasses set the attributes below and implement :meth:`jump`,
    :meth:`select_item`, :meth:`_update` and :meth:`_show_position`.
    """

    # Derived flags with bindings=True: the key bar is refreshed only when
    # one of them flips (at an end), not on every slide change. They draw
    # nothing themselves (repaint=False): a repaint of the screen would
    # send the whole screen again, not just the lines that changed.
    at_first = reactive(True, bindings=True, repaint=False)
    at_last = reactive(False, bindings=True, repaint=False)
    item_first = reactive(True, bindings=True, repaint=False)
    item_last = reactive(True, bindings=True, repaint=False)

    deck: Deck
    verifier: Any
    index: int
    item: int | None
    pending: str
    pending_g: bool

    @property
    def slide_count(self) -> int:
        """How many slides the deck has."""
        return len(self.deck.slides)

    def jump(self, index: int, item: int | None = None) -> None:
        """Show slide ``index``, highlighting ``item`` (or the first item)."""
        raise NotImplementedError

    def select_item(self, item: int) -> None:
        """Highlight ``item`` on the current slide."""
        raise NotImplementedError

    def _update(self, new_slide: bool = False) -> None:
        raise NotImplementedError

    def _show_position(self) -> None:
        raise NotImplementedError

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
        return True

    def _take_pending(self) -> int | None:
        """Forget typed digits (and a first ``g``); return the number typed."""
        number = int(self.pending) if self.pending else None
        if self.pending or self.pending_g:
            self.pending, self.pending_g = "", False
            self._show_position()
        return number

    # Moving between slides ---------------------------------------------

    def action_next(self) -> None:
        """Next slide."""
        self._take_pending()
        self.jump(self.index + 1)

    def action_previous(self) -> None:
        """Previous slide."""
        self._take_pending()
        self.jump(self.index - 1)

    def action_first(self) -> None:
        """First slide."""
        self._take_pending()
        self.jump(0)

    def action_last(self) -> None:
        """Last slide."""
        self._take_pending()
        self.jump(self.slide_count - 1)

    def action_g(self) -> None:
        """``g g`` goes to the first slide; one ``g`` waits for the second."""
        if self.pending_g:
            self._take_pending()
            self.jump(0)
        else:
            self._take_pending()
            self.pending_g = True
            self._show_position()

    def action_big_g(self) -> None:
        """``G``: the last slide, or slide N after typing N."""
        number = self._take_pending()
        self.jump(self.slide_count - 1 if number is None else number - 1)

    def action_digit(self, digit: int) -> None:
        """Add a digit to the pending slide number."""
        self.pending_g = False
        self.pending = (self.pending + str(digit))[-4:]
        self._show_position()

    async def action_escape(self) -> None:
        """Cancel a pending number, or close the sources panel."""
        if self.pending or self.pending_g:
            self._take_pending()
        elif self._sources_panel_open():
            await self.action_sources()

    # Items and sources ---------------------------------------------------

    def action_item(self, delta: int) -> None:
        """Move the highlight ``delta`` items down (negative: up)."""
        self._take_pending()
        order = item_order(self.deck.slides[self.index])
        if not order:
            return
        here = order.index(self.item) if self.item in order else 0
        self.select_item(order[max(0, min(here + delta, len(order) - 1))])

    def action_enter(self) -> None:
        """Go to the typed slide number, or drill into the highlighted item."""
        number = self._take_pending()
        if number is not None:
            self.jump(number - 1)
        elif self.item is not None:
            self.drill(self.index, self.item)

    def drill(self, slide_index: int, item_index: int, citation_index: int = 0) -> None:
        """Open the source view at one citation of one item."""
        try:
            from briefing.screens.source import SourceScreen
        except ImportError:
            self.notify("source view not available yet", severity="warning")
            return
        screen = SourceScreen(
            self.deck, self.verifier, slide_index, item_index, citation_index=citation_index
        )
        self.app.push_screen(screen, self._back_from_source)

    def _back_from_source(self, result: tuple[int, int] | None) -> None:
        if result is None:
            self._update()
        else:
            self.jump(*result)

    def _sources_panel_open(self) -> bool:
        return any(panel.display for panel in self.query("#sources"))

    async def action_sources(self) -> None:
        """Show or hide the panel of the slide's citations."""
        self._take_pending()
        from briefing.widgets.sources_panel import SourcesPanel

        panels = self.query(SourcesPanel)
        if panels and panels.first().display:
            panels.first().display = False
            self.remove_class("-sources-open")
            self.set_focus(None)
            return
        self.add_class("-sources-open")
        if panels:
            panel = panels.first()
            panel.display = True
        else:
            panel = SourcesPanel(id="sources")
            await self.mount(panel)  # docked at the right, between the top bar and the keys
        panel.show(self.deck.slides[self.index], self.verifier, self.item)
        panel.focus()

    def _refresh_sources(self, slide: Slide) -> None:
        for panel in self.query("#sources"):
            if panel.display:
                panel.show(slide, self.verifier, self.item)  # type: ignore[attr-defined]

    # Other screens ------------------------------------------------------

    def action_overview(self) -> None:
        """Open the grid of all slides."""
        self._take_pending()
        from briefing.screens.overview import OverviewScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.jump(index)

        self.app.push_screen(OverviewScreen(self.deck, self.verifier, self.index), chosen)

    def action_help(self) -> None:
        """Open the list of keys."""
        self._take_pending()
        from briefing.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_export(self) -> None:
        """Write the deck as Markdown next to where briefing was started."""
        self._take_pending()
        from functools import partial

        from briefing.output.atomic import deck_files, write_atomic
        from briefing.output.markdown import export_markdown

        path = Path.cwd() / f"{self.deck.path.stem}.md"
        text = export_markdown(self.deck, self.verifier, notes=True)
        # Never the deck or its sources, and only a regular file (see atomic).
        self._write(partial(write_atomic, keep=deck_files(self.deck)), path, text, force=False)

    def _write(self, write: Any, path: Path, text: str, force: bool) -> None:
        from briefing.screens.confirm import ConfirmScreen

        try:
            write(path, text, force=force)
        except FileExistsError:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(write, path, text, force=True)

            self.app.push_screen(ConfirmScreen(f"{clean(path.name)} exists. Overwrite it?"), answered)
            return
        except OSError as error:
            self.notify(
                clean(f"Could not write {path}: {error.strerror or error}"), severity="error", markup=False
            )
            return
        self.notify(clean(f"Exported to {path}"), markup=False)
