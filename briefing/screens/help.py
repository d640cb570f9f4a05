"""The help screen: the keys of the view it was opened from, and what every mark means.

The lists are data (:data:`KEYS`, :data:`OVERVIEW_KEYS`, :data:`SOURCE_KEYS`,
:data:`LEGEND`) so tests can check them against each screen's bindings
and nothing is forgotten when a key is added.

Words, used the same way everywhere: a **citation** is a cite in the deck
(an item's ``cite``: the words it quotes); a **passage** is the span of the
source text a citation was found at; a **source** is the article file.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.widgets.marks import STANCE_GLYPHS

Section = tuple[str, list[tuple[str, str]]]

STANCE_MEANINGS = {
    "leads": "leads or hosts the effort",
    "supports": "supports it",
    "conditional": "supports it on conditions",
    "cautious": "cautious, non-committal",
    "opposed": "opposes it",
    "hostile": "hostile to it",
}

#: What every screen answers to.
EVERYWHERE: Section = (
    "Everywhere",
    [
        ("?", "help for the view you are in"),
        ("Ctrl+P", "command palette: briefing's commands first, then Textual's"),
        ("q", "quit"),
    ],
)

#: The deck screen's keys, ``(section, [(keys, what they do), ...])`` in reading order.
KEYS: list[Section] = [
    (
        "Slides",
        [
            ("→  l  Space  PgDn", "next slide"),
            ("←  h  PgUp", "previous slide"),
            ("Home  g g", "first slide"),
            ("End  G", "last slide"),
            ("N G  or  N Enter", "slide number N (type the digits first)"),
            ("Esc", "forget a number being typed; close the citations panel"),
        ],
    ),
    (
        "Items and citations",
        [
            ("↑ k  ↓ j", "highlight the previous / next item (in the citations panel too)"),
            ("Enter", "open the highlighted item's passage in its source"),
            ("click", "highlight an item; click it again to open its passage"),
            ("s", "show / hide the slide's citations (they follow the highlight)"),
            ("t", "show / hide the slide's notes"),
        ],
    ),
    (
        "Views",
        [
            ("/", "search slides, notes and sources as you type"),
            ("n  N", "after a search: next / previous match"),
            ("o", "overview of all slides"),
            ("e", "export here: Markdown, Marp slides, HTML or PDF"),
            ("p", "the deck file's problems, with their lines (when it has any)"),
        ],
    ),
    (
        "Writing the deck",
        [
            ("E", "open your editor ($VISUAL or $EDITOR) at the highlighted item"),
            ("R", "reload on save: on / off (off with --present)"),
        ],
    ),
    EVERYWHERE,
]

#: The overview's keys.
OVERVIEW_KEYS: list[Section] = [
    (
        "Overview",
        [
            ("← h  → l  ↑ k  ↓ j", "move between cards"),
            ("Home  End", "first / last card"),
            ("PgUp  PgDn", "four rows up / down"),
            ("Enter  click", "go to the chosen slide"),
            ("Esc  o", "back to the slide you were on"),
        ],
    ),
    EVERYWHERE,
]

#: The source view's keys.
SOURCE_KEYS: list[Section] = [
    (
        "Source view",
        [
            ("n  ]", "next cited passage (across every source of the deck)"),
            ("N  [", "previous cited passage"),
            ("Tab  Shift+Tab", "the item's next / previous citation"),
            ("Enter", "go to the slide item citing this passage"),
            ("↑ k  ↓ j", "scroll the source"),
            ("PgUp  PgDn", "scroll a page"),
            ("Esc", "back to the slide, where you left it"),
        ],
    ),
    (
        "Picking a quote (for your deck)",
        [
            ("v", "select the passage on screen (else the first word shown); again: drop it"),
            ("w  b", "one word more / less"),
            (")  (", "to the end of the sentence / back a sentence"),
            ("drag", "select with the mouse (it snaps to whole words)"),
            ("y", "copy the selection as a citation line (with prefix: when repeated)"),
            ("Esc", "drop the selection"),
        ],
    ),
    EVERYWHERE,
]

#: Every mark the views show, and what it means.
LEGEND: list[tuple[str, str]] = [
    ("✓ 2", "the item's 2 citations were found, word for word, in the source"),
    ("✗ 1", "a citation that was not found (or found at several places): do not trust it"),
    ("◆ judgement", "the deck author's judgement, not a source's words; it rests on other items"),
    ("rests on:", "the items a judgement rests on"),
    *(
        (f"{glyph} {stance}", f"stance: {STANCE_MEANINGS.get(stance, stance)}")
        for stance, glyph in STANCE_GLYPHS.items()
    ),
    ("▌", "the highlighted item: Enter opens its passage"),
    ("¶4", "paragraph 4 of the source"),
    ("1.1", "in the citations panel: item 1's first citation"),
    ("(+1 more)", "the item has more citations; Tab steps through them in the source view"),
    ("79/79 ✓", "top bar: how many of the deck's citations verified (✗ in red: not all)"),
    ("⚠ article changed", "top bar: a file changed on disk since briefing loaded it"),
    ("citation 3 of 79", "source view: the citation's place among the deck's citations"),
    ("passage 2 of 9", "source view: the passage's place among the cited passages of this source"),
]

VIEWS: dict[str, tuple[str, list[Section]]] = {
    "deck": ("Keys · slides", KEYS),
    "overview": ("Keys · overview", OVERVIEW_KEYS),
    "source": ("Keys · source view", SOURCE_KEYS),
}


def keys_table(sections: list[Section] | None = None) -> Table:
    """The keys (and the marks' legend) as a two-column table with section headings."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    rows = [*(sections if sections is not None else KEYS), ("Marks", LEGEND)]
    for number, (section, entries) in enumerate(rows):
        if number:
            table.add_row("", "")
        table.add_row(Text(section, "bold underline"), "")
        for keys, meaning in entries:
            table.add_row(Text(keys), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of one view (``deck``, ``overview`` or ``source``) and the marks.

    ``Esc`` or ``?`` closes it; ``q`` quits, as in every view.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "close", key_display="esc"),
        Binding("q", "app.quit", "quit"),
    ]

    def __init__(self, view: str = "deck") -> None:
        super().__init__()
        self.view = view if view in VIEWS else "deck"

    def compose(self) -> ComposeResult:
        """One scrollable panel: the key table, then how to close it."""
        title, sections = VIEWS[self.view]
        with VerticalScroll(id="help") as panel:
            panel.border_title = title
            panel.border_subtitle = "Esc closes · q quits"
            yield Static(keys_table(sections), id="keys")
            yield Static(Text("Esc or ? closes this help; q quits briefing.", "italic"), id="help-close")

    def action_close(self) -> None:
        """Back to where the reader was."""
        self.dismiss(None)
