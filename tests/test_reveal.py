"""Incremental reveal (``reveal: true``): the loader field, the slide drawn item by item, export whole."""

from __future__ import annotations

from pathlib import Path

from briefing.core.loader import load_deck
from briefing.core.problems import DeckError
from briefing.core.verify import Verifier
from briefing.output.markdown import export_markdown
from briefing.screens.deck import DeckScreen
from briefing.ui.app import BriefingApp
from briefing.widgets.slide_view import SlideView
from tests.deckfiles import make_project

SLIDES = """  - kind: points
    title: First
    points:
      - text: "opening point"
        cite: ["nearly 30 nations"]
  - kind: points
    title: Step by step
    reveal: true
    points:
      - text: "alpha point"
        cite: ["nearly 30 nations"]
      - text: "bravo point"
        cite: ["gathering steam"]
      - text: "charlie point"
        cite: ["cost €2 billion"]
"""


def drawn(app: BriefingApp) -> str:
    view = app.screen.query_one(SlideView)
    return "\n".join("".join(seg.text for seg in strip) for strip in view._strips(view._width))


async def test_space_reveals_items_one_by_one_and_left_hides(tmp_path: Path) -> None:
    deck = load_deck(make_project(tmp_path, SLIDES))
    assert [s.reveal for s in deck.slides] == [False, True]
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeckScreen) and screen.index == 1
        assert "Step by step" in drawn(app) and "alpha" not in drawn(app)
        await pilot.press("space")
        await pilot.pause()
        assert "alpha point" in drawn(app) and "bravo" not in drawn(app)
        await pilot.press("right", "right")
        await pilot.pause()
        assert all(word in drawn(app) for word in ("alpha", "bravo", "charlie"))
        assert screen.item == 2
        await pilot.press("left")
        await pilot.pause()
        assert "bravo point" in drawn(app) and "charlie" not in drawn(app)
        assert screen.index == 1 and screen.item == 1
        await pilot.press("home", "end")  # gone to (not paged to): the whole slide
        await pilot.pause()
        assert "charlie point" in drawn(app)


def test_export_shows_every_item(tmp_path: Path) -> None:
    deck = load_deck(make_project(tmp_path, SLIDES))
    text = export_markdown(deck, Verifier(deck))
    assert all(f"{word} point" in text for word in ("alpha", "bravo", "charlie"))


def test_reveal_must_be_true_or_false(tmp_path: Path) -> None:
    path = make_project(tmp_path, SLIDES.replace("reveal: true", "reveal: sometimes"))
    try:
        load_deck(path)
    except DeckError as error:
        assert any(
            "slides[1].reveal" in str(p) and "expected true or false" in str(p) for p in error.problems
        )
    else:
        raise AssertionError("a bad reveal value was accepted")
