"""The baseline: the smallest Textual app that paints a line and reacts to a key.

Budgets for briefing's first paint and key latency are ratios to this app,
measured in the same run, in the same terminal, with the same Python and
Textual, so the figures say what briefing adds on top of Textual itself
rather than how fast the machine is. It shows ``minimal 1 / 100``; each
right arrow (briefing's next-slide key) counts up: ``minimal 2 / 100``...

Run it as a script (``python benchmarks/minimal_app.py``): it imports
nothing from briefing.

With ``--screen`` it is the *screen* app instead: the same line on top of
a screen of wrapped prose that is replaced entirely on each key. It does
none of briefing's work, so its key-to-update says what Textual itself
costs for a key that changes most of the screen, as a slide change does.
The benchmark reports it for reference, without a budget.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Static

COUNT = 100
#: Words the screen app's prose is made of (rotated on every key).
WORDS = ("the", "coalition", "of", "the", "willing", "met", "in", "Paris", "to", "weigh", "a",
         "European", "reassurance", "force", "for", "Ukraine", "after", "a", "ceasefire", "and", "its",
         "members", "argued", "over", "troops", "air", "cover", "and", "who", "would", "lead", "it")


def label(number: int) -> str:
    """The line shown at step ``number`` (1-based)."""
    return f"minimal {number} / {COUNT}"


def prose(number: int, lines: int = 24, width: int = 90) -> str:
    """About ``lines`` lines of text that differ from step to step."""
    words = [WORDS[(number * 7 + i) % len(WORDS)] for i in range(lines * width // 6)]
    return " ".join(words)


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


class ScreenApp(MinimalApp):
    """The line, and a screen of prose below it that every key replaces."""

    def compose(self) -> ComposeResult:
        """The line and the prose."""
        yield from super().compose()
        yield Static(prose(self.number), id="prose", markup=False)

    def action_next(self) -> None:
        """Count one up; show the new line and new prose in the same frame."""
        super().action_next()
        self.query_one("#prose", Static).update(prose(self.number))


if __name__ == "__main__":
    (ScreenApp if "--screen" in sys.argv[1:] else MinimalApp)().run()
