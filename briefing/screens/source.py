"""The source view screen: an item's cited passage inside the whole article.

A reader drills from a slide item into its source to see the exact words
that back it, in context; from there ``n``/``N`` walk every passage the
deck cites, and ``Enter`` jumps back to the slide that cites the one on
screen. The way back (``Esc``) always restores the slide and item the
reader came from.

An item with several citations opens on its first one, with ``Tab`` to
cycle (the passage is visible at once, which reads better than a list to
pick from first); a judgement opens on the citations of the items it
rests on. A quote that did not verify is never shown as if it had: the
closest passage gets the warning style under a "not verified" banner.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.core import foreground
from briefing.core.drill import Backing, CitedPassage, backings, item_label, shared_index
from briefing.core.model import Citation, Deck
from briefing.core.textsafe import clean
from briefing.widgets.key_bar import KeyBar
from briefing.widgets.source_layout import WINDOW_MIN, prepare
from briefing.widgets.source_view import SourceView

if TYPE_CHECKING:
    from briefing.core.verify import Verifier

ItemRef = tuple[int, int]


class SourceScreen(Screen[ItemRef | None]):
    """A whole source with one passage highlighted; dismisses with where to go.

    Dismisses with ``None`` on ``Esc`` (back to where the reader was) or
    with ``(slide_index, item_index)`` of the item citing the passage on
    ``Enter``.
    """

    AUTO_FOCUS = "SourceView"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Esc first: the key bar drops keys from the end when narrow, never the way back.
        Binding("escape", "back", "back", key_display="esc"),
        Binding("n", "step(True)", "next passage", key_display="n"),
        Binding("right_square_bracket", "step(True)", "next passage", show=False),
        Binding("N", "step(False)", "previous", key_display="N"),
        Binding("left_square_bracket", "step(False)", "previous", show=False),
        Binding("enter", "go_to_slide", "go to the slide", key_display="⏎"),
        Binding("tab", "cycle(1)", "item's next citation", key_display="tab"),
        Binding("shift+tab", "cycle(-1)", "previous citation", show=False),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("v", "pick", "pick a quote", key_display="v", show=False),
        Binding("w", "extend('word+')", "word more", show=False),
        Binding("b", "extend('word-')", "word less", show=False),
        Binding("right_parenthesis", "extend('sentence+')", "sentence more", show=False),
        Binding("left_parenthesis", "extend('sentence-')", "sentence less", show=False),
        Binding("y", "copy_quote", "copy the citation", show=False),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(
        self, deck: Deck, verifier: Verifier, slide_index: int, item_index: int, citation_index: int = 0
    ) -> None:
        """Open on one citation of an item.

        Args:
            deck: the deck.
            verifier: its verifier (results are cached there).
            slide_index: 0-based slide of the item; negative for no item.
            item_index: 0-based item on that slide; negative for no item.
            citation_index: which of the item's backing citations to show.
        """
        super().__init__()
        # The reader waits for this screen: background work (the warm-up of a
        # 10 MB source, say) steps aside until its first frame is out.
        foreground.busy()
        self.deck = deck
        self.verifier = verifier
        self.index = shared_index(deck, verifier)
        has_item = 0 <= slide_index < len(deck.slides) and 0 <= item_index < len(
            deck.slides[slide_index].items
        )
        self.origin: ItemRef | None = (slide_index, item_index) if has_item else None
        """The item the reader drilled from, or ``None``."""
        self.backings: tuple[Backing, ...] = backings(deck, slide_index, item_index) if has_item else ()
        """The citations behind that item (its own, or what a judgement rests on)."""
        self.backing_number = max(0, min(citation_index, len(self.backings) - 1))
        self.source_id = ""
        """The source on screen."""
        self.position: tuple[int, int] = (-1, -1)
        """Offsets of the passage on screen, ``(-1, -1)`` at the top of a source."""
        self.citing: tuple[CitedPassage, ...] = ()
        """The verified citations of the passage on screen (empty if unverified)."""
        self.verified = False
        """Whether the highlight is a verified passage."""
        self._first_source = deck.sources[0].id if deck.sources else ""
        self.view = SourceView(id="source-text")
        self._title = Static(id="source-title")
        self._from = Static(id="source-from")
        self._status = Static(id="source-status")
        self._banner = Static(id="source-banner")
        self._passage = Static(id="source-passage")

    @classmethod
    def for_source(cls, deck: Deck, verifier: Verifier, source_id: str) -> SourceScreen:
        """Open a source at its top, with no item and nothing highlighted."""
        screen = cls(deck, verifier, -1, -1)
        screen._first_source = source_id
        return screen

    @property
    def highlight(self) -> tuple[int, int] | None:
        """The highlighted offsets in the source text, or ``None``."""
        return self.view.highlight

    def compose(self) -> ComposeResult:
        """Header lines, the text, a status line and the keys.

        The first passage is chosen here, before the first layout, so the
        screen's first frame already shows it highlighted (and, when the
        warm-up has indexed its source, the other cited passages too).
        """
        if self.backings:
            source_id = self.backings[self.backing_number].citation.source_id
            self._show_backing(self.backing_number, defer=not self.index.ready(source_id))
        else:
            self._open_source(self._first_source, mark=False)
            self._highlight(None, verified=False, defer=True)
            note = "" if self.origin is None else "This item cites no passage."
            self._set_header("", "", note, note_kind="-note")
        yield self._title
        with Horizontal(id="source-where"):
            yield self._from
            yield self._status
        yield self._banner
        yield self.view
        yield self._passage
        yield KeyBar(self._keys())

    def _keys(self) -> list[tuple[str, str, str]]:
        """The keys to show: back and help first (a narrow bar drops keys from the end), quit last."""
        shown = []
        help_key = [b for b in self.BINDINGS if isinstance(b, Binding) and b.key == "question_mark"]
        quit_key = [b for b in self.BINDINGS if isinstance(b, Binding) and b.key == "q"]
        own = [b for b in self.BINDINGS if b not in help_key and b not in quit_key]
        for binding in [*own[:1], *help_key, *own[1:], *SourceView.BINDINGS, *quit_key]:
            action = binding.action.partition("(")[0] if isinstance(binding, Binding) else ""
            if isinstance(binding, Binding) and binding.show and self.check_action(action, ()):
                shown.append((binding.key_display or binding.key, binding.description, binding.key))
        return shown

    def on_mount(self) -> None:
        """Mark the source's other cited passages once the first frame is out.

        Marking them means verifying every citation of the source, which
        for a long source with many citations costs more than drawing the
        screen; the reader sees the passage first. (Usually
        :func:`warm_up` has done it already, and this costs nothing.)
        """
        self.call_after_refresh(foreground.idle)
        if not self.citing:
            self.call_after_refresh(self._mark_when_indexed)

    class Indexed(Message, bubble=False):
        """A thread has verified and indexed a source's citations (see :meth:`_mark_when_indexed`)."""

        def __init__(self, source_id: str) -> None:
            super().__init__()
            self.source_id = source_id

    def _mark_when_indexed(self) -> None:
        """Mark the source now if its citations are indexed, else once a thread has indexed them.

        Indexing a 10 MB source's 80 citations takes a quarter of a second
        (each verified against the whole normal form): done here, it would
        hold up the reader's next key, ``Esc`` included. So a long source
        (see :data:`~briefing.widgets.source_layout.WINDOW_MIN`) is indexed
        in a thread, which waits for the warm-up if that is indexing it.
        """
        source_id, index = self.source_id, self.index
        text = self.view.source
        if not source_id or index.ready(source_id) or len(text) <= WINDOW_MIN:
            self._mark_source()
            return

        def work() -> None:
            try:
                index.spans(source_id)
            except Exception:  # the source view marks it itself when asked (n, N, Enter)
                return
            self.post_message(self.Indexed(source_id))  # thread-safe; dropped once the screen is gone

        threading.Thread(target=work, name="index-source", daemon=True).start()

    def on_source_screen_indexed(self, message: Indexed) -> None:
        """Mark the source's passages, if it is still the one on screen."""
        if message.source_id == self.source_id:
            self._mark_source()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide ``Tab`` unless the item has several citations."""
        if action == "cycle":
            return len(self.backings) > 1
        return True

    # -- actions -----------------------------------------------------------

    def action_step(self, forward: bool) -> None:
        """Go to the next (or previous) passage the deck cites, across sources."""
        passage = self.index.step(self.source_id or self._first_source, *self.position, forward=forward)
        if not passage:
            self.notify("The deck cites no verified passage.", severity="warning")
            return
        first = passage[0]
        self._open_source(first.source_id)
        self._highlight(first.span, verified=self.verifier.source_text(first.source_id) is not None)
        cited_by = ", ".join(item_label(self.deck, e.slide_index, e.item_index) for e in _items(passage))
        self._set_header(f"cited by: {cited_by}", self._citation_number(first), "")

    def action_cycle(self, step: int) -> None:
        """Show the item's next (or previous) citation."""
        if len(self.backings) > 1:
            self._show_backing((self.backing_number + step) % len(self.backings))

    def action_go_to_slide(self) -> None:
        """Dismiss with the item citing the passage (ask when several do)."""
        if self.verified and not self.citing:
            self._mark_source()
        items = _items(self.citing)
        if len(items) == 1:
            self.dismiss((items[0].slide_index, items[0].item_index))
        elif items:
            choices = [((e.slide_index, e.item_index), _choice_label(self.deck, *_ref(e))) for e in items]
            self.app.push_screen(CitingItemChooser(choices), self._chosen)
        elif self.origin is not None:
            self.dismiss(self.origin)
        else:
            self.notify("No passage is selected: press n to go to the first cited passage.")

    def action_help(self) -> None:
        """The source view's keys and the marks."""
        from briefing.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("source"))

    def action_back(self) -> None:
        """Drop the selection if there is one; else return to where the reader came from."""
        if self.view.selection is not None:
            self.view.select(None)
            return
        self.dismiss(None)

    def action_pick(self) -> None:
        """Start picking a quote (the passage on screen, else the first word shown), or stop."""
        from briefing.screens import source_picker

        source_picker.toggle(self)

    def action_extend(self, how: str) -> None:
        """Grow or shrink the picked quote by a word or a sentence."""
        from briefing.screens import source_picker

        source_picker.extend(self, how)

    def action_copy_quote(self) -> None:
        """Copy the picked quote as a citation line, ready to paste under ``cite:``."""
        from briefing.screens import source_picker

        source_picker.copy(self)

    def _chosen(self, choice: ItemRef | None) -> None:
        if choice is not None:
            self.dismiss(choice)

    # -- showing -----------------------------------------------------------

    def _show_backing(self, number: int, defer: bool = False) -> None:
        """Show one backing citation of the origin item.

        Args:
            number: which of :attr:`backings`.
            defer: leave the source's other passages (and who cites this
                one) to :meth:`_mark_source`, for a fast first frame.
        """
        self.backing_number = number
        backing = self.backings[number]
        citation = backing.citation
        self._open_source(citation.source_id, mark=not defer)  # first: it checks the path again
        result = self.verifier.result(citation)
        self.view.set_own(self._own_spans(citation.source_id))
        where = item_label(self.deck, *_ref(backing))
        if backing.via_judgement and self.origin is not None:
            where = f"{item_label(self.deck, *self.origin)} (judgement) → {where}"
        count = len(self.backings)
        of_item = f"{number + 1} of {count} · " if count > 1 else ""
        number_text = f"{of_item}{self._citation_number(citation)}"
        if result.verified and result.start is not None and result.end is not None:
            self._highlight((result.start, result.end), verified=True, defer=defer)
            note = self._judgement_note() if backing.via_judgement else ""
            self._set_header(f"from: {where}", number_text, note, note_kind="-note")
            return
        near = (result.near_start, result.near_end)
        if near[0] is not None and near[1] is not None:
            self._highlight((near[0], near[1]), verified=False, defer=defer)
            shown = "The closest passage is marked; it is not the quote."
        else:
            self._highlight(None, verified=False, defer=defer)
            shown = "No close passage was found."
        status = "ambiguous" if result.status == "ambiguous" else "not verified"
        reason = clean(result.message) or "the quote could not be checked"
        self._set_header(f"from: {where}", number_text, f"✗ {status}: {reason} {shown}", status=status)

    def _own_spans(self, source_id: str) -> list[tuple[int, int]]:
        """The verified passages in ``source_id`` of every citation behind the item."""
        spans = []
        for backing in self.backings:
            result = self.verifier.result(backing.citation)
            if backing.citation.source_id == source_id and result.verified and result.start is not None:
                spans.append((result.start, result.end if result.end is not None else result.start))
        return spans

    def _judgement_note(self) -> str:
        """Says what a judgement rests on, and how to step through it."""
        named = ", ".join(_choice_label(self.deck, *ref) for ref in _items_of(self.backings))
        return (
            f"The author's judgement, not the source's words. It rests on {named}; "
            "tab steps through their citations."
        )

    def _open_source(self, source_id: str, mark: bool = True) -> None:
        """Load a source's text into the view (only when it changes).

        Args:
            source_id: the source to show.
            mark: also mark every passage the deck cites in it (else
                :meth:`_mark_source` does, later).
        """
        if source_id == self.source_id and self.view.source:
            return
        self.verifier.recheck(source_id)  # it may have been swapped since it was read
        self.source_id = source_id
        self.position = (-1, -1)
        source = self.deck.source(source_id)
        text = self.verifier.source_text(source_id)
        if text is None:
            self.view.load("")
        else:
            self.view.load(text.text, text.paragraph_starts, self.index.spans(source_id) if mark else ())
        name = clean(source.display_name if source else source_id)
        title = Content.assemble(("Source · ", "bold"), (name, "bold"))
        details = (
            [clean(part) for part in (source.publisher, source.date, source.path) if part] if source else []
        )
        if source is not None and source.grade:  # Admiralty grade, beside every citation of the source
            details.insert(0, f"graded {clean(source.grade)}")
        if details:
            title = Content.assemble(title, "  ", (" · ".join(details), "dim"))
        self._title.update(title)

    def _mark_source(self) -> None:
        """Mark the source's cited passages and find who cites the current one."""
        self.view.set_cited(self.index.spans(self.source_id))
        self._highlight(self.view.highlight, self.verified)

    def _highlight(self, span: tuple[int, int] | None, verified: bool, defer: bool = False) -> None:
        """Highlight a passage (or a suggestion) and say who cites it."""
        if span != self.view.highlight or verified != self.verified:
            self.view.show_passage(span, "current" if verified else "suggestion")
        self.position = span or (-1, -1)
        self.verified = verified
        self.citing = self.index.citing(self.source_id, *span) if span and verified and not defer else ()
        if self.citing:
            number = self.index.number(self.source_id, *self.citing[0].span)
            count = self.index.count(self.source_id)
            cited_by = "; ".join(_choice_label(self.deck, *_ref(e)) for e in _items(self.citing))
            self._passage.update(
                Content(clean(f"passage {number} of {count} in this source · cited by {cited_by}"))
            )
        elif not defer:
            self._passage.update(Content("n: next cited passage · N: previous"))

    def _citation_number(self, citation_or_entry: Citation | CitedPassage) -> str:
        if isinstance(citation_or_entry, CitedPassage):
            entry = citation_or_entry
            citation = (
                self.deck.slides[entry.slide_index].items[entry.item_index].citations[entry.citation_index]
            )
        else:
            citation = citation_or_entry
        return f"citation {self.index.ordinal(citation)} of {self.index.citation_count}"

    def _set_header(
        self, where: str, number: str, note: str, *, status: str = "", note_kind: str = ""
    ) -> None:
        """Fill the "from" line, the status and the banner.

        Args:
            where: which item the passage comes from (deck text, literal).
            number: e.g. ``citation 3 of 48``.
            note: the banner text, or empty to hide it.
            status: ``""`` when verified, else the word to show.
            note_kind: ``-note`` for an informative banner, else an error one.
        """
        self._from.update(Content(clean(where)))
        if status:
            self._status.update(Content.assemble(number, "   ", (f"✗ {status}", "bold")))
        elif self.verified:
            self._status.update(Content.assemble(number, "   ", "✓ verified"))
        else:
            self._status.update(Content(number))
        self._status.set_class(bool(status), "-unverified")
        self._status.set_class(not status and self.verified, "-verified")
        self._banner.update(Content(clean(note)))
        self._banner.display = bool(note)
        self._banner.set_class(note_kind == "-note", "-note")


def warm_up(deck: Deck, verifier: Verifier, slide_index: int, cancelled: Callable[[], bool] = bool) -> None:
    """Get ready for ``Enter`` on any item of a slide, off the UI thread.

    The deck screen runs this in a worker thread once a slide is on
    screen. It reads and prepares each source the slide's items cite (the
    display text and its lines, see :func:`prepare`) and verifies and
    indexes every citation of those sources, which is what the source view
    would otherwise do between ``Enter`` and its first frame: about 35 ms
    for a 1 MB source with 80 citations. Importing this module is part of
    the warm-up too. Everything it fills is a cache, so the source view
    works the same (only slower) if the warm-up has not run.

    Args:
        deck: the deck.
        verifier: its verifier (thread-safe; results are cached there).
        slide_index: the slide on screen.
        cancelled: polled between sources; ``True`` stops the warm-up.
    """
    if not 0 <= slide_index < len(deck.slides):
        return
    index = shared_index(deck, verifier)
    sources: list[str] = []
    for item_index in range(len(deck.slides[slide_index].items)):
        for backing in backings(deck, slide_index, item_index):
            if backing.citation.source_id not in sources:
                sources.append(backing.citation.source_id)
    for source_id in sources:
        if cancelled():
            return
        text = verifier.source_text(source_id)
        if text is not None:
            prepare(text.text)
        index.spans(source_id)


class CitingItemChooser(ModalScreen[ItemRef | None]):
    """Asks which of several items citing one passage to jump to."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "cancel", key_display="esc")]

    def __init__(self, choices: list[tuple[ItemRef, str]]) -> None:
        """Offer ``choices``: ``((slide_index, item_index), label)`` pairs."""
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        """A title and the list."""
        with Vertical(id="chooser"):
            yield Static(Content("Several items cite this passage: go to which?"), id="chooser-title")
            yield OptionList(*(Option(Content(clean(label))) for _, label in self.choices))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][0])


def _items(passage: tuple[CitedPassage, ...]) -> list[CitedPassage]:
    """One entry per citing item (an item may cite a passage twice)."""
    seen: set[ItemRef] = set()
    out = []
    for entry in passage:
        key = (entry.slide_index, entry.item_index)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _ref(found: CitedPassage | Backing) -> ItemRef:
    """The ``(slide_index, item_index)`` of a passage entry or a backing."""
    return found.slide_index, found.item_index


def _items_of(found: tuple[Backing, ...]) -> list[ItemRef]:
    """The distinct items holding some backing citations, in order."""
    refs: list[ItemRef] = []
    for backing in found:
        ref = (backing.slide_index, backing.item_index)
        if ref not in refs:
            refs.append(ref)
    return refs


def _choice_label(deck: Deck, slide_index: int, item_index: int) -> str:
    """``Objectives › 1 “Deterrence: …”`` for lists of citing items."""
    label = deck.slides[slide_index].items[item_index].label
    short = label if len(label) <= 48 else label[:47] + "…"
    return f"{item_label(deck, slide_index, item_index)} “{short}”"
