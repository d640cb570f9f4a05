"""A footer that greys keys out in place instead of rebuilding itself.

Textual's footer recomposes (removes and mounts a dozen widgets) whenever
the screen's bindings change. On the deck screen they change only in
whether a key is enabled (``←`` at the first slide, ``→`` at the last), so
this footer toggles the ``-disabled`` class of the keys it already has and
recomposes only when the set of keys itself changes.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class DeckFooter(Footer):
    """Footer whose keys grey out without a rebuild."""

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        """Update enabled states in place when only they changed."""
        if (
            self._bindings_ready
            and self.is_attached
            and screen is self.screen
            and self._grey_in_place(screen)
        ):
            return
        super().bindings_changed(screen)

    def _grey_in_place(self, screen: Screen) -> bool:  # type: ignore[type-arg]
        keys = [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]
        bindings = screen.active_bindings.values()
        shown = {binding.action for _, binding, _, _ in bindings if binding.show}
        if not keys or shown != {key.action for key in keys}:
            return False
        enabled = {binding.action: is_enabled for _, binding, is_enabled, _ in bindings}
        for key in keys:
            disabled = not enabled[key.action]
            key._disabled = disabled  # what FooterKey's click handler reads
            key.set_class(disabled, "-disabled")
        return True
