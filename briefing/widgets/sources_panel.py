"""The citations panel (``s``): every citation on the current slide, one key away.

Each entry shows the status, which item it backs, where it is in the source
and the quote itself. Highlighting an entry highlights its item on the
slide; ``Enter`` drills into it. The panel is mounted the first time the
reader asks for it, so start-up never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.core.model import Slide
from briefing.core.order import item_order
from briefing.widgets.key_bar import ITEM_GROUP
from briefing.widgets.marks import Palette, plain

if TYPE_CHECKING:
    from briefing.core.verify import Verifier


def citation_entries(
    slide: Slide, verifier: Verifier, palette: Palette | None = None
) -> list[tuple[int, int, Text]]:
    """``(item_index, citation_index, prompt)`` for every citation, in display order."""
    palette = palette or Palette()
    entries = []
    sources = {source.id: source for source in verifier.deck.sources}
    graded = any(source.grade for source in sources.values())
    for number, item_index in enumerate(item_order(slide), start=1):
        for cite_index, citation in enumerate(slide.items[item_index].citations):
            result = verifier.result(citation)
            ok = result.status == "verified"
            head = Text.assemble(("✓ " if ok else "✗ ", palette.ok if ok else palette.bad))
            head.append(f"{number}.{cite_index + 1}  ")
            head.append_text(plain(citation.source_id, palette.muted))
            source = sources.get(citation.source_id)
            if source is not None and source.grade:
                head.append_text(plain(f" {source.grade}", palette.accent))
            if ok and result.paragraph:
                head.append(f" · {result.paragraph_label}", palette.muted)
            if not ok:
                head.append(" · " + result.status.replace("_", " "), palette.bad)
            head.append("\n")
            head.append_text(plain(f"“{citation.quote}”", "italic"))
            entries.append((item_index, cite_index, head))
    if graded:  # best-graded sources first (A1 … F6, then ungraded); stable, so item order within a grade
        from briefing.core.tradecraft import grade_key

        def key(entry: tuple[int, int, Text]) -> tuple[str, str]:
            source = sources.get(slide.items[entry[0]].citations[entry[1]].source_id)
            return grade_key(source.reliability, source.credibility) if source else grade_key("", "")

        entries.sort(key=key)
    return entries


class SourcesPanel(OptionList):
    """The current slide's citations; ``Enter`` drills into one.

    ``j``/``k`` move like ``↓``/``↑`` (as everywhere in briefing). The panel
    cannot hold focus while it is hidden (:meth:`hide`), so ``Enter`` after
    closing it always goes to the slide's highlight.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "item", key_display="↑", group=ITEM_GROUP),
        Binding("down,j", "cursor_down", "item", key_display="↓", group=ITEM_GROUP),
    ]

    class Drill(Message):
        """The reader chose a citation to open in the source view."""

        def __init__(self, item_index: int, citation_index: int) -> None:
            super().__init__()
            self.item_index, self.citation_index = item_index, citation_index

    class Highlight(Message):
        """The reader moved to a citation of item ``item_index``."""

        def __init__(self, item_index: int) -> None:
            super().__init__()
            self.item_index = item_index

    def show(self, slide: Slide, verifier: Verifier, item_index: int | None = None) -> None:
        """List ``slide``'s citations, highlighting the first of ``item_index``."""
        entries = citation_entries(slide, verifier, Palette.from_widget(self))
        self._targets = [(item, cite) for item, cite, _ in entries]
        self.set_options(Option(prompt) for _, _, prompt in entries)
        self.border_title = f"Citations · {len(entries)}"
        for position, (item, _) in enumerate(self._targets):
            if item == item_index:
                self.highlighted = position
                break

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out ``↑`` on the first citation and ``↓`` on the last, as the slide does."""
        last = self.option_count - 1
        if action == "cursor_up" and self.highlighted in (0, None):
            return None
        if action == "cursor_down" and (self.highlighted is None or self.highlighted >= last):
            return None
        return True

    def reveal(self) -> None:
        """Show the panel; it may take focus again."""
        self.can_focus = True
        self.display = True

    def hide(self) -> None:
        """Hide the panel and give up focus: a hidden widget must not take keys."""
        self.display = False
        self.can_focus = False
        if self.has_focus:
            self.screen.set_focus(None)

    def follow(self, item_index: int | None) -> None:
        """Move to the first citation of ``item_index`` unless one of its citations is highlighted."""
        targets = getattr(self, "_targets", [])
        here = self.highlighted
        if here is not None and here < len(targets) and targets[here][0] == item_index:
            return
        for position, (item, _) in enumerate(targets):
            if item == item_index:
                self.highlighted = position
                return
        self.highlighted = None  # the item cites nothing itself (a judgement)

    def action_select(self) -> None:
        """``Enter``: open the highlighted citation, or (none highlighted) the slide's highlighted item."""
        if self.highlighted is None:
            self.post_message(self.Drill(-1, 0))
        else:
            super().action_select()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn a choice into a :class:`Drill` request."""
        event.stop()
        item, cite = self._targets[event.option_index]
        self.post_message(self.Drill(item, cite))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the slide's highlight on the item this citation backs."""
        event.stop()
        self.refresh_bindings()
        if event.option_index < len(self._targets):
            self.post_message(self.Highlight(self._targets[event.option_index][0]))
