"""The notes view's passage: the highlighted item's quote inside its paragraph, with its ¶.

So the presenter can answer "where does that come from?" without leaving
the slide: the source's own words around the quote, the quote marked. A
quote that did not verify is never shown as found: its status is said and
the words are shown as the deck wrote them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from briefing.core.model import Deck, Item
from briefing.widgets.marks import Palette, plain, rests_on_labels

if TYPE_CHECKING:
    from briefing.core.verify import Verifier

#: Characters of the paragraph kept either side of the quote (a long paragraph is cut with "…").
CONTEXT = 320


def paragraph_span(starts: list[int], text: str, first: int, last: int) -> tuple[int, int]:
    """Offsets of paragraphs ``first``..``last`` (1-based) in ``text``, trailing white space dropped."""
    start = starts[first - 1] if 0 < first <= len(starts) else 0
    end = starts[last] if last < len(starts) else len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def passage_text(
    deck: Deck, verifier: Verifier, item: Item | None, citation: int, palette: Palette, shown: bool
) -> Text:
    """The passage of ``item``'s citation number ``citation``, headed by where it is.

    ``shown``: the audience sees this passage in the source view now (said first).
    """
    text = Text()
    if shown:
        text.append("▶ on the audience screen: the source view\n", palette.accent)
    if item is None:
        text.append("No item highlighted.", palette.muted)
        return text
    if not item.citations:
        text.append("◆ judgement", palette.judgement)
        labels = rests_on_labels(item, deck)
        if labels:
            text.append(" — rests on ", palette.muted)
            text.append_text(plain("; ".join(labels)))
        return text
    cited = item.citations[min(max(citation, 0), len(item.citations) - 1)]
    source = deck.source(cited.source_id)
    name = source.display_name if source is not None else cited.source_id
    result = verifier.result(cited)
    body = verifier.source_text(cited.source_id)
    if not result.verified or body is None or result.start is None or result.end is None:
        text.append(f"✗ {result.status.replace('_', ' ')}", palette.bad)
        text.append_text(plain(f" · {name}\n", palette.muted))
        text.append_text(plain(cited.quote, "italic"))
        return text
    more = f"  (citation {citation + 1} of {len(item.citations)})" if len(item.citations) > 1 else ""
    text.append("✓ ", palette.ok)
    text.append_text(plain(f"{name} · {result.paragraph_label}{more}\n", palette.muted))
    first = result.paragraph or 1
    para_start, para_end = paragraph_span(
        body.paragraph_starts, body.text, first, result.end_paragraph or first
    )
    start = max(para_start, result.start - CONTEXT)
    end = min(max(para_end, result.end), result.end + CONTEXT)
    if start > para_start:
        text.append("…", palette.muted)
    text.append_text(plain(body.text[start : result.start]))
    text.append_text(plain(body.text[result.start : result.end], palette.selected + Style(bold=True)))
    text.append_text(plain(body.text[result.end : end]))
    if end < para_end:
        text.append("…", palette.muted)
    return text


class PassagePane(Static):
    """Shows :func:`passage_text` for one item (a literal Text: source text is data)."""

    def show(self, deck: Deck, verifier: Verifier, item: Item | None, citation: int, shown: bool) -> None:
        """Show ``item``'s passage (``shown``: the audience sees it too)."""
        self.set_class(shown, "-shown")
        self.update(passage_text(deck, verifier, item, citation, Palette.from_widget(self), shown))
