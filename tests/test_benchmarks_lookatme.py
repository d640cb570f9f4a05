"""The lookatme reference rows: its Markdown of the bundled deck, and what the table says without it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from benchmarks.run import Samples, _prepare_references, build_rows
from benchmarks.tui import lookatme_command, lookatme_markdown
from briefing.core.bundled import bundled_deck
from briefing.core.loader import load_deck


def test_the_markdown_has_one_slide_per_slide_with_its_title_and_items() -> None:
    deck = load_deck(bundled_deck())
    markdown = lookatme_markdown(deck)
    front, *slides = markdown.split("\n---\n")
    assert front.startswith("---\ntitle: ")
    assert len(slides) == len(deck.slides)
    for slide, text in zip(deck.slides, slides, strict=True):
        headings = [line for line in text.splitlines() if line.startswith("# ")]
        bullets = [line for line in text.splitlines() if line.startswith("- ")]
        assert len(headings) == 1 and len(bullets) == len(slide.items)
        # Unescaped, the heading is the slide's title (its text is data, not Markdown).
        assert re.sub(r"\\(.)", r"\1", headings[0][2:]) == " ".join(slide.title.split())


def test_markdown_syntax_in_the_text_is_escaped() -> None:
    deck = load_deck(bundled_deck())
    title = "*Bold* [link](x) # not a heading"
    slide = deck.slides[0].__class__(kind="title", title=title)
    markdown = lookatme_markdown(dataclasses.replace(deck, slides=(slide,)))
    assert r"# \*Bold\* \[link\]\(x\) \# not a heading" in markdown


def test_lookatme_is_found_only_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOOKATME", str(tmp_path / "missing"))
    assert lookatme_command() is None
    program = tmp_path / "lookatme"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("LOOKATME", str(program))
    assert lookatme_command() == [str(program)]


def test_without_lookatme_its_rows_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOOKATME", str(tmp_path / "missing"))
    samples = Samples()
    samples.add("key.bundled", 0.012)
    slides: dict[str, int] = {"bundled": 9}
    _prepare_references(samples, bundled_deck(), tmp_path, slides, {})
    rows = {row.figure: row for row in build_rows(samples)}
    alone = rows["next-slide key to screen, lookatme on the bundled deck's slides"]
    against = rows["next-slide key to screen, bundled deck (vs lookatme)"]
    assert alone.value is None and "lookatme is not installed" in alone.note
    assert against.ratio is None and "lookatme is not installed" in against.note


def test_with_lookatme_the_markdown_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "lookatme"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("LOOKATME", str(program))
    samples, slides, paths = Samples(), {"bundled": 9}, {}
    _prepare_references(samples, bundled_deck(), tmp_path, slides, paths)  # type: ignore[arg-type]
    assert slides["lookatme"] == 9 and paths["lookatme"] == tmp_path / "bundled.md"
    assert (tmp_path / "bundled.md").read_text(encoding="utf-8").count("\n# ") == 9
    assert "key.lookatme" not in samples.skip
