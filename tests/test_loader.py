"""Loader: every class of schema problem, with its message and line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck
from briefing.core.problems import DeckError
from tests.deckfiles import HEADER, make_project, points_slide


def problems_of(deck: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    return [f"{p.line}:{p.col}: {p.path}: {p.message}" for p in caught.value.problems]


def test_valid_deck_loads_into_frozen_model(tmp_path: Path) -> None:
    deck = load_deck(make_project(tmp_path, points_slide("nearly 30 nations")))
    assert deck.title == "Test deck"
    assert len(deck) == 1
    citation = deck.slides[0].items[0].citations[0]
    assert citation.source_id == "article"
    assert citation.path == "slides[0].points[0].cite[0]"
    assert (citation.location.line, citation.location.col) == (11, 16)
    with pytest.raises(AttributeError):
        deck.title = "changed"  # type: ignore[misc]


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    slides = '  - kind: points\n    titel: P\n    points:\n      - text: x\n        cite: ["30"]\n'
    found = problems_of(make_project(tmp_path, slides))
    assert found[1].startswith("8:5: slides[0].titel: unknown key `titel` (did you mean `title`?)")
    assert any("missing required key `title`" in p for p in found)


def test_every_problem_reported_in_one_run(tmp_path: Path) -> None:
    slides = (
        "  - kind: reactions\n    title: R\n    reactions:\n"
        "      - country: NO\n        actor: x\n        stance: support\n        summary: s\n"
        "        quote: nearly 30 nations\n"
        "  - kind: chart\n    title: C\n"
    )
    found = problems_of(make_project(tmp_path, slides))
    assert (
        "10:18: slides[0].reactions[0].country: expected text, found a true/false value: "
        'YAML reads a bare NO as true/false, so quote it: "NO"' in found
    )
    assert any(
        p.startswith(
            "12:17: slides[0].reactions[0].stance: unknown stance `support` (did you mean `supports`?)"
        )
        for p in found
    )
    assert any(p.startswith("15:11: slides[1].kind: unknown slide kind `chart`") for p in found)
    assert len(found) == 3


def test_number_and_date_get_a_quote_hint(tmp_path: Path) -> None:
    header = HEADER.replace("title: Test deck", "title: 1.10\nas_of: 2025-03-27")
    found = problems_of(make_project(tmp_path, points_slide("30"), header=header))
    assert any(p.startswith("2:8: title: expected text, found a number") and '"1.10"' in p for p in found)
    assert any(p.startswith("3:8: as_of: expected text, found a date") for p in found)


def test_duplicate_keys_name_the_first(tmp_path: Path) -> None:
    slides = (
        '  - kind: points\n    title: A\n    title: B\n    points:\n      - text: x\n        cite: ["30"]\n'
    )
    found = problems_of(make_project(tmp_path, slides))
    assert found == [
        (
            "9:5: slides[0].title: duplicate key `title` (first given at line 8): "
            "YAML would silently keep only the last one"
        )
    ]


def test_missing_fields_and_uncited_items(tmp_path: Path) -> None:
    slides = '  - kind: figures\n    title: F\n    figures:\n      - value: "30"\n'
    found = problems_of(make_project(tmp_path, slides))
    assert "10:9: slides[0].figures[0]: missing required key `measures`" in found
    assert any(p.startswith("10:9: slides[0].figures[0]: every item needs a source") for p in found)


def test_judgement_must_rest_on_known_items(tmp_path: Path) -> None:
    slides = (
        "  - kind: points\n    title: P\n    points:\n"
        '      - id: fact-1\n        text: a fact\n        cite: ["nearly 30 nations"]\n'
        "      - text: our view\n        judgement: true\n        rests_on: [fact-2]\n"
        "      - text: no basis\n        judgement: true\n"
    )
    found = problems_of(make_project(tmp_path, slides))
    assert (
        "15:20: slides[0].points[1].rests_on[0]: no item has the id `fact-2` "
        "(did you mean `fact-1`?)" in found
    )
    assert any(p.startswith("17:20: slides[0].points[2].rests_on: a judgement must name") for p in found)


def test_judgement_loads_with_its_basis(tmp_path: Path) -> None:
    slides = (
        "  - kind: points\n    title: P\n    points:\n"
        '      - id: fact-1\n        text: a fact\n        cite: ["nearly 30 nations"]\n'
        "      - text: our view\n        judgement: true\n        rests_on: [fact-1]\n"
    )
    deck = load_deck(make_project(tmp_path, slides))
    view = deck.slides[0].items[1]
    assert view.judgement and view.rests_on == ("fact-1",) and view.citations == ()
    assert deck.items_by_id["fact-1"].text == "a fact"


def test_several_sources_need_a_source_id(tmp_path: Path) -> None:
    header = HEADER + ""
    header = header.replace("slides:\n", "  - id: other\n    path: ../seeds/article.txt\nslides:\n")
    slides = (
        points_slide("nearly 30 nations")
        + "  - kind: quotes\n    title: Q\n    quotes:\n      - quote: x\n        cite:\n"
        "          - {quote: x, source: artcle}\n"
    )
    found = problems_of(make_project(tmp_path, slides, header=header))
    assert any(
        p.startswith("13:16: slides[0].points[0].cite[0]: the deck has several sources") for p in found
    )
    assert any("unknown source `artcle` (did you mean `article`?)" in p for p in found)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/passwd", "absolute paths are not allowed"),
        ("../../outside.txt", "climbs out of the deck's project"),
        ("../seeds/.env", "hidden files and folders"),
        ("../.ssh/id_rsa", "hidden files and folders"),
    ],
)
def test_source_paths_stay_inside_the_project(tmp_path: Path, path: str, message: str) -> None:
    header = HEADER.replace("../seeds/article.txt", path)
    found = problems_of(make_project(tmp_path / "p", points_slide("30"), header=header))
    assert len(found) == 1 and found[0].startswith("5:11: sources[0].path: ") and message in found[0]


def test_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("nearly 30 nations")
    deck = make_project(tmp_path / "p", points_slide("30"))
    (tmp_path / "p" / "seeds" / "link.txt").symlink_to(secret)
    deck.write_text(deck.read_text().replace("article.txt", "link.txt"))
    found = problems_of(deck)
    assert found == [
        ("5:11: sources[0].path: `../seeds/link.txt` is a symlink that points outside the deck's project")
    ]


def test_deck_outside_decks_folder_is_confined_to_its_own_folder(tmp_path: Path) -> None:
    make_project(tmp_path, "")
    deck = tmp_path / "seeds" / "deck.yaml"
    deck.write_text(HEADER.replace("../seeds/article.txt", "../decks/x.txt") + points_slide("30"))
    assert "climbs out" in problems_of(deck)[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "1:1: : the file is empty"),
        (b"- a\n- b\n", "1:1: : a deck is a mapping"),
        (
            b"just words\n",
            "1:1: : a deck is a mapping (title:, sources:, slides: ...), but this file holds a value",
        ),
        (b"title: [unclosed\n", "2:1: : not valid YAML"),
        (b"a: &x 1\nb: *x\n", "1:4: : anchor &x is not allowed"),
        (
            b"a: !!python/object:os.system x\n",
            "1:4: : YAML tag tag:yaml.org,2002:python/object:os.system is not allowed",
        ),
        (b"title: caf\xe9\n", "1:11: : is not valid UTF-8 (byte 0xe9)"),
        (b"title: a\x00b\n", "1:9: : contains a NUL byte"),
        (b"a: 1\n---\nb: 2\n", "2:1: : more than one YAML document"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_bytes(content)
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert caught.value.unusable
    first = caught.value.problems[0]
    assert f"{first.line}:{first.col}: {first.path}: {first.message}".startswith(expected)


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    deck = tmp_path / "bomb.yaml"
    deck.write_text("\n".join(lines) + "\n")
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert caught.value.unusable
    assert any("alias *a0 is not allowed" in p.message for p in caught.value.problems)


@pytest.mark.parametrize("loader", ["libyaml", "python"])
@pytest.mark.parametrize("depth", [33, 900, 5000, 100_000])
def test_deep_nesting_gets_our_located_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: str, depth: int
) -> None:
    """However deep, and whichever PyYAML parses it: briefing's message, never PyYAML's."""
    import yaml

    from briefing.core import yamlread

    if loader == "python":
        monkeypatch.setattr(yamlread, "_Loader", yaml.SafeLoader)
    deck = tmp_path / "deep.yaml"
    deck.write_text("a: " + "[" * depth + "]" * depth + "\n")
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert caught.value.unusable
    [problem] = caught.value.problems
    assert problem.message == f"nesting deeper than {yamlread.MAX_DEPTH} levels"
    assert problem.line == 1 and 3 + 32 <= problem.col <= 3 + depth  # at or past the 33rd level
    assert str(problem).startswith(f"{problem.file}:1:{problem.col}: nesting deeper than")


def test_deep_block_nesting_gets_our_located_message(tmp_path: Path) -> None:
    deck = tmp_path / "deep.yaml"
    deck.write_text("".join("  " * i + f"k{i}:\n" for i in range(2000)) + "  " * 2000 + "v\n")
    found = problems_of(deck)
    assert found == ["33:65: : nesting deeper than 32 levels"]


def test_nesting_limit_is_exactly_32_levels() -> None:
    from briefing.core.yamlread import parse_nodes

    parse_nodes("a: " + "[" * 31 + "]" * 31 + "\n", "deck.yaml")  # the mapping and 31 lists
    with pytest.raises(DeckError) as caught:
        parse_nodes("a: " + "[" * 32 + "]" * 32 + "\n", "deck.yaml")
    assert [str(p) for p in caught.value.problems] == ["deck.yaml:1:35: nesting deeper than 32 levels"]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    from briefing.core.yamlread import MAX_DECK_BYTES

    deck = tmp_path / "huge.yaml"
    with deck.open("wb") as handle:
        handle.truncate(MAX_DECK_BYTES + 1)
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    assert caught.value.unusable and "too large" in caught.value.problems[0].message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for target, message in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(DeckError) as caught:
            load_deck(target)
        assert caught.value.unusable and caught.value.problems[0].message.startswith(message)


def test_bom_and_crlf_deck_is_accepted(tmp_path: Path) -> None:
    deck = make_project(tmp_path, points_slide("nearly 30 nations"))
    deck.write_bytes(b"\xef\xbb\xbf" + deck.read_bytes().replace(b"\n", b"\r\n"))
    assert load_deck(deck).slides[0].items[0].citations[0].quote == "nearly 30 nations"


@pytest.mark.parametrize(
    "deck",
    [
        Path(__file__).parent / "data" / "kinds" / "decks" / "kinds.yaml",
        Path(__file__).parent / "data" / "hostile" / "decks" / "markup.yaml",
        Path(__file__).parent / "data" / "hostile" / "decks" / "bom-crlf.yaml",
        Path(__file__).parent / "data" / "export" / "hostile.yaml",
        bundled_deck(),
    ],
    ids=lambda p: p.name,
)
def test_the_node_tree_holds_what_pyyaml_composes(deck: Path) -> None:
    """briefing's own (smaller) nodes, parsed from the bytes as the loader does: the tags, values,
    lines and columns (in characters) of PyYAML's pure-Python composer reading the text, in order."""
    import yaml

    from briefing.core.yamlread import (
        MappingNode,
        ScalarNode,
        SequenceNode,
        parse_nodes,
        read_utf8,
    )

    text = deck.read_bytes().decode("utf-8").removeprefix("\ufeff")
    data = read_utf8(deck, deck.name)
    assert data == deck.read_bytes()
    kinds = {MappingNode: yaml.MappingNode, SequenceNode: yaml.SequenceNode, ScalarNode: yaml.ScalarNode}
    pending = [(parse_nodes(data, deck.name), yaml.compose(text, Loader=yaml.SafeLoader))]
    seen = 0
    while pending:
        ours, theirs = pending.pop()
        seen += 1
        assert kinds[type(ours)] is type(theirs)
        assert (ours.tag, ours.line, ours.column) == (
            theirs.tag,
            theirs.start_mark.line,
            theirs.start_mark.column,
        )
        if isinstance(ours, ScalarNode):
            assert ours.value == theirs.value
        elif isinstance(ours, MappingNode):
            assert len(ours.value) == 2 * len(theirs.value)
            for pair, their_pair in zip(ours.pairs(), theirs.value, strict=True):
                pending += zip(pair, their_pair, strict=True)
        else:
            pending += zip(ours.value, theirs.value, strict=True)
    assert seen > 20


@pytest.mark.parametrize(
    "content",
    [
        'title: "\u00e9t\u00e9 \x01"\n',  # a reader error: its position counts characters
        "title: [\u00e9t\u00e9\n  - x\n",  # a syntax error
        "\ufefftitle: &a \u00e9t\u00e9\nx: *a\n",  # refusals, after a BOM
    ],
    ids=["reader error", "syntax error", "anchor and alias"],
)
def test_a_deck_that_does_not_parse_is_reported_as_from_its_text(tmp_path: Path, content: str) -> None:
    """The loader parses the bytes; its problems are worded and placed exactly as parsing the text's."""
    from briefing.core.yamlread import parse_nodes

    deck = tmp_path / "deck.yaml"
    deck.write_bytes(content.encode("utf-8"))
    with pytest.raises(DeckError) as from_text:
        parse_nodes(content.removeprefix("\ufeff"), "deck.yaml")
    with pytest.raises(DeckError) as from_bytes:
        parse_nodes(content.encode("utf-8"), "deck.yaml")
    assert [str(p) for p in from_bytes.value.problems] == [str(p) for p in from_text.value.problems]
    assert from_text.value.problems
