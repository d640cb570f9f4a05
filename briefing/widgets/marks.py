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

from dataclasses import dataclass, field, replace
from itertools import chain, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol

from rich.color import Color
from rich.style import Style
from rich.text import Text

from briefing.core.model import STANCES, Deck, Gap, Item
from briefing.core.order import item_order
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
        app = widget.app
        key = (app.theme, app.console.color_system)
        palette = _PALETTES.get(key)
        if palette is None:
            palette = _PALETTES[key] = cls._read(widget).for_colours(
                app.console.color_system, app.current_theme.dark
            )
        return palette

    def for_colours(self, system: str | None, dark: bool) -> Palette:
        """This palette as it should look with the terminal's ``system`` of colours.

        The theme's soft colours all quantise to grey in 16 colours and the
        highlight to teal in 256, so there the marks take the terminal's
        own ANSI colours, and the highlight a grey.
        """
        if system in ("standard", "windows"):
            return ANSI_DARK if dark else ANSI_LIGHT
        if system == "256":
            return replace(self, selected=Style(bgcolor="grey23" if dark else "grey85"))
        return self

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


_PALETTES: dict[tuple[str, str | None], Palette] = {}


def _ansi(number: int, *, bold: bool = False, italic: bool = False) -> Style:
    """ANSI colour ``number`` (0-15) as a style that reaches the terminal as that colour.

    Named ANSI colours would not: Textual turns them into its own RGB
    values first. These are the VGA values Rich maps back to exactly that
    ANSI number in 16 colours, so the terminal draws its own palette.
    """
    return Style(color=Color.from_rgb(*_VGA[number]), bold=bold or None, italic=italic or None)


#: The VGA palette, which Rich uses to map RGB to the 16 ANSI colours.
_VGA = [
    (0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170), (0, 170, 170),
    (170, 170, 170), (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85), (85, 85, 255),
    (255, 85, 255), (85, 255, 255), (255, 255, 255),
]  # fmt: skip
_RED, _GREEN, _YELLOW, _BLUE, _MAGENTA = 1, 2, 3, 4, 5
_GREY, _BRIGHT = 7, 8  # _BRIGHT + n: the bright form of colour n

#: 16 colours on a dark background: the bright forms read best.
ANSI_DARK = Palette(
    title=_ansi(_BRIGHT + _BLUE, bold=True),
    muted=_DIM,
    accent=_ansi(_BRIGHT + _YELLOW, bold=True),
    ok=_ansi(_BRIGHT + _GREEN),
    bad=_ansi(_BRIGHT + _RED, bold=True),
    judgement=_ansi(_BRIGHT + _MAGENTA, italic=True),
    selected=Style(bgcolor=Color.from_rgb(*_VGA[_BRIGHT])),
    value=_ansi(_BRIGHT + _YELLOW, bold=True),
    stances={
        "leads": _ansi(_BRIGHT + _GREEN, bold=True),
        "supports": _ansi(_GREEN),
        "conditional": _ansi(_BRIGHT + _YELLOW),
        "cautious": _ansi(_YELLOW),
        "opposed": _ansi(_RED),
        "hostile": _ansi(_BRIGHT + _RED, bold=True),
    },
)
#: 16 colours on a light background: the normal forms keep their contrast.
ANSI_LIGHT = Palette(
    title=_ansi(_BLUE, bold=True),
    muted=_DIM,
    accent=_ansi(_BLUE, bold=True),
    ok=_ansi(_GREEN),
    bad=_ansi(_RED, bold=True),
    judgement=_ansi(_MAGENTA, italic=True),
    selected=Style(bgcolor=Color.from_rgb(*_VGA[_GREY])),
    value=_ansi(_BLUE, bold=True),
    stances={
        "leads": _ansi(_GREEN, bold=True),
        "supports": _ansi(_GREEN),
        "conditional": _ansi(_YELLOW),
        "cautious": _ansi(_YELLOW),
        "opposed": _ansi(_RED),
        "hostile": _ansi(_RED, bold=True),
    },
)


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
    if not parts:  # a gap may have none: what is not known has no passage that states it
        parts.append(Text("open" if isinstance(item, Gap) else "no source", palette.muted))
    chips = judgement_chips(item, ctx)  # stacked under the mark: the column stays narrow
    return Text("\n").join([Text(" ").join(parts), *chips]) if chips else Text(" ").join(parts)


def likelihood_band(item: Item, deck: Deck) -> str:
    """``likely 55–80%``: an item's likelihood with its band on the deck's scale ("" if none)."""
    if not item.likelihood:
        return ""
    from briefing.core.tradecraft import band_for  # only for a deck that states likelihoods

    band = band_for(deck.scale, item.likelihood)
    return f"{item.likelihood} {band.band}" if band is not None else item.likelihood


def judgement_chips(item: Item, ctx: RenderContext) -> list[Text]:
    """A judgement's confidence and likelihood, each a chip of its own (never one sentence: ICD 203)."""
    chips = []
    if item.confidence:
        chips.append(plain(f"▲ {item.confidence} conf.", ctx.palette.accent))
    if item.likelihood:
        chips.append(plain(f"≈ {likelihood_band(item, ctx.deck)}", ctx.palette.accent))
    return chips


def stance_mark(stance: str, palette: Palette) -> Text:
    """A stance as glyph and word, e.g. ``● supports``."""
    glyph = STANCE_GLYPHS.get(stance, "?")
    return Text.assemble((f"{glyph} {clean(stance)}", palette.stances.get(stance, Style())))


class _Positions:
    """Where a deck's items are drawn: ``id(item) -> (slide number, number on its slide)``.

    Numbers as drawn (:func:`~briefing.core.order.item_order`). Only a
    judgement's grounds are looked up, so nothing is built until one is
    shown: then the item-to-slide map (in C, no Python loop per item) and
    the order of the slides asked about only. Ordering every slide of a
    10,000-slide deck was most of its first screen's own work.
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self._slide_of: dict[int, int] | None = None
        self._numbers: dict[int, dict[int, int]] = {}  # slide number -> id(item) -> number

    def get(self, item: Item) -> tuple[int, int] | None:
        """``(slide number, number on its slide)`` of ``item``, or ``None`` if no slide holds it."""
        if self._slide_of is None:
            slides = self.deck.slides
            items = list(map(attrgetter("items"), slides))
            self._slide_of = dict(
                zip(
                    map(id, chain.from_iterable(items)),
                    chain.from_iterable(map(repeat, range(1, len(slides) + 1), map(len, items))),
                    strict=True,
                )
            )  # an item on two slides counts as on the later, as the old walk over every slide had it
        slide = self._slide_of.get(id(item))
        if slide is None:
            return None
        numbers = self._numbers.get(slide)
        if numbers is None:
            on_slide = self.deck.slides[slide - 1]
            numbers = self._numbers[slide] = {
                id(on_slide.items[index]): position
                for position, index in enumerate(item_order(on_slide), start=1)
            }
        return slide, numbers[id(item)]


def _positions(deck: Deck) -> _Positions:
    """The deck's :class:`_Positions` (one deck at a time)."""
    cached = _POSITIONS.get(id(deck))
    if cached is not None and cached.deck is deck:
        return cached
    _POSITIONS.clear()  # one deck at a time
    positions = _POSITIONS[id(deck)] = _Positions(deck)
    return positions


_POSITIONS: dict[int, _Positions] = {}


def _grounds(item: Item, deck: Deck) -> list[tuple[str, Item | None, str]]:
    """Each ground of judgement ``item``: its id, the item, and the number it is drawn with.

    The number is ``3`` for item 3 of the judgement's own slide, else
    ``3 (slide 4)``; ``?`` for an item that is not on any slide.
    """
    if not item.rests_on:  # most items: no need to know where anything is drawn
        return []
    positions = _positions(deck)
    here = (positions.get(item) or (0, 0))[0]
    grounds = []
    for item_id, target in deck.grounds(item):
        number = "?"
        found = positions.get(target) if target is not None else None
        if found is not None:
            slide, position = found
            number = str(position) if slide == here else f"{position} (slide {slide})"
        grounds.append((item_id, target, number))
    return grounds


def rests_on(item: Item, deck: Deck) -> list[str]:
    """The numbers of the items a judgement rests on (ids when unknown).

    Numbers, not the items' text: the items are on screen, usually just
    above, and repeating them pushed the slide's last lines out of view.
    """
    return [number if target is not None else item_id for item_id, target, number in _grounds(item, deck)]


def rests_on_labels(item: Item, deck: Deck) -> list[str]:
    """``3 Label of item three`` for each item a judgement rests on (the preview's longer form)."""
    return [
        f"{number} {target.label}" if target is not None else item_id
        for item_id, target, number in _grounds(item, deck)
    ]
