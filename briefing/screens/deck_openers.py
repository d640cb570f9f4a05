"""What the deck screen opens on request: source view, overview, help, citations panel, export.

Plain functions of the screen, apart from ``deck.py`` so that it reads as
keys and reading state. Each imports what it shows when called, so none
costs anything until used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core.model import Deck
from briefing.core.textsafe import clean

if TYPE_CHECKING:
    from briefing.core.verify import Verifier
    from briefing.screens.deck import DeckScreen

Write = Callable[..., object]


def open_overview(screen: DeckScreen) -> None:
    """Open the grid of all slides; a chosen card's slide is gone to."""
    from briefing.screens.overview import OverviewScreen

    def chosen(index: int | None) -> None:
        if index is not None:
            screen.jump(index)

    screen.app.push_screen(OverviewScreen(screen.deck, screen.verifier, screen.index), chosen)


def open_help(screen: DeckScreen) -> None:
    """Open the list of keys."""
    from briefing.screens.help import HelpScreen

    screen.app.push_screen(HelpScreen("deck"))


def open_source(screen: DeckScreen, slide_index: int, item_index: int, citation_index: int = 0) -> None:
    """Open the source view at one citation of one item; back, the screen goes where it left off."""
    from briefing.screens.source import SourceScreen

    deck, verifier = screen.deck, screen.verifier
    source = SourceScreen(deck, verifier, slide_index, item_index, citation_index=citation_index)
    screen.app.push_screen(source, screen.back_from_source)


#: Seconds without input before the source warm-up goes on: short, so that it is
#: done before the next key or ``Enter`` (it starts this long after a slide settles).
WARM_QUIET = 0.05


def warm_source(deck: Deck, verifier: Verifier, slide_index: int, stale: Callable[[], bool]) -> None:
    """Import the source view and warm it up for one slide (in a thread)."""
    from briefing.screens.background import give_way, settle_collector

    def stop() -> bool:  # between two sources: after the reader's keys, unless too late
        give_way(WARM_QUIET)
        return stale()

    try:
        from briefing.screens.source import warm_up

        warm_up(deck, verifier, slide_index, cancelled=stop)
    except Exception:
        return
    if not stop():
        settle_collector()


#: Citations verified between two pauses of the deck-wide check (about a millisecond of work).
VERIFY_BATCH = 20


def verify_deck(deck: Deck, verifier: Verifier) -> tuple[int, int]:
    """``(verified, total)`` over every citation of the deck (slow: run it in a thread).

    In small batches, each once the reader has been quiet for a while
    (:func:`~briefing.screens.background.give_way`), so keys do not wait
    for the check (50,000 citations take seconds): while the reader turns
    slides, it waits.
    """
    from briefing.screens.background import LONG_QUIET, give_way

    citations = deck.citations
    for start in range(0, len(citations), VERIFY_BATCH):
        give_way(LONG_QUIET)
        verifier.prefetch(citations[start : start + VERIFY_BATCH])
    return sum(1 for citation in citations if verifier.result(citation).verified), len(citations)


def sources_panel_open(screen: DeckScreen) -> bool:
    """Whether the citations panel is shown."""
    return any(panel.display for panel in screen.query("#sources"))


async def toggle_sources(screen: DeckScreen) -> None:
    """Show or hide the panel of the slide's citations (mounted the first time)."""
    from briefing.widgets.sources_panel import SourcesPanel

    panels = screen.query(SourcesPanel)
    if panels and panels.first().display:
        panels.first().hide()
        screen.remove_class("-sources-open")
        return
    screen.add_class("-sources-open")
    if panels:
        panel = panels.first()
        panel.reveal()
    else:
        panel = SourcesPanel(id="sources")
        await screen.mount(panel)  # docked at the right, between the top bar and the keys
    panel.show(screen.reader.slide, screen.verifier, screen.item)
    panel.focus()


async def toggle_notes(screen: DeckScreen) -> None:
    """Show or hide the slide's speaker notes under the slide (mounted the first time)."""
    from textual.widgets import Static

    panes = screen.query("#notes")
    if panes:
        pane = panes.first()
        pane.display = not pane.display
    else:
        pane = Static(id="notes")
        pane.border_title = "Notes"
        await screen.query_one("#frame").mount(pane)
    if pane.display:
        show_notes(screen)


def show_notes(screen: DeckScreen) -> None:
    """Fill the notes pane with the current slide's notes (deck text, literal)."""
    from rich.text import Text

    for pane in screen.query("#notes"):
        notes = clean(screen.reader.slide.notes.strip())
        pane.update(Text(notes) if notes else Text("No notes on this slide.", "italic"))  # type: ignore[attr-defined]


def export(screen: DeckScreen) -> None:
    """Ask which format, then write the deck next to where briefing was started (asks before overwriting)."""
    from briefing.screens.export_choice import ExportChoiceScreen

    def chosen(fmt: str | None) -> None:
        if fmt:
            export_as(screen, fmt)

    screen.app.push_screen(ExportChoiceScreen(clean(screen.deck.path.stem)), chosen)


def export_as(screen: DeckScreen, fmt: str) -> None:
    """Write the deck in ``fmt`` (``md``, ``marp``, ``html``, ``pdf``) into the current folder."""
    from functools import partial

    from briefing.output.atomic import deck_files, write_atomic
    from briefing.output.formats import FORMATS, MissingFormat, render_text, write_pdf

    path = Path.cwd() / f"{screen.deck.path.stem}{FORMATS[fmt]}"
    keep = deck_files(screen.deck)
    deck, verifier = screen.deck, screen.verifier
    try:
        if fmt == "pdf":

            def write(path: Path, text: str, force: bool) -> None:
                write_pdf(deck, verifier, path, force, keep)

            _write(screen, write, path, "", force=False)
            return
        text = render_text(fmt, deck, verifier, notes=True)
    except MissingFormat as error:
        screen.notify(clean(f"Cannot export to {fmt}: {error}"), severity="error", markup=False)
        return
    # Never the deck or its sources, and only a regular file (see atomic).
    _write(screen, partial(write_atomic, keep=keep), path, text, force=False)


def _write(screen: DeckScreen, write: Write, path: Path, text: str, force: bool) -> None:
    from briefing.output.formats import MissingFormat
    from briefing.screens.confirm import ConfirmScreen

    try:
        write(path, text, force=force)
    except MissingFormat as error:
        screen.notify(clean(f"Cannot export: {error}"), severity="error", markup=False)
        return
    except FileExistsError:

        def answered(yes: bool | None) -> None:
            if yes:
                _write(screen, write, path, text, force=True)

        screen.app.push_screen(ConfirmScreen(f"{clean(path.name)} exists. Overwrite it?"), answered)
        return
    except OSError as error:
        screen.notify(
            clean(f"Could not write {path}: {error.strerror or error}"), severity="error", markup=False
        )
        return
    screen.notify(clean(f"Exported to {path}"), markup=False)
