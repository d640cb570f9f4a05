"""Marks that carry meaning without colour: citation badges, stance glyphs.

A reader with ``NO_COLOR`` or colour blindness must still tell a verified
point from an unverified one and support from hostility, so every mark is a
glyph and a word first and a colour second. Colours come from the
stylesheet through a :class:`Palette` (its ``.p--*`` classes, resolved
once per theme), never from hex values in code.

Deck text is data: it always enters a :class:`rich.text.Text` through
:func:`plain` (cleaned of control characters), never through markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rich.style import Style
from rich.text import Text

from briefing.core.model import STANCES, Deck, Item
from briefing.core.textsafe import clean

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from briefing.core.verify import Verifier

#: One glyph per stance, strongest support first (see ``model.STANCES``).
STANCE_GLYPHS: dict[str, str] = {
    "leads": "◉",
    "supports": "●",
    "conditional": "◑",
    "cautious": "◐",
    "opposed": "○",
    "hostile": "✕",
    "unclear": "◌",
}


class StyledWidget(Protocol):
    """What :meth:`Palette.from_widget` needs of a widget (no Textual import here)."""

    @property
    def app(self) -> App[object]: ...  # pragma: no cover

    @property
    def screen(self) -> Screen[object]: ...  # pragma: no cover


_PLAIN, _BOLD, _DIM = Style(), Style(bold=True), Style(dim=True)
_ITALIC, _REVERSE = Style(italic=True), Style(reverse=True)


@dataclass(frozen=True)
class Palette:
    """The Rich styles a renderer uses; defaults work without any theme."""

    title: Style = _BOLD
    muted: Style = _DIM
    accent: Style = _BOLD
    ok: Style = _PLAIN
    bad: Style = _BOLD
    judgement: Style = _ITALIC
    selected: Style = _REVERSE
    value: Style = _BOLD
    stances: dict[str, Style] = field(default_factory=dict)

    @classmethod
    def from_widget(cls, widget: StyledWidget) -> Palette:
        """The palette of the widget's app, for its current theme.

        The ``p--*`` classes are resolved once per theme, against the
        screen (whose background the slide shows through), and the result
        is shared by every widget. No widget declares them as component
        classes: Textual styles a widget's component classes each time it
        styles the widget (twice before the first paint), and these
        fourteen were most of the start-up's style work.
        """
        theme = widget.app.theme
        palette = _PALETTES.get(theme)
        if palette is None:
            palette = _PALETTES[theme] = cls._read(widget)
        return palette

    @classmethod
    def _read(cls, widget: StyledWidget) -> Palette:
        """Resolve each class as Textual does a component class, keeping the text style.

        Textual resolves theme colours (``$text-muted`` is a colour with
        alpha) only for full styles, which also carry a background; the
        background is dropped so a highlighted row's background shows
        through styled text.
        """
        from textual.dom import DOMNode

        from briefing.widgets.compat import attach

        stylesheet = widget.app.stylesheet
        screen = widget.screen

        def resolved(name: str) -> Style:
            node = DOMNode(classes=f"p--{name}")
            attach(node, screen)
            stylesheet.apply(node, animate=False)
            return node.rich_style

        def get(name: str) -> Style:
            style = resolved(name)
            return Style(
                color=style.color,
                bold=style.bold,
                italic=style.italic,
                underline=style.underline,
                dim=style.dim,
            )

        return cls(
            title=get("title"),
            muted=get("muted"),
            accent=get("accent"),
            ok=get("ok"),
            bad=get("bad"),
            judgement=get("judgement"),
            selected=Style(bgcolor=resolved("selected").bgcolor),
            value=get("value"),
            stances={stance: get(f"stance-{stance}") for stance in STANCES},
        )


_PALETTES: dict[str, Palette] = {}


@dataclass(frozen=True)
class RenderContext:
    """Everything a slide renderer needs besides the slide itself."""

    deck: Deck
    verifier: Verifier
    palette: Palette = Palette()


def plain(text: str, style: Style | str = "") -> Text:
    """Deck or source text as a literal Text: no markup, no control chars."""
    return Text(clean(text), style=style)


def item_meta(index: int) -> Style:
    """A style that tags rendered cells with the item they belong to.

    The slide widget reads it back from a mouse click (``event.style.meta``)
    and uses it to find where an item was drawn.
    """
    return Style(meta={"item": index})


def citation_counts(item: Item, verifier: Verifier) -> tuple[int, int]:
    """How many of an item's citations are verified, and how many are not."""
    verified = sum(verifier.result(c).status == "verified" for c in item.citations)
    return verified, len(item.citations) - verified


def badge(item: Item, ctx: RenderContext) -> Text:
    """The citation badge: ``✎ draft``, ``✓ 2``, ``✗ 1``, ``◆ judgement``."""
    palette = ctx.palette
    verified, unverified = citation_counts(item, ctx.verifier)
    parts: list[Text] = []
    if item.draft:  # proposed by `briefing draft`, not yet reviewed
        parts.append(Text("✎ draft", palette.muted))
    if item.judgement:
        parts.append(Text("◆ judgement", palette.judgement))
    if verified:
        parts.append(Text(f"✓ {verified}", palette.ok))
    if unverified:
        parts.append(Text(f"✗ {unverified}", palette.bad))
    if not parts:
        parts.append(Text("no source", palette.muted))
    return Text(" ").join(parts)


def stance_mark(stance: str, palette: Palette) -> Text:
    """A stance as glyph and word, e.g. ``● supports``."""
    glyph = STANCE_GLYPHS.get(stance, "?")
    return Text.assemble((f"{glyph} {clean(stance)}", palette.stances.get(stance, Style())))


def rests_on(item: Item, deck: Deck) -> list[str]:
    """Labels of the items a judgement rests on (ids when unknown)."""
    return [target.label if target is not None else item_id for item_id, target in deck.grounds(item)]
