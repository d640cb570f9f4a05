"""The baseline: the smallest Textual app that paints a line and reacts to a key.

Budgets for briefing's first paint and key latency are ratios to this app,
measured in the same run, in the same terminal, with the same Python and
Textual, so the figures say what briefing adds on top of Textual itself
rather than how fast the machine is. It shows ``minimal 1 / 100``; each
right arrow (briefing's next-slide key) counts up: ``minimal 2 / 100``...

Run it as a script (``python benchmarks/minimal_app.py``): it imports
nothing from briefing.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Static

COUNT = 100


def label(number: int) -> str:
    """The line shown at step ``number`` (1-based)."""
    return f"minimal {number} / {COUNT}"


class MinimalApp(App[None]):
    """One line of text; ``right`` (or space) changes it."""

    BINDINGS: ClassVar = [("right,space", "next", "next"), ("q", "quit", "quit")]

    def __init__(self) -> None:
        super().__init__()
        self.number = 1

    def compose(self) -> ComposeResult:
        """A single Static line."""
        yield Static(label(self.number), id="line", markup=False)

    def action_next(self) -> None:
        """Count one up and show it."""
        self.number = min(self.number + 1, COUNT)
        self.query_one("#line", Static).update(label(self.number))


if __name__ == "__main__":
    MinimalApp().run()
