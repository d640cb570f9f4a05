"""Textual's private API, in the one place briefing touches it.

Three things briefing needs have no public form in Textual 8, so they use
names with a leading underscore, which may change in any release:

- ``ScrollView._size_updated``: the only hook called while the screen is
  laid out, before the frame is painted. A view that wraps or sizes its
  text there shows the right lines in the very first frame; ``on_resize``
  comes a frame or two later. (:class:`LayoutScrollView`)
- ``Widget._scroll_update``: tells the scrollbars about a new virtual size
  without the layout pass (and full repaint) that setting
  ``virtual_size`` schedules. (:meth:`LayoutScrollView.update_scrollbars`)
- ``MessagePump._attach``: gives a node that is never mounted a parent, so
  the stylesheet styles it as the parent's child would be. (:func:`attach`)

``tests/test_compat.py`` checks each name's signature in the installed
Textual, so an upgrade that changes one fails there, loudly, rather than
as a wrong first frame somewhere in a screen.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.geometry import Size
from textual.scroll_view import ScrollView

__all__ = ["LayoutScrollView", "attach"]


class LayoutScrollView(ScrollView):
    """A ScrollView told its new size during layout, before the frame is painted.

    Subclasses override :meth:`before_layout_size` and
    :meth:`after_layout_size` instead of Textual's private hook.
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's layout hook, wrapped by the two public ones."""
        self.before_layout_size(size)
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        self.after_layout_size()
        return changed

    def before_layout_size(self, size: Size) -> None:
        """Called with the view's new outer size, before Textual applies it."""

    def after_layout_size(self) -> None:
        """Called once Textual has applied the new size (``container_size`` is current)."""

    def update_scrollbars(self, virtual_size: Size) -> None:
        """Show ``virtual_size`` in the scrollbars now, without a layout pass."""
        self._scroll_update(virtual_size)


def attach(node: DOMNode, parent: DOMNode) -> None:
    """Make ``parent`` the parent of ``node`` without mounting it.

    The node posts no messages and is never laid out or shown; it exists
    so that ``stylesheet.apply(node)`` resolves its classes in the
    parent's context (theme variables, inherited styles).
    """
    node._attach(parent)
