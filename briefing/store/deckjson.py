"""The deck model as plain JSON data and back, with every value checked.

The deck cache keeps a loaded deck so that opening it again needs neither
PyYAML nor the loader. What it keeps must be data, never code (unpickling
runs whatever the file says), and a file read back may have been changed
by anyone: :func:`from_data` accepts exactly the shapes :func:`to_data`
writes, and returns ``None`` for anything else.

The shapes come from the model itself (each class's fields, in order, and
their type hints), for the classes in :data:`CLASSES` only. A new field or
a new kind of item needs no edit here, and changes :func:`fingerprint`, so
entries written before the change are never read.

The data is stored by column, not by object: all the deck's citations are
one JSON object of lists (``{"source_id": [...], "quote": [...], ...}``),
a tuple field is its lengths and its members' columns, and a field that
holds one of several classes (an item) is the list of their names and a
column set per class. So the 10,000 citations of a large deck are parsed,
type-checked and built by C loops (``map``, ``set``, ``zip``), which is
what makes a hit as fast as unpickling was, and the nesting is only as
deep as the model's. A plain column of one value repeated (most fields
keep their default) is that value once: ``{"same": value}``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import sys
import types
import typing
from collections import deque
from collections.abc import Callable, Iterator
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any

from briefing.core.kinds import KINDS
from briefing.core.model import (
    FORMAT_VERSION,
    SLIDE_KINDS,
    STANCES,
    Citation,
    Deck,
    Item,
    Location,
    Reaction,
    Slide,
    Source,
)

__all__ = ["CLASSES", "fingerprint", "from_data", "to_data"]

#: The class of item each kind of slide holds, as the loader builds them
#: (from the registry, so a new kind needs no edit here).
_ITEM_CLASS: dict[str, type] = {name: spec.item_class for name, spec in KINDS.items()}

#: The only classes a cache file can make: nothing else is ever built.
CLASSES: tuple[type, ...] = (
    Deck,
    Slide,
    Source,
    Citation,
    Location,
    *dict.fromkeys(_ITEM_CLASS.values()),
)

#: Fields not written, rebuilt from the rest on reading.
_DERIVED: dict[type, tuple[str, ...]] = {Deck: ("items_by_id",)}

#: Plain fields that take only some values: code elsewhere relies on them.
_CHOICES: dict[tuple[type, str], frozenset[str]] = {
    (Slide, "kind"): frozenset(SLIDE_KINDS),
    (Reaction, "stance"): frozenset(STANCES),
}
_NON_NEGATIVE: frozenset[tuple[type, str]] = frozenset({(Location, "line"), (Location, "col")})
#: Fields of few distinct values, one string object each once read (JSON
#: makes a new string for every occurrence): a 10,000-slide deck's 50,000
#: citations name 100 sources, its 10,000 slides 5 kinds.
_SHARED: frozenset[str] = frozenset(
    {"source_id", "kind", "stance", "country", "actor", "role", "speaker", "confidence", "likelihood"}
)


_PLAIN = (str, int, bool)
_TUPLE_KEYS = {"lengths", "members"}
_KINDS = "kinds"
_SAME = "same"
_SAME_KEYS = {_SAME}


class _Invalid(ValueError):
    """The data is not something :func:`to_data` writes."""


#: Turns ``n`` values of one type into their JSON column.
Encoder = Callable[[list], Any]
#: Checks a JSON column that must hold ``n`` values and builds them.
Decoder = Callable[[Any, int], list]


def _field_types(classes: tuple[type, ...]) -> dict[type, dict[str, Any]]:
    """Each class's field types, as ``typing.get_type_hints`` gives them, at a fraction of its cost.

    Under postponed evaluation an annotation is its text; each distinct text
    is evaluated once, in the namespace of the module of the class that
    declared it (``get_type_hints`` compiles every annotation of every class
    anew: about 1 ms, which would be a hit's largest fixed cost). The texts
    are the model's own source, never data.
    """
    evaluated: dict[tuple[str, str], Any] = {}
    found: dict[type, dict[str, Any]] = {}
    for cls in classes:
        hints: dict[str, Any] = {}
        for owner in reversed(cls.__mro__):
            # (Not inspect.get_annotations: importing inspect costs more than this saves.)
            for name, hint in vars(owner).get("__annotations__", {}).items():
                if isinstance(hint, str):
                    key = (owner.__module__, hint)
                    if key not in evaluated:
                        evaluated[key] = eval(hint, vars(sys.modules[owner.__module__]))
                    hint = evaluated[key]
                hints[name] = hint
        found[cls] = hints
    return found


class _Schema:
    """Column encoders and decoders for :data:`CLASSES`, built once from their type hints."""

    def __init__(self) -> None:
        hints = _field_types(CLASSES)
        self.fields: dict[type, tuple[tuple[str, Any], ...]] = {}
        for cls in CLASSES:
            derived = _DERIVED.get(cls, ())
            self.fields[cls] = tuple(
                (f.name, hints[cls][f.name]) for f in dataclasses.fields(cls) if f.name not in derived
            )
        self.decoders: dict[Any, Decoder] = {}
        self.encoders: dict[type, Encoder] = {}
        self.decode_deck = self.decoder(Deck)
        text = repr([(cls.__module__, cls.__qualname__, self.fields[cls]) for cls in CLASSES])
        self.fingerprint = hashlib.sha256(text.encode()).hexdigest()[:16]

    def kind(self, hint: Any) -> tuple[str, Any]:
        """What ``hint`` is: ``plain``, ``path``, ``optional``, ``tuple``, ``class`` or ``union``."""
        if hint in CLASSES:
            return "class", hint
        if hint is Path:
            return "path", None
        if hint in _PLAIN:
            return "plain", hint
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return "tuple", args[0]
        if origin in (typing.Union, types.UnionType):
            members = tuple(a for a in args if a is not type(None))
            if len(members) > 1 and len(members) == len(args) and all(m in CLASSES for m in members):
                return "union", members
            if len(members) == 1 and len(args) == 2 and self.kind(members[0])[0] in ("plain", "path"):
                return "optional", members[0]
        raise TypeError(f"the deck cache cannot store {hint!r}")

    # Decoding ---------------------------------------------------------------

    def decoder(self, hint: Any) -> Decoder:
        """The decoder of a column of ``hint`` values (one per type, shared)."""
        if hint in self.decoders:
            return self.decoders[hint]
        kind, arg = self.kind(hint)
        if kind == "class":
            return self._class_decoder(arg)
        decoder: Decoder
        if kind == "path":
            decoder = _decode_paths
        elif kind == "plain":
            decoder = _PLAIN_DECODERS[arg]
        elif kind == "tuple":
            decoder = self._tuple_decoder(arg)
        elif kind == "union":
            decoder = self._union_decoder(arg)
        else:
            decoder = _optional_decoder(self.decoder(arg))
        self.decoders[hint] = decoder
        return decoder

    def _class_decoder(self, cls: type) -> Decoder:
        if cls in self.decoders:
            return self.decoders[cls]
        fields = self.fields[cls]
        names = tuple(name for name, _ in fields)
        keys = set(names)
        columns = [
            (name, _decode_shared if name in _SHARED and hint is str else self.decoder(hint))
            for name, hint in fields
        ]
        checks: list[tuple[int, Callable[[list], bool]]] = []
        for i, name in enumerate(names):
            if (cls, name) in _CHOICES:
                checks.append((i, _choice_check(_CHOICES[(cls, name)])))
            elif (cls, name) in _NON_NEGATIVE:
                checks.append((i, _non_negative))
        new = object.__new__
        post_init = hasattr(cls, "__post_init__")
        setters = [_slot(cls, name).__set__ for name in names]

        def decode(node: Any, n: int) -> list:
            if type(node) is not dict or node.keys() != keys:
                raise _Invalid(cls.__name__)
            values = [decode_column(node[name], n) for name, decode_column in columns]
            node.clear()  # the columns read go as soon as their objects are built (peak memory)
            for i, check in checks:
                if not check(values[i]):
                    raise _Invalid(cls.__name__)
            if post_init:  # pragma: no cover - no model class has one today
                return [cls(**dict(zip(names, row, strict=True))) for row in zip(*values, strict=True)]
            # As unpickling does: each object's fields set without __init__
            # (a frozen dataclass's __init__ sets them one by one through
            # object.__setattr__), here a column at a time through the
            # classes' slots.
            objects: list = list(map(new, repeat(cls, n)))
            for set_slot, column in zip(setters, values, strict=True):
                deque(map(set_slot, objects, column), maxlen=0)
            return objects

        self.decoders[cls] = decode
        return decode

    def _tuple_decoder(self, hint: Any) -> Decoder:
        members = self.decoder(hint)

        def decode(node: Any, n: int) -> list:
            if type(node) is not dict or node.keys() != _TUPLE_KEYS:
                raise _Invalid("tuple")
            lengths = _PLAIN_DECODERS[int](node["lengths"], n)
            if lengths and min(lengths) < 0:
                raise _Invalid("tuple")
            # All the tuples' members are one column, cut back into tuples
            # (with quick ways for the common columns of no or one member each).
            total = sum(lengths)
            column = members(node["members"], total)
            node.clear()
            if not total:
                return [()] * n
            if total == n and lengths.count(1) == n:
                return list(zip(column))
            flat: Iterator = iter(column)
            return list(map(tuple, map(islice, repeat(flat), lengths)))

        return decode

    def _union_decoder(self, members: tuple[type, ...]) -> Decoder:
        by_name = {cls.__name__: self._class_decoder(cls) for cls in members}

        def decode(node: Any, n: int) -> list:
            if type(node) is not dict:
                raise _Invalid("union")
            kinds = _str_column(node.get(_KINDS), n)
            present = set(kinds)
            if not present <= by_name.keys() or node.keys() != present | {_KINDS}:
                raise _Invalid("union")
            built = {name: iter(by_name[name](node.pop(name), kinds.count(name))) for name in present}
            return list(map(next, map(built.__getitem__, kinds)))

        return decode

    # Encoding ---------------------------------------------------------------

    def encoder(self, hint: Any) -> Encoder:
        """The encoder of a column of ``hint`` values."""
        kind, arg = self.kind(hint)
        if kind == "class":
            return self._class_encoder(arg)
        if kind == "path":
            return lambda values: [str(_exactly(Path, value)) for value in values]
        if kind == "plain":
            return lambda values: _plain_column([_exactly(arg, value) for value in values])
        if kind == "tuple":
            members = self.encoder(arg)
            return lambda values: {
                "lengths": _plain_column([len(_exactly(tuple, value)) for value in values]),
                "members": members(list(chain.from_iterable(values))),
            }
        if kind == "union":
            by_name = {cls.__name__: self._class_encoder(cls) for cls in arg}

            def encode_union(values: list) -> dict:
                kinds = [type(value).__name__ for value in values]
                node: dict[str, Any] = {_KINDS: kinds}
                for name in dict.fromkeys(kinds):
                    if name not in by_name:
                        raise TypeError(f"the deck cache cannot store a {name} here")
                    node[name] = by_name[name]([v for v, k in zip(values, kinds, strict=True) if k == name])
                return node

            return encode_union
        inner = self.encoder(arg)
        return lambda values: [None if value is None else inner([value])[0] for value in values]

    def _class_encoder(self, cls: type) -> Encoder:
        if cls in self.encoders:
            return self.encoders[cls]
        fields = [(name, self.encoder(hint)) for name, hint in self.fields[cls]]

        def encode(values: list) -> dict:
            for value in values:
                _exactly(cls, value)
            return {name: column(list(map(operator.attrgetter(name), values))) for name, column in fields}

        self.encoders[cls] = encode
        return encode


def _slot(cls: type, name: str) -> Any:
    """The slot of ``cls`` that holds the field ``name`` (every model class has slots, no ``__dict__``)."""
    slot = getattr(cls, name, None)
    if type(slot) is not types.MemberDescriptorType:
        raise TypeError(f"the deck cache needs a slot for {cls.__name__}.{name}")
    return slot


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind and not (kind is Path and isinstance(value, Path)):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


# A plain column is ``node`` if it is a list of ``n`` values of exactly its
# type (a bool is no int here, nor an int a bool).


def _str_column(node: Any, n: int) -> list:
    if type(node) is not list or len(node) != n:
        raise _Invalid("str")
    try:  # JSON makes no subclass of str; join refuses anything else, at memcpy speed
        "".join(node)
    except TypeError:
        raise _Invalid("str") from None
    return node


def _int_column(node: Any, n: int) -> list:
    if type(node) is not list or len(node) != n or (node and set(map(type, node)) != {int}):
        raise _Invalid("int")
    return node


def _bool_column(node: Any, n: int) -> list:
    if type(node) is not list or len(node) != n or (node and set(map(type, node)) != {bool}):
        raise _Invalid("bool")
    return node


def _plain_column(values: list) -> Any:
    """A column of one value repeated, as ``{"same": value}``; any other, as the list of its values.

    Most fields keep their default (a citation's prefix and suffix, an
    item's id, draft, confidence...): in a large deck's data over a third
    of the values are such repeats, each a value to parse, check and keep
    in memory. The values are all of one exact type (a bool never counts as
    an int here), so ``==`` compares like with like.
    """
    if len(values) > 1 and values.count(values[0]) == len(values):
        return {_SAME: values[0]}
    return values


def _decode_shared(node: Any, n: int) -> list:
    """A column of strings of few distinct values, with one (interned) object per value.

    Each distinct value is interned once, not each row: a column written
    once (``{"same": value}``) is one lookup, and any other is a lookup per
    row in a table of its few values, about 30% faster than interning each.
    """
    if type(node) is dict:
        return [sys.intern(_PLAIN_DECODERS[str](node, n)[0])] * n
    column = _str_column(node, n)
    one_each = {value: sys.intern(value) for value in set(column)}
    return list(map(one_each.__getitem__, column))


def _plain_decoder(kind: type, column: Decoder) -> Decoder:
    """The decoder of a column of ``kind`` values, either form :func:`_plain_column` writes."""

    def decode(node: Any, n: int) -> list:
        if type(node) is dict:
            if n < 2 or node.keys() != _SAME_KEYS or type(node[_SAME]) is not kind:
                raise _Invalid(kind.__name__)
            return [node[_SAME]] * n
        return column(node, n)

    return decode


_PLAIN_DECODERS: dict[type, Decoder] = {
    str: _plain_decoder(str, _str_column),
    int: _plain_decoder(int, _int_column),
    bool: _plain_decoder(bool, _bool_column),
}


def _choice_check(allowed: frozenset[str]) -> Callable[[list], bool]:
    return lambda column: set(column) <= allowed


def _non_negative(column: list) -> bool:
    return not column or min(column) >= 0


def _decode_paths(node: Any, n: int) -> list:
    paths = _str_column(node, n)
    if not all(paths) or any("\0" in path for path in paths):
        raise _Invalid("path")
    return list(map(Path, paths))


def _optional_decoder(inner: Decoder) -> Decoder:
    def decode(node: Any, n: int) -> list:
        if type(node) is not list or len(node) != n:
            raise _Invalid("optional")
        where = [i for i, value in enumerate(node) if value is not None]
        out: list = [None] * n
        for i, value in zip(where, inner([node[i] for i in where], len(where)), strict=True):
            out[i] = value
        return out

    return decode


_schema: _Schema | None = None


def _get_schema() -> _Schema:
    global _schema
    if _schema is None:
        _schema = _Schema()
    return _schema


def fingerprint() -> str:
    """A short digest of the model's shape: it changes whenever a class or field does."""
    return _get_schema().fingerprint


def to_data(deck: Deck) -> dict:
    """The deck as JSON-ready dicts, lists, strings, numbers and booleans.

    Raises:
        TypeError: the deck holds a value the model's hints do not allow.
    """
    return _get_schema().encoder(Deck)([deck])


def from_data(data: Any) -> Deck | None:
    """The deck :func:`to_data` wrote, or ``None`` if ``data`` is anything else.

    Beyond the shapes, the rules other code relies on without checking are
    checked again: known slide kinds and stances, the class of item each
    kind holds, citations of declared sources, unique ids, ``rests_on``
    naming existing items. ``data`` is consumed (its lists are reused, its
    dicts emptied as they are read, so that what was read is let go while
    the rest is built).
    """
    try:
        deck = _get_schema().decode_deck(data, 1)[0]
    except (_Invalid, RecursionError):
        return None
    items_by_id = _sound(deck)
    if items_by_id is None:
        return None
    object.__setattr__(deck, "items_by_id", items_by_id)
    return deck


def _sound(deck: Deck) -> dict[str, Item] | None:
    """The deck's items by id, if it keeps the loader's rules across objects; else ``None``."""
    if deck.version != FORMAT_VERSION or not deck.path.is_absolute():
        return None
    source_ids = {source.id for source in deck.sources}
    if len(source_ids) != len(deck.sources):
        return None
    slides = deck.slides
    items = list(chain.from_iterable(map(operator.attrgetter("items"), slides)))
    # Each slide's items are of the class its kind holds (an unknown kind: None, never a class).
    expected = map(
        repeat,
        map(_ITEM_CLASS.get, map(operator.attrgetter("kind"), slides)),
        map(len, map(operator.attrgetter("items"), slides)),
    )
    if list(map(type, items)) != list(chain.from_iterable(expected)):
        return None
    ids = list(map(operator.attrgetter("id"), items))
    items_by_id = dict(zip(ids, items, strict=True))  # an id used twice is refused below
    items_by_id.pop("", None)
    citations = chain.from_iterable(map(operator.attrgetter("citations"), items))
    if (
        len(items_by_id) != len(ids) - ids.count("")  # an id used twice
        or not set(map(operator.attrgetter("source_id"), citations)) <= source_ids
        or not set(chain.from_iterable(map(operator.attrgetter("rests_on"), items))) <= items_by_id.keys()
    ):
        return None
    return items_by_id
