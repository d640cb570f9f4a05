"""The deck cache's data format: a faithful round trip, and nothing else accepted."""

from __future__ import annotations

import copy
import dataclasses
import json
import operator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate_large
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.model import SLIDE_KINDS, Deck, Location, Reaction
from briefing.store import deckjson
from briefing.store.deckjson import from_data, to_data

DATA = Path(__file__).parent / "data"
DECKS = [
    DATA / "small" / "decks" / "small.yaml",
    DATA / "drill" / "decks" / "drill.yaml",
    DATA / "hostile" / "decks" / "markup.yaml",
    DATA / "hostile" / "decks" / "bom-crlf.yaml",
    DATA / "export" / "hostile.yaml",
    bundled_deck(),
]


def round_trip(deck: Deck) -> Deck | None:
    return from_data(json.loads(json.dumps(to_data(deck), ensure_ascii=False)))


def same(one: Deck, two: Deck) -> bool:
    """Equal, field by field and type by type (``==`` alone takes a tuple for a list)."""
    return one == two and repr(one) == repr(two) and one.items_by_id == two.items_by_id


@pytest.mark.parametrize("path", DECKS, ids=[p.name for p in DECKS])
def test_a_deck_comes_back_equal(path: Path) -> None:
    deck = load_deck(path)
    back = round_trip(deck)
    assert back is not None and same(back, deck)
    assert list(back.items_by_id) == list(deck.items_by_id)  # in the loader's order


@pytest.mark.parametrize("which", ["generated", "every kind"])
def test_a_generated_deck_and_every_kind_come_back_equal(tmp_path: Path, which: str) -> None:
    if which == "generated":
        deck = load_deck(generate_large(tmp_path, slides=40, citations=120, sources=3, source_kb=2))
    else:  # the fixture that uses every slide kind and every key of the format
        deck = load_deck(DATA / "kinds" / "decks" / "kinds.yaml")
        assert {slide.kind for slide in deck.slides} == set(SLIDE_KINDS)
    back = round_trip(deck)
    assert back is not None and same(back, deck)
    # The items the slides hold are the items found by id (one object, not copies).
    for slide in back.slides:
        for item in slide.items:
            if item.id:
                assert back.items_by_id[item.id] is item


def test_a_decks_citations_are_its_slides_in_reading_order(tmp_path: Path) -> None:
    deck = load_deck(generate_large(tmp_path, slides=40, citations=120, sources=3, source_kb=2))
    by_slide = tuple(c for slide in deck.slides for item in slide.items for c in item.citations)
    assert len(by_slide) == 120
    assert deck.citations == tuple(c for slide in deck.slides for c in slide.citations) == by_slide
    assert all(map(operator.is_, deck.citations, by_slide))


def test_every_model_object_has_slots_and_no_dict() -> None:
    """A large deck is some 200,000 of these objects: a ``__dict__`` each would double its memory."""
    deck = load_deck(DATA / "kinds" / "decks" / "kinds.yaml")
    back = round_trip(deck)
    assert back is not None
    for loaded in (deck, back):
        objects: list[Any] = [loaded, *loaded.sources]
        for slide in loaded.slides:
            objects += [slide, slide.location, *slide.items]
            for item in slide.items:
                objects += [item.location, *item.citations, *(c.location for c in item.citations)]
        assert {type(o) for o in objects} >= set(deckjson.CLASSES)
        assert [o for o in objects if hasattr(o, "__dict__")] == []


def test_values_of_few_distinct_strings_are_one_object_each(tmp_path: Path) -> None:
    """JSON makes a string per occurrence; the cache keeps one per value of a source id, kind, stance..."""
    deck = load_deck(generate_large(tmp_path, slides=40, citations=120, sources=3, source_kb=2))
    back = round_trip(deck)
    assert back is not None and same(back, deck)
    citations = back.citations
    assert len({id(c.source_id) for c in citations}) == len({c.source_id for c in citations}) <= 3
    assert len({id(s.kind) for s in back.slides}) == len({s.kind for s in back.slides})
    items = [item for slide in back.slides for item in slide.items]
    stances = [item.stance for item in items if isinstance(item, Reaction)]
    assert stances and len({id(s) for s in stances}) == len(set(stances))


@pytest.fixture(scope="module")
def small() -> Any:
    """The small deck's data, to be damaged (each test takes a deep copy)."""
    return to_data(load_deck(DATA / "small" / "decks" / "small.yaml"))


def union(entry: Any) -> Any:
    return entry["slides"]["members"]["items"]["members"]


def citations(entry: Any) -> Any:
    return union(entry)["Point"]["citations"]["members"]


DAMAGE = {
    "not a dict": lambda e: [e],
    "a field missing": lambda e: {k: v for k, v in e.items() if k != "title"},
    "a field too many": lambda e: {**e, "extra": [""]},
    "a str for a tuple": lambda e: {**e, "authors": "x"},
    "an int for a str": lambda e: citations(e)["quote"].__setitem__(0, 7),
    "a None for a str": lambda e: citations(e)["quote"].__setitem__(0, None),
    "a bool for an int": lambda e: citations(e)["location"]["line"].__setitem__(0, True),
    "a float for an int": lambda e: citations(e)["location"]["line"].__setitem__(0, 1.0),
    "an int for a bool": lambda e: union(e)["Point"]["judgement"].__setitem__(0, 0),
    "a negative line": lambda e: citations(e)["location"]["line"].__setitem__(0, -1),
    "a column too long": lambda e: citations(e)["quote"].append("x"),
    "a length too long": lambda e: union(e)["Point"]["citations"]["lengths"].__setitem__(0, 99),
    "a negative length": lambda e: union(e)["Point"]["citations"]["lengths"].__setitem__(0, -1),
    "an unknown item kind": lambda e: union(e)["kinds"].__setitem__(0, "Exploit"),
    "an item kind not allowed there": lambda e: union(e)["kinds"].__setitem__(0, "Location"),
    "a kind count off": lambda e: union(e)["kinds"].append("Point"),
    "an unknown slide kind": lambda e: e["slides"]["members"]["kind"].__setitem__(0, "bogus"),
    "an item of the wrong class for its slide": lambda e: e["slides"]["members"]["kind"].__setitem__(
        0, "quotes"
    ),
    "an unknown stance": lambda e: union(e)["Reaction"]["stance"].__setitem__(0, "furious"),
    "an undeclared source": lambda e: _set_first(citations(e), "source_id", "elsewhere"),
    "duplicate sources": lambda e: _repeat_first(e["sources"]),
    "a duplicate item id": lambda e: union(e)["Point"]["id"].__setitem__(
        0, next(i for i in union(e)["Point"]["id"] if i)
    ),
    "rests_on an unknown id": lambda e: union(e)["Point"]["rests_on"]["members"].__setitem__(0, "nobody"),
    "an empty path": lambda e: e.__setitem__("path", [""]),
    "a relative deck path": lambda e: e.__setitem__("path", ["deck.yaml"]),
    "a NUL in a path": lambda e: e["sources"]["members"]["resolved"].__setitem__(0, "/a\0b"),
    "another format version": lambda e: e.__setitem__("version", [2]),
    # A column of one value repeated, written once ({"same": value}).
    "a same value of another type": lambda e: citations(e).__setitem__("source_id", {"same": 7}),
    "a same bool for an int": lambda e: citations(e)["location"].__setitem__("col", {"same": True}),
    "a same negative line": lambda e: citations(e)["location"].__setitem__("line", {"same": -1}),
    "a same unknown slide kind": lambda e: e["slides"]["members"].__setitem__("kind", {"same": "bogus"}),
    "a same undeclared source": lambda e: citations(e).__setitem__("source_id", {"same": "elsewhere"}),
    "a same with a key too many": lambda e: citations(e)["source_id"].__setitem__("also", "article"),
    "a same for a column of one": lambda e: e.__setitem__("version", {"same": 1}),
    "a same for a tuple": lambda e: union(e)["Point"].__setitem__("citations", {"same": []}),
    "a list for a dict": lambda e: e.__setitem__("slides", [e["slides"]]),
}


def _set_first(columns: Any, name: str, value: Any) -> None:
    """Give the first row of the column ``name`` this value, whichever form the column is in."""
    column = columns[name]
    if isinstance(column, dict):  # {"same": value}: as many rows as the quotes
        column = columns[name] = [column["same"]] * len(columns["quote"])
    column[0] = value


def _repeat_first(column: Any) -> None:
    """A tuple column (``lengths``, ``members``) of one row given its first member twice."""

    def first_again(members: Any) -> None:
        for value in members.values():
            if isinstance(value, dict):
                first_again(value)
            else:
                value.append(value[0])

    column["lengths"][0] += 1
    first_again(column["members"])


def test_the_damage_is_what_is_refused(small: Any) -> None:
    """The cases above fail for the rule they name, not for their shape."""
    assert any(union(small)["Point"]["id"]) and union(small)["Point"]["rests_on"]["members"]
    entry = copy.deepcopy(small)
    _repeat_first(entry["sources"])
    entry["sources"]["members"]["id"][-1] = "another"
    assert from_data(entry) is not None  # a second source, well-formed: fine
    # The "same" cases change a column that is written in that form, and a
    # well-formed one of the other form is fine.
    assert citations(small)["source_id"] == {"same": "article"}
    entry = copy.deepcopy(small)
    _set_first(citations(entry), "source_id", "article")
    assert type(citations(entry)["source_id"]) is list and from_data(entry) is not None
    entry = copy.deepcopy(small)
    citations(entry)["location"]["col"] = {"same": 1}
    assert from_data(entry) is not None


def test_a_column_of_one_value_repeated_is_written_once(small: Any) -> None:
    """Most fields keep their default: each such column is one value in the data, not one per row."""
    entry = copy.deepcopy(small)
    assert citations(entry)["prefix"] == {"same": ""}
    assert union(entry)["Point"]["draft"] == {"same": False}
    assert entry["version"] == [1]  # a column of one row stays a list
    assert union(entry)["Point"]["judgement"] == [False] * 5 + [True]  # so does any other
    back = from_data(entry)
    assert back is not None
    assert [c.prefix for c in back.citations] == [""] * len(back.citations)


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_damaged_data_is_refused(damage: str, small: Any) -> None:
    entry = copy.deepcopy(small)
    changed = DAMAGE[damage](entry)
    entry = changed if changed is not None else entry
    assert from_data(entry) is None
    assert from_data(copy.deepcopy(small)) is not None  # the undamaged data is fine


def test_nesting_far_deeper_than_the_model_is_refused(small: Any) -> None:
    entry = copy.deepcopy(small)
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    citations(entry)["quote"][0] = deep
    assert from_data(entry) is None


def test_every_slide_kind_has_its_item_class() -> None:
    assert set(deckjson._ITEM_CLASS) == set(SLIDE_KINDS)


def test_the_fingerprint_follows_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new field needs no edit here: it is stored, and entries written before it are never read."""
    before = deckjson.fingerprint()
    model = __import__("briefing.core.model", fromlist=["Location"])

    @dataclasses.dataclass(frozen=True, slots=True)
    class Location:  # the model's, with one field more
        line: int
        col: int
        offset: int = 0

    Location.__module__ = model.__name__
    monkeypatch.setattr(model, "Location", Location)
    monkeypatch.setattr(
        deckjson,
        "CLASSES",
        tuple(Location if cls.__name__ == "Location" else cls for cls in deckjson.CLASSES),
    )
    monkeypatch.setattr(deckjson, "_schema", None)
    after = deckjson.fingerprint()
    assert after != before
    assert ("offset", int) in deckjson._get_schema().fields[Location]
    monkeypatch.undo()
    monkeypatch.setattr(deckjson, "_schema", None)
    assert deckjson.fingerprint() == before


def test_a_type_the_cache_cannot_store_is_refused_at_once() -> None:
    schema = deckjson._get_schema()
    for hint in (float, dict[str, int], list[str], Location | int, tuple[str, int]):
        with pytest.raises(TypeError, match="cannot store"):
            schema.decoder(hint)


# Any change at any place: refused or a deck of the model's own types, never an exception. ---------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.sampled_from(["Point", "Reaction", "Figure", "Quote", "Deck", "kinds", "lengths", "members", "bogus"]),
)
_JUNK = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


def _places(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place in the data, as a path of keys and indexes."""
    places = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            places += _places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            places += _places(child, (*path, index))
    return places


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_change_is_refused_or_well_typed(small: Any, random_change: st.DataObject) -> None:
    entry = copy.deepcopy(small)
    places = _places(entry)
    for _ in range(random_change.draw(st.integers(1, 3))):
        path = random_change.draw(st.sampled_from(places[1:]))
        parent = entry
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = random_change.draw(st.sampled_from(["replace", "delete", "append"]))
            if action == "replace":
                parent[path[-1]] = random_change.draw(_JUNK)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent[path[-1]], list):
                parent[path[-1]].append(random_change.draw(_JUNK))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the place
    deck = from_data(json.loads(json.dumps(entry)))
    if deck is not None:
        to_data(deck)  # raises TypeError for any value of a type the model does not declare
