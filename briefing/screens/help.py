"""The help screen: every key, grouped by what it is for.

The list is data (:data:`KEYS`) so a test can check it against the deck
screen's bindings and nothing is forgotten when a key is added.
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

#: ``(section, [(keys, what they do), ...])`` in reading order.
KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Slides",
        [
            ("→  l  Space  PgDn", "next slide"),
            ("←  h  PgUp", "previous slide"),
            ("Home  g g", "first slide"),
            ("End  G", "last slide"),
            ("N G  or  N Enter", "slide number N (type the digits first)"),
            ("Esc", "forget a number being typed"),
        ],
    ),
    (
        "Items and sources",
        [
            ("↑ k  ↓ j", "highlight the previous / next item"),
            ("Enter", "open the source of the highlighted item"),
            ("click", "highlight an item; click it again to open its source"),
            ("s", "show / hide the slide's sources (Enter opens one)"),
        ],
    ),
    (
        "Views",
        [
            ("/", "search slides, notes and sources as you type"),
            ("n  N", "after a search: next / previous match"),
            ("o", "overview of all slides (arrows move, Enter jumps, Esc back)"),
            ("e", "export the deck as Markdown to the current folder"),
            ("Ctrl+P", "command palette: go to a slide, a country, a source; themes"),
            ("?", "this help"),
            ("q", "quit"),
        ],
    ),
]


def keys_table() -> Table:
    """The key list as a two-column table with section headings."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for number, (section, rows) in enumerate(KEYS):
        if number:
            table.add_row("", "")
        table.add_row(Text(section, "bold underline"), "")
        for keys, meaning in rows:
            table.add_row(Text(keys), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; ``Esc``, ``?`` or ``q`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "close", key_display="esc")
    ]

    def compose(self) -> ComposeResult:
        """One scrollable panel with the key table."""
        with VerticalScroll(id="help"):
            yield Static(keys_table(), id="keys")

    def on_mount(self) -> None:
        """Title the panel."""
        self.query_one("#help").border_title = "Keys"

    def action_close(self) -> None:
        """Back to where the reader was."""
        self.dismiss(None)
