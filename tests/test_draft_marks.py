"""The `draft: true` mark and the `unclear` stance: loaded, counted, shown, exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text

from briefing.cli.check import run as check
from briefing.core.loader import load_deck
from briefing.core.model import STANCES
from briefing.core.problems import DeckError
from briefing.core.verify import Verifier
from briefing.output.markdown import export_markdown
from briefing.widgets.marks import STANCE_GLYPHS, Palette, RenderContext, badge, stance_mark
from tests.deckfiles import make_project

SLIDES = """  - kind: points
    title: P
    points:
      - text: drafted
        draft: true
        cite: ["nearly 30 nations"]
      - text: reviewed
        cite: ["gathering steam"]
  - kind: reactions
    title: R
    reactions:
      - country: Poland
        actor: Not named
        stance: unclear
        summary: Mentioned only
        draft: true
        cite: ["cost €2 billion"]
"""


def test_draft_mark_loads_and_defaults_to_false(tmp_path: Path) -> None:
    deck = load_deck(make_project(tmp_path, SLIDES))
    assert [i.draft for s in deck.slides for i in s.items] == [True, False, True]
    assert deck.slides[1].items[0].stance == "unclear"


def test_draft_mark_must_be_a_boolean(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck(make_project(tmp_path, SLIDES.replace("draft: true", "draft: maybe", 1)))
    assert any(p.path == "slides[0].points[0].draft" for p in caught.value.problems)


def test_unclear_is_the_last_stance_and_has_a_glyph() -> None:
    assert STANCES[-1] == "unclear" and STANCES[:6] == (
        "leads",
        "supports",
        "conditional",
        "cautious",
        "opposed",
        "hostile",
    )
    assert stance_mark("unclear", Palette()).plain == f"{STANCE_GLYPHS['unclear']} unclear"
    others = {glyph for stance, glyph in STANCE_GLYPHS.items() if stance != "unclear"}
    assert STANCE_GLYPHS["unclear"] not in others | {"?"}  # its own glyph, not the unknown-stance "?"


def test_check_counts_drafts_and_strict_fails_while_any_remain(tmp_path: Path, capsys) -> None:
    deck = make_project(tmp_path, SLIDES)
    assert check([str(deck)]) == 0
    assert "2 items still drafts" in capsys.readouterr().out
    assert check(["--strict", str(deck)]) == 1
    capsys.readouterr()
    assert check(["--json", str(deck)]) == 0
    assert json.loads(capsys.readouterr().out)["decks"][0]["summary"]["drafts"] == 2
    # --strict also holds the deck to the tradecraft checks: a BLUF judgement and a gaps slide
    bluf = "  - kind: title\n    title: T\n    bluf:\n      - id: n\n        text: n\n"
    bluf += '        cite: ["nearly 30 nations"]\n      - text: b\n        judgement: true\n'
    bluf += "        rests_on: [n]\n        confidence: high\n"
    gaps = "  - kind: gaps\n    title: G\n    gaps:\n      - text: open\n"
    reviewed = make_project(tmp_path, bluf + SLIDES.replace("        draft: true\n", "") + gaps)
    assert check(["--strict", str(reviewed)]) == 0
    assert "still draft" not in capsys.readouterr().out


def test_viewer_badge_shows_the_draft_mark(tmp_path: Path) -> None:
    deck = load_deck(make_project(tmp_path, SLIDES))
    ctx = RenderContext(deck, Verifier(deck))
    drafted, reviewed = deck.slides[0].items
    assert isinstance(badge(drafted, ctx), Text)
    assert "✎ draft" in badge(drafted, ctx).plain
    assert "draft" not in badge(reviewed, ctx).plain


def test_export_flags_draft_items(tmp_path: Path) -> None:
    deck = load_deck(make_project(tmp_path, SLIDES))
    text = export_markdown(deck, Verifier(deck))
    assert text.count("*(draft, not yet reviewed)*") == 2


async def test_viewer_opens_a_drafted_deck_and_shows_the_marks(tmp_path: Path) -> None:
    from briefing.ui.app import BriefingApp
    from briefing.widgets.slide_view import SlideView

    deck = load_deck(make_project(tmp_path, SLIDES))
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        shown = "\n".join(
            "".join(s.text for s in line) for line in view.render_lines(view.region.reset_offset)
        )
        assert "✎ draft" in shown
        await pilot.press("right")
        await pilot.pause()
        view = app.screen.query_one(SlideView)
        shown = "\n".join(
            "".join(s.text for s in line) for line in view.render_lines(view.region.reset_offset)
        )
        assert f"{STANCE_GLYPHS['unclear']} unclear" in shown and "✎ draft" in shown
