"""Every slide kind, declared once: its name, where its items go, what they hold, their order.

The loader builds items from these entries (it has no per-kind code), the
order of items comes from the rule an entry names, and the UI's renderers
are a table keyed by the same names; ``tests/test_kinds.py`` names any
kind that lacks one of its parts. A new kind is: its item class
in :mod:`briefing.core.model`, an entry here, a render function and its
line in ``briefing.widgets.slide_view.RENDERERS``, an exporter entry, its
row in ``docs/deck-format.md`` and a slide in ``tests/data/kinds/``.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.core.model import STANCES, Figure, Gap, Item, Point, Quote, Reaction

#: Keys every item takes, whatever its kind: what backs it, its name and its review state.
COMMON_ITEM_KEYS: frozenset[str] = frozenset(
    {"id", "cite", "judgement", "rests_on", "draft", "confidence", "likelihood"}
)


class ItemField(NamedTuple):
    """One key an item of a kind may carry, besides :data:`COMMON_ITEM_KEYS`.

    Named tuples, not dataclasses: the viewer imports this module at
    start-up, and a dataclass costs a fraction of a millisecond to create.

    Attributes:
        key: the key in the deck file.
        attr: the item class's attribute it fills.
        required: the item is refused without it.
        choices: the only values allowed (empty: any text); for required fields.
        cites: the item shows this text in quotation marks, so the source
            must hold it verbatim: it is the item's citation when the item
            has no ``cite`` (see ``_DeckBuilder.displayed_quote`` in the loader).
    """

    key: str
    attr: str
    required: bool
    choices: tuple[str, ...]
    cites: bool


def required(key: str, attr: str = "", choices: tuple[str, ...] = (), cites: bool = False) -> ItemField:
    """A key the item cannot do without (filling attribute ``attr``, else ``key``)."""
    return ItemField(key, attr or key, True, choices, cites)


def optional(key: str, attr: str = "", cites: bool = False) -> ItemField:
    """A key the item may leave out (its attribute is then empty text)."""
    return ItemField(key, attr or key, False, (), cites)


class SlideKindSpec(NamedTuple):
    """What one slide kind is made of (made by :func:`kind`).

    Attributes:
        name: the value of a slide's ``kind:``.
        items_key: the key the slide lists its items under.
        item_class: the model class of its items.
        fields: the keys of an item, in the order they are read.
        min_items: fewest items a slide needs; 0 also lets the slide leave
            out ``items_key`` altogether.
        order: the name of the rule its items are shown in (a key of
            ``briefing.core.order.ORDER_RULES``).
        keys: every key an item may carry (its fields' and the common ones).
        backed: every item must be cited or be a judgement; a gap may be
            neither (what is not known has no passage that states it).
    """

    name: str
    items_key: str
    item_class: type[Item]
    fields: tuple[ItemField, ...]
    min_items: int
    order: str
    keys: frozenset[str]
    backed: bool


def kind(
    name: str,
    items_key: str,
    item_class: type[Item],
    fields: tuple[ItemField, ...],
    min_items: int = 1,
    order: str = "deck",
    backed: bool = True,
) -> SlideKindSpec:
    """A slide kind's entry (see :class:`SlideKindSpec`)."""
    keys = frozenset(f.key for f in fields) | COMMON_ITEM_KEYS
    return SlideKindSpec(name, items_key, item_class, fields, min_items, order, keys, backed)


_POINT_FIELDS = (required("text"),)

#: Every slide kind by name, in the order messages list them.
KINDS: dict[str, SlideKindSpec] = {
    spec.name: spec
    for spec in (
        kind("title", "bluf", Point, _POINT_FIELDS, min_items=0),
        kind("points", "points", Point, _POINT_FIELDS),
        kind(
            "reactions",
            "reactions",
            Reaction,
            (
                required("country"),
                required("actor"),
                required("stance", choices=STANCES),
                required("summary"),
                optional("role"),
                optional("quote", cites=True),
                optional("speaker"),
            ),
            order="stance",
        ),
        kind("figures", "figures", Figure, (required("value"), required("measures"))),
        kind(
            "quotes",
            "quotes",
            Quote,
            (required("quote", "text", cites=True), optional("speaker"), optional("role")),
        ),
        kind("gaps", "gaps", Gap, _POINT_FIELDS, backed=False),
    )
}

#: The kinds' names, in the order messages list them.
SLIDE_KINDS: tuple[str, ...] = tuple(KINDS)

#: The key under which each slide kind lists its items.
ITEMS_KEY: dict[str, str] = {name: spec.items_key for name, spec in KINDS.items()}
