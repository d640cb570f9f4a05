"""Hypothesis: whatever the input, the loader raises only its own error."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.loader import load_deck
from briefing.core.problems import DeckError
from briefing.core.verify import Verifier

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
keys = st.sampled_from(
    [
        "briefing",
        "title",
        "sources",
        "slides",
        "kind",
        "points",
        "text",
        "cite",
        "quote",
        "id",
        "path",
        "reactions",
        "stance",
        "country",
        "judgement",
        "rests_on",
        "figures",
        "value",
        "measures",
        "bluf",
        "x",
    ]
)
yaml_data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def _load(tmp_path: Path, data: bytes) -> None:
    deck = tmp_path / "decks" / "fuzz.yaml"
    deck.parent.mkdir(exist_ok=True)
    deck.write_bytes(data)
    try:
        loaded = load_deck(deck)
    except DeckError as error:
        assert error.problems
        return
    Verifier(loaded).verify_all()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    _load(tmp_path, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=yaml_data)
def test_arbitrary_yaml_shaped_data(tmp_path: Path, data: object) -> None:
    _load(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=scalars, slides=yaml_data, sources=yaml_data)
def test_deck_shaped_data(tmp_path: Path, title: object, slides: object, sources: object) -> None:
    data = {"briefing": 1, "title": title, "sources": sources, "slides": slides}
    _load(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode())
