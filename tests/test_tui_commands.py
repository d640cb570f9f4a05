"""The command palette: go to a slide, a country, a source; switch theme.

The provider is driven both directly (its ``search``) and through the real
palette (``ctrl+p``, typing, ``Enter``), as a reader would use it.
"""

from __future__ import annotations

from typing import Any

from textual.command import CommandList
from textual.content import Content

from briefing.core.model import Deck, Reaction, Slide
from briefing.core.verify import Verifier
from briefing.screens.deck import DeckScreen
from briefing.screens.source import SourceScreen
from briefing.ui.app import BriefingApp
from briefing.ui.palette import DeckCommands

SIZE = (100, 30)
REACTIONS = 2


async def hits_for(app: Any, query: str) -> list[Any]:
    provider = DeckCommands(app.screen)
    return [hit async for hit in provider.search(query)]


async def test_go_to_slide_commands_name_every_slide(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        texts = [text for text, _, _ in DeckCommands(app.screen).commands() if text.startswith("Go to slide")]
        assert texts[:5] == [
            "Go to slide: 1 A reassurance force, in brief",
            "Go to slide: 2 Positions",
            "Go to slide: 3 Reactions by country",
            "Go to slide: 4 Key figures",
            "Go to slide: 5 Quotes",
        ]


async def test_go_to_country_highlights_that_row(make_app: Any, small_deck: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        hits = await hits_for(app, "country italy")
        best = max(hits, key=lambda hit: hit.score)
        assert best.text == "Go to country: Italy"
        best.command()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeckScreen)
        assert screen.index == REACTIONS
        assert small_deck.slides[REACTIONS].items[screen.item].country == "Italy"


def bracket_deck() -> Deck:
    """A deck whose slide title, country and actor hold text that looks like markup."""
    reactions = Slide(
        kind="reactions",
        title="[the Americans] and [b]others[/b]",
        items=(
            Reaction(country="[Atlantis]", actor="[b]PM[/b] Smith", stance="supports", summary="Backs it"),
        ),
    )
    return Deck(title="Brackets", slides=(reactions,), sources=())


async def test_prompts_keep_brackets_literal() -> None:
    deck = bracket_deck()
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=SIZE):
        provider = DeckCommands(app.screen)
        slide = [hit async for hit in provider.search("slide americans")]
        country = [hit async for hit in provider.search("country atlantis")]
        shown = [hit async for hit in provider.discover()]
        assert [hit.text for hit in slide] == ["Go to slide: 1 [the Americans] and [b]others[/b]"]
        assert [hit.text for hit in country] == ["Go to country: [Atlantis]"]
        assert slide[0].text in [hit.text for hit in shown]  # the empty query lists it, after the commands
        for hit in (*slide, *country, *shown):
            assert Content.from_markup(hit.prompt).plain == hit.text  # as the palette reads it
        assert Content.from_markup(country[0].help).plain == "supports · [b]PM[/b] Smith"


async def test_the_palette_shows_brackets_literally() -> None:
    deck = bracket_deck()
    app = BriefingApp(deck, Verifier(deck))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"atlantis")
        await pilot.pause(0.5)
        results = app.screen.query_one(CommandList)
        lines = results.render_lines(results.region.reset_offset)
        text = "\n".join("".join(segment.text for segment in line) for line in lines)
        assert "Go to country: [Atlantis]" in text
        assert "supports · [b]PM[/b] Smith" in text


async def test_palette_from_the_keyboard_jumps_to_a_slide(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"slide 4 key")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeckScreen)
        assert screen.index == 3


async def test_source_command_opens_the_source_view(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        hits = await hits_for(app, "source open summit")
        best = max(hits, key=lambda hit: hit.score)
        assert best.text == "Source: open Summit report"
        best.command()
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_both_briefing_themes_are_offered(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        assert {"briefing-dark", "briefing-light"} <= set(app.available_themes)
        assert app.current_theme.name == "briefing-dark"


async def test_briefing_commands_come_first_then_textual_ones(make_app: Any) -> None:
    """With an empty query: every deck action, then the slides, then Textual's generic commands."""
    app = make_app()
    async with app.run_test(size=SIZE):
        provider = DeckCommands(app.screen)
        texts = [hit.text async for hit in provider.discover()]
        for action in (
            "Export",
            "Overview",
            "Help",
            "Citations",
            "Notes",
            "Theme",
            "First slide",
            "Last slide",
        ):
            assert any(text.startswith(action) for text in texts), action
        first_slide = texts.index("Go to slide: 1 A reassurance force, in brief")
        quit_at = texts.index("Quit")
        assert all(not text.startswith("Go to") for text in texts[:first_slide])
        assert quit_at > first_slide
        assert texts.count("Theme") == 0  # Textual's theme command is replaced by briefing's
        # Searching: briefing's help outranks Textual's "Keys" panel for "keys".
        hits = sorted([hit async for hit in provider.search("keys")], key=lambda hit: -hit.score)
        assert [hit.text for hit in hits[:2]] == ["Help: keys and marks of this view", "Keys"]


async def test_export_from_the_palette(make_app: Any, tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the format: Markdown
        await pilot.pause()
        assert (tmp_path / "small.md").exists()


async def test_help_from_the_palette_is_the_help_of_the_view(make_app: Any) -> None:
    from briefing.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the source view
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"help keys")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.view == "source"
