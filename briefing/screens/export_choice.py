"""A small choice of export format, asked by ``e`` before writing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.output.formats import FORMATS, LABELS

#: The key that picks each format (``enter`` picks the first, Markdown).
KEYS = {"m": "md", "s": "marp", "h": "html", "p": "pdf"}


class ExportChoiceScreen(ModalScreen[str | None]):
    """Asks which format to export; dismisses with its name, or ``None`` on escape."""

    DEFAULT_CSS = """
    ExportChoiceScreen { align: center middle; }
    #export-choice {
        width: 52; max-width: 100%; height: auto;
        border: round $accent; border-title-color: $text-accent; background: $surface; padding: 1 2;
    }
    #export-choice Static { width: 100%; height: auto; }
    #export-cancel { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(key, f"choose('{fmt}')", LABELS[fmt], show=False) for key, fmt in KEYS.items()],
        Binding("enter", "choose('md')", "Markdown", show=False),
        Binding("escape,q", "choose('')", "cancel", show=False),
    ]

    def __init__(self, stem: str) -> None:
        super().__init__()
        self._stem = stem

    def compose(self) -> ComposeResult:
        """One line per format: its key, what it is, the file it writes."""
        with Vertical(id="export-choice"):
            for key, fmt in KEYS.items():
                yield Static(
                    Text.assemble((key, "bold"), f"  {LABELS[fmt]}  ", (self._stem + FORMATS[fmt], "dim")),
                    id=f"export-{fmt}",
                )
            yield Static(
                Text.assemble(("enter", "bold"), " Markdown    ", ("esc", "bold"), " cancel"),
                id="export-cancel",
            )

    def on_mount(self) -> None:
        """Title the box."""
        self.query_one("#export-choice").border_title = "Export as"

    def action_choose(self, fmt: str) -> None:
        """Close with the chosen format (``None`` for cancel)."""
        self.dismiss(fmt or None)
