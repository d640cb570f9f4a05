"""Every slide kind is declared once and has everything a kind needs.

The registry (``briefing.core.kinds``) is the one list of kinds. These
tests name any kind that lacks a part (items key, item class, fields,
order rule, renderer, Markdown formatter, its row in docs/deck-format.md,
a slide in the fixture deck) and any table keyed by a kind the registry
does not declare. The fixture deck under
``tests/data/kinds/`` uses every kind and every key the format allows, so
``decks/`` stays content, not a test fixture.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from briefing.core import loader, model
from briefing.core.kinds import COMMON_ITEM_KEYS, ITEMS_KEY, KINDS, SLIDE_KINDS
from briefing.core.loader import load_deck
from briefing.core.model import Backed, Deck, Reaction, Slide
from briefing.core.order import ORDER_RULES, item_order
from briefing.core.verify import Verifier
from briefing.output import html, markdown
from briefing.widgets import slide_view
from briefing.widgets.marks import RenderContext

KINDS_DECK = Path(__file__).parent / "data" / "kinds" / "decks" / "kinds.yaml"
FORMAT_DOC = Path(__file__).parent.parent / "docs" / "deck-format.md"

#: The tables keyed by slide kind outside the registry: each must cover every
#: kind and no other.
TABLES_BY_KIND: dict[str, Callable[[], Mapping[str, object]]] = {
    "renderer in briefing.widgets.slide_view.RENDERERS": lambda: slide_view.RENDERERS,
    "formatter in briefing.output.markdown.SLIDE_FORMATTERS": lambda: markdown.SLIDE_FORMATTERS,
    "body in briefing.output.html.SLIDE_BODIES": lambda: html.SLIDE_BODIES,
}


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(KINDS_DECK)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """The fixture deck as plain YAML data, to see which keys it writes."""
    data = yaml.safe_load(KINDS_DECK.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _documented_keys() -> dict[str, tuple[set[str], set[str]]]:
    """The format doc's table of item keys: item name -> (required, optional)."""
    rows = {}
    for line in FORMAT_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and cells[0] and cells[0] != "kind":
            required, optional = (set(re.findall(r"`([^`]+)`", cell)) for cell in cells[1:])
            rows[cells[0].split()[0]] = (required, optional)
    return rows


def _own_fields(item_class: type) -> dict[str, dataclasses.Field[Any]]:
    """The item class's fields besides those every item has (:class:`Backed`)."""
    common = {f.name for f in dataclasses.fields(Backed)}
    return {f.name: f for f in dataclasses.fields(item_class) if f.name not in common}


def _model_gaps(name: str) -> list[str]:
    """Its items key and item class."""
    spec, gaps = KINDS[name], []
    if not spec.items_key or list(ITEMS_KEY.values()).count(spec.items_key) != 1:
        gaps.append(f"an items key of its own (has {spec.items_key!r})")
    if spec.items_key in loader._SLIDE_KEYS:
        gaps.append(f"an items key that is not a slide key (has {spec.items_key!r})")
    if spec.item_class not in typing.get_args(model.Item) or not issubclass(spec.item_class, Backed):
        gaps.append(f"an item class in model.Item (has {spec.item_class!r})")
    return gaps


def _field_gaps(name: str) -> list[str]:
    """Its fields: each fills an attribute of the item class, and every attribute is filled."""
    spec, gaps = KINDS[name], []
    own, cls = _own_fields(spec.item_class), spec.item_class.__name__
    if not spec.fields:
        gaps.append("fields")
    for f in spec.fields:
        if f.attr not in own:
            gaps.append(f"a field `{f.key}` that fills an attribute of {cls} ({f.attr!r})")
        if f.choices and not f.required:
            gaps.append(f"choices only on required fields (`{f.key}` is optional)")
    required = {f.attr for f in spec.fields if f.required}
    for attr, field in own.items():
        if field.default is dataclasses.MISSING and attr not in required:
            gaps.append(f"a required field for {cls}.{attr}")
        elif attr not in {f.attr for f in spec.fields}:
            gaps.append(f"a field for {cls}.{attr}")
    return gaps


def _elsewhere_gaps(name: str) -> list[str]:
    """Its order rule, its row in the format doc, its entries in the other tables, its fixture slide."""
    spec, gaps = KINDS[name], []
    if spec.order not in ORDER_RULES:
        gaps.append(f"an order rule in briefing.core.order.ORDER_RULES (has {spec.order!r})")
    item_name = spec.item_class.__name__.lower()
    required = {f.key for f in spec.fields if f.required}
    if _documented_keys().get(item_name) != (required, spec.keys - required):
        gaps.append(f"a row `{item_name}` in {FORMAT_DOC.name}'s table of item keys that lists its keys")
    gaps += [f"a {table_name}" for table_name, table in TABLES_BY_KIND.items() if name not in table()]
    used = {slide["kind"] for slide in yaml.safe_load(KINDS_DECK.read_text(encoding="utf-8"))["slides"]}
    if name not in used:
        gaps.append(f"a slide in the fixture deck {KINDS_DECK.name}")
    return gaps


@pytest.mark.parametrize("name", SLIDE_KINDS)
def test_every_kind_has_every_part(name: str) -> None:
    gaps = _model_gaps(name) + _field_gaps(name) + _elsewhere_gaps(name)
    assert not gaps, f"slide kind `{name}` lacks: " + "; ".join(gaps)


@pytest.mark.parametrize("table_name", TABLES_BY_KIND)
def test_tables_by_kind_name_only_declared_kinds(table_name: str) -> None:
    unknown = sorted(set(TABLES_BY_KIND[table_name]()) - set(KINDS))
    assert not unknown, f"{table_name} has entries for kinds the registry does not declare: {unknown}"


def test_the_model_names_come_from_the_registry() -> None:
    assert model.SLIDE_KINDS is SLIDE_KINDS == tuple(KINDS)
    assert model.ITEMS_KEY is ITEMS_KEY == {name: spec.items_key for name, spec in KINDS.items()}


def test_the_fixture_deck_loads_and_verifies_cleanly(deck: Deck) -> None:
    report = Verifier(deck).verify_all()
    assert [str(problem) for problem in report.problems] == []
    assert set(report.results) == {c.path for c in deck.citations}
    assert {path: r.status for path, r in report.results.items() if r.status != "verified"} == {}


def _keys(mappings: list[Any]) -> set[str]:
    return {key for entry in mappings if isinstance(entry, dict) for key in entry}


def test_the_fixture_deck_writes_every_key(raw: dict[str, Any]) -> None:
    missing: list[str] = []
    missing += [f"deck `{k}`" for k in sorted(loader._DECK_KEYS - set(raw))]
    missing += [f"source `{k}`" for k in sorted(loader._SOURCE_KEYS - _keys(raw["sources"]))]
    missing += [f"slide `{k}`" for k in sorted(loader._SLIDE_KEYS - _keys(raw["slides"]))]
    items_by_kind: dict[str, list[Any]] = {name: [] for name in KINDS}
    for slide in raw["slides"]:
        items_by_kind[slide["kind"]] += slide.get(KINDS[slide["kind"]].items_key, [])
    for name, spec in KINDS.items():
        missing += [f"`{k}` on a {name} item" for k in sorted(spec.keys - _keys(items_by_kind[name]))]
        if spec.min_items == 0 and all(spec.items_key in s for s in raw["slides"] if s["kind"] == name):
            missing.append(f"a {name} slide without `{spec.items_key}` (it may be left out)")
    cites = [c for items in items_by_kind.values() for item in items for c in item.get("cite", [])]
    missing += [f"citation `{k}`" for k in sorted(loader._CITE_KEYS - _keys(cites))]
    if not any(isinstance(c, str) for c in cites):
        missing.append("a citation written as a bare quote")
    assert not missing, "the fixture deck never writes: " + ", ".join(missing)


def test_the_common_keys_fill_every_field_items_share() -> None:
    """Each field of :class:`Backed` a deck can set has its key (``cite`` for the citations)."""
    settable = {f.name for f in dataclasses.fields(Backed)} - {"path", "location", "citations"} | {"cite"}
    assert COMMON_ITEM_KEYS == settable
    assert all(spec.keys >= COMMON_ITEM_KEYS for spec in KINDS.values())


def test_item_order_follows_the_rule_the_registry_names(deck: Deck, monkeypatch: pytest.MonkeyPatch) -> None:
    reactions = next(slide for slide in deck.slides if slide.kind == "reactions")
    written = [item.stance for item in reactions.items if isinstance(item, Reaction)]
    shown = [written[i] for i in item_order(reactions)]
    assert shown == sorted(written, key=model.STANCES.index) != written
    monkeypatch.setitem(KINDS, "reactions", KINDS["reactions"]._replace(order="deck"))
    assert item_order(reactions) == list(range(len(reactions.items)))


def test_slides_are_drawn_by_their_kinds_renderer(deck: Deck, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = RenderContext(deck, Verifier(deck))
    drawn: list[tuple[str, str]] = []
    for name in KINDS:
        monkeypatch.setitem(
            slide_view.RENDERERS, name, lambda slide, *_, name=name: drawn.append((name, slide.kind))
        )
    for name in KINDS:
        slide_view.render_slide(Slide(kind=name, title="T"), None, ctx, 80)
    assert drawn == [(name, name) for name in KINDS]


@pytest.mark.parametrize("width", [40, 100, 160])
def test_every_fixture_slide_renders(deck: Deck, width: int) -> None:
    ctx = RenderContext(deck, Verifier(deck))
    for slide in deck.slides:
        console = Console(width=width, no_color=True, color_system=None, record=True)
        console.print(slide_view.render_slide(slide, 0, ctx, width, console))
        text = " ".join(console.export_text().split())
        assert slide.title in text, (slide.kind, text[:200])


def test_the_fixture_deck_exports_every_slide_with_no_unverified_mark(deck: Deck) -> None:
    text = markdown.export_markdown(deck, Verifier(deck))
    assert [s.title for s in deck.slides if f"## {markdown.escape_inline(s.title)}" not in text] == []
    assert "unverified" not in text
