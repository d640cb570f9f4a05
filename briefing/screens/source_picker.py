"""Pick a quote in the source view: the keys that select a span and copy its citation.

Plain functions of the source screen, apart from ``source.py`` so that it
reads as navigation. The rules (word snapping, sentences, the citation
line) are :mod:`briefing.core.picker`'s; here they meet the view's
selection and the clipboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.core import picker
from briefing.core.textsafe import clean

if TYPE_CHECKING:
    from briefing.screens.source import SourceScreen


def start(screen: SourceScreen) -> tuple[int, int] | None:
    """Start a selection: the passage on screen, else the first word at the top; ``None``: no text."""
    view = screen.view
    text = view.text
    if not text:
        return None
    if view.highlight is not None:
        span = picker.snap(text, *view.highlight)
    else:
        span = picker.word_at(text, view.top_offset())
    view.select(span)
    return span


def toggle(screen: SourceScreen) -> None:
    """``v``: start a selection, or drop the one there is."""
    if screen.view.selection is not None:
        screen.view.select(None)
    else:
        start(screen)


def extend(screen: SourceScreen, how: str) -> None:
    """Grow or shrink the selection's end: ``word+``, ``word-``, ``sentence+``, ``sentence-``."""
    view = screen.view
    span = view.selection or start(screen)
    if span is None:
        return
    text, (low, high) = view.text, span
    if how == "word+":
        high = picker.next_word_end(text, high)
    elif how == "word-":
        high = picker.previous_word_end(text, low, high)
    elif how == "sentence+":
        end = picker.sentence_end(text, high)
        high = end if end > high else picker.sentence_end(text, picker.next_word_end(text, high))
    elif how == "sentence-":
        back = picker.sentence_start(text, max(low, high - 1))
        high = back if low < back < high else picker.previous_word_end(text, low, high)
        high = picker.snap(text, low, high)[1]
    view.select((low, high))


def copy(screen: SourceScreen) -> None:
    """``y``: copy the selection's citation line (to paste under ``cite:``) and show it."""
    view = screen.view
    span = view.selection or start(screen)
    source = screen.verifier.source_text(screen.source_id) if screen.source_id else None
    if span is None or source is None:
        screen.notify("No source text to quote from.", severity="warning", markup=False)
        return
    picked = picker.pick(source, *span, source_id=screen.source_id)
    if not picked.quote:
        screen.notify("Nothing is selected.", severity="warning", markup=False)
        return
    screen.app.copy_to_clipboard(picked.line)
    if picked.verified:
        screen.notify(clean(picked.line), title="Copied: paste it under cite:", timeout=8, markup=False)
    else:
        screen.notify(
            clean(f"{picked.line}\n(this would not verify: {picked.message})"),
            title="Copied, but check it",
            severity="warning",
            timeout=10,
            markup=False,
        )
