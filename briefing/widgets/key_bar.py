"""A one-line key bar: what Textual's footer shows, as a single widget.

Textual's :class:`~textual.widgets.Footer` is a dozen widgets (one per
key, each with styled parts) that are all styled when a screen opens. On
the source view that was most of the work between ``Enter`` and the
passage on screen (207 of 244 style applications). The source view's keys
never change while it is open, so one line of text shows them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

#: Cells between two keys.
GAP = 2


class KeyBar(Widget):
    """Shows ``key description`` pairs on one line, docked at the bottom.

    Keys that do not fit the width are left out from the end; the command
    palette's key (when the app has one) sits at the right if there is
    room, as in Textual's footer.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key"}

    def __init__(self, keys: list[tuple[str, str]], *, id: str | None = None) -> None:
        """Show ``keys``.

        Args:
            keys: ``(key, description)`` pairs in the order to show them,
                e.g. ``("⏎", "go to the slide")``; plain text, never markup.
            id: the widget's id.
        """
        super().__init__(id=id)
        self.keys = keys

    def render(self) -> Text:
        """The keys that fit the width, and the palette key at the right."""
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop")
        used = 0
        for key, description in self.keys:
            cells = cell_len(key) + cell_len(description) + 1 + (GAP if used else 1)
            if used + cells > width:
                break
            line.append(" " * (GAP if used else 1))
            line.append(key, key_style)
            line.append(" " + description)
            used += cells
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
            cells = cell_len(palette) + len(" palette ")
            if used + GAP + cells <= width:
                line.append(" " * (width - used - cells))
                line.append(palette, key_style)
                line.append(" palette ")
        return line
