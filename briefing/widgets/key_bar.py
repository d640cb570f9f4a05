"""A one-line key bar: what Textual's footer shows, as a single widget.

Textual's :class:`~textual.widgets.Footer` is a dozen widgets (one per
key, each with styled parts) that are all styled when a screen opens and
all drawn again on every layout pass, most of a key's frame (figures in
docs/performance.md). One line of text shows the same keys.

:class:`KeyBar` shows a fixed list of keys; :class:`BindingsBar` follows
the screen's active bindings, greying out (dim) the keys that would do
nothing now, like the footer does.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

#: Cells between two keys.
GAP = 2
#: The keys that move a highlight (one "↑↓ item" entry, whichever widget has them).
ITEM_GROUP = Binding.Group("item", compact=True)


class Key(NamedTuple):
    """One entry of the bar: ``keys`` (display, key name, enabled) and what they do."""

    keys: tuple[tuple[str, str, bool], ...]
    description: str

    @property
    def enabled(self) -> bool:
        """Whether any of the entry's keys does something now."""
        return any(enabled for _, _, enabled in self.keys)


class KeyBar(Widget):
    """Shows ``key description`` pairs on one line, docked at the bottom.

    Keys that do not fit the width are left out from the end; the command
    palette's key (when the app has one) sits at the right if there is
    room, as in Textual's footer. Clicking a key presses it.
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

    def __init__(self, keys: list[tuple[str, str, str]], *, id: str | None = None) -> None:
        """Show ``keys``.

        Args:
            keys: ``(shown, description, key)`` triples in the order to show
                them, e.g. ``("⏎", "go to the slide", "enter")``; plain text,
                never markup. ``key`` is what a click on it presses.
            id: the widget's id.
        """
        super().__init__(id=id)
        self.keys = keys

    def entries(self) -> list[Key]:
        """What the bar shows, in order."""
        return [Key(((shown, key, True),), description) for shown, description, key in self.keys]

    def render(self) -> Text:
        """The keys that fit the width, and the palette key at the right."""
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        off = Style(dim=True)
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop")
        used = 0
        for entry in self.entries():
            shown = "".join(display for display, _, _ in entry.keys)
            cells = cell_len(shown) + cell_len(entry.description) + 1 + (GAP if used else 1)
            if used + cells > width:
                break
            line.append(" " * (GAP if used else 1))
            for display, key, enabled in entry.keys:
                style = key_style if enabled else key_style + off
                line.append(display, style + Style.from_meta({"key": key}) if key and enabled else style)
            line.append(" " + entry.description, None if entry.enabled else off)
            used += cells
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
            cells = cell_len(palette) + len(" palette ")
            if used + GAP + cells <= width:
                line.append(" " * (width - used - cells))
                line.append(palette, key_style + Style.from_meta({"key": self.app.COMMAND_PALETTE_BINDING}))
                line.append(" palette ")
        return line

    def on_click(self, event: events.Click) -> None:
        """A click on an enabled key presses it."""
        key = event.style.meta.get("key")
        if isinstance(key, str) and key:
            event.stop()
            self.app.simulate_key(key.split(",")[0])


class BindingsBar(KeyBar):
    """The screen's shown bindings, greyed out where the screen disables them.

    Redrawn (one line, no layout) whenever the screen says its bindings
    changed: on the deck screen that is when a reading position reaches or
    leaves an end, not on every key.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__([], id=id)

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def entries(self) -> list[Key]:
        """One entry per shown action; a compact group's keys share one entry."""
        entries: list[Key] = []
        seen: set[str] = set()
        group: Binding.Group | None = None
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = (self.app.get_key_display(binding), binding.key, enabled)
            if binding.group is not None and binding.group is group:
                keys, description = entries[-1]
                entries[-1] = Key((*keys, key), description)
                continue
            group = binding.group
            description = binding.group.description if binding.group else binding.description
            entries.append(Key((key,), description))
        # A focused widget's keys come first in Textual's list; show them
        # where the screen has keys of the same name (e.g. "↑↓ item").
        own = self._screen_descriptions()
        return sorted(
            entries, key=lambda entry: own.index(entry.description) if entry.description in own else len(own)
        )

    def _screen_descriptions(self) -> list[str]:
        """The screen's own shown keys' descriptions, in its order."""
        out: list[str] = []
        for binding in getattr(self.screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.show:
                out.append(binding.group.description if binding.group else binding.description)
        return out
